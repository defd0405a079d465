// `localizeReport` of the BUILT package's case module (`attesta/cases`, built with the Fluent
// catalogues): an invalid fixture's report in Italian, English and Arabic gives every finding's
// message with the `locale` it came from, and the same text as `attesta --lang L validate`
// prints for that record (the CLI drops Fluent's bidi isolates, as a terminal does its own
// bidi). The CLI is ATTESTA_BIN (default target/debug/attesta, which scripts/wasm-test.sh builds).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { validate } from 'attesta';
import { isAttestaError, localizeReport } from 'attesta/cases';
import { thrown } from './thrown.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
// Invalid records with findings that take arguments (dates) and no date after today (the CLI
// checks future dates against its clock): the Arabic locales of their findings, in order — the
// Arabic catalogue has the person-facing messages, the technical ones fall back to English.
const fixtures = {
  'experience-end-before-start': ['ar', 'ar', 'ar'],
  'undecodable-person-hides-only-its-own-rules': ['en', 'ar', 'ar', 'en'],
};
const isolates = /[\u2068\u2069]/g;

/** The finding lines of `attesta --lang LOCALE validate FILE` (exit 1: invalid). */
function cliFindingLines(locale, file) {
  const bin = process.env.ATTESTA_BIN ?? join(root, 'target/debug/attesta');
  assert.ok(
    existsSync(bin),
    `${bin} is missing: build it with cargo build -p attesta --features cli (make wasm-test does)`,
  );
  const run = spawnSync(bin, ['--lang', locale, 'validate', file], { encoding: 'utf8' });
  assert.equal(run.status, 1, run.stderr);
  // A finding is "    TAG MESSAGE [code]"; paths are "  /pointer" lines.
  return run.stdout.split('\n').filter((line) => /^ {4}\S.* \[[a-z_.]+\]$/.test(line));
}

for (const [name, arabicLocales] of Object.entries(fixtures)) {
  test(`${name}: findings in it, en and ar as the CLI prints them`, () => {
    const file = join(root, 'tests/fixtures', name, 'input.json');
    const report = validate(readFileSync(file));
    assert.equal(report.valid, false);
    for (const locale of ['it', 'en', 'ar']) {
      const localized = localizeReport(report, locale);
      assert.equal(localized.locale, locale);
      assert.equal(localized.rtl, locale === 'ar');
      assert.deepStrictEqual(
        localized.findings.map((f) => [f.code, f.path, f.severity]),
        report.findings.map((f) => [f.code, f.path, f.severity]),
      );
      const lines = cliFindingLines(locale, file);
      assert.equal(lines.length, report.findings.length, lines.join('\n'));
      localized.findings.forEach((finding, i) => {
        // Italian and English have every message; Arabic says where each came from.
        assert.equal(finding.locale, locale === 'ar' ? arabicLocales[i] : locale);
        assert.ok(localized.fallback_chain.includes(finding.locale), finding.locale);
        const message = finding.message.replace(isolates, '');
        assert.ok(lines[i].endsWith(` ${message} [${finding.code}]`), `${lines[i]}\n${message}`);
      });
      if (locale === 'en') {
        // English is the core's own text.
        assert.deepStrictEqual(
          localized.findings.map((f) => f.message.replace(isolates, '')),
          report.findings.map((f) => f.message),
        );
      }
    }
    const italian = localizeReport(report, 'it').findings.map((f) => f.message);
    assert.notDeepStrictEqual(italian, report.findings.map((f) => f.message));
  });
}

test('localizeReport refuses what is not a report, or a locale without a catalogue', () => {
  const report = validate({ schema_version: '1.0', id: 'r', person: { id: 'p' } });
  assert.equal(localizeReport(report, 'ar').findings.length, 0);
  for (const call of [() => localizeReport({ findings: 3 }, 'it'), () => localizeReport(report, 'xx-nope')]) {
    const error = thrown(call);
    assert.ok(error instanceof TypeError && isAttestaError(error), `${error}`);
    assert.equal(error.code, 'invalid_options');
  }
});
