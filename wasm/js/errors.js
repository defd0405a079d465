// Recognising the errors Attesta throws (they are plain Error, TypeError or RangeError objects
// with `code` and `details`; see index.d.ts).

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
