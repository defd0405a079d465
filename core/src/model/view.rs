//! Borrowed views of a competence record: what the validation rules read.
//!
//! The public model types own their strings, so decoding a record into them allocates once per
//! string (thousands of allocations for a long dossier) only for the rules to read each string
//! once and drop it. The views mirror those types field for field, with the same serde
//! attributes (unknown, repeated and missing fields refused, the same defaults and number
//! types), so a text decodes into a view exactly when it decodes into the model; but their
//! strings are [`Text`], borrowed from the input whenever the JSON string has no escape.
//! Fields no rule reads are decoded all the same (and allowed to be dead code), so that the
//! views refuse a wrongly typed value wherever the model does.
//!
//! Both paths of the validation decode into them: the fast path from the whole text, the bounded
//! path from each part parsed on its own (strings borrowed from the parsed part). Typed records
//! ([`crate::Validator::validate_record`]) convert into them by borrowing (`From<&T>`).
//! The views are internal: the public types and their schemas are unchanged.

use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;

use serde::de::{Deserializer, SeqAccess, Visitor};
use serde::Deserialize;
use smallvec::SmallVec;

use super::{
    Authenticity, CefrLevel, CompetenceClaim, CompetenceRecord, Evidence, EvidenceKind, Experience,
    ExperienceKind, FileRef, FrameworkRef, LanguageSkill, LearningContext, Person, PersonalData,
    SelfAssessment, TranslationStatus,
};

/// A string of the input: borrowed from it, or owned when the JSON string had escapes (the
/// unescaped text is not in the input).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Text<'a>(Cow<'a, str>);

impl Deref for Text<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'a> From<&'a String> for Text<'a> {
    fn from(text: &'a String) -> Self {
        Text(Cow::Borrowed(text))
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Asked for as a `str`, so a parser hands out the input's own text when it can; a
        // `String` field accepts exactly the same JSON values.
        deserializer.deserialize_str(TextVisitor)
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Text(Cow::Borrowed(v)))
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Text(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Text(Cow::Owned(v)))
    }
}

/// Borrows every string of a list.
fn texts<'a, C: FromIterator<Text<'a>>>(list: &'a [String]) -> C {
    list.iter().map(Text::from).collect()
}

/// A list of ids: most name one or two items, kept inline (no allocation per list).
pub(crate) type IdList<'a> = SmallVec<[Text<'a>; 2]>;

/// The tasks of an experience: the rules only ask whether one of them says something, so the
/// strings are checked as they are decoded and not kept.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Tasks {
    /// Some task is not blank.
    pub(crate) described: bool,
}

impl Tasks {
    fn of<S: AsRef<str>>(tasks: impl IntoIterator<Item = S>) -> Self {
        Tasks {
            described: tasks.into_iter().any(|t| !t.as_ref().trim().is_empty()),
        }
    }
}

impl<'de> Deserialize<'de> for Tasks {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // The same values a `Vec<String>` accepts: an array of strings.
        deserializer.deserialize_seq(TasksVisitor)
    }
}

struct TasksVisitor;

impl<'de> Visitor<'de> for TasksVisitor {
    type Value = Tasks;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tasks, A::Error> {
        let mut described = false;
        while let Some(task) = seq.next_element::<Text<'de>>()? {
            described |= !task.trim().is_empty();
        }
        Ok(Tasks { described })
    }
}

/// View of [`CompetenceRecord`].
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RecordView<'a> {
    #[serde(borrow)]
    pub(crate) schema_version: Text<'a>,
    #[serde(borrow)]
    pub(crate) id: Text<'a>,
    #[serde(borrow)]
    pub(crate) person: PersonView<'a>,
    #[serde(default, borrow)]
    pub(crate) experiences: Vec<ExperienceView<'a>>,
    #[serde(default, borrow)]
    pub(crate) evidence: Vec<EvidenceView<'a>>,
    #[serde(default, borrow)]
    pub(crate) claims: Vec<ClaimView<'a>>,
}

impl<'a> From<&'a CompetenceRecord> for RecordView<'a> {
    fn from(record: &'a CompetenceRecord) -> Self {
        RecordView {
            schema_version: Text::from(&record.schema_version),
            id: Text::from(&record.id),
            person: PersonView::from(&record.person),
            experiences: record
                .experiences
                .iter()
                .map(ExperienceView::from)
                .collect(),
            evidence: record.evidence.iter().map(EvidenceView::from).collect(),
            claims: record.claims.iter().map(ClaimView::from).collect(),
        }
    }
}

/// View of [`Person`].
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PersonView<'a> {
    #[serde(borrow)]
    pub(crate) id: Text<'a>,
    #[serde(default, borrow)]
    pub(crate) personal: Option<PersonalView<'a>>,
    #[serde(default, borrow)]
    pub(crate) mother_tongues: Vec<Text<'a>>,
    #[serde(default, borrow)]
    pub(crate) languages: Vec<LanguageView<'a>>,
}

impl<'a> From<&'a Person> for PersonView<'a> {
    fn from(person: &'a Person) -> Self {
        PersonView {
            id: Text::from(&person.id),
            personal: person.personal.as_ref().map(PersonalView::from),
            mother_tongues: texts(&person.mother_tongues),
            languages: person.languages.iter().map(LanguageView::from).collect(),
        }
    }
}

/// View of [`PersonalData`].
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PersonalView<'a> {
    #[allow(dead_code)] // decoded only: see the module documentation
    #[serde(default, borrow)]
    pub(crate) given_name: Option<Text<'a>>,
    #[allow(dead_code)] // decoded only: see the module documentation
    #[serde(default, borrow)]
    pub(crate) family_name: Option<Text<'a>>,
    #[serde(default, borrow)]
    pub(crate) birth_date: Option<Text<'a>>,
    #[allow(dead_code)] // decoded only: see the module documentation
    #[serde(default, borrow)]
    pub(crate) birth_place: Option<Text<'a>>,
    #[serde(default, borrow)]
    pub(crate) fiscal_code: Option<Text<'a>>,
    #[serde(default, borrow)]
    pub(crate) nationality: Option<Text<'a>>,
}

impl<'a> From<&'a PersonalData> for PersonalView<'a> {
    fn from(personal: &'a PersonalData) -> Self {
        PersonalView {
            given_name: personal.given_name.as_ref().map(Text::from),
            family_name: personal.family_name.as_ref().map(Text::from),
            birth_date: personal.birth_date.as_ref().map(Text::from),
            birth_place: personal.birth_place.as_ref().map(Text::from),
            fiscal_code: personal.fiscal_code.as_ref().map(Text::from),
            nationality: personal.nationality.as_ref().map(Text::from),
        }
    }
}

/// View of [`LanguageSkill`].
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LanguageView<'a> {
    #[serde(borrow)]
    pub(crate) language: Text<'a>,
    #[serde(default)]
    pub(crate) listening: Option<CefrLevel>,
    #[serde(default)]
    pub(crate) reading: Option<CefrLevel>,
    #[serde(default)]
    pub(crate) spoken_interaction: Option<CefrLevel>,
    #[serde(default)]
    pub(crate) spoken_production: Option<CefrLevel>,
    #[serde(default)]
    pub(crate) writing: Option<CefrLevel>,
}

impl LanguageView<'_> {
    /// Whether any of the five levels is given.
    pub(crate) fn has_level(&self) -> bool {
        [
            self.listening,
            self.reading,
            self.spoken_interaction,
            self.spoken_production,
            self.writing,
        ]
        .iter()
        .any(Option::is_some)
    }
}

impl<'a> From<&'a LanguageSkill> for LanguageView<'a> {
    fn from(skill: &'a LanguageSkill) -> Self {
        LanguageView {
            language: Text::from(&skill.language),
            listening: skill.listening,
            reading: skill.reading,
            spoken_interaction: skill.spoken_interaction,
            spoken_production: skill.spoken_production,
            writing: skill.writing,
        }
    }
}

/// View of [`super::Period`].
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PeriodView<'a> {
    #[serde(borrow)]
    pub(crate) start: Text<'a>,
    #[serde(default, borrow)]
    pub(crate) end: Option<Text<'a>>,
}

/// View of [`Experience`].
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ExperienceView<'a> {
    #[serde(borrow)]
    pub(crate) id: Text<'a>,
    pub(crate) context: LearningContext,
    pub(crate) kind: ExperienceKind,
    #[serde(borrow)]
    pub(crate) period: PeriodView<'a>,
    #[serde(default, borrow)]
    pub(crate) country: Option<Text<'a>>,
    #[allow(dead_code)] // decoded only: see the module documentation
    #[serde(default, borrow)]
    pub(crate) place: Option<Text<'a>>,
    #[serde(default, borrow)]
    pub(crate) organisation: Option<Text<'a>>,
    #[serde(default, borrow)]
    pub(crate) course: Option<Text<'a>>,
    #[serde(default, borrow)]
    pub(crate) awarding_body: Option<Text<'a>>,
    #[allow(dead_code)] // decoded only: see the module documentation
    #[serde(default, borrow)]
    pub(crate) title_obtained: Option<Text<'a>>,
    #[serde(default, borrow)]
    pub(crate) role: Option<Text<'a>>,
    #[serde(default)]
    pub(crate) tasks: Tasks,
    #[allow(dead_code)] // decoded only: see the module documentation
    #[serde(default)]
    pub(crate) paid: Option<bool>,
    #[serde(default)]
    pub(crate) hours_per_week: Option<u16>,
}

impl<'a> From<&'a Experience> for ExperienceView<'a> {
    fn from(experience: &'a Experience) -> Self {
        let text = |v: &'a Option<String>| v.as_ref().map(Text::from);
        ExperienceView {
            id: Text::from(&experience.id),
            context: experience.context,
            kind: experience.kind,
            period: PeriodView {
                start: Text::from(&experience.period.start),
                end: text(&experience.period.end),
            },
            country: text(&experience.country),
            place: text(&experience.place),
            organisation: text(&experience.organisation),
            course: text(&experience.course),
            awarding_body: text(&experience.awarding_body),
            title_obtained: text(&experience.title_obtained),
            role: text(&experience.role),
            tasks: Tasks::of(&experience.tasks),
            paid: experience.paid,
            hours_per_week: experience.hours_per_week,
        }
    }
}

/// View of [`FileRef`].
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FileView<'a> {
    #[serde(borrow)]
    pub(crate) sha256: Text<'a>,
    #[serde(borrow)]
    pub(crate) media_type: Text<'a>,
    #[allow(dead_code)] // decoded only: see the module documentation
    #[serde(default)]
    pub(crate) size: Option<u64>,
}

impl<'a> From<&'a FileRef> for FileView<'a> {
    fn from(file: &'a FileRef) -> Self {
        FileView {
            sha256: Text::from(&file.sha256),
            media_type: Text::from(&file.media_type),
            size: file.size,
        }
    }
}

/// View of [`Evidence`].
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EvidenceView<'a> {
    #[serde(borrow)]
    pub(crate) id: Text<'a>,
    #[allow(dead_code)] // decoded only: see the module documentation
    pub(crate) kind: EvidenceKind,
    #[allow(dead_code)] // decoded only: see the module documentation
    #[serde(default, borrow)]
    pub(crate) description: Option<Text<'a>>,
    #[serde(default, borrow)]
    pub(crate) issuer: Option<Text<'a>>,
    #[serde(default)]
    pub(crate) self_issued: bool,
    #[serde(default, borrow)]
    pub(crate) issue_date: Option<Text<'a>>,
    #[serde(default, borrow)]
    pub(crate) country: Option<Text<'a>>,
    #[serde(default, borrow)]
    pub(crate) language: Option<Text<'a>>,
    #[allow(dead_code)] // decoded only: see the module documentation
    #[serde(default)]
    pub(crate) translation: TranslationStatus,
    #[allow(dead_code)] // decoded only: see the module documentation
    #[serde(default)]
    pub(crate) authenticity: Authenticity,
    #[serde(default, borrow)]
    pub(crate) experiences: IdList<'a>,
    #[serde(default, borrow)]
    pub(crate) claims: IdList<'a>,
    #[serde(default, borrow)]
    pub(crate) file: Option<FileView<'a>>,
}

impl<'a> From<&'a Evidence> for EvidenceView<'a> {
    fn from(evidence: &'a Evidence) -> Self {
        let text = |v: &'a Option<String>| v.as_ref().map(Text::from);
        EvidenceView {
            id: Text::from(&evidence.id),
            kind: evidence.kind,
            description: text(&evidence.description),
            issuer: text(&evidence.issuer),
            self_issued: evidence.self_issued,
            issue_date: text(&evidence.issue_date),
            country: text(&evidence.country),
            language: text(&evidence.language),
            translation: evidence.translation,
            authenticity: evidence.authenticity,
            experiences: texts(&evidence.experiences),
            claims: texts(&evidence.claims),
            file: evidence.file.as_ref().map(FileView::from),
        }
    }
}

/// View of [`FrameworkRef`].
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReferenceView<'a> {
    #[serde(borrow)]
    pub(crate) scheme: Text<'a>,
    #[serde(borrow)]
    pub(crate) code: Text<'a>,
    #[serde(default, borrow)]
    pub(crate) version: Option<Text<'a>>,
}

impl<'a> From<&'a FrameworkRef> for ReferenceView<'a> {
    fn from(reference: &'a FrameworkRef) -> Self {
        ReferenceView {
            scheme: Text::from(&reference.scheme),
            code: Text::from(&reference.code),
            version: reference.version.as_ref().map(Text::from),
        }
    }
}

/// View of [`CompetenceClaim`].
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ClaimView<'a> {
    #[serde(borrow)]
    pub(crate) id: Text<'a>,
    #[serde(borrow)]
    pub(crate) target: ReferenceView<'a>,
    pub(crate) self_assessment: SelfAssessment,
    #[serde(default, borrow)]
    pub(crate) experiences: IdList<'a>,
    #[serde(default, borrow)]
    pub(crate) evidence: IdList<'a>,
    #[allow(dead_code)] // decoded only: see the module documentation
    #[serde(default, borrow)]
    pub(crate) notes: Option<Text<'a>>,
}

impl<'a> From<&'a CompetenceClaim> for ClaimView<'a> {
    fn from(claim: &'a CompetenceClaim) -> Self {
        ClaimView {
            id: Text::from(&claim.id),
            target: ReferenceView::from(&claim.target),
            self_assessment: claim.self_assessment,
            experiences: texts(&claim.experiences),
            evidence: texts(&claim.evidence),
            notes: claim.notes.as_ref().map(Text::from),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::{RecordView, Text};
    use crate::json::maps_only;
    use crate::model::CompetenceRecord;

    fn view(text: &str) -> Option<RecordView<'_>> {
        let mut de = serde_json::Deserializer::from_str(text);
        let view = RecordView::deserialize(maps_only(&mut de)).ok()?;
        de.end().ok().map(|()| view)
    }

    fn model(text: &str) -> Option<CompetenceRecord> {
        let mut de = serde_json::Deserializer::from_str(text);
        let record = CompetenceRecord::deserialize(maps_only(&mut de)).ok()?;
        de.end().ok().map(|()| record)
    }

    /// The fast path relies on it: a text the model refuses must not reach the rules as a view.
    #[test]
    fn a_text_decodes_into_the_view_exactly_when_it_decodes_into_the_model() {
        let person = r#""person": {"id": "p", "mother_tongues": ["ar"]}"#;
        let experience = r#"{"id": "e", "context": "formale", "kind": "education",
            "period": {"start": "2019"}, "hours_per_week": 20, "tasks": ["t"]}"#;
        let cases = [
            format!(r#"{{"schema_version": "1.0", "id": "r", {person}}}"#),
            format!(r#"{{"schema_version": "1.0", "id": "r\u0041", {person}}}"#),
            format!(r#"{{"schema_version": "1.0", "id": "r", "id": "s", {person}}}"#),
            format!(r#"{{"schema_version": "1.0", "id": "r", {person}, "x": 1}}"#),
            r#"{"schema_version": "1.0", "id": "r"}"#.to_owned(),
            format!(r#"{{"schema_version": 1, "id": "r", {person}}}"#),
            format!(r#"{{"schema_version": "1.0", "id": "r", {person}, "claims": null}}"#),
            format!(
                r#"{{"schema_version": "1.0", "id": "r", {person}, "experiences": [{experience}]}}"#
            ),
            format!(
                r#"{{"schema_version": "1.0", "id": "r", {person}, "experiences": [{}]}}"#,
                experience.replace("20", "70000")
            ),
            format!(
                r#"{{"schema_version": "1.0", "id": "r", {person}, "experiences": [{}]}}"#,
                experience.replace(r#"{"start": "2019"}"#, r#"["2019"]"#)
            ),
            format!(
                r#"{{"schema_version": "1.0", "id": "r", {person}, "experiences": [{}]}}"#,
                experience.replace(r#"["t"]"#, "[1]")
            ),
            format!(r#"{{"schema_version": "1.0", "id": "r", {person}}} x"#),
        ];
        for case in &cases {
            assert_eq!(view(case).is_some(), model(case).is_some(), "{case}");
        }
        // The plain record, the one with an escape, the one with an experience; no other.
        let accepted: Vec<usize> = (0..cases.len())
            .filter(|&i| view(&cases[i]).is_some())
            .collect();
        assert_eq!(accepted, [0, 1, 7]);
    }

    #[test]
    fn text_is_borrowed_unless_the_string_has_escapes() {
        let text: Text<'_> = serde_json::from_str(r#""plain""#).expect("a string");
        assert!(matches!(text.0, std::borrow::Cow::Borrowed("plain")));
        let text: Text<'_> = serde_json::from_str(r#""a\nb""#).expect("a string");
        assert_eq!(&*text, "a\nb");
    }
}
