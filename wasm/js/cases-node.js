// `attesta/cases` for Node (the "node" export condition): reads the case module next to this
// file from disk and instantiates it synchronously when this entry is first imported. Same
// module and glue as cases.js, so the answers are the same.
import { readFileSync } from 'node:fs';
import { initSync } from './attesta_cases.js';

initSync({ module: readFileSync(new URL('./attesta_cases_bg.wasm', import.meta.url)) });

export * from './cases-api.js';
