// The package's API, the same for every entry point (index.js for browsers, node.js for Node):
// each entry instantiates the WebAssembly module its own way, then re-exports this and adds
// `schema`/`schemaNames` (schemas.js), which index.js loads beside the module rather than
// before it. The case API (`Case`, `verify`, `renderHtml`) is in the second module,
// `attesta/cases` (cases-api.js).
export {
  Frameworks,
  Validator,
  isValid,
  loadFramework,
  validate,
  version,
} from './attesta_wasm.js';
export { isAttestaError } from './errors.js';
