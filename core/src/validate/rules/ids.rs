//! Ids: well formed and unique across the record, and the index that references resolve against.
//!
//! Two indexes answer [`IdIndex::contains`]. [`Ids`], for the bounded path, keeps every item id in one text buffer with a small fixed-size entry per item
//! (no path, no per-id allocation), sorted once: a record with millions of tiny items costs a
//! few bytes per item, and a lookup is a binary search whatever the number of duplicates.
//! [`RecordIds`](super::RecordIds), for a record decoded whole, hashes the ids it borrows.

use std::cmp::Ordering;

use serde_json::json;

use crate::codes::Code;
use crate::formats::is_id;
use crate::path::Path;

use super::finding;
use crate::validate::collect::Findings;

/// Where references to items are resolved.
pub(crate) trait IdIndex {
    /// Whether an item of `list` has the id `id`.
    fn contains(&self, list: List, id: &str) -> bool;
}

/// The three lists of a record whose items have ids, in the order ids are first seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum List {
    /// `experiences`
    Experiences,
    /// `evidence`
    Evidence,
    /// `claims`
    Claims,
}

impl List {
    /// Every list, in order.
    pub(crate) const ALL: [List; 3] = [List::Experiences, List::Evidence, List::Claims];

    /// The record's field name of the list.
    pub(crate) const fn field(self) -> &'static str {
        match self {
            List::Experiences => "experiences",
            List::Evidence => "evidence",
            List::Claims => "claims",
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    start: usize,
    end: usize,
    list: List,
    index: usize,
}

/// The ids of a record's items, by list; see the module documentation.
#[derive(Debug, Default)]
pub(crate) struct Ids {
    text: String,
    entries: Vec<Entry>,
    sorted: bool,
}

impl Ids {
    /// Adds the id of item `index` of `list`.
    pub(crate) fn push(&mut self, list: List, index: usize, id: &str) {
        let start = self.text.len();
        self.text.push_str(id);
        self.entries.push(Entry {
            start,
            end: self.text.len(),
            list,
            index,
        });
        self.sorted = false;
    }

    /// Forgets the id of item `index` of `list` if it was the last one added (a repeated
    /// `id` key: as in a parsed object, the last value counts).
    pub(crate) fn forget_last(&mut self, list: List, index: usize) {
        if let Some(last) = self.entries.last() {
            if last.list == list && last.index == index {
                self.text.truncate(last.start);
                self.entries.pop();
            }
        }
    }

    /// Forgets every id of `list` (a repeated list key: the last one counts).
    pub(crate) fn forget_list(&mut self, list: List) {
        self.entries.retain(|e| e.list != list);
    }

    fn id(&self, entry: &Entry) -> &str {
        self.text.get(entry.start..entry.end).unwrap_or("")
    }

    fn sort(&mut self) {
        if !self.sorted {
            let text = &self.text;
            let id = |e: &Entry| text.get(e.start..e.end).unwrap_or("");
            // (id, list, index) is unique, so an unstable sort is deterministic; it needs no
            // buffer, unlike the stable one.
            self.entries.sort_unstable_by(|a, b| {
                id(a)
                    .cmp(id(b))
                    .then(a.list.cmp(&b.list))
                    .then(a.index.cmp(&b.index))
            });
            self.sorted = true;
        }
    }

    /// Records `record.invalid_id` for every malformed item id and `record.duplicate_id` for
    /// every id already used by an earlier item (experiences, then evidence, then claims), and
    /// makes the index ready for [`IdIndex::contains`].
    pub(crate) fn check(&mut self, findings: &mut Findings) {
        self.sort();
        let mut first: Option<&Entry> = None;
        for entry in &self.entries {
            let id = self.id(entry);
            let path = || {
                Path::root()
                    .child(entry.list.field())
                    .child(entry.index)
                    .child("id")
            };
            if !is_id(id) {
                findings.push(finding(Code::InvalidId, path(), []));
            }
            match first {
                Some(f) if self.id(f) == id => {
                    let first_path = Path::root()
                        .child(f.list.field())
                        .child(f.index)
                        .child("id");
                    findings.push(finding(
                        Code::DuplicateId,
                        path(),
                        [("id", json!(id)), ("first", json!(first_path.to_pointer()))],
                    ));
                }
                _ => first = Some(entry),
            }
        }
    }
}

impl IdIndex for Ids {
    fn contains(&self, list: List, id: &str) -> bool {
        debug_assert!(self.sorted, "Ids::check sorts the index before lookups");
        let at = self
            .entries
            .partition_point(|e| self.id(e).cmp(id).then(e.list.cmp(&list)) == Ordering::Less);
        self.entries
            .get(at)
            .is_some_and(|e| e.list == list && self.id(e) == id)
    }
}

/// Records `record.invalid_id` for a malformed record id or person id.
pub(crate) fn check_top(record_id: Option<&str>, person_id: Option<&str>, findings: &mut Findings) {
    if record_id.is_some_and(|id| !is_id(id)) {
        findings.push(finding(Code::InvalidId, Path::root().child("id"), []));
    }
    if person_id.is_some_and(|id| !is_id(id)) {
        findings.push(finding(
            Code::InvalidId,
            Path::root().child("person").child("id"),
            [],
        ));
    }
}
