// `attesta/cases` for browsers and bundlers (the "default" export condition): loads the case
// module (attesta_cases_bg.wasm, next to this file) with fetch, once, when this entry is first
// imported (top-level await) — a page that never imports `attesta/cases` never fetches it. Node
// takes cases-node.js instead.
import init from './attesta_cases.js';

await init({ module_or_path: new URL('./attesta_cases_bg.wasm', import.meta.url) });

export * from './cases-api.js';
