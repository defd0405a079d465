/**
 * `attesta/credentials`: portable credentials of a validated case in the browser and in Node —
 * a Documento di validazione or Certificato exported as Open Badges 3.0 credentials, a
 * European Learning Model v3 credential or a Libretto formativo record
 * ({@link exportCredential}), an Ed25519 Data Integrity proof added ({@link signCredential},
 * `eddsa-rdfc-2022` or `eddsa-jcs-2022`) and checked ({@link verifyCredential}). The same
 * JSON as `attesta export`, `attesta sign` and `attesta verify --json`, and as Python's
 * `export_credential`, `sign_credential`, `verify_credential`.
 *
 * It is the package's third WebAssembly module (the core with JSON-LD and RDF
 * canonicalization), loaded only when this entry is imported:
 * `const { exportCredential } = await import('attesta/credentials')`. Its {@link Frameworks}
 * (from its own {@link loadFramework}) supply the ESCO links of the UCs; those of `attesta` or
 * `attesta/cases` live in another module's memory and cannot be passed here.
 *
 * Keys are the host's, never generated: a key file's text (Multikey or JWK JSON, multibase,
 * PEM), a Multikey or JWK object, or the 32 bytes of an Ed25519 secret key. A key argument
 * that is not an Ed25519 key in one of those forms is a `TypeError` with code `invalid_key`.
 */
import type {
  CredentialVerification,
  Document,
  ExportOptions,
  LibrettoRecord,
  ProofOptions,
} from './types/documents.js';
import type { CamelCase, FrameworkQueries, JsonValue } from './index.js';

export type * from './types/documents.js';
export type { AttestaError, ErrorCode, FrameworkQueries, JsonValue } from './index.js';
export { isAttestaError } from './index.js';

/**
 * Frameworks loaded from bundles by this module's {@link loadFramework} (on top of the
 * built-in sample unless a bundle replaces it), for {@link exportCredential}; they answer the
 * same queries as the main module's. Not interchangeable with the `Frameworks` of `attesta` or
 * `attesta/cases`.
 */
export interface Frameworks extends FrameworkQueries {}
export class Frameworks {
  private constructor();
  /** Marks the class as this module's (a TypeScript brand; there is no such property). */
  private readonly module: 'attesta/credentials';
}

/**
 * Loads framework bundles (`.attb`), one or a list, as bytes, into this module.
 * @throws {AttestaError} e.g. `invalid_bundle` for bytes that are not a usable bundle.
 */
export function loadFramework(bundles: Uint8Array | ArrayBuffer | Array<Uint8Array | ArrayBuffer>): Frameworks;

/** The Attesta version (the same as `attesta`'s). */
export function version(): string;

/** A JSON object, as `JSON.parse` returns it: a credential. */
export type JsonObject = { [key: string]: JsonValue };

/** A document to export: a {@link Document} object, its JSON text or UTF-8 bytes. */
export type DocumentInput = Document | string | Uint8Array | ArrayBuffer;

/** A credential: a JSON object, its JSON text or UTF-8 bytes. */
export type CredentialInput = JsonObject | string | Uint8Array | ArrayBuffer;

/**
 * An Ed25519 key as the host holds it: a key file's text (Multikey or JWK JSON, a multibase
 * string, PKCS#8 or SPKI PEM), a Multikey (`publicKeyMultibase`, `secretKeyMultibase`) or JWK
 * (`kty: 'OKP'`, `crv: 'Ed25519'`) object, or the 32 bytes of a secret key.
 */
export type CredentialKeyInput = string | JsonObject | Uint8Array | ArrayBuffer;

/**
 * Options of {@link exportCredential}: the core's {@link ExportOptions} in camelCase
 * (`format`, `units`, `issuerId`, `subjectId`, `includePersonalData`). An unknown name is a
 * `TypeError`.
 */
export type ExportCredentialOptions = {
  [K in keyof ExportOptions as K extends string ? CamelCase<K> : never]?: ExportOptions[K];
};

/**
 * Options of {@link signCredential}: the core's {@link ProofOptions} in camelCase
 * (`cryptosuite`, `verificationMethod`, `created`). An unknown name is a `TypeError`.
 */
export type SignCredentialOptions = {
  [K in keyof ProofOptions as K extends string ? CamelCase<K> : never]?: ProofOptions[K];
};

/**
 * Exports a Documento di validazione or Certificato as the Libretto formativo record for a
 * job centre's information system (one, schema `libretto-record`).
 * @throws {AttestaError} as the other form.
 */
export function exportCredential(
  document: DocumentInput,
  frameworks: Frameworks | null | undefined,
  options: ExportCredentialOptions & { format: 'libretto' },
): LibrettoRecord[];
/**
 * Exports a Documento di validazione or Certificato (e.g. one of `case.documents()` of
 * `attesta/cases`) as Open Badges 3.0 `OpenBadgeCredential`s, one per validated UC (`format`
 * `ob3`, the default), or one European Learning Model v3 credential (`elm`): the JSON
 * `attesta export` prints, one credential a line. `frameworks` (this module's) supply the
 * ESCO links of the UCs; without them there are none.
 * @throws {AttestaError} `credential` when the document cannot be exported (a Documento di
 * trasparenza, no validated UC among `units`); `invalid_input` or `malformed_json` for a value
 * that is not a document; `invalid_options` (a `TypeError`) for the options or frameworks of
 * another module.
 */
export function exportCredential(
  document: DocumentInput,
  frameworks?: Frameworks | null,
  options?: ExportCredentialOptions | null,
): JsonObject[];

/**
 * Adds an Ed25519 Data Integrity proof to a credential with the host's secret key and returns
 * the signed credential. The library reads no clock: without `created` the proof has none.
 * @throws {AttestaError} `invalid_key` (a `TypeError`) for a key that cannot sign;
 * `credential` for a credential that cannot be canonicalized (a JSON-LD context Attesta does
 * not ship: nothing is fetched); `invalid_options`.
 */
export function signCredential(
  credential: CredentialInput,
  key: CredentialKeyInput,
  options?: SignCredentialOptions | null,
): JsonObject;

/**
 * Checks a credential's proof with the trusted key or, without one, the key of a `did:key`
 * verification method (integrity only: anyone can make a did:key). A proof that does not hold
 * is `verified: false` with the `problem`, not an error; the object is the JSON of
 * `attesta verify --json`.
 * @throws {AttestaError} `invalid_key` (a `TypeError`) for a key that is not one; `credential`
 * when the credential cannot be processed at all.
 */
export function verifyCredential(
  credential: CredentialInput,
  key?: CredentialKeyInput | null,
): CredentialVerification;
