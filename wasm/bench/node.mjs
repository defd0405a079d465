// Node benchmarks of the built npm package (imported as `attesta`, as a user does):
//
// 1. `Validator.validate` against Ajv (compiled once, draft 2020-12 through `ajv/dist/2020`) with
//    the committed data/schemas/competence-record.json — structure only for Ajv: no formats, no
//    cross-references, no frameworks, while Attesta runs every rule and builds the full report.
//    Inputs: the bench record of bench/benches/validate.rs (written by the native peer, so the
//    bytes are the same), given as JSON text (Attesta parses it; Ajv gets JSON.parse + validate)
//    and as a JS object (Attesta serialises it; Ajv validates it as is); and the shared fixture
//    corpus tests/fixtures/ as text (the cases that get a report: JSON, usable options, a
//    supported schema version).
//    Ajv runs in its fastest mode (stop at the first error) as the judged peer, and with
//    allErrors as a row for context.
// 2. The same validation of the same bytes in WebAssembly (Node) and natively: the native side is
//    bench/examples/wasm_peer.rs, asked for a round between the wasm rounds.
//    The package's Node entry (node.js) loads its own build of the main module, for speed
//    (attesta_wasm_node_bg.wasm, scripts/wasm-node.sh): these rows measure it, as Node users get it.
// 3. The gzip -9 size of the package's main .wasm against the 250,000-byte (250 KB) budget, and
//    of the case module (`attesta/cases`, over the budget: its regression ceiling) and of Node's
//    speed-built main module (no budget) for context.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { gzipSync } from 'node:zlib';
import Ajv2020 from 'ajv/dist/2020.js';
import { Validator } from 'attesta';
import { Target, against, alone, single, stats } from './report.mjs';
import { calibrate, interleave, micros, perRun } from './timing.mjs';

const ROUNDS = 15;
const REFERENCE_DATE = '2025-06-30'; // the validate bench's, so the same rules fire

/** Ajv over the committed schema: every $ref in it is internal (#/$defs/...), so no loader. */
function ajvValidators(schemaPath) {
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
  // strict: false and validateFormats: false: the schema's formats (uint16, ...) are
  // schemars' annotations, which Ajv does not know; structure only, as the brief of the peer.
  const base = { strict: false, validateFormats: false };
  return {
    first: new Ajv2020(base).compile(schema),
    all: new Ajv2020({ ...base, allErrors: true }).compile(schema),
  };
}

/** `reference_date` → `referenceDate`: the corpus writes the core's option names. */
const camel = (name) => name.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

/** The fixture cases both sides can run: JSON input, options the package accepts. */
function fixtureCases(dir) {
  const cases = [];
  for (const name of readdirSync(dir).sort()) {
    const caseDir = `${dir}/${name}`;
    if (!statSync(caseDir).isDirectory()) continue;
    const text = readFileSync(`${caseDir}/input.json`, 'utf8');
    const merged = { reference_date: '2026-01-01' };
    if (existsSync(`${caseDir}/options.json`)) {
      Object.assign(merged, JSON.parse(readFileSync(`${caseDir}/options.json`, 'utf8')));
    }
    try {
      JSON.parse(text);
      const validator = new Validator(
        Object.fromEntries(Object.entries(merged).map(([k, v]) => [camel(k), v])),
      );
      validator.validate(text);
      cases.push({ name, text, validator });
    } catch {
      // Not JSON, options the package refuses, or a record it cannot evaluate (throws): a case
      // about errors, not about validation speed.
    }
  }
  return cases;
}

/** The native peer process: `round(n)` resolves to its seconds per validation over n runs. */
async function nativePeer(exe, recordPath) {
  const child = spawn(exe, ['serve', recordPath], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const { value, done } = await lines.next();
    if (done) throw new Error('the native peer stopped');
    return value;
  };
  const ready = await next();
  if (!ready.startsWith('ready ')) throw new Error(`unexpected answer from the native peer`);
  return {
    async round(runs) {
      child.stdin.write(`${runs}\n`);
      return Number(await next());
    },
    close() {
      child.stdin.end();
    },
  };
}

/**
 * The gzip -9 size of the .wasm, by the same `gzip` program scripts/wasm-package.sh checks the
 * budget with (Node's zlib compresses this module about 2% worse, which would make the two
 * figures disagree); zlib only when there is no gzip.
 */
function gzipSize(path, bytes) {
  try {
    return execFileSync('gzip', ['-9', '-c', path], { maxBuffer: 64 << 20 }).length;
  } catch {
    return gzipSync(bytes, { level: 9 }).length;
  }
}

/** Runs the Node benchmarks and pushes their rows into `report`. */
export async function nodeBench(report, { root, pkgDir, recordPath, peerExe }) {
  const { first, all } = ajvValidators(`${root}/data/schemas/competence-record.json`);
  const validator = new Validator({ referenceDate: REFERENCE_DATE });
  const text = readFileSync(recordPath, 'utf8');
  const bytes = readFileSync(recordPath);
  const object = JSON.parse(text);

  // Sanity: both accept the record, or the comparison means nothing.
  const ours = validator.validate(text);
  const ajvValid = first(JSON.parse(text));
  if (!ours.valid || !ajvValid) {
    throw new Error(`the bench record must be valid for both (attesta: ${ours.valid}, Ajv: ${ajvValid})`);
  }
  const sameAnswer = JSON.stringify(validator.validate(object)) === JSON.stringify(ours);
  if (!sameAnswer) throw new Error('the record as an object got another report than as text');

  // Where the fixture row's time goes (5 Dec 2026, instructions counted by callgrind over the
  // whole Node process, 401 minus 101 passes so that start-up and tier-up cancel; counts, not
  // times, because the machine was loaded): Attesta 5.62M a pass over the 57 cases, of which
  // about 1.0M build the report objects in JS (isValid, the same work without a report:
  // 4.66M), against 2.83M for Ajv, of which JSON.parse alone is 1.88M. Natively the same
  // validations take about 2.5M (bench/examples/fixtures_profile.rs without its JSON
  // serialization): the module's pass without a report is about 1.8 times that, the input
  // copy and the calls included. Invalid records cost most: a record whose fast path fails is
  // read about four times (fast path, scan, stream, the failing part again as a tree).
  const cases = fixtureCases(`${root}/tests/fixtures`);
  const corpusOurs = () => {
    for (const c of cases) c.validator.validate(c.text);
  };
  const corpusAjv = () => {
    for (const c of cases) first(JSON.parse(c.text));
  };

  const fns = {
    textOurs: () => validator.validate(text),
    textAjv: () => first(JSON.parse(text)),
    textAjvAll: () => all(JSON.parse(text)),
    objectOurs: () => validator.validate(object),
    objectAjv: () => first(object),
    // The floor of any validator that reads the record outside the JS heap (WebAssembly,
    // native): the object must first be copied out, and JSON.stringify is the fastest way.
    objectCopy: () => JSON.stringify(object),
    corpusOurs,
    corpusAjv,
  };
  const runs = Object.fromEntries(Object.entries(fns).map(([k, f]) => [k, calibrate(f)]));
  const peer = peerExe ? await nativePeer(peerExe, recordPath) : null;
  // The native side's own count for about the same work per round (it is several times faster).
  const nativeRuns = peer
    ? Math.min(100_000, Math.max(3, Math.round(0.02 / Math.max(await peer.round(50), 1e-9))))
    : 0;
  const measures = Object.fromEntries(
    Object.entries(fns).map(([k, f]) => [k, () => perRun(runs[k], f)]),
  );
  if (peer) measures.native = () => peer.round(nativeRuns);
  const t = await interleave(ROUNDS, measures);
  peer?.close();

  const us = (k) => stats(micros(t[k]));
  report.push(
    against('Node validate, record as text (µs)', us('textOurs'), 'Ajv (parse+val)', us('textAjv'), Target.fasterThan(1)),
    against('Node validate, record as text (µs)', us('textOurs'), 'Ajv allErrors', us('textAjvAll'), Target.info),
    against('Node validate, record as object (µs)', us('objectOurs'), 'Ajv (object)', us('objectAjv'), Target.fasterThan(1)),
    // Context for the row above: the copy alone against Ajv's whole check of the object.
    against('  JSON.stringify of the object alone (µs)', us('objectCopy'), 'Ajv (object)', us('objectAjv'), Target.info),
    against(`Node validate, ${cases.length} fixtures as text (µs)`, us('corpusOurs'), 'Ajv (parse+val)', us('corpusAjv'), Target.fasterThan(1)),
  );
  report.notes.push(
    'record as object: the copy row is the floor of any validator outside the JS heap (the wasm core, or ' +
      'native code): while it costs more than Ajv\'s whole check of the object in place, no such validator ' +
      'can reach 1x Ajv on objects; only one written in JavaScript could',
  );
  const mb = bytes.length / 1e6;
  const throughput = (k) => stats(t[k].map((s) => mb / Math.max(s, 1e-12)));
  report.push(alone('Node wasm validation throughput (MB/s)', throughput('textOurs'), Target.info));
  if (peer) {
    report.push(
      alone('native validation throughput (MB/s)', throughput('native'), Target.info),
      // Times, so the ratio (native / wasm time) is the wasm throughput over the native one.
      against('WASM vs native, same record (µs)', us('textOurs'), 'native Rust', us('native'), Target.info),
    );
  } else {
    report.notes.push('the native peer was not built: no WASM vs native row');
  }

  const wasmPath = `${pkgDir}/attesta_wasm_bg.wasm`;
  const wasm = readFileSync(wasmPath);
  report.push(alone('package .wasm size, gzip -9 (bytes)', single(gzipSize(wasmPath, wasm)), Target.atMost(250_000)));
  // What Node loads (node.js): the same main module built for speed (scripts/wasm-node.sh); no
  // budget, Node reads it from disk.
  const nodePath = `${pkgDir}/attesta_wasm_node_bg.wasm`;
  if (existsSync(nodePath)) {
    const size = gzipSize(nodePath, readFileSync(nodePath));
    report.push(alone('package Node .wasm (speed build) size, gzip -9 (bytes)', single(size), Target.info));
  }
  const casesPath = `${pkgDir}/attesta_cases_bg.wasm`;
  if (existsSync(casesPath)) {
    const size = gzipSize(casesPath, readFileSync(casesPath));
    report.push(alone('package attesta/cases .wasm size, gzip -9 (bytes)', single(size), Target.atMost(720_000)));
  }

  report.notes.push(
    `Node ${process.version}: bench record of ${bytes.length} bytes (bench/src/lib.rs), ${ROUNDS} interleaved rounds; ` +
      'Ajv 2020-12 compiled from data/schemas/competence-record.json checks structure only (no formats, ' +
      'cross-references or frameworks) and stops at the first error; Attesta runs every rule and returns the full report',
    'record as text: Attesta parses the string, Ajv gets JSON.parse + validate; as object: Attesta serialises ' +
      'it (JSON.stringify inside the package), Ajv validates the object directly',
    `fixtures: the ${cases.length} cases of tests/fixtures/ that get a report (valid or not), one pass over all per run; ` +
      'most are invalid records of 300-1,000 bytes, where a fixed cost per call (crossing into the module and back, ' +
      'building the report object) and the structural path of an invalid record weigh most: ' +
      '`cargo run --release -p attesta-bench --example fixtures_profile -- tests/fixtures N` runs the same work natively for callgrind',
    `WASM vs native: ratio = wasm throughput / native throughput; native = bench/examples/wasm_peer.rs (release), ` +
      `raw .wasm ${wasm.length} bytes`,
    "Node rows: what node.js loads, the main module built for speed (opt-level 3 + wasm-opt -O3, " +
      'attesta_wasm_node_bg.wasm); browsers get the size build (opt-level "z") the budget row measures',
  );
}

