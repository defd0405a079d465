// The `attesta` package for browsers and bundlers (the "default" export condition): loads the
// WebAssembly module next to this file with fetch, once, at import time (top-level await), so
// every function can be called synchronously afterwards. Node takes node.js instead.
//
// Cold start: this file has no static import, so the browser runs it as soon as it has it and
// the download of the WebAssembly module (the largest file, compiled while it streams) starts
// at once, beside the JS modules (the glue attesta_wasm.js, api.js and errors.js, which api.js
// imports, are all requested now rather than after api.js, and the schemas module schemas.js,
// 430 KB of JSON Schema text). The whole start is then two round trips and the download, where
// static imports made it three and the download: on a slow network a round trip is a good part
// of the start. The exports are the API's, listed here because an `export * from` would be a
// static import; a test checks they are node.js's.
const download = fetch(new URL('./attesta_wasm_bg.wasm', import.meta.url));
const [glue, api, schemas] = await Promise.all([
  import('./attesta_wasm.js'),
  import('./api.js'),
  import('./schemas.js'),
  import('./errors.js'),
  // Waited for here too, so that a failed download is not reported as unhandled while the
  // modules load; the glue then compiles the response as it streams.
  download,
]);
await glue.default({ module_or_path: download });

export const { Frameworks, Validator, isAttestaError, isValid, loadFramework, validate, version } = api;
export const { schema, schemaNames } = schemas;
