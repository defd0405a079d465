import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { Validator } from 'attesta';
const root = '/work/wt/invalid';
const dir = `${root}/tests/fixtures`;
const camel = (n) => n.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
const schema = JSON.parse(readFileSync(`${root}/data/schemas/competence-record.json`, 'utf8'));
const first = new Ajv2020({ strict: false, validateFormats: false }).compile(schema);
const cases = [];
for (const name of readdirSync(dir).sort()) {
  const d = `${dir}/${name}`; if (!statSync(d).isDirectory()) continue;
  const text = readFileSync(`${d}/input.json`, 'utf8');
  const merged = { reference_date: '2026-01-01' };
  if (existsSync(`${d}/options.json`)) Object.assign(merged, JSON.parse(readFileSync(`${d}/options.json`, 'utf8')));
  try { JSON.parse(text); const v = new Validator(Object.fromEntries(Object.entries(merged).map(([k, x]) => [camel(k), x]))); v.validate(text); cases.push({ text, v }); } catch {}
}
const ours = () => { for (const c of cases) c.v.validate(c.text); };
const ajv = () => { for (const c of cases) first(JSON.parse(c.text)); };
const N = 300;
for (let i = 0; i < 200; i++) { ours(); ajv(); }
const a = [], b = [];
for (let r = 0; r < 15; r++) {
  let t0 = process.hrtime.bigint(); for (let i = 0; i < N; i++) ours(); let t1 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) ajv(); let t2 = process.hrtime.bigint();
  a.push(Number(t1 - t0) / N / 1000); b.push(Number(t2 - t1) / N / 1000);
}
const med = (x) => x.slice().sort((p, q) => p - q)[x.length >> 1];
console.log(`cases ${cases.length} attesta median ${med(a).toFixed(0)} us (min ${Math.min(...a).toFixed(0)}), ajv median ${med(b).toFixed(0)} us (min ${Math.min(...b).toFixed(0)}), ratio ${(med(b) / med(a)).toFixed(2)}x`);
