// The `attesta` package for browsers and bundlers (the "default" export condition): loads the
// WebAssembly module next to this file with fetch, once, at import time (top-level await), so
// every function can be called synchronously afterwards. Node takes node.js instead.
//
// Cold start: this file has no static import, so the browser runs it as soon as it has it and
// the download of the WebAssembly module (the largest file) starts at once, beside the JS
// modules (the glue attesta_wasm.js, compile.js, errors.js and the schemas module schemas.js).
// compile.js compiles the module as it streams in and the glue instantiates it (wasm/README.md,
// "Cold start"). The whole start is two round trips and the download. The exports are the
// glue's and errors.js's, listed here because an `export * from` would be a static import; a
// test checks they are node.js's.
const response = fetch(new URL('./attesta_wasm_bg.wasm', import.meta.url));
// Instantiated as soon as the glue and the compiled module are there, while schemas.js, the
// largest JS module, may still be parsing.
const instantiated = Promise.all([import('./compile.js'), import('./attesta_wasm.js')]).then(
  ([{ instantiate }, glue]) => instantiate(response, glue),
);
const [glue, errors, schemas] = await Promise.all([
  instantiated,
  import('./errors.js'),
  import('./schemas.js'),
]);

export const { Frameworks, Validator, isValid, loadFramework, validate, version } = glue;
export const { isAttestaError } = errors;
export const { schema, schemaNames } = schemas;
