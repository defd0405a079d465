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

/// The names of the schemas, as used by `attesta schema NAME` and the file names.
pub const NAMES: &[&str] = &[
    "case-action",
    "case-event",
    "case-head",
    "case-state",
    "certificazione-dossier",
    "competence-record",
    "document",
    "error",
    "framework",
    "framework-overlay",
    "procedure-config",
    "render-options",
    "report",
    "titolare-profile",
    "validation-options",
];

/// The schema called `name`, or `None`.
pub fn schema(name: &str) -> Option<Schema> {
    Some(match name {
        "case-action" => generate::<crate::procedure::Action>(name),
        "case-event" => generate::<crate::procedure::Event>(name),
        "case-head" => generate::<crate::procedure::SignedHead>(name),
        "case-state" => generate::<crate::procedure::CaseState>(name),
        "certificazione-dossier" => generate::<crate::procedure::CertificazioneDossier>(name),
        "competence-record" => generate::<CompetenceRecord>(name),
        "procedure-config" => generate::<crate::procedure::ProcedureConfig>(name),
        "document" => generate::<crate::documents::Document>(name),
        "error" => generate::<ErrorDetails>(name),
        "framework" => generate::<Framework>(name),
        "framework-overlay" => generate::<crate::framework::FrameworkOverlay>(name),
        "render-options" => generate::<crate::documents::RenderOptions>(name),
        "report" => generate::<Report>(name),
        "titolare-profile" => generate::<crate::procedure::TitolareProfile>(name),
        "validation-options" => generate::<ValidationOptions>(name),
        _ => return None,
    })
}

fn generate<T: JsonSchema>(name: &str) -> Schema {
    let mut schema = schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<T>();
    // A versioned $id for every schema, so validators and caches can tell versions apart.
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
