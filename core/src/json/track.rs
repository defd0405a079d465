//! The tracking of [`super::maps_only`]'s wrapper: none for [`super::maps_only`], or the JSON
//! path of the value being decoded for [`super::deserialize_located`].

use std::cell::Cell;

use crate::path::PathSegment;

/// What the wrapper does as it steps into nested values: nothing ([`NoTrack`]) or keep the
/// path ([`PathTrack`]).
pub(super) trait Track: Copy {
    /// A map key is about to be read.
    fn expect_key(self) {}
    /// A string was visited: the key, when one is expected.
    fn string(self, _text: &str) {}
    /// The key read has been given to the map's visitor, or rejected (`failed`): then the path
    /// ends at it.
    fn key_read(self, _failed: bool) {}
    /// The value of the key just read is about to be decoded; whether a segment was pushed.
    fn enter_value(self) -> bool {
        false
    }
    /// Item `index` of a sequence is about to be decoded.
    fn enter_item(self, _index: usize) {}
    /// The value entered last decoded: its segment is popped.
    fn leave(self) {}
}

/// No path: [`super::maps_only`].
#[derive(Clone, Copy)]
pub(super) struct NoTrack;

impl Track for NoTrack {}

/// The path of the value being decoded, and the key read last. Cells, not `RefCell`s: each
/// step takes the value out and puts it back, so no borrow can fail.
#[derive(Default)]
pub(super) struct PathTrack {
    segments: Cell<Vec<PathSegment>>,
    key: Cell<Option<String>>,
    expecting_key: Cell<bool>,
}

impl PathTrack {
    /// The path left: the failing value's after a failure.
    pub(super) fn into_segments(self) -> Vec<PathSegment> {
        self.segments.into_inner()
    }

    fn push(&self, segment: PathSegment) {
        let mut segments = self.segments.take();
        segments.push(segment);
        self.segments.set(segments);
    }
}

impl Track for &PathTrack {
    fn expect_key(self) {
        self.expecting_key.set(true);
        self.key.set(None);
    }

    fn string(self, text: &str) {
        if self.expecting_key.replace(false) {
            self.key.set(Some(text.to_owned()));
        }
    }

    fn key_read(self, failed: bool) {
        self.expecting_key.set(false);
        if failed {
            if let Some(key) = self.key.take() {
                self.push(PathSegment::Key(key));
            }
        }
    }

    fn enter_value(self) -> bool {
        // A key that is not a string (not JSON) has no segment, as in `serde_path_to_error`.
        self.key.take().is_some_and(|key| {
            self.push(PathSegment::Key(key));
            true
        })
    }

    fn enter_item(self, index: usize) {
        self.push(PathSegment::Index(index));
    }

    fn leave(self) {
        let mut segments = self.segments.take();
        segments.pop();
        self.segments.set(segments);
    }
}
