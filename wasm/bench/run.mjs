// The `make bench` stage "bench: wasm" (run by scripts/bench-wasm.sh, which builds everything
// first): the Node benchmarks (node.mjs: Ajv, WASM vs native, the gzip size) and the browser
// ones (browser.mjs: autocomplete search, cold start), written as the `wasm` section of
// target/bench/results.json beside the Rust benchmarks' sections.
//
// Environment (set by the script):
//   ATTESTA_ROOT        the repository root
//   ATTESTA_PKG         the built package (wasm/pkg)
//   ATTESTA_BUNDLES     folder with rrfp_toscana.attb and, when imported, esco.attb, rrfp-full.attb
//   ATTESTA_RECORD      the bench record, written by the native peer
//   ATTESTA_PEER        the native peer executable (bench/examples/wasm_peer.rs), or empty
//   ATTESTA_RESULTS     the results file
//   ATTESTA_SKIP_ESCO, ATTESTA_SKIP_FULL, ATTESTA_SKIP_BROWSER
//                       why a part is skipped (its rows are then missing and a note says why)
import { Report, Target, alone } from './report.mjs';
import { nodeBench } from './node.mjs';
import { browserBench } from './browser.mjs';

const env = (name) => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set; run scripts/bench-wasm.sh`);
  return value;
};

const root = env('ATTESTA_ROOT');
const report = new Report('wasm');
await nodeBench(report, {
  root,
  pkgDir: env('ATTESTA_PKG'),
  recordPath: env('ATTESTA_RECORD'),
  peerExe: process.env.ATTESTA_PEER || null,
});
if (process.env.ATTESTA_SKIP_BROWSER) {
  // The target rows stay in the table as n/a, so a skipped measure is not mistaken for a met one.
  report.push(
    alone('browser search p99, keystrokes (ms)', null, Target.atMost(5)),
    alone('cold start, Tuscan sample: median (ms)', null, Target.atMost(100)),
  );
  report.notes.push(`browser benchmarks skipped: ${process.env.ATTESTA_SKIP_BROWSER}`);
} else {
  await browserBench(report, {
    root,
    pkgDir: env('ATTESTA_PKG'),
    bundleDir: env('ATTESTA_BUNDLES'),
    queriesPath: `${root}/data/queries/queries.json`,
    skipped: { esco: process.env.ATTESTA_SKIP_ESCO, full: process.env.ATTESTA_SKIP_FULL },
  });
}
report.finish(env('ATTESTA_RESULTS'));
