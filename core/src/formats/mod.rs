//! Formats of the small values a record is made of: partial dates, country and language codes,
//! codici fiscali, file digests, media types and the code shapes of each framework scheme.
//!
//! Each checker is a pure function over `&str`, so the rules, the framework importers and the
//! bindings share one definition of "well formed".

pub mod code_shapes;
pub mod country;
pub mod date;
pub mod fiscal_code;

pub use date::{Date, PartialDate};

/// ISO 639-1 language code (two lower-case letters, assigned).
pub fn is_language_code(code: &str) -> bool {
    code.len() == 2
        && code.bytes().all(|b| b.is_ascii_lowercase())
        && isolang::Language::from_639_1(code).is_some()
}

/// SHA-256 digest as 64 lower-case hexadecimal characters.
pub fn is_sha256_hex(digest: &str) -> bool {
    digest.len() == 64
        && digest
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// A media type `type/subtype` (RFC 6838 restricted names, parameters not allowed).
pub fn is_media_type(media_type: &str) -> bool {
    let restricted = |s: &str| {
        !s.is_empty()
            && s.len() <= 127
            && s.as_bytes()[0].is_ascii_alphanumeric()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$&-^_.+".contains(&b))
    };
    matches!(media_type.split_once('/'), Some((t, s)) if restricted(t) && restricted(s))
}

/// An id: 1–128 characters of ASCII letters, digits, `-`, `_`, `.`, `:`.
pub fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 128
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages() {
        assert!(is_language_code("it") && is_language_code("ti") && is_language_code("ar"));
        assert!(!is_language_code("IT") && !is_language_code("xx") && !is_language_code("ita"));
    }

    #[test]
    fn media_types_and_hashes() {
        assert!(is_media_type("application/pdf") && is_media_type("image/svg+xml"));
        assert!(!is_media_type("pdf") && !is_media_type("a/") && !is_media_type("text/plain; x=1"));
        assert!(is_sha256_hex(&"ab".repeat(32)));
        assert!(!is_sha256_hex(&"AB".repeat(32)) && !is_sha256_hex("abc"));
    }

    #[test]
    fn ids() {
        assert!(is_id("exp-1") && is_id("urn:x:1") && !is_id("") && !is_id("a b"));
        assert!(!is_id(&"a".repeat(129)));
    }
}
