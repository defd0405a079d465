// The `attesta` package for browsers and bundlers (the "default" export condition): loads the
// WebAssembly module next to this file with fetch, once, at import time (top-level await), so
// every function can be called synchronously afterwards. Node takes node.js instead.
//
// Cold start: this file has no static import, so the browser runs it as soon as it has it and
// the download of the WebAssembly module (the largest file) starts at once, beside the JS
// modules (the glue attesta_wasm.js, errors.js and the schemas module schemas.js). The module
// is compiled as it streams in, from here, not by the glue: the glue can only start once every
// JS module has arrived and been parsed, and handing it the response then made the browser sit
// on the downloaded bytes and compile them afterwards, on the critical path (wasm/README.md,
// "Cold start"). The glue instantiates the compiled module. The whole start is two round trips
// and the download. The exports are the glue's and errors.js's, listed here because an
// `export * from` would be a static import; a test checks they are node.js's.
const compiled = fetch(new URL('./attesta_wasm_bg.wasm', import.meta.url)).then(compile);
// Instantiated as soon as the glue and the compiled module are there, while schemas.js, the
// largest JS module, may still be parsing.
const instantiated = Promise.all([import('./attesta_wasm.js'), compiled]).then(async ([glue, module]) => {
  await glue.default({ module_or_path: module });
  return glue;
});
const [glue, errors, schemas] = await Promise.all([
  instantiated,
  import('./errors.js'),
  import('./schemas.js'),
]);

export const { Frameworks, Validator, isValid, loadFramework, validate, version } = glue;
export const { isAttestaError } = errors;
export const { schema, schemaNames } = schemas;

/**
 * The fetched module compiled: while it streams when the server says it is WebAssembly (what
 * `compileStreaming` requires), else from its bytes, as the glue falls back for such a server.
 * @param {Response} response
 * @returns {Promise<WebAssembly.Module>}
 */
async function compile(response) {
  if (!response.ok) {
    throw new Error(`failed to fetch Wasm: ${response.status} ${response.statusText} fetching '${response.url}'`);
  }
  const type = response.headers.get('content-type')?.trim().toLowerCase();
  if (type === 'application/wasm') return WebAssembly.compileStreaming(response);
  return WebAssembly.compile(await response.arrayBuffer());
}
