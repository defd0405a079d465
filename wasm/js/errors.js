// Recognising the errors Attesta throws (they are plain Error, TypeError or RangeError objects
// with `code` and `details`; see index.d.ts), and building the few the entry points throw
// themselves before a WebAssembly module sees the arguments.

/**
 * Whether `value` is an error thrown by Attesta: an `Error` with a string `code` (the error's
 * kind) and a `details` object (the core's ErrorDetails JSON).
 * @param {unknown} value
 * @returns {boolean}
 */
export function isAttestaError(value) {
  return (
    value instanceof Error &&
    typeof value.code === 'string' &&
    typeof value.details === 'object' &&
    value.details !== null
  );
}

/**
 * A TypeError shaped as the modules' `invalid_options` errors (an argument of the wrong kind).
 * @param {string} reason
 * @returns {TypeError}
 */
export function invalidOptions(reason) {
  const message = `invalid options: ${reason}`;
  return Object.assign(new TypeError(message), {
    code: 'invalid_options',
    details: { kind: 'invalid_options', message },
  });
}
