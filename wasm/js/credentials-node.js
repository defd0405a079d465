// `attesta/credentials` for Node (the "node" export condition): reads the credential module
// next to this file from disk and instantiates it synchronously when this entry is first
// imported. Same module and glue as credentials.js, so the answers are the same.
import { readFileSync } from 'node:fs';
import { initSync } from './attesta_credentials.js';

initSync({ module: readFileSync(new URL('./attesta_credentials_bg.wasm', import.meta.url)) });

export * from './credentials-api.js';
