// The offline form's finding messages (wasm/demo/l10n.js: @fluent/bundle over
// data/l10n/<lang>/findings.ftl) against the core: for every finding of the shared fixture corpus
// the English catalogue gives the report's own `message` byte for byte (so the arguments reach
// Fluent as the core passes them), Italian gives Italian, and a code no catalogue has keeps the
// report's message. The form's module imports @fluent/bundle from ./vendor/ next to itself, as
// `make web` lays it out; this test lays out the same in a temporary folder.
import assert from 'node:assert/strict';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const wasmDir = fileURLToPath(new URL('../', import.meta.url));
const root = new URL('../../', import.meta.url);
const fluent = join(wasmDir, 'node_modules', '@fluent', 'bundle', 'esm');
const catalogue = (lang) => readFileSync(new URL(`data/l10n/${lang}/findings.ftl`, root), 'utf8');

let dir;
let l10n;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'attesta-form-l10n-'));
  mkdirSync(join(dir, 'vendor', 'fluent-bundle'), { recursive: true });
  for (const file of readdirSync(fluent).filter((f) => f.endsWith('.js'))) {
    copyFileSync(join(fluent, file), join(dir, 'vendor', 'fluent-bundle', file));
  }
  copyFileSync(join(wasmDir, 'demo', 'l10n.js'), join(dir, 'l10n.js'));
  writeFileSync(join(dir, 'package.json'), '{"type": "module"}\n');
  l10n = await import(join(dir, 'l10n.js'));
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Every finding of the fixture corpus's expected reports. */
function corpusFindings() {
  const corpus = new URL('tests/fixtures/', root);
  return readdirSync(corpus)
    .filter((name) => statSync(new URL(name, corpus)).isDirectory())
    .flatMap((name) => JSON.parse(readFileSync(new URL(`${name}/expected.json`, corpus), 'utf8')).findings ?? []);
}

test('English from the catalogue is the report message, for every finding of the corpus', () => {
  const en = l10n.findingBundle('en', catalogue('en'));
  const findings = corpusFindings();
  assert.ok(findings.length >= 50, `only ${findings.length} findings`);
  for (const finding of findings) {
    assert.ok(en.hasMessage(finding.code.replaceAll('.', '-')), `en lacks ${finding.code}`);
    assert.equal(l10n.formatFinding([en], finding), finding.message, finding.code);
  }
});

test('Italian from the catalogue, English and then the report message as fallbacks', () => {
  const it = l10n.findingBundle('it', catalogue('it'));
  const en = l10n.findingBundle('en', catalogue('en'));
  const finding = {
    code: 'experience.end_before_start',
    message: 'The period ends (2018) before it starts (2019-03).',
    context: { end: '2018', start: '2019-03' },
  };
  assert.equal(
    l10n.formatFinding([it, en], finding),
    'Il periodo termina (2018) prima di iniziare (2019-03).',
  );
  // A catalogue without the message: the next one answers.
  const partial = l10n.findingBundle('it', 'other-message = Altro\n');
  assert.equal(l10n.formatFinding([partial, en], finding), finding.message);
  // No catalogue has the code: the report's own message.
  const unknown = { ...finding, code: 'no.such_code', message: 'As the core wrote it.' };
  assert.equal(l10n.formatFinding([it, en], unknown), 'As the core wrote it.');
  assert.equal(l10n.formatFinding([undefined], finding), finding.message);
});

test('numbers keep their plural rules and are written as the core writes them', () => {
  const bundle = l10n.findingBundle(
    'it',
    'count = { $n ->\n    [one] un elemento\n   *[other] { $n } elementi\n}\nlist = { $items }\n',
  );
  const say = (code, context) => l10n.formatFinding([bundle], { code, message: '', context });
  assert.equal(say('count', { n: 1 }), 'un elemento');
  assert.equal(say('count', { n: 12345 }), '12345 elementi');
  assert.equal(say('list', { items: ['a', 'b', 3] }), 'a, b, 3');
});
