//! The competence record: a person, their experiences, the evidence they bring and the
//! competences they claim, each claim pointing at a node of a framework.
//!
//! These are plain, owned, serde types (`snake_case` JSON, unknown fields refused where a typo
//! would lose data), so they cross the Python and WebAssembly bindings unchanged. Formats
//! (dates, codes) are kept as strings and checked by the validation rules, which turns a bad
//! value into a finding with a path instead of a parse failure.

mod claim;
mod evidence;
mod experience;
mod person;
mod record;
mod reference;
mod view;

pub use claim::{CompetenceClaim, SelfAssessment};
pub use evidence::{Authenticity, Evidence, EvidenceKind, FileRef, TranslationStatus};
pub use experience::{Experience, ExperienceKind, LearningContext, Period};
pub use person::{CefrLevel, LanguageSkill, Person, PersonalData};
pub use record::{CompetenceRecord, RECORD_SCHEMA_VERSION};
pub(crate) use reference::split_repertoire;
pub use reference::{FrameworkRef, NodeKind, Scheme, NATIONAL_SCHEMES};
pub(crate) use view::{
    ClaimView, EvidenceView, ExperienceView, PersonView, RecordView, ReferenceView, Text,
};
