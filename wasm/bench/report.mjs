// The report of the wasm benchmarks, in the one format of `make bench` (bench/src/report.rs):
// rows with median [min-max] of interleaved rounds, the peer or floor they are judged against,
// the ratio and PASS/MISS, printed as a table and written as one section of
// target/bench/results.json. The Rust writer is not callable from Node, so this file mirrors
// it: the same JSON per row ({name, attesta, reference_name, reference, ratio, target,
// verdict}), the same machine object, and the same merge (read the file, replace this
// section, keep the others, write it back). A change to report.rs's JSON must be made here too.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { dirname } from 'node:path';

/** Median, min, max and count of `values`; `null` when empty or one is not a number. */
export function stats(values) {
  if (values.length === 0 || values.some((v) => typeof v !== 'number' || Number.isNaN(v))) {
    return null;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  // An even count takes the mean of the two middle rounds, as report.rs does.
  const median = n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return { median, min: sorted[0], max: sorted[n - 1], rounds: n };
}

/** One value measured once (a size, a percentile over a whole run). */
export function single(value) {
  return { median: value, min: value, max: value, rounds: 1 };
}

/**
 * The `p`-th percentile (0-100) of `values` by the nearest-rank method: the smallest value with
 * at least p% of the values at or below it; `null` when there are none.
 */
export function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/**
 * Targets, as in report.rs. The ratio is always reference / attesta, except for floors
 * (attesta / floor).
 */
export const Target = {
  /** Attesta is at least `x` times faster than the reference. */
  fasterThan: (x) => ({ kind: 'faster', x }),
  /** Attesta takes at most `x` times the floor. */
  withinFloor: (x) => ({ kind: 'floor', x }),
  /** Attesta's median is at most `x`. */
  atMost: (x) => ({ kind: 'at_most', x }),
  /** Attesta's median is at least `x`. */
  atLeast: (x) => ({ kind: 'at_least', x }),
  /** Reported for context, judged by no target. */
  info: { kind: 'info' },
};

function describe(target) {
  switch (target.kind) {
    case 'faster':
      return `>= ${target.x}x faster`;
    case 'floor':
      return `<= ${target.x}x the floor`;
    case 'at_most':
      return `<= ${target.x}`;
    case 'at_least':
      return `>= ${target.x}`;
    default:
      return '';
  }
}

/** A row with no reference. */
export function alone(name, attesta, target) {
  return { name, attesta, reference: null, referenceName: '', target };
}

/** A row judged against `reference` (named `referenceName`). */
export function against(name, attesta, referenceName, reference, target) {
  return { name, attesta, reference, referenceName, target };
}

/** The ratio the row's target is about, when both sides were measured. */
export function ratio(row) {
  if (!row.attesta || !row.reference) return null;
  const ours = row.attesta.median;
  const reference = row.reference.median;
  if (row.target.kind === 'floor') return reference > 0 ? ours / reference : null;
  return ours > 0 ? reference / ours : null;
}

/** 'PASS', 'MISS', 'n/a' (not measured) or '' (no target). */
export function verdict(row) {
  if (row.target.kind === 'info') return '';
  if (!row.attesta) return 'n/a';
  const ours = row.attesta.median;
  let pass;
  switch (row.target.kind) {
    case 'at_most':
      pass = ours <= row.target.x;
      break;
    case 'at_least':
      pass = ours >= row.target.x;
      break;
    default: {
      const r = ratio(row);
      if (r === null) return 'n/a';
      pass = row.target.kind === 'floor' ? r <= row.target.x : r >= row.target.x;
    }
  }
  return pass ? 'PASS' : 'MISS';
}

/** Four significant figures at most, as report.rs prints them. */
function figure(x) {
  if (x === 0) return '0';
  if (Math.abs(x) >= 1000) return x.toFixed(0);
  if (Math.abs(x) >= 1) return x.toFixed(3);
  return x.toFixed(5);
}

function spread(s) {
  if (!s) return '-';
  return s.rounds > 1 ? `${figure(s.median)} [${figure(s.min)}-${figure(s.max)}]` : figure(s.median);
}

/** The machine: cores available and the CPU model (`model name` of /proc/cpuinfo). */
export function machine() {
  let model = 'unknown CPU';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.split(':')[0].trim() === 'model name');
    if (line) model = line.slice(line.indexOf(':') + 1).trim();
  } catch {
    model = cpus()[0]?.model ?? model;
  }
  return { cores: availableParallelism(), cpu_model: model };
}

/** The rows of one benchmark, printed and written like report.rs's `Report`. */
export class Report {
  constructor(bench) {
    this.bench = bench;
    this.rows = [];
    this.notes = [];
  }

  /** Adds rows, in print order. */
  push(...rows) {
    this.rows.push(...rows);
    return this;
  }

  table() {
    const m = machine();
    const out = [
      '',
      `${this.bench} benchmark: ${m.cores} cores, ${m.cpu_model}; median [min-max] of interleaved rounds`,
      `${'measure'.padEnd(48)} ${'Attesta'.padStart(30)} ${'against'.padStart(16)} ${'reference'.padStart(30)} ${'ratio'.padStart(9)}  ${'target'.padEnd(20)} verdict`,
    ];
    for (const r of this.rows) {
      const x = ratio(r);
      out.push(
        `${r.name.padEnd(48)} ${spread(r.attesta).padStart(30)} ${r.referenceName.padStart(16)} ` +
          `${spread(r.reference).padStart(30)} ${(x === null ? '-' : `${x.toFixed(2)}x`).padStart(9)}  ` +
          `${describe(r.target).padEnd(20)} ${verdict(r)}`,
      );
    }
    for (const note of this.notes) out.push(`note: ${note}`);
    return `${out.join('\n')}\n`;
  }

  toJSON() {
    return {
      machine: machine(),
      rows: this.rows.map((r) => ({
        name: r.name,
        attesta: r.attesta,
        reference_name: r.referenceName,
        reference: r.reference,
        ratio: ratio(r),
        target: describe(r.target),
        verdict: verdict(r),
      })),
      notes: this.notes,
    };
  }

  /** Writes this report as its section of the results file at `path`, keeping the others. */
  mergeInto(path) {
    let all = {};
    try {
      const previous = JSON.parse(readFileSync(path, 'utf8'));
      if (previous && typeof previous === 'object' && !Array.isArray(previous)) all = previous;
    } catch {
      // No file yet (or not JSON): start a new one, as report.rs does.
    }
    all[this.bench] = this.toJSON();
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify(all, null, 2));
  }

  /** Prints the table and merges the section into `path`. */
  finish(path) {
    process.stdout.write(this.table());
    this.mergeInto(path);
    console.log(`results written to ${path}`);
  }
}
