//! The ids of a record decoded whole (the fast path, typed records): one hash map entry per
//! distinct id, borrowed from the record, that says which lists use the id and where first.
//!
//! It finds the same `record.invalid_id` and `record.duplicate_id` findings as [`Ids`] (the
//! first use of an id is the earliest in list order, experiences, then evidence, then claims,
//! which is the order items are visited here) without sorting the ids or allocating any of
//! them. The hasher is foldhash with a per-map random seed: quick on short ids, and a hostile
//! record cannot choose ids that all fall in one bucket without knowing the seed.
//!
//! [`Ids`]: super::Ids

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use serde_json::json;

use crate::codes::Code;
use crate::formats::is_id;
use crate::model::RecordView;
use crate::path::Path;
use crate::validate::collect::Findings;

use super::finding;
use super::ids::{IdIndex, List};

/// Which lists use an id, and the item that used it first.
#[derive(Debug, Clone, Copy)]
struct Uses {
    /// One bit per [`List`] (`1 << list as u8`).
    lists: u8,
    first: (List, usize),
}

/// See the module documentation.
#[derive(Debug)]
pub(crate) struct RecordIds<'r> {
    uses: HashMap<&'r str, Uses, foldhash::fast::RandomState>,
}

impl<'r> RecordIds<'r> {
    /// Indexes the item ids of `record`, recording `record.invalid_id` for every malformed one
    /// and `record.duplicate_id` for every id an earlier item already used.
    pub(crate) fn check(record: &'r RecordView<'_>, findings: &mut Findings) -> Self {
        let items = record.experiences.len() + record.evidence.len() + record.claims.len();
        let mut ids = RecordIds {
            uses: HashMap::with_capacity_and_hasher(items, foldhash::fast::RandomState::default()),
        };
        let experiences = record.experiences.iter().map(|e| &*e.id);
        let evidence = record.evidence.iter().map(|e| &*e.id);
        let claims = record.claims.iter().map(|c| &*c.id);
        for (index, id) in experiences.enumerate() {
            ids.add(List::Experiences, index, id, findings);
        }
        for (index, id) in evidence.enumerate() {
            ids.add(List::Evidence, index, id, findings);
        }
        for (index, id) in claims.enumerate() {
            ids.add(List::Claims, index, id, findings);
        }
        ids
    }

    fn add(&mut self, list: List, index: usize, id: &'r str, findings: &mut Findings) {
        let path = || Path::root().child(list.field()).child(index).child("id");
        if !is_id(id) {
            findings.push(finding(Code::InvalidId, path(), []));
        }
        match self.uses.entry(id) {
            Entry::Vacant(vacant) => {
                vacant.insert(Uses {
                    lists: bit(list),
                    first: (list, index),
                });
            }
            Entry::Occupied(mut occupied) => {
                let uses = occupied.get_mut();
                uses.lists |= bit(list);
                let (first_list, first_index) = uses.first;
                let first_path = Path::root()
                    .child(first_list.field())
                    .child(first_index)
                    .child("id");
                findings.push(finding(
                    Code::DuplicateId,
                    path(),
                    [("id", json!(id)), ("first", json!(first_path.to_pointer()))],
                ));
            }
        }
    }
}

impl IdIndex for RecordIds<'_> {
    fn contains(&self, list: List, id: &str) -> bool {
        self.uses
            .get(id)
            .is_some_and(|uses| uses.lists & bit(list) != 0)
    }
}

/// The bit of `list` in [`Uses::lists`].
const fn bit(list: List) -> u8 {
    1 << list as u8
}
