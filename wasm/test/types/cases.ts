// Type tests of `attesta/cases` (cases.d.ts), checked by `tsc --noEmit` with usage.ts: what a
// TypeScript user of the case module writes compiles, and each `@ts-expect-error` line is a
// mistake the types must reject. Never run; the Node tests check the behaviour.
import { loadFramework as loadMainFrameworks } from 'attesta';
import { validate } from 'attesta';
import {
  Case,
  Frameworks,
  isAttestaError,
  loadFramework,
  localizeReport,
  renderHtml,
  verify,
  version,
  type CaseState,
  type Document,
  type Event,
  type Head,
  type LocalizedReport,
  type SignedHead,
} from 'attesta/cases';

/** `true` only for `any`: exported signatures must not have it. */
type IsAny<T> = 0 extends 1 & T ? true : false;
const notAny = <T>(_: IsAny<T> extends false ? true : never): void => undefined;

const frameworks: Frameworks = loadFramework([]);
const opened: Case = Case.open(
  { kind: 'open_case', payload: {} },
  { actor: 'op-1', at: '2025-09-01T08:30:00Z', frameworks },
);
// @ts-expect-error the main module's frameworks live in the other module: not for a case
Case.open({ kind: 'open_case', payload: {} }, { actor: 'op-1', at: 'T', frameworks: loadMainFrameworks([]) });
// The case module's frameworks answer the same queries.
const hits = frameworks.search('carrelli', { limit: 1 });
const appended: Event = opened.act({ kind: 'withdraw' }, { actor: 'p-1', at: '2025-09-01T09:00:00Z' });
// @ts-expect-error who acts and when must be given
opened.act({ kind: 'withdraw' }, { actor: 'p-1' });
const phase: CaseState['phase'] = opened.state.phase;
const taken: Head | null = opened.head;
const fresh: Event[] = taken ? opened.eventsSince(taken) : opened.events();
const exported: string = opened.toJsonl(taken);
const replayedCase: Case = Case.fromEvents(exported, { frameworks });
const docs: Document[] = replayedCase.documents();
const signed: SignedHead | null = opened.signPending('-----BEGIN PRIVATE KEY-----');
verify(exported, { head: signed, trustedKey: 'PEM' });
// @ts-expect-error render options are camelCase
renderHtml(docs[0]!, { redact_personal_data: true });
const page: string = renderHtml(docs[0]!, { redactPersonalData: true, secondLanguage: 'en' });
try {
  Case.fromEvents('');
} catch (error) {
  if (isAttestaError(error)) void error.code;
}
const localized: LocalizedReport = localizeReport(validate('{}'), 'ar');
const fromLocale: string = localized.findings[0]?.locale ?? localized.locale;
// @ts-expect-error a report object, not its JSON text
localizeReport('{"valid": true, "findings": []}', 'it');
notAny<ReturnType<typeof localizeReport>>(true);
notAny<ReturnType<Case['view']>>(true);
notAny<Case['state']>(true);
notAny<ReturnType<Case['documents']>>(true);
notAny<ReturnType<typeof loadFramework>>(true);
void [appended, phase, fresh, page, hits, version(), fromLocale];
