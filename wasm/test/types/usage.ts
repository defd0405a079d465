// Type tests of the main entry's declarations (index.d.ts and the types generated from the JSON
// Schemas), checked by `tsc --noEmit` in `make test`: what a TypeScript user writes compiles,
// and each `@ts-expect-error` line is a mistake the types must reject (tsc fails when one is
// accepted). Never run; the Node tests check the behaviour.
import {
  Frameworks,
  Validator,
  loadFramework,
  isAttestaError,
  isValid,
  schema,
  schemaNames,
  validate,
  version,
  type AttestaError,
  type CompetenceRecord,
  type ErrorCode,
  type ErrorDetails,
  type Finding,
  type FrameworkRef,
  type GapInput,
  type GapReport,
  type NodeInput,
  type NodeLookup,
  type SearchHit,
  type SearchQueryOptions,
  type SearchResults,
  type JsonValue,
  type Report,
  type SchemaName,
  type ValidationOptions,
  type ValidatorOptions,
} from 'attesta';

/** `true` only for `any`: exported signatures must not have it. */
type IsAny<T> = 0 extends 1 & T ? true : false;
const notAny = <T>(_: IsAny<T> extends false ? true : never): void => undefined;

// Records: typed, loose objects, text and bytes.
const record: CompetenceRecord = { schema_version: '1.0', id: 'rec-1', person: { id: 'p-1' } };
const report: Report = validate(record);
validate('{"schema_version": "1.0"}');
validate(new Uint8Array(0));
validate(new ArrayBuffer(0));
validate({ work_in_progress: true });
// @ts-expect-error a number is not a record
validate(42);
// @ts-expect-error nor is undefined
validate(undefined);

// Reports: the core's JSON, typed from data/schemas/report.json.
const valid: boolean = report.valid;
const first: Finding | undefined = report.findings[0];
if (first) {
  const severity: 'error' | 'warning' | 'info' = first.severity;
  const code: Finding['code'] = first.code;
  const path: string = first.path;
  // @ts-expect-error codes are a closed list
  const unknownCode: Finding['code'] = 'no.such_code';
  void [severity, code, path, unknownCode];
}
const ok: boolean = isValid(record);

// Options: camelCase names of the core's ValidationOptions.
const options: ValidatorOptions = {
  strict: true,
  maxSize: 1 << 20,
  maxDepth: 64,
  maxFindings: 100,
  maxItemSize: 1 << 16,
  referenceDate: '2026-01-01',
};
const core: ValidationOptions = { max_size: 1 << 20, reference_date: null };
const validator = new Validator(options);
new Validator();
new Validator(null);
new Validator({ referenceDate: null });
// @ts-expect-error an unknown option
new Validator({ maxSizee: 1 });
// @ts-expect-error the snake_case spelling is the core's, not the JS API's
new Validator({ max_size: 1 });
// @ts-expect-error strict is a boolean
new Validator({ strict: 'yes' });
const again: Report = validator.validate(new Uint8Array(0));
const quick: boolean = validator.isValid('{}');
validator.free();

// Errors.
try {
  validate('{');
} catch (error: unknown) {
  if (isAttestaError(error)) {
    const narrowed: AttestaError = error;
    const details: ErrorDetails = error.details;
    const kind: ErrorCode = error.code;
    const message: string = error.message;
    const line: number | null | undefined = details.line;
    void [narrowed, kind, message, line];
  }
}

// Frameworks from bundle bytes.
const frameworks: Frameworks = loadFramework(new Uint8Array(0));
loadFramework([new Uint8Array(0), new ArrayBuffer(0)]);
// @ts-expect-error a path is not a bundle
loadFramework('rrfp_toscana.attb');
// @ts-expect-error Frameworks come from loadFramework only
new Frameworks();
const ids: string[] = frameworks.ids();
const overBundle: Validator = frameworks.validator({ referenceDate: '2026-01-01' });
// @ts-expect-error the same options as new Validator
frameworks.validator({ maxSizee: 1 });

// Search, lookup and gap over loaded frameworks: the core's JSON, typed from the schemas.
const hits: SearchResults = frameworks.search('carrellista', { limit: 5, minScore: 0.2, nodeTypes: ['qualification'] });
const hit: SearchHit | undefined = hits[0];
if (hit) {
  const node: FrameworkRef = hit.node;
  const score: number = hit.score;
  const label: string = hit.label;
  void [node, score, label];
}
frameworks.search('cuoco');
const searchOptions: SearchQueryOptions = { queryLanguage: 'it', schemes: ['rrfp_toscana.unit'] };
frameworks.search('cuoco', searchOptions);
// @ts-expect-error search options are camelCase
frameworks.search('cuoco', { min_score: 0.5 });
// @ts-expect-error a query is text
frameworks.search(42);
const looked: NodeLookup = frameworks.lookup('rrfp_toscana.qualification:413');
frameworks.lookup({ scheme: 'rrfp_toscana.unit', code: '1710' });
if (looked.kind === 'qualification') {
  const title: string = looked.title;
  void title;
}
// @ts-expect-error a node text is "scheme:code"
frameworks.lookup('413');
const target: NodeInput = 'rrfp_toscana.qualification:413';
const gapReport: GapReport = frameworks.gap(record, target, ['rrfp_toscana.unit:1710']);
frameworks.gap('{}', { scheme: 'rrfp_toscana.qualification', code: '413' });
const missing: number = gapReport.summary.missing;
const gapInput: GapInput = { target: { scheme: 'rrfp_toscana.qualification', code: '413' } };
// @ts-expect-error the target is a node
frameworks.gap(record, 413);
// Labels in a locale: each says its language.
const inEnglish: NodeLookup = frameworks.lookup('rrfp_toscana.unit:1710', { locale: 'en' });
if (inEnglish.kind === 'unit') {
  const titleLang: string = inEnglish.title_lang;
  void titleLang;
}
const fellBack: boolean | undefined = frameworks.search('cuoco', { locale: 'ar' })[0]?.fallback;
const gapLang: string = frameworks.gap(record, target, null, { locale: 'ti' }).title_lang;
void [fellBack, gapLang];
// @ts-expect-error the option is named locale
frameworks.lookup('rrfp_toscana.unit:1710', { lang: 'en' });

// Schemas.
const reportSchema: { [key: string]: JsonValue } = schema('report');
const maybe = schema('x' as string);
// @ts-expect-error an arbitrary name may have no schema
maybe.type;
const names: SchemaName[] = schemaNames();
// @ts-expect-error schema names are a closed list
const badName: SchemaName = 'no-such-schema';
const v: string = version();

// No `any` in the exported signatures.
notAny<ReturnType<typeof validate>>(true);
notAny<Parameters<typeof validate>[0]>(true);
notAny<ReturnType<typeof isValid>>(true);
notAny<ConstructorParameters<typeof Validator>[0]>(true);
notAny<ReturnType<Validator['validate']>>(true);
notAny<ReturnType<typeof schema>>(true);
notAny<ReturnType<typeof schemaNames>>(true);
notAny<AttestaError['details']>(true);
notAny<Report['findings'][number]['context']>(true);
notAny<CompetenceRecord['experiences']>(true);

notAny<ReturnType<typeof loadFramework>>(true);
notAny<ReturnType<Frameworks['search']>>(true);
notAny<Parameters<Frameworks['search']>[1]>(true);
notAny<ReturnType<Frameworks['lookup']>>(true);
notAny<ReturnType<Frameworks['gap']>>(true);
notAny<GapReport['units'][number]>(true);

void [valid, ok, core, again, quick, reportSchema, names, badName, v, ids, overBundle, missing, gapInput];
