//! [`SharedText`]: the one immutable text buffer of an [`EscoTaxonomy`](super::EscoTaxonomy),
//! shared by its clones and, for a loaded bundle, borrowed from the bundle buffer.
//!
//! A taxonomy hands out `&str` slices of its text, so the text must be checked as UTF-8 once,
//! when it is made. Full ESCO has ~10 MB of text and the check is a large part of a bundle
//! load: `simdutf8` checks it two to three times as fast as the standard library, and the
//! checked `&str` is kept beside the buffer it points into (a [`Yoke`]), so nothing checks it
//! again and nothing is copied. Reading the text is one load of a pointer and a length, as
//! with a plain string.

use std::sync::Arc;

use bytes::Bytes;
use yoke::erased::ErasedArcCart;
use yoke::Yoke;

/// An immutable, reference-counted UTF-8 buffer: the text of a taxonomy. Cloning shares it.
#[derive(Clone)]
pub(crate) struct SharedText(Yoke<&'static str, ErasedArcCart>);

/// The bytes given to [`SharedText::from_bytes`] are not UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NotUtf8;

impl SharedText {
    /// The text of `bytes` (a slice of a bundle buffer), checked as UTF-8; the buffer is
    /// shared, not copied.
    pub(crate) fn from_bytes(bytes: Bytes) -> Result<SharedText, NotUtf8> {
        Yoke::try_attach_to_cart(Arc::new(bytes), |bytes: &Bytes| {
            simdutf8::basic::from_utf8(bytes).map_err(|_| NotUtf8)
        })
        .map(|text| SharedText(text.erase_arc_cart()))
    }

    /// The text.
    pub(crate) fn as_str(&self) -> &str {
        self.0.get()
    }
}

impl From<String> for SharedText {
    /// A built taxonomy's text: already a `String`, so already UTF-8 (moved, not copied).
    fn from(text: String) -> SharedText {
        let text: Yoke<&'static str, Arc<String>> =
            Yoke::attach_to_cart(Arc::new(text), |text: &String| text.as_str());
        SharedText(text.erase_arc_cart())
    }
}

impl std::ops::Deref for SharedText {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for SharedText {
    /// The length only: the text of a taxonomy is ~10 MB.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SharedText")
            .field("len", &self.as_str().len())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_checked_once_and_shared_by_clones() {
        let buffer = Bytes::from_static("prefix é suffix".as_bytes());
        let text = SharedText::from_bytes(buffer.slice(7..)).unwrap();
        assert_eq!(text.as_str(), "é suffix");
        // The text points into the buffer it was made from, and clones share it.
        assert_eq!(text.as_ptr(), buffer[7..].as_ptr());
        assert_eq!(text.clone().as_ptr(), text.as_ptr());
        // Cut inside `é`, or with a byte that is never UTF-8: refused.
        assert_eq!(
            SharedText::from_bytes(buffer.slice(8..)).err(),
            Some(NotUtf8)
        );
        assert_eq!(
            SharedText::from_bytes(Bytes::from_static(b"ok \xff")).err(),
            Some(NotUtf8)
        );
        let built = SharedText::from(String::from("città"));
        assert_eq!(&*built, "città");
    }
}
