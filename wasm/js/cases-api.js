// The API of `attesta/cases`, the same for both of its entry points (cases.js for browsers,
// cases-node.js for Node). It is a module of its own (attesta_cases_bg.wasm: the core with the
// procedure, the documents, their renderer and the Fluent catalogues of their labels, which
// also give `localizeReport`), so its `Frameworks` are its own: a `Frameworks` of the main
// module (`attesta`) is a different class and is refused here.
//
// The Case API in the options form every binding documents (`Case.open(action, {actor, at,
// frameworks})`). The WebAssembly module takes a `Frameworks` object only as an argument of
// its own (`openIn`, `continueIn`, `replayIn`), so these static methods take it out of the
// options and pass the built-in frameworks when none are given. Everything else (reading the
// action, checking the other options, the rules, the errors) is the module's.
import { Case, Frameworks, loadFramework } from './attesta_cases.js';
import { invalidOptions } from './errors.js';

/** The built-in frameworks, loaded by the first case that needs them. */
let builtin;

/** The frameworks of the options (the built-in ones when absent) and the other options. */
function split(options) {
  if (options === undefined || options === null) {
    return [(builtin ??= loadFramework([])), options];
  }
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw invalidOptions('options must be an object');
  }
  const { frameworks, ...rest } = options;
  if (frameworks === undefined || frameworks === null) {
    return [(builtin ??= loadFramework([])), rest];
  }
  if (!(frameworks instanceof Frameworks)) {
    throw invalidOptions(
      "option 'frameworks': expected a Frameworks object from loadFramework of 'attesta/cases'",
    );
  }
  return [frameworks, rest];
}

Case.open = function open(action, options) {
  const [frameworks, rest] = split(options);
  return Case.openIn(frameworks, action, rest);
};

Case.continueFrom = function continueFrom(earlier, action, options) {
  const [frameworks, rest] = split(options);
  return Case.continueIn(frameworks, earlier, action, rest);
};

Case.fromEvents = function fromEvents(events, options) {
  const [frameworks, rest] = split(options);
  const unknown = Object.keys(rest ?? {})[0];
  if (unknown !== undefined) {
    throw invalidOptions(`unknown option '${unknown.slice(0, 64)}'; the options are: frameworks`);
  }
  return Case.replayIn(frameworks, events);
};

export { Case, Frameworks, loadFramework };
export { localizeReport, renderHtml, verify, version } from './attesta_cases.js';
export { isAttestaError } from './errors.js';
