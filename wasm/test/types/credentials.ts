// Type tests of `attesta/credentials` (credentials.d.ts), checked by `tsc --noEmit` with the
// other type tests: what a TypeScript user of the credential module writes compiles, and each
// `@ts-expect-error` line is a mistake the types must reject. Never run; the Node tests check
// the behaviour.
import { loadFramework as loadMainFrameworks } from 'attesta';
import { Case } from 'attesta/cases';
import {
  exportCredential,
  isAttestaError,
  loadFramework,
  signCredential,
  verifyCredential,
  version,
  type CredentialVerification,
  type Frameworks,
  type JsonObject,
  type LibrettoRecord,
} from 'attesta/credentials';

/** `true` only for `any`: exported signatures must not have it. */
type IsAny<T> = 0 extends 1 & T ? true : false;
const notAny = <T>(_: IsAny<T> extends false ? true : never): void => undefined;

const frameworks: Frameworks = loadFramework([]);
const [document] = Case.fromEvents('').documents();
const badges: JsonObject[] = exportCredential(document!, frameworks, { units: ['1955'], issuerId: 'did:key:z6Mk' });
const elm: JsonObject[] = exportCredential('{}', undefined, { format: 'elm', includePersonalData: false });
const plain: JsonObject[] = exportCredential(new Uint8Array());
// The Libretto record is typed by its schema.
const [record]: LibrettoRecord[] = exportCredential(document!, null, { format: 'libretto' });
const units: string[] = record?.competences.map((c) => c.unit_key) ?? [];
// @ts-expect-error options are camelCase
exportCredential(document!, frameworks, { include_personal_data: false });
// @ts-expect-error not a format
exportCredential(document!, frameworks, { format: 'pdf' });
// @ts-expect-error the main module's frameworks live in another module
exportCredential(document!, loadMainFrameworks([]), {});

const key = { publicKeyMultibase: 'z6Mk', secretKeyMultibase: 'z3u2' };
const signed: JsonObject = signCredential(badges[0]!, key, {
  cryptosuite: 'eddsa-jcs-2022',
  verificationMethod: 'did:key:z6Mk#z6Mk',
  created: '2025-09-29T10:00:00Z',
});
signCredential(JSON.stringify(signed), '-----BEGIN PRIVATE KEY-----', { cryptosuite: 'eddsa-rdfc-2022' });
signCredential(signed, new Uint8Array(32));
// @ts-expect-error not a cryptosuite Attesta signs with
signCredential(signed, key, { cryptosuite: 'ecdsa-rdfc-2019' });
// @ts-expect-error a key is text, an object or bytes
signCredential(signed, 42);
const outcome: CredentialVerification = verifyCredential(signed, key);
const verified: boolean = verifyCredential(signed).verified;
const problem: string | undefined = outcome.problem?.code;
try {
  verifyCredential(signed, 'z6Mk');
} catch (error) {
  if (isAttestaError(error)) void error.code;
}
notAny<ReturnType<typeof exportCredential>>(true);
notAny<ReturnType<typeof signCredential>>(true);
notAny<ReturnType<typeof verifyCredential>>(true);
notAny<Parameters<typeof signCredential>[1]>(true);
void [elm, plain, units, verified, problem, version()];
