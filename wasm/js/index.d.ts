/**
 * Attesta in the browser and in Node: validation of competence records (identificazione,
 * validazione e certificazione delle competenze, D.Lgs. 13/2013) by the same Rust core as the
 * CLI and the Python package, compiled to WebAssembly. Reports and errors are the core's JSON.
 *
 * The document types below (`CompetenceRecord`, `Report`, `ErrorDetails`, `ValidationOptions`,
 * `SearchOptions`, `SearchResults`, `NodeLookup`, `GapInput`, `GapReport`, the case's `Action`,
 * `Event`, `SignedHead`, `CaseState`, `CaseView`, `Document`, `RenderOptions` and their parts)
 * are generated from the committed JSON Schemas (`data/schemas/`).
 *
 * The case API (`Case`, `verify`, `renderHtml`) is the package's second module,
 * `attesta/cases` (cases.d.ts), loaded only when it is imported.
 */
import type {
  CompetenceRecord,
  ErrorDetails,
  FrameworkRef,
  GapReport,
  NodeLookup,
  Report,
  SearchOptions,
  SearchResults,
  ValidationOptions,
} from './types/documents.js';
import type { SchemaName } from './types/schema-names.js';

export type * from './types/documents.js';
export type * from './types/schema-names.js';

/** Any JSON value, as `JSON.parse` returns it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A snake_case option name in camelCase (`max_item_size` → `maxItemSize`), as the package's
 * option objects name the core's options. */
export type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;

/**
 * Options of a {@link Validator}: the core's {@link ValidationOptions} with camelCase names
 * (`maxSize`, `referenceDate`, ...). Every option is optional; an unknown name is a `TypeError`.
 */
export type ValidatorOptions = {
  [K in keyof ValidationOptions as K extends string ? CamelCase<K> : never]?: ValidationOptions[K];
};

/**
 * Options of {@link Frameworks.search}: the core's {@link SearchOptions} with camelCase names
 * (`limit`, `minScore`, `nodeTypes`, `queryLanguage`, ...). Every option is optional; an unknown
 * name is a `TypeError`.
 */
export type SearchQueryOptions = {
  [K in keyof SearchOptions as K extends string ? CamelCase<K> : never]?: SearchOptions[K];
};

/**
 * The options of `lookup` and `gap`: `locale`, a language tag (`it`, `ar`, `fa-AF`) the labels
 * are picked in where a framework has it, else along its fallback chain; each label says its
 * language (`title_lang`, `label_lang`).
 */
export type LocaleOptions = { locale?: string | null };

/** A framework node: a {@link FrameworkRef} object or its `"scheme:code"` text. */
export type NodeInput = FrameworkRef | `${string}:${string}`;

/**
 * A record to validate: a plain object (written out with `JSON.stringify`), its JSON text, or
 * its UTF-8 bytes (a `Uint8Array`, such as a Node `Buffer`, or an `ArrayBuffer`). Objects that
 * are not (yet) a well-formed {@link CompetenceRecord} are accepted: finding what is wrong with
 * them is the point.
 */
export type RecordInput = CompetenceRecord | { [key: string]: unknown } | string | Uint8Array | ArrayBuffer;

/** The kind of an error, the same string in every binding (e.g. `malformed_json`). */
export type ErrorCode = ErrorDetails['kind'];

/**
 * What Attesta throws when it cannot evaluate an input: a real `Error` — a `RangeError` for a
 * limit (`too_large`, `too_deep`), a `TypeError` for a value of the wrong type (a record that is
 * not an object, an unknown option), an `Error` otherwise — with the error's kind as `code` and
 * the core's whole error object as `details`. Messages never quote the input.
 */
export interface AttestaError extends Error {
  /** The error's kind, `details.kind`. */
  readonly code: ErrorCode;
  /** The core's error object (schema `error`), exactly as Rust serializes it. */
  readonly details: ErrorDetails;
}

/** Whether a caught value is an {@link AttestaError}. */
export function isAttestaError(value: unknown): value is AttestaError;

/**
 * Validates a record with the default options and the built-in framework (no reference date,
 * so the future-date checks are skipped: use a {@link Validator} with `referenceDate`).
 * @throws {AttestaError} when the record cannot be evaluated.
 */
export function validate(record: RecordInput): Report;

/**
 * Whether a record is valid with the default options; `false` also when it cannot be evaluated.
 * @throws {TypeError} when `record` is not a record form at all (a number, `undefined`).
 */
export function isValid(record: RecordInput): boolean;

/** A validator built once from options and reused for many records. */
export class Validator {
  /** @throws {AttestaError} with code `invalid_options` for unknown or unacceptable options. */
  constructor(options?: ValidatorOptions | null);
  /** @throws {AttestaError} when the record cannot be evaluated. */
  validate(record: RecordInput): Report;
  /** `false` also when the record cannot be evaluated. @throws {TypeError} for a non-record. */
  isValid(record: RecordInput): boolean;
  /** Frees the validator's memory now (otherwise the garbage collector does it). */
  free(): void;
}

/**
 * What loaded frameworks answer: the methods of {@link Frameworks} (this module's) and of the
 * `Frameworks` of `attesta/cases`, which are the same but not interchangeable.
 */
export interface FrameworkQueries {
  /** The ids of the frameworks loaded, e.g. `rrfp_toscana`. */
  ids(): string[];
  /** What the user should be told about the load, e.g. that a bundle replaces the built-in sample. */
  notices(): string[];
  /** A validator that checks claims against these frameworks. */
  validator(options?: ValidatorOptions | null): Validator;
  /**
   * Searches the labels of every framework, ESCO release and classification loaded (accents,
   * case, prefixes and typos do not matter): the hits, best first, as `attesta search --json`
   * prints them. The index is built by the first search or lookup and kept.
   * @throws {TypeError} when `query` is not a string or an option is unknown or ill-typed.
   */
  search(query: string, options?: SearchQueryOptions | null): SearchResults;
  /**
   * What a node is: a figure's profile (UCs, ADA, EQF level), a UC's detail (capacità,
   * conoscenze), or what any other code stands for (`kind` says which), as
   * `attesta search --lookup` prints it.
   * @throws {TypeError} when `node` is not a reference.
   */
  lookup(node: NodeInput, options?: LocaleOptions | null): NodeLookup;
  /**
   * The coverage of a target figure by a record's claims, UC by UC, as `attesta gap --json`
   * prints it; `validated` lists UCs validated or certified earlier.
   * @throws {AttestaError} e.g. `invalid_record` when the record is not a competence record,
   * `unknown_framework` when the target's framework is not loaded, `invalid_options` when the
   * target is not one of its figures.
   */
  gap(
    record: RecordInput,
    target: NodeInput,
    validated?: NodeInput[] | null,
    options?: LocaleOptions | null,
  ): GapReport;
  /** Frees the frameworks' memory now (otherwise the garbage collector does it). */
  free(): void;
}

/**
 * Frameworks loaded from bundles, on top of the built-in sample unless a bundle replaces it.
 * They belong to this module: `Case.open` of `attesta/cases` takes the `Frameworks` of its own
 * `loadFramework`, not these (each WebAssembly module has its own memory).
 */
export interface Frameworks extends FrameworkQueries {}
export class Frameworks {
  private constructor();
  /** Marks the class as this module's (a TypeScript brand; there is no such property). */
  private readonly module: 'attesta';
}

/**
 * Loads framework bundles (`.attb`: a regional repertoire, ESCO, a classification), one or a
 * list, as bytes.
 * @throws {AttestaError} e.g. `invalid_bundle` for bytes that are not a usable bundle.
 */
export function loadFramework(bundles: Uint8Array | ArrayBuffer | Array<Uint8Array | ArrayBuffer>): Frameworks;

/** The JSON Schema called `name`, e.g. `competence-record` or `report`. */
export function schema(name: SchemaName): { [key: string]: JsonValue };
/** The JSON Schema called `name`, or `undefined` when there is none. */
export function schema(name: string): { [key: string]: JsonValue } | undefined;

/** The names {@link schema} knows. */
export function schemaNames(): SchemaName[];

/** The Attesta version. */
export function version(): string;
