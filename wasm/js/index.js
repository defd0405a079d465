// The `attesta` package for browsers and bundlers (the "default" export condition): loads the
// WebAssembly module next to this file with fetch, once, at import time (top-level await), so
// every function can be called synchronously afterwards. Node takes node.js instead.
import init from './attesta_wasm.js';

await init({ module_or_path: new URL('./attesta_wasm_bg.wasm', import.meta.url) });

export * from './api.js';
