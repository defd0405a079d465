// The `attesta` package for Node (the "node" export condition): Node's fetch cannot read
// file: URLs, so the WebAssembly module next to this file is read from disk and instantiated
// synchronously at import time.
//
// Node loads its own build of the main module, attesta_wasm_node_bg.wasm (scripts/wasm-node.sh):
// the same crate, features and API as the browsers' attesta_wasm_bg.wasm, built for speed
// (cargo profile `wasm-speed`, opt-level 3) instead of size, about 3 times faster at validating.
// The package's size budget is about what browsers download; Node reads the file from disk.
// wasm-bindgen writes one glue file per module build, so this entry names the glue of its own
// module and re-exports the same names as index.js (browser-entry.test.mjs checks both entries
// export the same API).
import { readFileSync } from 'node:fs';
import { initSync } from './attesta_wasm_node.js';

initSync({ module: readFileSync(new URL('./attesta_wasm_node_bg.wasm', import.meta.url)) });

export {
  Frameworks,
  Validator,
  isValid,
  loadFramework,
  validate,
  version,
} from './attesta_wasm_node.js';
export { isAttestaError } from './errors.js';
export { schema, schemaNames } from './schemas.js';
