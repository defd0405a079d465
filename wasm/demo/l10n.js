// Finding messages from the project's Fluent catalogues (data/l10n/<lang>/findings.ftl) with
// Fluent's own JavaScript implementation, @fluent/bundle (vendored next to the page by
// `make web`): the same messages, arguments and CLDR plural rules as the core's Rust
// `fluent-bundle`. Kept apart from i18n.js (the form's words) so that the Node tests can run it
// against every finding of the shared fixtures.
import { FluentBundle, FluentNumber, FluentResource } from './vendor/fluent-bundle/index.js';

/** The catalogue `text` (a findings.ftl) of `lang` as a FluentBundle. */
export function findingBundle(lang, text) {
  // Isolation marks only matter in right-to-left text (the core sets them for ar, fa...); here
  // they would add invisible characters around every argument.
  const bundle = new FluentBundle(lang, { useIsolating: false });
  // A syntax error keeps the messages that parsed, as in the core; `cargo test` checks that the
  // shipped files have none.
  bundle.addResource(new FluentResource(text));
  return bundle;
}

/** A finding's context value as a Fluent argument, as the core passes it (`fluent_args`). */
function argument(value) {
  // Whole numbers stay numbers so plural selectors apply CLDR rules; written without grouping,
  // as the core writes them (1234, not 1.234).
  if (typeof value === 'number' && Number.isInteger(value)) {
    return new FluentNumber(value, { useGrouping: false });
  }
  return plain(value);
}

/** A value as text: strings as they are, lists joined with ", ", anything else as JSON. */
function plain(value) {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(plain).join(', ');
  return JSON.stringify(value);
}

/**
 * A finding's message from its code and context, from the first bundle of `chain` (a list of
 * FluentBundle or undefined) that has it; the report's English `message` when none does.
 */
export function formatFinding(chain, finding) {
  // Fluent ids have no dots: `experience.end_before_start` is `experience-end_before_start`.
  const id = finding.code.replaceAll('.', '-');
  const args = Object.fromEntries(
    Object.entries(finding.context ?? {}).map(([name, value]) => [name, argument(value)]),
  );
  for (const bundle of chain) {
    const message = bundle?.getMessage(id);
    if (message?.value) {
      const errors = [];
      const text = bundle.formatPattern(message.value, args, errors);
      // A message whose arguments do not fit is not shown half filled: the next one is.
      if (errors.length === 0) return text;
    }
  }
  return finding.message;
}
