// The API of `attesta/credentials`, the same for both of its entry points (credentials.js for
// browsers, credentials-node.js for Node). It is a module of its own
// (attesta_credentials_bg.wasm: the core with JSON-LD, RDF canonicalization and Ed25519 Data
// Integrity proofs), so its `Frameworks` are its own: a `Frameworks` of `attesta` or of
// `attesta/cases` is a different class and is refused here.
//
// `exportCredential(document, frameworks, options)` in the form every binding documents: the
// WebAssembly module takes a `Frameworks` object only as an argument of its own, so it exports
// one function with frameworks and one without, and this picks one. Everything else (reading
// the document, checking the options, the export, the errors) is the module's.
import {
  Frameworks,
  exportCredentialAlone,
  exportCredentialWith,
  loadFramework,
} from './attesta_credentials.js';
import { invalidOptions } from './errors.js';

/**
 * A Documento di validazione or Certificato as portable credentials; `frameworks` (this
 * module's, optional) supply the ESCO links of its UCs.
 */
export function exportCredential(document, frameworks, options) {
  if (frameworks === undefined || frameworks === null) {
    return exportCredentialAlone(document, options);
  }
  if (!(frameworks instanceof Frameworks)) {
    throw invalidOptions(
      "argument 'frameworks': expected a Frameworks object from loadFramework of 'attesta/credentials', or undefined",
    );
  }
  return exportCredentialWith(frameworks, document, options);
}

export { Frameworks, loadFramework };
export { signCredential, verifyCredential, version } from './attesta_credentials.js';
export { isAttestaError } from './errors.js';
