//! No public act that fails the law's minimum: before an action is recorded, every document it
//! would newly produce (the Documento di trasparenza at the close of identificazione or with a
//! referral, the Documento di validazione, the Certificato) is run through the art. 6 document
//! check ([`DocumentChecker`]); an error refuses the action with the findings and their paths.
//!
//! The check runs on new actions only, not on replay: a log records acts already done, and a
//! later, stricter check must not make the legal trail unreadable.

use std::sync::Arc;

use super::issue;
use super::refusal::RefusalReason;
use super::state::CaseState;
use super::time::Timestamp;
use crate::documents::{Document, DocumentChecker};
use crate::framework::FrameworkSet;
use crate::report::Severity;
use crate::ValidationOptions;

/// Checks the documents `after` has and `before` did not; `at` is the action's time (the
/// reference date of the check).
pub(crate) fn check_new_documents(
    before: &CaseState,
    after: &CaseState,
    frameworks: &Arc<FrameworkSet>,
    at: &str,
) -> Result<(), RefusalReason> {
    let appeared = (before.trasparenza.is_none() && after.trasparenza.is_some())
        || (before.validazione.is_none() && after.validazione.is_some())
        || (before.certificato.is_none() && after.certificato.is_some());
    if !appeared {
        // Most actions issue nothing: do not build the documents at all.
        return Ok(());
    }
    let new = issue::documents(after, frameworks)
        .into_iter()
        .filter(|doc| !produced(before, doc));
    let mut checker = None;
    for document in new {
        let checker = match &mut checker {
            Some(c) => c,
            None => checker.insert(make_checker(frameworks, at)?),
        };
        let report = checker
            .check(&document)
            .map_err(|e| super::machine::invalid(e.to_string()))?;
        let findings: Vec<_> = report
            .findings
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        if !findings.is_empty() {
            return Err(RefusalReason::DocumentNotLawful {
                document_type: document.document_type(),
                findings,
            });
        }
    }
    Ok(())
}

/// Whether `before` already had this document (documents are derived, so compare by kind).
fn produced(before: &CaseState, document: &Document) -> bool {
    match document {
        Document::DocumentoTrasparenza(_) => before.trasparenza.is_some(),
        Document::DocumentoValidazione(_) => before.validazione.is_some(),
        Document::Certificato(_) => before.certificato.is_some(),
    }
}

fn make_checker(
    frameworks: &Arc<FrameworkSet>,
    at: &str,
) -> Result<DocumentChecker, RefusalReason> {
    let mut options = ValidationOptions::default();
    if let Some(time) = Timestamp::parse(at) {
        options = options.reference_date(time.date);
    }
    DocumentChecker::with_frameworks(options, Arc::clone(frameworks))
        .map_err(|e| super::machine::invalid(e.to_string()))
}
