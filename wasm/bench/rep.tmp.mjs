import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { Validator } from 'attesta';
const dir = '/work/wt/invalid/tests/fixtures';
const camel = (n) => n.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
const reps = [], inputs = [];
for (const name of readdirSync(dir).sort()) {
  const d = `${dir}/${name}`; if (!statSync(d).isDirectory()) continue;
  const text = readFileSync(`${d}/input.json`, 'utf8');
  const merged = { reference_date: '2026-01-01' };
  if (existsSync(`${d}/options.json`)) Object.assign(merged, JSON.parse(readFileSync(`${d}/options.json`, 'utf8')));
  try { JSON.parse(text); const v = new Validator(Object.fromEntries(Object.entries(merged).map(([k, x]) => [camel(k), x]))); reps.push(JSON.stringify(v.validate(text))); inputs.push(text);} catch {}
}
const enc = new TextEncoder(); const td = new TextDecoder();
const repBytes = reps.map((r) => enc.encode(r));
const bench = (name, f) => { for (let i = 0; i < 2000; i++) f(); const N = 3000; const t0 = process.hrtime.bigint(); for (let i = 0; i < N; i++) f(); console.log(name, (Number(process.hrtime.bigint() - t0) / N / 1000).toFixed(1), 'us'); };
console.log('report bytes', reps.reduce((a, r) => a + r.length, 0), 'input bytes', inputs.reduce((a, r) => a + r.length, 0));
bench('JSON.parse reports', () => { for (const r of reps) JSON.parse(r); });
bench('decode+JSON.parse reports', () => { for (const r of repBytes) JSON.parse(td.decode(r)); });
bench('JSON.parse inputs', () => { for (const r of inputs) JSON.parse(r); });
