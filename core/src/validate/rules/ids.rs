//! Ids: well formed and unique across the record, and the index that references resolve against.

use std::collections::{HashMap, HashSet};

use serde_json::json;

use crate::codes::Code;
use crate::formats::is_id;
use crate::path::Path;
use crate::report::Finding;

use super::finding;
use crate::validate::record::{Item, Parts};

/// The ids present in the record, by list.
pub(crate) struct Ids<'a> {
    pub(crate) experiences: HashSet<&'a str>,
    pub(crate) evidence: HashSet<&'a str>,
    pub(crate) claims: HashSet<&'a str>,
}

pub(crate) fn check<'a>(parts: &Parts<'a>, findings: &mut Vec<Finding>) -> Ids<'a> {
    let mut first_seen: HashMap<&str, Path> = HashMap::new();
    if let Some(id) = parts.id {
        if !is_id(id) {
            findings.push(finding(Code::InvalidId, Path::root().join("id"), []));
        }
    }
    if let Some(person) = &parts.person {
        if !is_id(&person.id) {
            findings.push(finding(
                Code::InvalidId,
                Path::root().join("person").join("id"),
                [],
            ));
        }
    }
    let mut collect = |list: &str, items: Vec<(usize, Option<&'a str>)>| -> HashSet<&'a str> {
        let mut set = HashSet::new();
        for (index, raw_id) in items {
            let Some(id) = raw_id else { continue };
            let path = Path::root().join(list).join(index).join("id");
            if !is_id(id) {
                findings.push(finding(Code::InvalidId, path.clone(), []));
            }
            if let Some(first) = first_seen.get(id) {
                findings.push(finding(
                    Code::DuplicateId,
                    path,
                    [("id", json!(id)), ("first", json!(first.to_pointer()))],
                ));
            } else {
                first_seen.insert(id, path);
            }
            set.insert(id);
        }
        set
    };
    Ids {
        experiences: collect("experiences", raw_ids(&parts.experiences)),
        evidence: collect("evidence", raw_ids(&parts.evidence)),
        claims: collect("claims", raw_ids(&parts.claims)),
    }
}

fn raw_ids<'a, T: Clone>(items: &[Item<'a, T>]) -> Vec<(usize, Option<&'a str>)> {
    items.iter().map(|i| (i.index, i.raw_id)).collect()
}
