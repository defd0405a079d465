import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { Validator } from 'attesta';
const dir = '/work/wt/invalid/tests/fixtures';
const camel = (n) => n.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
const reps = [];
for (const name of readdirSync(dir).sort()) {
  const d = `${dir}/${name}`; if (!statSync(d).isDirectory()) continue;
  const text = readFileSync(`${d}/input.json`, 'utf8');
  const merged = { reference_date: '2026-01-01' };
  if (existsSync(`${d}/options.json`)) Object.assign(merged, JSON.parse(readFileSync(`${d}/options.json`, 'utf8')));
  try { JSON.parse(text); const v = new Validator(Object.fromEntries(Object.entries(merged).map(([k, x]) => [camel(k), x]))); reps.push(JSON.stringify(v.validate(text)));} catch {}
}
// packed: one string of all parts + offsets
const enc = new TextEncoder(); const td = new TextDecoder();
const packed = reps.map((r) => { const o = JSON.parse(r); let s = ''; const offs = [o.valid ? 1 : 0, o.findings.length];
  for (const f of o.findings) { for (const part of [f.code, f.severity, f.path, f.message, f.context ? JSON.stringify(f.context) : '']) { s += part; offs.push(s.length); } }
  return { bytes: enc.encode(s), offs: new Uint32Array(offs) }; });
function build(p) { const s = td.decode(p.bytes); const o = p.offs; const n = o[1]; const findings = new Array(n); let at = 0, k = 2;
  for (let i = 0; i < n; i++) { const a = o[k], b = o[k+1], c = o[k+2], d = o[k+3], e = o[k+4]; k += 5;
    const f = e > d ? { code: s.slice(at, a), severity: s.slice(a, b), path: s.slice(b, c), message: s.slice(c, d), context: JSON.parse(s.slice(d, e)) } : { code: s.slice(at, a), severity: s.slice(a, b), path: s.slice(b, c), message: s.slice(c, d) };
    findings[i] = f; at = e; }
  return { valid: o[0] === 1, findings }; }
for (let i = 0; i < reps.length; i++) if (JSON.stringify(build(packed[i])) !== reps[i]) { console.log('mismatch', i, JSON.stringify(build(packed[i])), reps[i]); break; }
const repBytes = reps.map((r) => enc.encode(r));
const bench = (name, f) => { for (let i = 0; i < 2000; i++) f(); const N = 3000; let best = 1e9; for (let r = 0; r < 5; r++) { const t0 = process.hrtime.bigint(); for (let i = 0; i < N; i++) f(); best = Math.min(best, Number(process.hrtime.bigint() - t0) / N / 1000); } console.log(name, best.toFixed(1), 'us'); };
bench('decode+JSON.parse reports', () => { for (const r of repBytes) JSON.parse(td.decode(r)); });
bench('packed build', () => { for (const p of packed) build(p); });
