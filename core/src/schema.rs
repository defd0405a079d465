//! JSON Schemas of the public document types, generated with schemars.
//!
//! The generated files are committed under `data/schemas/`; a test regenerates them and fails
//! when they drift from the code (`make schemas` rewrites them).

use schemars::{JsonSchema, Schema};

use crate::error::ErrorDetails;
use crate::framework::Framework;
use crate::model::CompetenceRecord;
use crate::report::Report;
use crate::validate::ValidationOptions;

/// The names of the schemas, as used by `attesta schema NAME` and the file names: one for
/// every value that crosses the API boundary (documents users write, results functions return,
/// every JSON output of the CLI). `core/tests/schema_contract.rs` checks that the list, the
/// committed files and the public types agree.
pub const NAMES: &[&str] = &[
    "bundle-info",
    "case-action",
    "case-event",
    "case-head",
    "case-state",
    "case-verification",
    "case-view",
    "certificazione-dossier",
    "competence-record",
    "document",
    "error",
    "file-outcome",
    "framework",
    "framework-overlay",
    "gap-input",
    "gap-report",
    "import-report",
    "match-options",
    "monitoring-attributes",
    "monitoring-options",
    "monitoring-report",
    "node-lookup",
    "occupation-matches",
    "procedure-config",
    "redact-options",
    "redaction",
    "render-options",
    "report",
    "search-options",
    "search-results",
    "skill-profile",
    "titolare-profile",
    "validation-options",
];

/// The schema called `name`, or `None`.
pub fn schema(name: &str) -> Option<Schema> {
    Some(match name {
        "bundle-info" => generate::<crate::bundle::BundleInfo>(name),
        "case-action" => generate::<crate::procedure::Action>(name),
        "case-event" => generate::<crate::procedure::Event>(name),
        "case-head" => generate::<crate::procedure::SignedHead>(name),
        "case-state" => generate::<crate::procedure::CaseState>(name),
        "case-verification" => generate::<crate::procedure::CaseVerification>(name),
        "case-view" => generate::<crate::procedure::CaseView>(name),
        "certificazione-dossier" => generate::<crate::procedure::CertificazioneDossier>(name),
        "competence-record" => generate::<CompetenceRecord>(name),
        "document" => generate::<crate::documents::Document>(name),
        "error" => generate::<ErrorDetails>(name),
        "file-outcome" => generate::<crate::report::FileOutcome>(name),
        "framework" => generate::<Framework>(name),
        "framework-overlay" => generate::<crate::framework::FrameworkOverlay>(name),
        "gap-input" => generate::<crate::gap::GapInput>(name),
        "gap-report" => generate::<crate::gap::GapReport>(name),
        "import-report" => generate::<crate::import::ImportReport>(name),
        "match-options" => generate::<crate::matching::MatchOptions>(name),
        "monitoring-attributes" => {
            generate::<crate::privacy::monitoring::MonitoringAttributes>(name)
        }
        "monitoring-options" => generate::<crate::privacy::monitoring::MonitoringOptions>(name),
        "monitoring-report" => generate::<crate::privacy::monitoring::MonitoringReport>(name),
        "node-lookup" => generate::<crate::search::lookup::NodeLookup>(name),
        "occupation-matches" => generate::<crate::matching::ProfileMatches>(name),
        "procedure-config" => generate::<crate::procedure::ProcedureConfig>(name),
        "redact-options" => generate::<crate::privacy::RedactOptions>(name),
        "redaction" => generate::<crate::privacy::Redaction>(name),
        "render-options" => generate::<crate::documents::RenderOptions>(name),
        "report" => generate::<Report>(name),
        "search-options" => generate::<crate::search::SearchOptions>(name),
        "search-results" => {
            let mut schema = generate::<Vec<crate::search::SearchHit>>(name);
            // schemars titles an array `Array_of_SearchHit`; bindings make type names of titles.
            schema.insert("title".to_owned(), "SearchResults".into());
            schema.insert(
                "description".to_owned(),
                "The hits of a label search, best first (`attesta search --json`).".into(),
            );
            schema
        }
        "skill-profile" => generate::<crate::matching::SkillProfile>(name),
        "titolare-profile" => generate::<crate::procedure::TitolareProfile>(name),
        "validation-options" => generate::<ValidationOptions>(name),
        _ => return None,
    })
}

fn generate<T: JsonSchema>(name: &str) -> Schema {
    let mut schema = schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<T>();
    // A versioned $id for every schema, so validators and caches can tell versions apart. Only
    // the root has one: an `$id` on a type would follow it into the `$defs` of every schema
    // that includes it and change the base of the `#/$defs/...` references inside it, which a
    // validator then cannot resolve.
    schema.insert(
        "$id".to_owned(),
        format!("urn:attesta:schema:v1:{name}").into(),
    );
    schema
}

/// The schema as pretty JSON text with a trailing newline (the committed form).
pub fn schema_text(name: &str) -> Option<String> {
    let schema = schema(name)?;
    let mut text = serde_json::to_string_pretty(&schema).ok()?;
    text.push('\n');
    Some(text)
}
