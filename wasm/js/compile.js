// How the browsers' entries (index.js, cases.js, credentials.js) start their WebAssembly
// module: each fetches its module itself, first thing, before any other import, and hands the
// response here with the module's wasm-bindgen glue. The module is compiled as it streams in
// (when the server says it is WebAssembly), not by the glue after every JS module has arrived
// and been parsed (wasm/README.md, "Cold start"); the glue then instantiates it.

/**
 * The glue with its module instantiated from `response` (a promise of the module's fetch).
 * @param {Promise<Response>} response
 * @param {{ default: (options: { module_or_path: WebAssembly.Module }) => Promise<unknown> }} glue
 */
export async function instantiate(response, glue) {
  const module = await compile(await response);
  await glue.default({ module_or_path: module });
  return glue;
}

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
