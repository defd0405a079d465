import { readFileSync } from 'node:fs';
const M = await import(process.argv[2]);
const v = new M.Validator({ referenceDate: '2026-01-01' });
const minimal = readFileSync('/work/wt/invalid/tests/fixtures/valid-minimal/input.json', 'utf8');
const minBytes = new TextEncoder().encode(minimal);
const bad = readFileSync('/work/wt/invalid/tests/fixtures/items-are-checked-independently/input.json', 'utf8');
const fns = {
  version: () => M.version(),
  isValidMinStr: () => v.isValid(minimal),
  isValidMinBytes: () => v.isValid(minBytes),
  validateMin: () => v.validate(minimal),
  isValidItems: () => v.isValid(bad),
  validateItems: () => v.validate(bad),
};
for (const [k, f] of Object.entries(fns)) {
  const N = 100000; for (let i = 0; i < N; i++) f(); let best = 1e9;
  for (let r = 0; r < 5; r++) { const t0 = process.hrtime.bigint(); for (let i = 0; i < N; i++) f(); best = Math.min(best, Number(process.hrtime.bigint() - t0) / N); }
  console.log(k, best.toFixed(0), 'ns');
}
