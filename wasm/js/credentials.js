// `attesta/credentials` for browsers and bundlers (the "default" export condition): loads the
// credential module (attesta_credentials_bg.wasm, next to this file) with fetch, once, when
// this entry is first imported (top-level await) — a page that never imports
// `attesta/credentials` never fetches it. Node takes credentials-node.js instead.
import init from './attesta_credentials.js';

await init({ module_or_path: new URL('./attesta_credentials_bg.wasm', import.meta.url) });

export * from './credentials-api.js';
