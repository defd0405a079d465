//! Privacy: records without direct identifiers, and the funder's monitoring export.
//!
//! The people served are third-country nationals; their names, codice fiscale and birth dates
//! belong in the case file and on the documents made for them, nowhere else. This module gives
//! the two ways data leaves that circle:
//!
//! - [`redact`] turns a competence record into one fit for analysis or a second opinion: the
//!   personal block is removed (optionally keeping the birth year), the person id can be
//!   replaced by a keyed pseudonym, and free texts can be dropped. It says which paths it
//!   removed, never what they held.
//! - [`monitoring`] counts cases for the funder (by phase, outcome, figure, UC and learning
//!   context, broken down by the monitoring attributes integration projects report) with
//!   small-cell suppression. The monitoring attributes live apart from the record and the case
//!   log, are all optional, and only this export reads them; nationality is not one of them.

pub mod monitoring;
mod redact;

pub use redact::{redact, PseudonymKey, RedactOptions, Redaction};
