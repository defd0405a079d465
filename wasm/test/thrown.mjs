// Shared by the Node tests: the error a function throws. (Node's test runner also loads this
// file as a test file; it defines no test.)
import assert from 'node:assert/strict';

/** The error `fn` throws (fails when it throws nothing). */
export function thrown(fn) {
  try {
    fn();
  } catch (error) {
    return error;
  }
  assert.fail('expected an error to be thrown');
}
