/**
 * `attesta/cases`: IVC cases in the browser and in Node (identificazione, valutazione,
 * attestazione), with the core's rules — `Case`, `verify`, `renderHtml` — and a report's
 * findings in a chosen language, `localizeReport` (this module carries the Fluent catalogues
 * for the labels of the printed documents). It is the package's
 * second WebAssembly module (the core with the procedure, the documents and their renderer, more
 * than twice the size of the main module), loaded only when this entry is imported:
 * `const { Case } = await import('attesta/cases')`.
 *
 * It carries its own {@link loadFramework} and {@link Frameworks} for `Case.open`: the
 * `Frameworks` of the main entry (`attesta`) live in the other module's memory and cannot be
 * passed here (TypeScript says so; at run time it is an `invalid_options` TypeError), nor these
 * to a function of `attesta`. Load the bundles in each module that needs them.
 */
import type {
  Action,
  CaseState,
  CaseView,
  Document,
  Event,
  Head,
  LocalizedReport,
  RenderOptions,
  Report,
  SignedHead,
} from './types/documents.js';
import type { CamelCase, FrameworkQueries } from './index.js';

export type * from './types/documents.js';
export type {
  AttestaError,
  ErrorCode,
  FrameworkQueries,
  JsonValue,
  NodeInput,
  RecordInput,
  SearchQueryOptions,
  ValidatorOptions,
} from './index.js';
export { isAttestaError } from './index.js';

/**
 * Frameworks loaded from bundles by this module's {@link loadFramework} (on top of the
 * built-in sample unless a bundle replaces it), for `Case.open`; they answer the same queries as
 * the main module's. Not interchangeable with the `Frameworks` of `attesta`.
 */
export interface Frameworks extends FrameworkQueries {}
export class Frameworks {
  private constructor();
  /** Marks the class as this module's (a TypeScript brand; there is no such property). */
  private readonly module: 'attesta/cases';
}

/**
 * Loads framework bundles (`.attb`), one or a list, as bytes, into this module (for
 * `Case.open`).
 * @throws {AttestaError} e.g. `invalid_bundle` for bytes that are not a usable bundle.
 */
export function loadFramework(bundles: Uint8Array | ArrayBuffer | Array<Uint8Array | ArrayBuffer>): Frameworks;

/** The Attesta version (the same as `attesta`'s). */
export function version(): string;

/** Who acts and when: the actor's id and the time, RFC 3339 UTC (the library reads no clock). */
export interface ActOptions {
  actor: string;
  at: string;
}

/** {@link ActOptions} and the frameworks a case opens over (the built-in ones when absent). */
export interface OpenOptions extends ActOptions {
  frameworks?: Frameworks | null;
}

/** An action: an {@link Action} object, its JSON text or UTF-8 bytes. */
export type ActionInput = Action | { [key: string]: unknown } | string | Uint8Array | ArrayBuffer;

/** A case log: its JSON Lines (text or bytes, read as a case file is) or a list of events. */
export type EventsInput = string | Uint8Array | ArrayBuffer | Event[];

/** A document to print: a {@link Document} object, its JSON text or UTF-8 bytes. */
export type DocumentInput = Document | string | Uint8Array | ArrayBuffer;

/**
 * An IVC case (identificazione, valutazione, attestazione): its event log and the state
 * replayed from it, run by the core's rules. The events it writes are those `attesta case act`
 * writes, so a case carried offline is appended to the central case file with
 * `attesta case append` ({@link Case.toJsonl} with the head it was taken at).
 */
export class Case {
  private constructor();
  /**
   * Opens a case with an `open_case` action.
   * @throws {AttestaError} `refused` (with `details.refusal`) when the action is refused,
   * `invalid_action`/`malformed_json` for a value that is not an action, `invalid_options`.
   */
  static open(action: ActionInput, options: OpenOptions): Case;
  /**
   * Opens a case for a person who comes back after `earlier` ended, taking its documents and
   * credits as credits. @throws {AttestaError} as {@link Case.open}.
   */
  static continueFrom(earlier: Case, action: ActionInput, options: OpenOptions): Case;
  /**
   * Rebuilds a case from its events, checking the hash chain and re-applying every action.
   * @throws {AttestaError} `log_integrity`, `empty_log`, `event_refused`, `frameworks_changed`...
   */
  static fromEvents(events: EventsInput, options?: { frameworks?: Frameworks | null } | null): Case;
  /** @internal The module's form of {@link Case.open}. */
  static openIn(frameworks: Frameworks, action: ActionInput, options: ActOptions): Case;
  /** @internal The module's form of {@link Case.continueFrom}. */
  static continueIn(frameworks: Frameworks, earlier: Case, action: ActionInput, options: ActOptions): Case;
  /** @internal The module's form of {@link Case.fromEvents}. */
  static replayIn(frameworks: Frameworks, events: EventsInput): Case;
  /**
   * Applies an action and returns the event appended.
   * @throws {AttestaError} `refused` with `details.refusal` (the case is then unchanged).
   */
  act(action: ActionInput, options: ActOptions): Event;
  /** The events, oldest first. */
  events(): Event[];
  /**
   * The events after `head` (the head the case had when it was taken offline).
   * @throws {AttestaError} `invalid_input` when `head` is not an event of this case.
   */
  eventsSince(head: Head): Event[];
  /**
   * The case file's text, one canonical event a line; with `since`, only the events after
   * that head: the file `attesta case append CASE EVENTS` takes.
   * @throws {AttestaError} `invalid_input` when `since` is not an event of this case.
   */
  toJsonl(since?: Head | null): string;
  /**
   * Appends events made elsewhere (another unit's, as {@link Case.toJsonl} exports them after
   * a head) and returns those appended; events the case already holds are skipped. A signed
   * case needs `trustedKey` (SPKI PEM).
   * @throws {AttestaError} `fork` (both branches in `details.fork`), `log_integrity`,
   * `event_refused`, `invalid_options`; the case is then unchanged.
   */
  append(events: EventsInput, options?: { trustedKey?: string | null } | null): Event[];
  /** The state replayed from the log. */
  readonly state: CaseState;
  /** The head of the log (seq and hash of the last event). */
  readonly head: Head | null;
  /** The state with the allowed actions, evidence findings, sufficiency, UC checks, coverage. */
  view(): CaseView;
  /** The documents the case has issued so far. */
  documents(): Document[];
  /**
   * Signs every event not yet signed with the ente's private key (PKCS#8 PEM); returns the
   * signed head to keep beside the log. @throws {AttestaError} `invalid_key`.
   */
  signPending(keyPem: string): SignedHead | null;
  /** Frees the case's memory now (otherwise the garbage collector does it). */
  free(): void;
}

/** Options of {@link verify}. */
export interface VerifyOptions {
  /** The signed head kept beside the log: the log must end there. */
  head?: SignedHead | null;
  /** The ente's public key (SPKI PEM): every signature and the head's must verify (needs `head`). */
  trustedKey?: string | null;
}

/**
 * Checks a case log: its hash chain, with `head` that it ends there, with `trustedKey` every
 * signature. Returns nothing when intact.
 * @throws {AttestaError} `log_integrity` (the first bad event in `details.integrity`).
 */
export function verify(events: EventsInput, options?: VerifyOptions | null): void;

/** Options of {@link renderHtml}: the core's {@link RenderOptions} in camelCase. */
export type RenderHtmlOptions = {
  [K in keyof RenderOptions as K extends string ? CamelCase<K> : never]?: RenderOptions[K];
};

/**
 * Prints a document as a standalone HTML page (the Documento di trasparenza, di validazione,
 * the Certificato), the same page as the CLI and Python print.
 * @throws {AttestaError} `invalid_input` for a value that is not a document, `invalid_options`.
 */
export function renderHtml(document: DocumentInput, options?: RenderHtmlOptions | null): string;

/**
 * A report's findings (a {@link Report} as `validate` of `attesta` returns it) with their
 * messages in `locale` (`'it'`, `'en'`, `'ar'`, `'fr'`, …), each with the `locale` its text came
 * from (the fallback chain, e.g. `ti` → `en` → `it`, when a catalogue lacks a message): the
 * same text as `attesta --lang LOCALE validate` prints. Right-to-left text is wrapped in
 * Unicode isolates, as Fluent places arguments.
 * @throws {AttestaError} `invalid_options` (a `TypeError`) when `report` is not a report or the
 * locale has no catalogue.
 */
export function localizeReport(report: Report, locale: string): LocalizedReport;
