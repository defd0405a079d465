// The `attesta` package for browsers and bundlers (the "default" export condition): loads the
// WebAssembly module next to this file with fetch, once, at import time (top-level await), so
// every function can be called synchronously afterwards. Node takes node.js instead.
//
// Cold start: a browser runs this module only once every module it imports statically has
// been fetched, so those are kept small and one request away from this file (errors.js is
// imported here as well as by api.js, so it is requested with api.js, not after it), and the
// schemas module (schemas.js, 430 KB of JSON Schema text) is imported dynamically, beside the
// fetch and streaming compile of the WebAssembly module instead of before them. In Chromium on
// a loaded machine that graph was most of the time of `import('attesta')`.
import init from './attesta_wasm.js';
import './errors.js';

export * from './api.js';

/** The schemas module, there once the import has finished. */
let schemas;

/** The JSON Schema called `name` (see index.d.ts). */
export function schema(name) {
  return schemas.schema(name);
}

/** The names `schema()` knows (see index.d.ts). */
export function schemaNames() {
  return schemas.schemaNames();
}

[, schemas] = await Promise.all([
  init({ module_or_path: new URL('./attesta_wasm_bg.wasm', import.meta.url) }),
  import('./schemas.js'),
]);
