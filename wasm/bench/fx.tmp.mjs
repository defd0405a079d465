import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { Validator, isValid } from 'attesta';
const dir = '/work/wt/invalid/tests/fixtures';
const camel = (n) => n.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
const rows = [];
for (const name of readdirSync(dir).sort()) {
  const d = `${dir}/${name}`; if (!statSync(d).isDirectory()) continue;
  const text = readFileSync(`${d}/input.json`, 'utf8');
  const merged = { reference_date: '2026-01-01' };
  if (existsSync(`${d}/options.json`)) Object.assign(merged, JSON.parse(readFileSync(`${d}/options.json`, 'utf8')));
  let v; try { JSON.parse(text); v = new Validator(Object.fromEntries(Object.entries(merged).map(([k, x]) => [camel(k), x]))); v.validate(text);} catch { continue; }
  const N = 2000; for (let i=0;i<200;i++) v.validate(text);
  let t0 = process.hrtime.bigint(); for (let i=0;i<N;i++) v.validate(text); let t1 = process.hrtime.bigint();
  for (let i=0;i<N;i++) v.isValid(text); let t2 = process.hrtime.bigint();
  let s0=process.hrtime.bigint(); for (let i=0;i<N;i++) JSON.parse(text); let s1=process.hrtime.bigint();
  const r = v.validate(text);
  rows.push([name, text.length, r.findings.length, Number(t1-t0)/N/1000, Number(t2-t1)/N/1000, Number(s1-s0)/N/1000]);
}
let tot=0, totv=0, totp=0;
for (const r of rows) { tot+=r[3]; totv+=r[4]; totp+=r[5]; console.log(r.map(x=>typeof x==='number'?x.toFixed?.(2):x).join('\t')); }
console.log('total validate', tot.toFixed(1), 'isValid', totv.toFixed(1), 'JSON.parse', totp.toFixed(1), rows.length);
