// Search, lookup and gap analysis through the built package: the shared corpus
// tests/frameworks/cases.json (answers written by the Rust core, core/tests/queries_corpus.rs)
// replayed over the committed Tuscan bundle must give the very same JSON.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { thrown } from './thrown.mjs';
import { loadFramework } from 'attesta';

const root = new URL('../../', import.meta.url);
const bundle = readFileSync(new URL('data/frameworks/rrfp_toscana.attb', root));
const cases = JSON.parse(readFileSync(new URL('tests/frameworks/cases.json', root), 'utf8'));
const recordValid = JSON.parse(readFileSync(new URL('data/examples/record-valid.json', root), 'utf8'));

const camel = (options) =>
  options === undefined
    ? undefined
    : Object.fromEntries(
        Object.entries(options).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c) => c.toUpperCase()), v]),
      );


function ask(frameworks, c) {
  if (c.search) return frameworks.search(c.search.query, camel(c.search.options));
  if (c.lookup) return frameworks.lookup(c.lookup, c.locale === undefined ? undefined : { locale: c.locale });
  const record = c.gap.record_file
    ? readFileSync(new URL(c.gap.record_file, root))
    : c.gap.record;
  return frameworks.gap(
    record,
    c.gap.target,
    c.gap.validated,
    c.gap.locale === undefined ? undefined : { locale: c.gap.locale },
  );
}

test('the queries corpus answers as the Rust core, JSON for JSON', () => {
  const frameworks = loadFramework(bundle);
  const seen = new Set();
  for (const c of cases) {
    if ('error' in c) {
      const error = thrown(() => ask(frameworks, c));
      assert.ok(error instanceof Error, c.name);
      assert.equal(error.code, c.error.kind, c.name);
      assert.deepStrictEqual(error.details, c.error, c.name);
    } else {
      assert.deepStrictEqual(ask(frameworks, c), c.expected, c.name);
    }
    seen.add(Object.keys(c).find((k) => ['search', 'lookup', 'gap'].includes(k)));
  }
  assert.deepEqual([...seen].sort(), ['gap', 'lookup', 'search']);
  assert.ok(cases.length >= 15);
});

test('search folds accents and case and types ahead', () => {
  const frameworks = loadFramework(bundle);
  const top = (query) => frameworks.search(query, { limit: 1 })[0]?.node;
  assert.deepEqual(top('menù semplici'), top('MENU SEMPLICI'));
  assert.deepEqual(top('menù semplici'), { scheme: 'rrfp_toscana.unit', code: '1696' });
  assert.deepEqual(top('movimentaz'), { scheme: 'rrfp_toscana.unit', code: '1954' });
  assert.deepEqual(frameworks.search('astronauta'), []);
  // Repeated searches reuse the index and answer alike.
  assert.deepStrictEqual(frameworks.search('cucina', { limit: 3 }), frameworks.search('cucina', { limit: 3 }));
});

test('the record of a gap may be an object, JSON text or bytes', () => {
  const frameworks = loadFramework(bundle);
  const target = { scheme: 'rrfp_toscana.qualification', code: '450' };
  const fromObject = frameworks.gap(recordValid, target);
  assert.deepStrictEqual(frameworks.gap(JSON.stringify(recordValid), 'rrfp_toscana.qualification:450'), fromObject);
  assert.deepStrictEqual(frameworks.gap(new TextEncoder().encode(JSON.stringify(recordValid)), target, null), fromObject);
  assert.equal(fromObject.target.code, '450');
  assert.ok(fromObject.units.length > 0);
  assert.equal(fromObject.summary.units, fromObject.units.length);
});

test('wrong arguments are TypeErrors with a code; a non-record is invalid_record with its report', () => {
  const frameworks = loadFramework(bundle);
  for (const bad of [42, undefined, null, '413', ['rrfp_toscana.unit', '1710'], { scheme: 'rrfp_toscana.unit' }]) {
    const error = thrown(() => frameworks.lookup(bad));
    assert.ok(error instanceof TypeError, String(bad));
    assert.equal(error.code, 'invalid_options');
    assert.doesNotMatch(error.message, /413|1710/);
  }
  const query = thrown(() => frameworks.search(42));
  assert.ok(query instanceof TypeError);
  assert.equal(query.code, 'wrong_top_level_type');
  const option = thrown(() => frameworks.search('cuoco', { limit: 'ten' }));
  assert.ok(option instanceof TypeError);
  assert.equal(option.code, 'invalid_options');
  const unknown = thrown(() => frameworks.search('cuoco', { limitt: 3 }));
  assert.equal(unknown.code, 'invalid_options');
  const validated = thrown(() => frameworks.gap(recordValid, 'rrfp_toscana.qualification:450', 'rrfp_toscana.unit:1955'));
  assert.ok(validated instanceof TypeError);
  const notRecord = thrown(() =>
    frameworks.gap({ schema_version: '1.0', id: 'rec-1', person: { id: 'p-1' }, claims: 3 }, 'rrfp_toscana.qualification:413'),
  );
  assert.equal(notRecord.code, 'invalid_record');
  assert.equal(notRecord.details.report.valid, false);
  assert.ok(notRecord.details.report.findings.some((f) => f.path.startsWith('/claims')));
  const malformed = thrown(() => frameworks.gap('{"schema_version": ', 'rrfp_toscana.qualification:413'));
  assert.equal(malformed.code, 'malformed_json');
});

test('a locale option asks labels in a language, and each label says its language', () => {
  const frameworks = loadFramework(bundle);
  const unit = frameworks.lookup('rrfp_toscana.unit:1710', { locale: 'ar' });
  assert.equal(unit.locale, 'ar');
  assert.equal(unit.title_lang, 'it');
  assert.equal(frameworks.lookup('rrfp_toscana.unit:1710').locale, undefined);
  const [hit] = frameworks.search('preparazione piatti', { locale: 'en', limit: 1 });
  assert.equal(hit.language, 'it');
  assert.equal(hit.fallback, true);
  const report = frameworks.gap(recordValid, 'rrfp_toscana.qualification:450', null, { locale: 'ti' });
  assert.equal(report.locale, 'ti');
  assert.ok(report.units.every((u) => u.title_lang === 'it'));
  const unknown = thrown(() => frameworks.lookup('rrfp_toscana.unit:1710', { lang: 'en' }));
  assert.ok(unknown instanceof TypeError);
  assert.equal(unknown.code, 'invalid_options');
  const notTag = thrown(() => frameworks.search('cuoco', { locale: 'it; en' }));
  assert.equal(notTag.code, 'invalid_options');
});
