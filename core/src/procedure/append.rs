//! Cases carried on a mobile unit: the events made offline since a known head are exported
//! ([`Case::events_since`]) and appended to the central case file.

use super::{Case, Event, Head};

impl Case {
    /// The events after `head` (an event of this case, usually the head the case had when it
    /// was taken offline): what a mobile unit exports for the central case file. Empty when
    /// `head` is the last event.
    ///
    /// # Errors
    /// [`Error::InvalidInput`](crate::Error::InvalidInput) when no event of the case has that
    /// `seq` and `hash` (the head belongs to another case or another branch).
    pub fn events_since(&self, head: &Head) -> Result<&[Event], crate::Error> {
        let at = usize::try_from(head.seq)
            .ok()
            .filter(|&i| self.events.get(i).is_some_and(|e| e.hash == head.hash))
            .ok_or_else(|| {
                crate::Error::InvalidInput(format!(
                    "the head (seq {}) is not an event of this case",
                    head.seq
                ))
            })?;
        Ok(&self.events[at + 1..])
    }
}
