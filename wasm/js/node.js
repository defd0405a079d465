// The `attesta` package for Node (the "node" export condition): Node's fetch cannot read
// file: URLs, so the WebAssembly module next to this file is read from disk and instantiated
// synchronously at import time. Same module and glue as index.js, so the answers are the same.
import { readFileSync } from 'node:fs';
import { initSync } from './attesta_wasm.js';

initSync({ module: readFileSync(new URL('./attesta_wasm_bg.wasm', import.meta.url)) });

export * from './api.js';
export { schema, schemaNames } from './schemas.js';
