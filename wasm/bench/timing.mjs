// Timing helpers shared by the Node benchmarks: a run count calibrated to a fixed amount of work
// per round, and interleaved rounds (every measure once per round, in turn, so a busy machine
// slows all of them alike instead of whichever happened to run during the noise).
import { performance } from 'node:perf_hooks';

/** Seconds per call of `fn`, over `runs` calls. */
export function perRun(runs, fn) {
  const start = performance.now();
  for (let i = 0; i < runs; i += 1) fn();
  return (performance.now() - start) / 1e3 / runs;
}

/**
 * How many calls of `fn` take about `seconds` (at least 3, at most 100000), found by doubling
 * from one call; the calls double as a warm-up of the JIT.
 */
export function calibrate(fn, seconds = 0.02) {
  let runs = 1;
  for (;;) {
    const start = performance.now();
    for (let i = 0; i < runs; i += 1) fn();
    const elapsed = (performance.now() - start) / 1e3;
    if (elapsed >= seconds / 4 || runs >= 100_000) {
      return Math.min(100_000, Math.max(3, Math.round((runs * seconds) / Math.max(elapsed, 1e-9))));
    }
    runs *= 2;
  }
}

/**
 * `rounds` interleaved rounds of every measure: `measures` maps a name to a function taking a
 * round index and returning seconds per call (sync or async). Returns name -> seconds[].
 */
export async function interleave(rounds, measures) {
  const out = Object.fromEntries(Object.keys(measures).map((k) => [k, []]));
  for (let round = 0; round < rounds; round += 1) {
    for (const [name, measure] of Object.entries(measures)) {
      out[name].push(await measure(round));
    }
  }
  return out;
}

/** Seconds -> microseconds, element-wise. */
export const micros = (seconds) => seconds.map((s) => s * 1e6);
