// Where the bytes of a .wasm file go: section sizes, and the largest functions by name (from
// the "name" custom section, when the file still has it) grouped by crate. A small stand-in
// for `twiggy top`, which is not installed on the project's machines.
//
// Usage: node wasm/tools/wasm-sizes.mjs FILE.wasm [TOP]
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: wasm-sizes.mjs FILE.wasm [TOP]');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const bytes = readFileSync(file);
let pos = 8; // magic + version

function uleb() {
  let result = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[pos++];
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if ((byte & 0x80) === 0) return result;
  }
}
function name() {
  const len = uleb();
  const text = bytes.toString('utf8', pos, pos + len);
  pos += len;
  return text;
}

const SECTION_NAMES = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global',
  'export', 'start', 'element', 'code', 'data', 'datacount'];
const sections = [];
let importedFunctions = 0;
const bodies = []; // sizes of function bodies, in order
const names = new Map(); // function index -> name
let dataSize = 0;

while (pos < bytes.length) {
  const id = bytes[pos++];
  const size = uleb();
  const start = pos;
  let label = SECTION_NAMES[id] ?? `unknown(${id})`;
  if (id === 0) {
    label = `custom "${name()}"`;
    if (label === 'custom "name"') {
      while (pos < start + size) {
        const sub = bytes[pos++];
        const subSize = uleb();
        const subEnd = pos + subSize;
        if (sub === 1) {
          const count = uleb();
          for (let i = 0; i < count; i++) names.set(uleb(), name());
        }
        pos = subEnd;
      }
    }
  } else if (id === 2) {
    const count = uleb();
    for (let i = 0; i < count; i++) {
      name();
      name();
      const kind = bytes[pos++];
      if (kind === 0) { uleb(); importedFunctions++; }
      else if (kind === 1) { pos++; const flags = uleb(); uleb(); if (flags & 1) uleb(); }
      else if (kind === 2) { const flags = uleb(); uleb(); if (flags & 1) uleb(); }
      else if (kind === 3) { pos += 2; }
    }
  } else if (id === 10) {
    const count = uleb();
    for (let i = 0; i < count; i++) {
      const len = uleb();
      bodies.push(len);
      pos += len;
    }
  } else if (id === 11) {
    dataSize = size;
  }
  sections.push({ label, size });
  pos = start + size;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`${file}: ${kb(bytes.length)}, gzip -9 ${kb(gzipSync(bytes, { level: 9 }).length)}`);
for (const s of sections.sort((a, b) => b.size - a.size)) {
  console.log(`  ${s.label.padEnd(28)} ${kb(s.size).padStart(12)}`);
}
console.log(`  (data segments: ${kb(dataSize)}: string literals, tables, include_bytes!)`);

if (names.size === 0) {
  console.log('no "name" section: build without stripping to see function names');
  process.exit(0);
}
const functions = bodies.map((size, i) => ({ size, name: names.get(i + importedFunctions) ?? `func[${i}]` }));
// Rust symbols are mangled: legacy `_ZN<len><ident>...E` (an impl block's first ident reads
// `_$LT$crate..path..Type...`) or v0 `_R...Cs<hash>_<len><crate>...`. Group by the crate named
// first, and put every schemars JsonSchema impl in one group (it is a feature of its own).
const crateOf = (n) => {
  if (n.includes('schemars') || n.includes('JsonSchema')) return 'schemars (JSON Schema generation)';
  const legacy = n.match(/^_ZN(\d+)/);
  if (legacy) {
    const ident = n.slice(3 + legacy[1].length, 3 + legacy[1].length + Number(legacy[1]));
    const inImpl = ident.match(/\$LT\$(?:\$RF\$)?([A-Za-z_][A-Za-z0-9_]*)/);
    return inImpl ? inImpl[1] : ident;
  }
  const v0 = n.match(/Cs[0-9A-Za-z]*_(\d+)/);
  if (v0) {
    const at = n.indexOf(v0[0]) + v0[0].length;
    return n.slice(at, at + Number(v0[1]));
  }
  return n.split(/[^A-Za-z0-9_]/)[0] || '?';
};
const byCrate = new Map();
for (const f of functions) byCrate.set(crateOf(f.name), (byCrate.get(crateOf(f.name)) ?? 0) + f.size);
console.log(`\ncode by crate (the crate the function's name starts with):`);
for (const [crate, size] of [...byCrate].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`  ${crate.padEnd(40)} ${kb(size).padStart(12)}`);
}
console.log(`\nlargest ${top} functions:`);
for (const f of functions.sort((a, b) => b.size - a.size).slice(0, top)) {
  console.log(`  ${kb(f.size).padStart(10)}  ${f.name.slice(0, 150)}`);
}
