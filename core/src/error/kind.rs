//! The catalogue of error kinds: one stable slug per way an input cannot be evaluated or an
//! operation cannot be done.
//!
//! Every serialized error ([`ErrorDetails`](super::ErrorDetails)) names one of these kinds in
//! its `kind` key; bindings map each to one exception class or tag. The set is the same in
//! every build, whatever the features: a kind whose operation a build lacks (e.g. `import_problem`
//! without feature `import`) is never produced there, but it still exists. Each entry fixes the
//! slug, a one-line meaning and the optional fields of `ErrorDetails` it may carry (the
//! generated table in `docs/error-kinds.md`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

macro_rules! kinds {
    ($( $(#[$doc:meta])* $variant:ident = $slug:literal, [$($field:literal),*], $summary:literal; )*) => {
        /// A stable error kind, serialized as its `snake_case` slug (see `docs/error-kinds.md`).
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
            JsonSchema,
        )]
        #[serde(rename_all = "snake_case")]
        #[non_exhaustive]
        pub enum ErrorKind {
            $( $(#[$doc])* $variant, )*
        }

        impl ErrorKind {
            /// Every kind, in catalogue order (the same in every build).
            pub const ALL: &'static [ErrorKind] = &[$(ErrorKind::$variant),*];

            /// The slug, e.g. `malformed_json`.
            pub const fn as_str(self) -> &'static str {
                match self { $(ErrorKind::$variant => $slug,)* }
            }

            /// One line saying what the kind means (used for the documentation table).
            pub const fn summary(self) -> &'static str {
                match self { $(ErrorKind::$variant => $summary,)* }
            }

            /// The optional fields of [`ErrorDetails`](super::ErrorDetails) an error of this
            /// kind may carry, besides `kind` and `message`.
            pub const fn fields(self) -> &'static [&'static str] {
                match self { $(ErrorKind::$variant => &[$($field),*],)* }
            }

            /// Looks a kind up by its slug.
            pub fn from_slug(slug: &str) -> Option<ErrorKind> {
                match slug { $($slug => Some(ErrorKind::$variant),)* _ => None }
            }
        }
    };
}

kinds! {
    /// The input is not well-formed JSON.
    MalformedJson = "malformed_json", ["line", "column"],
        "The input is not well-formed JSON; `line` and `column` (1-based) say where.";
    /// The top-level JSON value has the wrong type.
    WrongTopLevelType = "wrong_top_level_type", [],
        "The top-level JSON value is not the expected type (e.g. an array instead of an object).";
    /// The input or file is larger than the limit.
    TooLarge = "too_large", ["limit", "path"],
        "The input or file is larger than the configured limit (`limit`, bytes); nothing past it was read.";
    /// The input nests deeper than the limit.
    TooDeep = "too_deep", ["limit"],
        "The input nests deeper than the configured limit (`limit`, levels).";
    /// The declared schema version is not supported.
    UnsupportedSchemaVersion = "unsupported_schema_version", [],
        "The document declares a schema version this build does not read.";
    /// The document type is absent or unknown.
    UnknownDocumentType = "unknown_document_type", [],
        "A document's `document_type` is absent or not one Attesta knows.";
    /// A framework that is not loaded was asked for.
    UnknownFramework = "unknown_framework", ["framework"],
        "A framework was asked for that is not loaded (`framework`: its id).";
    /// A framework file is not usable.
    InvalidFramework = "invalid_framework", [],
        "A framework file or its data is not usable.";
    /// A framework bundle is not usable.
    InvalidBundle = "invalid_bundle", [],
        "A framework bundle (`.attb`) is truncated, corrupted, not a bundle, or of another format version.";
    /// A source file of an import has a problem.
    ImportProblem = "import_problem", ["path", "line", "column"],
        "A source file of a framework import has a problem that stops the import in the chosen mode (`path`: the file as named in the source).";
    /// Options contradict each other or are out of range.
    InvalidOptions = "invalid_options", [],
        "Options that contradict each other or are out of range.";
    /// An action is not an action.
    InvalidAction = "invalid_action", [],
        "An action is not `{\"kind\", \"payload\"}` with a known kind and a payload of its shape.";
    /// An input is not of the shape the operation takes.
    InvalidInput = "invalid_input", [],
        "An input is well-formed JSON but not of the shape the operation takes (e.g. a record `gap` cannot read); `validate` or `document check` lists what is wrong.";
    /// A record was evaluated and is invalid (the `check` functions).
    InvalidRecord = "invalid_record", ["report"],
        "A record was evaluated and is invalid: the `check` functions (Rust, Python, JavaScript) return this instead of the invalid `report`, which it carries.";
    /// Reading or writing a file failed.
    Io = "io", ["path"],
        "Reading or writing a file failed (`path`: the file).";
    /// An action was refused by the procedure.
    Refused = "refused", ["refusal"],
        "The procedure refused an action (`refusal`: action, phase, allowed actions and the reason, with the findings of `document_not_lawful`); the case is unchanged.";
    /// An event log is not intact.
    LogIntegrity = "log_integrity", ["integrity", "path"],
        "An event log is not intact: `integrity` names the first bad event (index, seq) and the problem.";
    /// Events to append fork from the case.
    Fork = "fork", ["fork"],
        "Events to append (`attesta case append`, `Case.append`) continue an event the case already continued otherwise: two branches, never merged (`fork`: the common base event, the case's first event after it and the appended one's).";
    /// An event's payload does not decode as its action.
    BadEventPayload = "bad_event_payload", ["event", "path"],
        "An event of an intact log has a payload that does not decode as its action (`event`: index and seq).";
    /// An event of a log is refused by the rules when replayed.
    EventRefused = "event_refused", ["event", "refusal", "path"],
        "An event of an intact log is refused by the rules when replayed (a log not made by this library or by a version with other rules).";
    /// The log has no events.
    EmptyLog = "empty_log", ["path"],
        "The event log has no events.";
    /// The case runs on other frameworks than those loaded.
    FrameworksChanged = "frameworks_changed", ["drift", "path"],
        "The case runs on other frameworks than those loaded (`drift`: each recorded framework and what is loaded); load those, or allow the change explicitly.";
    /// A new file would replace an existing one.
    FileExists = "file_exists", ["path"],
        "A new file would replace an existing one.";
    /// A case file changed on disk since it was read.
    FileChanged = "file_changed", ["path"],
        "A case file changed on disk since it was read (its events are not a prefix of the new log); nothing was written.";
    /// The path is a symbolic link.
    SymlinkRefused = "symlink_refused", ["path"],
        "The path is a symbolic link, which Attesta never reads or writes through.";
    /// The path is not a regular file.
    NotAFile = "not_a_file", ["path"],
        "The path is not a regular file (a folder, FIFO, device…).";
    /// Another writer holds the case.
    CaseLocked = "case_locked", ["path"],
        "Another writer held the case's lock for longer than the timeout.";
    /// A signed head file is not a signed head.
    InvalidSignedHead = "invalid_signed_head", ["path"],
        "The signed head file beside a case is not a signed head, or is missing where the log must end at one.";
    /// A path has no usable file name.
    InvalidPath = "invalid_path", ["path"],
        "The path has no file name (`/`, `..`) or it is not UTF-8.";
    /// Two sources hold a framework with one id.
    DuplicateFramework = "duplicate_framework", ["framework"],
        "Two user-supplied sources hold a framework (or ESCO, or a classification) with the same id (`framework`).";
    /// A framework source cannot be read or decoded.
    UnusableSource = "unusable_source", ["cause"],
        "A framework source cannot be read or decoded (`cause`: the error met, as an error object).";
    /// An overlay extends a framework that is not loaded.
    OverlayTargetMissing = "overlay_target_missing", ["framework"],
        "An overlay extends a framework that is not loaded (`framework`).";
    /// An overlay contradicts the framework.
    OverlayConflict = "overlay_conflict", ["framework", "pointer"],
        "An overlay value contradicts the one the framework already has (`pointer`: JSON Pointer into the overlay).";
    /// An overlay cannot be applied.
    InvalidOverlay = "invalid_overlay", ["framework", "pointer"],
        "An overlay cannot be applied: unsupported schema version, another framework version, an unknown node, or a value of the wrong shape (`pointer`: JSON Pointer into the overlay).";
    /// A key is not the expected Ed25519 key.
    InvalidKey = "invalid_key", [],
        "A key is not an Ed25519 key in an accepted form (PEM; for credentials also Multikey or JWK); the text is never quoted.";
    /// A credential cannot be exported, signed or verified.
    Credential = "credential", [],
        "A credential cannot be exported, signed or verified: not a Documento di validazione or Certificato with a validated UC, not a JSON-LD credential, a JSON-LD context Attesta does not ship (none is fetched), an unsupported cryptosuite, or a canonicalization limit. A proof that does not verify is not an error (`verified: false`).";
}

impl std::fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ErrorKind {
    /// Renders the Markdown table of all kinds that `docs/error-kinds.md` holds.
    pub fn markdown_table() -> String {
        use std::fmt::Write as _;
        let mut out = String::from(
            "# Error kinds\n\n\
         Generated from `core/src/error/kind.rs` by `make docs`; a test fails when this file \
         drifts.\n\n\
         Every error serializes as one object, `ErrorDetails` (schema `data/schemas/error.json`): \
         `kind` (below) and `message` always, plus the optional fields listed for its kind.\n\n\
         | kind | optional fields | meaning |\n|---|---|---|\n",
        );
        for kind in ErrorKind::ALL {
            let fields: Vec<String> = kind.fields().iter().map(|f| format!("`{f}`")).collect();
            let fields = if fields.is_empty() {
                "—".to_owned()
            } else {
                fields.join(", ")
            };
            let _ = writeln!(
                out,
                "| `{}` | {fields} | {} |",
                kind.as_str(),
                kind.summary()
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The catalogue is the same in every build: this list has no `cfg`, and a build that
    /// dropped or added a kind would fail here.
    #[test]
    fn every_build_has_the_same_kinds() {
        let slugs: Vec<&str> = ErrorKind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(
            slugs,
            [
                "malformed_json",
                "wrong_top_level_type",
                "too_large",
                "too_deep",
                "unsupported_schema_version",
                "unknown_document_type",
                "unknown_framework",
                "invalid_framework",
                "invalid_bundle",
                "import_problem",
                "invalid_options",
                "invalid_action",
                "invalid_input",
                "invalid_record",
                "io",
                "refused",
                "log_integrity",
                "fork",
                "bad_event_payload",
                "event_refused",
                "empty_log",
                "frameworks_changed",
                "file_exists",
                "file_changed",
                "symlink_refused",
                "not_a_file",
                "case_locked",
                "invalid_signed_head",
                "invalid_path",
                "duplicate_framework",
                "unusable_source",
                "overlay_target_missing",
                "overlay_conflict",
                "invalid_overlay",
                "invalid_key",
                "credential",
            ]
        );
    }

    #[test]
    fn slugs_round_trip_through_serde_and_lookup() {
        for kind in ErrorKind::ALL {
            assert_eq!(ErrorKind::from_slug(kind.as_str()), Some(*kind));
            let json = serde_json::to_value(kind).unwrap();
            assert_eq!(json, kind.as_str());
            assert_eq!(serde_json::from_value::<ErrorKind>(json).unwrap(), *kind);
        }
        assert_eq!(ErrorKind::from_slug("no_such_kind"), None);
    }
}
