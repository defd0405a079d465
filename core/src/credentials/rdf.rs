//! JSON-LD to RDF with the shipped contexts only, and RDFC-1.0 canonical N-Quads: the
//! transformation of the `eddsa-rdfc-2022` cryptosuite.
//!
//! oxjsonld (Oxigraph's JSON-LD 1.1 parser) expands the document and emits quads; its
//! document-loader callback serves [`context_document`] and nothing else. rdf-canon
//! canonicalizes them (it works on oxrdf 0.2, oxjsonld on 0.3, hence the term conversion).
//! Both steps are bounded: at most [`MAX_QUADS`] quads, and a call limit on the
//! canonicalization's n-degree hashing, so a crafted "poison" graph fails instead of hanging.

use std::sync::{Arc, Mutex};

use oxjsonld::{JsonLdParser, JsonLdRemoteDocument};
use oxrdf02 as old;
use rdf_canon::CanonicalizationOptions;
use serde_json::Value;
use sha2::Sha256;

use super::contexts::context_document;
use super::CredentialError;

/// The most quads a credential may expand to (a credential of a large case has a few hundred).
pub const MAX_QUADS: usize = 50_000;
/// The deepest nesting of objects and arrays a credential may have (an ELM credential has
/// about 10): JSON-LD expansion recurses per level, so deeper input could exhaust the stack.
pub const MAX_CREDENTIAL_DEPTH: usize = 24;
/// The call limit of RDFC-1.0's Hash N-Degree Quads (blank nodes that look alike).
const HNDQ_CALL_LIMIT: usize = 20_000;

fn canon_error(what: &str) -> CredentialError {
    CredentialError::Canonicalization(what.to_owned())
}

/// The RDFC-1.0 canonical N-Quads of a JSON-LD document, contexts served from memory.
///
/// # Errors
/// [`CredentialError::UnknownContext`] when the document names a context Attesta does not ship;
/// [`CredentialError::Canonicalization`] when it is not valid JSON-LD or exceeds the limits.
pub fn canonical_nquads(document: &Value) -> Result<String, CredentialError> {
    check_depth(document)?;
    let bytes = serde_json::to_vec(document).map_err(|_| canon_error("not serializable"))?;
    let missing: Arc<Mutex<Option<String>>> = Arc::default();
    let seen = Arc::clone(&missing);
    let parser = JsonLdParser::new()
        .for_slice(&bytes)
        .with_load_document_callback(move |url, _| match context_document(url) {
            Ok(document) => Ok(JsonLdRemoteDocument {
                document: document.as_bytes().to_vec(),
                document_url: url.to_owned(),
            }),
            Err(error) => {
                if let Ok(mut slot) = seen.lock() {
                    slot.get_or_insert_with(|| url.chars().take(200).collect());
                }
                Err(Box::new(error))
            }
        });
    let mut quads = Vec::new();
    for quad in parser {
        let Ok(quad) = quad else {
            if let Some(url) = missing.lock().ok().and_then(|mut slot| slot.take()) {
                return Err(CredentialError::UnknownContext { url });
            }
            // oxjsonld's messages may quote the document; say only what failed.
            return Err(canon_error("the document is not valid JSON-LD 1.1"));
        };
        if quads.len() == MAX_QUADS {
            return Err(canon_error(
                "the document expands to too many RDF statements",
            ));
        }
        quads.push(convert(quad)?);
    }
    let options = CanonicalizationOptions {
        hndq_call_limit: Some(HNDQ_CALL_LIMIT),
    };
    rdf_canon::canonicalize_quads_with::<Sha256>(&quads, &options)
        .map_err(|_| canon_error("RDFC-1.0 canonicalization failed (limit reached)"))
}

/// Refuses a value nesting deeper than [`MAX_CREDENTIAL_DEPTH`] (checked without recursion).
///
/// # Errors
/// [`CredentialError::InvalidCredential`] when it does.
pub fn check_depth(value: &Value) -> Result<(), CredentialError> {
    let mut stack = vec![(value, 1usize)];
    while let Some((value, depth)) = stack.pop() {
        let children: Box<dyn Iterator<Item = &Value>> = match value {
            Value::Array(items) => Box::new(items.iter()),
            Value::Object(map) => Box::new(map.values()),
            _ => continue,
        };
        if depth > MAX_CREDENTIAL_DEPTH {
            return Err(CredentialError::InvalidCredential(format!(
                "it nests deeper than {MAX_CREDENTIAL_DEPTH} levels"
            )));
        }
        stack.extend(children.map(|child| (child, depth + 1)));
    }
    Ok(())
}

fn named(node: oxrdf::NamedNode) -> old::NamedNode {
    old::NamedNode::new_unchecked(node.into_string())
}

fn blank(node: &oxrdf::BlankNode) -> old::BlankNode {
    old::BlankNode::new_unchecked(node.as_str())
}

fn convert(quad: oxrdf::Quad) -> Result<old::Quad, CredentialError> {
    let subject = match quad.subject {
        oxrdf::NamedOrBlankNode::NamedNode(n) => old::Subject::NamedNode(named(n)),
        oxrdf::NamedOrBlankNode::BlankNode(b) => old::Subject::BlankNode(blank(&b)),
    };
    #[allow(unreachable_patterns)] // oxrdf's `rdf-12` feature adds triple terms
    let object = match quad.object {
        oxrdf::Term::NamedNode(n) => old::Term::NamedNode(named(n)),
        oxrdf::Term::BlankNode(b) => old::Term::BlankNode(blank(&b)),
        oxrdf::Term::Literal(literal) => old::Term::Literal(match literal.language() {
            Some(language) => {
                old::Literal::new_language_tagged_literal_unchecked(literal.value(), language)
            }
            None => old::Literal::new_typed_literal(
                literal.value(),
                old::NamedNode::new_unchecked(literal.datatype().as_str()),
            ),
        }),
        _ => return Err(canon_error("RDF 1.2 triple terms are not supported")),
    };
    let graph_name = match quad.graph_name {
        oxrdf::GraphName::NamedNode(n) => old::GraphName::NamedNode(named(n)),
        oxrdf::GraphName::BlankNode(b) => old::GraphName::BlankNode(blank(&b)),
        oxrdf::GraphName::DefaultGraph => old::GraphName::DefaultGraph,
    };
    Ok(old::Quad::new(
        subject,
        named(quad.predicate),
        object,
        graph_name,
    ))
}
