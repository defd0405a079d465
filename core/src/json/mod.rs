//! Bounded JSON input: the parsing internals shared by record validation
//! ([`crate::Validator`]), the document check ([`crate::documents`]) and the case engine
//! ([`crate::procedure`]).
//!
//! Untrusted JSON is read in a fixed order, so that nothing a hostile input does can make
//! Attesta allocate or recurse without bound, or lose data without a word:
//! - **limits** first ([`limits`]): the byte length against a size limit, then the nesting
//!   depth with a linear scan, before any parser runs;
//! - **duplicate keys** ([`duplicates`]): parsers keep one of two equal keys of an object and
//!   drop the other silently, so the text is parsed by a visitor that reports every repeat;
//! - **maps only** ([`maps_only`]): serde decodes a struct from a JSON array too, which would
//!   make findings point at fields that are not in the document, so structs are read from
//!   objects only;
//! - **one object, one version** ([`object`]): the top-level type and the declared
//!   `schema_version`, as "cannot evaluate" errors;
//! - **typed parts** ([`structure`]): a JSON value decoded into a model type, the first
//!   mismatch a finding at its JSON path that never quotes the input.
//!
//! The public limits are re-exported at the crate root ([`crate::DEFAULT_MAX_SIZE`],
//! [`crate::DEFAULT_MAX_DEPTH`]); the rest is internal.

mod duplicates;
mod limits;
mod maps_only;
mod object;
mod structure;
mod track;

pub(crate) use duplicates::parse_with_duplicates;
pub(crate) use limits::{exceeds_depth, PARSER_MAX_DEPTH};
pub use limits::{DEFAULT_MAX_DEPTH, DEFAULT_MAX_SIZE};
pub(crate) use maps_only::{deserialize_located, maps_only};
pub(crate) use object::{
    check_schema_version, check_version_text, expect_object, json_type,
    parse_object_with_duplicates,
};
pub(crate) use structure::decode;
