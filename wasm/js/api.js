// The package's API, the same for every entry point (index.js for browsers, node.js for Node):
// each entry instantiates the WebAssembly module its own way, then re-exports this.
export {
  Frameworks,
  Validator,
  isValid,
  loadFramework,
  renderHtml,
  validate,
  verify,
  version,
} from './attesta_wasm.js';
export { Case } from './cases.js';
export { isAttestaError } from './errors.js';
export { schema, schemaNames } from './schemas.js';
