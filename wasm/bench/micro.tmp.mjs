import { readFileSync } from 'node:fs';
import { Validator, version } from 'attesta';
const v = new Validator({ referenceDate: '2026-01-01' });
const minimal = readFileSync('/work/wt/invalid/tests/fixtures/valid-minimal/input.json', 'utf8');
const bad = readFileSync('/work/wt/invalid/tests/fixtures/structure-missing-top-level-fields/input.json', 'utf8');
const td = new TextDecoder('utf-8', { ignoreBOM: true });
const bytes = new TextEncoder().encode('{"valid":true,"findings":[]}');
const fns = {
  version: () => version(),
  isValidMin: () => v.isValid(minimal),
  validateMin: () => v.validate(minimal),
  isValidBad: () => v.isValid(bad),
  validateBad: () => v.validate(bad),
  parseEmptyReport: () => JSON.parse('{"valid":true,"findings":[]}'),
  decode: () => td.decode(bytes),
  encodeInto: (() => { const te = new TextEncoder(); const buf = new Uint8Array(1000); return () => te.encodeInto(minimal, buf); })(),
};
for (const [k, f] of Object.entries(fns)) {
  const N = 200000; for (let i = 0; i < N; i++) f();
  const t0 = process.hrtime.bigint(); for (let i = 0; i < N; i++) f(); const t1 = process.hrtime.bigint();
  console.log(k, (Number(t1 - t0) / N).toFixed(0), 'ns');
}
