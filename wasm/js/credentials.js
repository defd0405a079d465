// `attesta/credentials` for browsers and bundlers (the "default" export condition): loads the
// credential module (attesta_credentials_bg.wasm, next to this file) with fetch, once, when
// this entry is first imported (top-level await) — a page that never imports
// `attesta/credentials` never fetches it. Node takes credentials-node.js instead.
//
// Like index.js, this file has no static import, so the module's download starts first, beside
// the JS modules, and it is compiled as it streams in (compile.js). The exports are
// credentials-api.js's, listed here because an `export * from` would be a static import; a test
// checks they are credentials-node.js's.
const response = fetch(new URL('./attesta_credentials_bg.wasm', import.meta.url));
const [api] = await Promise.all([
  import('./credentials-api.js'),
  Promise.all([import('./compile.js'), import('./attesta_credentials.js')]).then(
    ([{ instantiate }, glue]) => instantiate(response, glue),
  ),
]);

export const {
  Frameworks,
  exportCredential,
  isAttestaError,
  loadFramework,
  signCredential,
  verifyCredential,
  version,
} = api;
