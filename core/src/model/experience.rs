//! Experiences: where and how something was learned.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The learning context of D.Lgs. 13/2013 art. 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LearningContext {
    /// *Apprendimento formale*: education and training system, universities; ends in a title.
    Formale,
    /// *Apprendimento non formale*: intentional, in organisations with educational aims outside
    /// the formal system (courses, volunteering, servizio civile, companies).
    NonFormale,
    /// *Apprendimento informale*: even unintentional, in daily life, work, family, leisure.
    Informale,
}

impl LearningContext {
    /// The JSON word.
    pub const fn as_str(self) -> &'static str {
        match self {
            LearningContext::Formale => "formale",
            LearningContext::NonFormale => "non_formale",
            LearningContext::Informale => "informale",
        }
    }
}

/// What kind of experience it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExperienceKind {
    /// Paid or unpaid work, employed or self-employed.
    Work,
    /// Volunteering, servizio civile.
    Volunteering,
    /// School, university: courses that lead to a title.
    Education,
    /// Vocational or other training courses.
    Training,
    /// Life and family: care of relatives, household, community roles.
    Life,
}

impl ExperienceKind {
    /// The JSON word.
    pub const fn as_str(self) -> &'static str {
        match self {
            ExperienceKind::Work => "work",
            ExperienceKind::Volunteering => "volunteering",
            ExperienceKind::Education => "education",
            ExperienceKind::Training => "training",
            ExperienceKind::Life => "life",
        }
    }
}

/// A period with partial dates; no `end` means ongoing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// Start: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[schemars(pattern(r"^\d{4}(-\d{2}(-\d{2})?)?$"))]
    pub start: String,
    /// End (same formats); absent while ongoing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(r"^\d{4}(-\d{2}(-\d{2})?)?$"))]
    pub end: Option<String>,
}

/// One experience of work, study, training, volunteering or life.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Experience {
    /// Id, unique within the record.
    pub id: String,
    /// Formale, non formale or informale.
    pub context: LearningContext,
    /// Work, volunteering, education, training or life.
    pub kind: ExperienceKind,
    /// When.
    pub period: Period,
    /// Where: ISO 3166-1 alpha-2 country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(r"^[A-Z]{2}$"))]
    pub country: Option<String>,
    /// Where within the country: town or locality (the documents print it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Employer, school, association, or a description of the setting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    /// For formal learning: the name of the course or programme (art. 6 D.Lgs. 13/2013 asks
    /// for the data of the formal course behind a competence).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub course: Option<String>,
    /// For formal learning: the body that awarded the title (school, university, ente
    /// titolare), when it is not the `organisation` where the course was attended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub awarding_body: Option<String>,
    /// For formal learning: the title obtained (diploma, qualifica), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_obtained: Option<String>,
    /// Job title or role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// What the person did, one task per item, in their words or the operator's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<String>,
    /// Whether it was paid; unknown when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid: Option<bool>,
    /// Hours per week, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 168))]
    pub hours_per_week: Option<u16>,
}
