// Portable credentials through the BUILT package's credential module, `attesta/credentials`:
// the demo case's Documento di validazione (tests/cases/) exported to Open Badges 3.0, ELM and
// the Libretto record gives the JSON `attesta export` prints; a credential signed here equals
// the one `attesta sign` writes (Ed25519 is deterministic) and each verifies with the other;
// any change fails verification; the W3C cryptosuite test vectors are reproduced; keys of the
// wrong type are TypeErrors. The CLI is ATTESTA_BIN (default target/debug/attesta, which
// scripts/wasm-test.sh builds).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as main from 'attesta';
import {
  Frameworks,
  exportCredential,
  isAttestaError,
  loadFramework,
  signCredential,
  verifyCredential,
} from 'attesta/credentials';
import { thrown } from './thrown.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const documents = join(root, 'tests/cases/demo-450/expected/documents');
const dvFile = join(documents, 'documento_validazione-case-2025-0147-DV.json');
const dtFile = join(documents, 'documento_trasparenza-case-2025-0147-DT.json');
const keyFile = join(root, 'tests/interop/vc/issuer-key.json');
const vectors = join(root, 'tests/credentials/vc-di-eddsa');
const dv = JSON.parse(readFileSync(dvFile, 'utf8'));
const keyText = readFileSync(keyFile, 'utf8');
const created = '2025-09-29T10:00:00Z';
const suites = ['eddsa-rdfc-2022', 'eddsa-jcs-2022'];

const work = mkdtempSync(join(tmpdir(), 'attesta-wasm-credentials-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** Runs the CLI; its exit status must be `status`. */
function cli(args, status = 0) {
  const bin = process.env.ATTESTA_BIN ?? join(root, 'target/debug/attesta');
  assert.ok(
    existsSync(bin),
    `${bin} is missing: build it with cargo build -p attesta --features cli (make wasm-test does)`,
  );
  const run = spawnSync(bin, args, { encoding: 'utf8' });
  assert.equal(run.status, status, `attesta ${args.join(' ')}: ${run.stderr}`);
  return run.stdout;
}

/** A JSON file in the test's folder. */
function write(name, value) {
  const path = join(work, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
}

/** The first OB3 credential of the DV (UC 1955), as the CLI and this module export it. */
const badge = () => exportCredential(dv, undefined, { units: ['1955'] })[0];

describe('exportCredential', () => {
  for (const format of ['ob3', 'elm', 'libretto']) {
    test(`${format}: the same JSON as attesta export`, () => {
      const lines = cli(['export', dvFile, '--format', format]).trim().split('\n');
      const want = lines.map((line) => JSON.parse(line));
      // The CLI exports with the built-in frameworks (the ESCO links of the UCs).
      const frameworks = loadFramework([]);
      assert.deepStrictEqual(exportCredential(dv, frameworks, { format }), want);
      // The document as JSON text or bytes gives the same.
      const text = readFileSync(dvFile, 'utf8');
      assert.deepStrictEqual(exportCredential(text, frameworks, { format }), want);
      assert.deepStrictEqual(exportCredential(new TextEncoder().encode(text), frameworks, { format }), want);
    });
  }

  test('the options are the CLI flags, in camelCase', () => {
    const issuer = 'did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2';
    const want = cli(['export', dvFile, '--format', 'libretto', '--uc', '1954', '--issuer', issuer,
      '--no-personal-data']).trim();
    const [record] = exportCredential(dv, loadFramework([]), {
      format: 'libretto', units: ['1954'], issuerId: issuer, includePersonalData: false,
    });
    assert.deepStrictEqual(record, JSON.parse(want));
    assert.deepStrictEqual(record.competences.map((c) => c.unit_key), ['rrfp_toscana.unit:1954']);
    const badges = exportCredential(dv);
    assert.deepStrictEqual(
      badges.map((b) => b.credentialSubject.achievement.id),
      ['urn:attesta:node:rrfp_toscana.unit:1955', 'urn:attesta:node:rrfp_toscana.unit:1954'],
    );
  });

  test('what cannot be exported is an Error with the core kind', () => {
    const dt = readFileSync(dtFile, 'utf8');
    cli(['export', dtFile, '--format', 'ob3'], 2);
    const error = thrown(() => exportCredential(dt));
    assert.ok(isAttestaError(error) && error.code === 'credential', `${error}`);
    assert.ok(!(error instanceof TypeError));
    assert.equal(thrown(() => exportCredential(dv, null, { units: ['1953'] })).code, 'credential');
    const option = thrown(() => exportCredential(dv, null, { formats: 'ob3' }));
    assert.ok(option instanceof TypeError && option.code === 'invalid_options', `${option}`);
    assert.match(option.message, /formats/);
    // Frameworks of another module live in another memory: refused, not misread.
    const other = thrown(() => exportCredential(dv, main.loadFramework([]), {}));
    assert.ok(other instanceof TypeError && other.code === 'invalid_options', `${other}`);
    assert.equal(thrown(() => exportCredential('{"schema_version": ')).code, 'malformed_json');
    assert.ok(loadFramework([]) instanceof Frameworks);
  });
});

describe('signCredential and verifyCredential', () => {
  for (const cryptosuite of suites) {
    test(`${cryptosuite}: sign, verify, and a changed field fails`, () => {
      for (const key of [keyText, JSON.parse(keyText)]) {
        const signed = signCredential(badge(), key, { cryptosuite, created });
        assert.equal(signed.proof.cryptosuite, cryptosuite);
        assert.equal(signed.proof.created, created);
        const outcome = verifyCredential(signed, key);
        assert.equal(outcome.verified, true, JSON.stringify(outcome));
        assert.equal(outcome.key_source, 'supplied');
        assert.equal(verifyCredential(JSON.stringify(signed)).key_source, 'did_key');
        const changed = structuredClone(signed);
        changed.credentialSubject.achievement.humanCode = '1954';
        const failed = verifyCredential(changed, key);
        assert.equal(failed.verified, false);
        assert.equal(failed.problem.code, 'proof.signature_mismatch');
      }
    });

    test(`${cryptosuite}: the CLI's signature verifies here and this one with the CLI`, () => {
      const unsigned = write(`unsigned-${cryptosuite}.json`, badge());
      const theirs = JSON.parse(cli(['sign', unsigned, '--key', keyFile, '--suite', cryptosuite,
        '--created', created]));
      const ours = signCredential(badge(), keyText, { cryptosuite, created });
      // Ed25519 signatures are deterministic: the same credential, byte for byte.
      assert.deepStrictEqual(ours, theirs);
      const verification = verifyCredential(theirs, keyText);
      assert.equal(verification.verified, true);
      const path = write(`ours-${cryptosuite}.json`, ours);
      assert.deepStrictEqual(JSON.parse(cli(['verify', path, '--key', keyFile, '--json'])), verification);
      const changed = structuredClone(ours);
      changed.credentialSubject.achievement.name += ' (changed)';
      const cliFailed = JSON.parse(cli(['verify', write(`changed-${cryptosuite}.json`, changed),
        '--key', keyFile, '--json'], 1));
      assert.deepStrictEqual(verifyCredential(changed, keyText), cliFailed);
    });
  }

  test('the W3C cryptosuite test vectors are reproduced', () => {
    const unsigned = JSON.parse(readFileSync(join(vectors, 'unsigned.json'), 'utf8'));
    for (const [cryptosuite, file] of [
      ['eddsa-rdfc-2022', 'eddsa-rdfc-2022-signedDataInt.json'],
      ['eddsa-jcs-2022', 'eddsa-jcs-2022-signedJCS.json'],
    ]) {
      const expected = JSON.parse(readFileSync(join(vectors, file), 'utf8'));
      const signed = signCredential(unsigned, keyText, {
        cryptosuite,
        verificationMethod: expected.proof.verificationMethod,
        created: expected.proof.created,
      });
      assert.deepStrictEqual(signed, expected, file);
    }
  });

  test('keys: 32 secret bytes sign; a public key verifies but cannot sign', () => {
    const secret = new Uint8Array(32).map((_, i) => i);
    const signed = signCredential(badge(), secret);
    assert.equal(verifyCredential(signed, secret.buffer).verified, true);
    assert.equal(verifyCredential(signed, keyText).verified, false);
    const publicPem = readFileSync(join(root, 'data/demo/keys/demo-ente.pub.pem'), 'utf8');
    const error = thrown(() => signCredential(badge(), publicPem));
    assert.ok(error instanceof TypeError && error.code === 'invalid_key', `${error}`);
  });

  test('a key of the wrong type is a TypeError that quotes no key material', () => {
    const secret = JSON.parse(keyText).secretKeyMultibase;
    for (const key of [
      42,
      true,
      [1, 2, 3],
      new Uint8Array(31),
      { kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' },
      secret.slice(1), // not multibase
    ]) {
      const error = thrown(() => signCredential(badge(), key));
      assert.ok(error instanceof TypeError, `${typeof key}: ${error}`);
      assert.ok(isAttestaError(error) && error.code === 'invalid_key', `${error}`);
      assert.ok(!error.message.includes(secret.slice(1, 12)), error.message);
      assert.ok(thrown(() => verifyCredential(badge(), key)) instanceof TypeError);
    }
    const option = thrown(() => signCredential(badge(), keyText, { suite: 'eddsa-jcs-2022' }));
    assert.ok(option instanceof TypeError && option.code === 'invalid_options', `${option}`);
  });
});
