// `attesta/cases` for browsers and bundlers (the "default" export condition): loads the case
// module (attesta_cases_bg.wasm, next to this file) with fetch, once, when this entry is first
// imported (top-level await) — a page that never imports `attesta/cases` never fetches it. Node
// takes cases-node.js instead.
//
// Like index.js, this file has no static import, so the module's download starts first, beside
// the JS modules, and it is compiled as it streams in (compile.js). The exports are
// cases-api.js's, listed here because an `export * from` would be a static import; a test
// checks they are cases-node.js's.
const response = fetch(new URL('./attesta_cases_bg.wasm', import.meta.url));
const [api] = await Promise.all([
  import('./cases-api.js'),
  Promise.all([import('./compile.js'), import('./attesta_cases.js')]).then(([{ instantiate }, glue]) =>
    instantiate(response, glue),
  ),
]);

export const {
  Case,
  Frameworks,
  isAttestaError,
  loadFramework,
  localizeReport,
  renderHtml,
  verify,
  version,
} = api;
