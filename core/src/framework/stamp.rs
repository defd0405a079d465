//! A framework's identity as a case records it: id, version and a checksum of its content.
//!
//! The checksum is the SHA-256 of the framework's canonical bundle encoding (the payload of
//! [`Bundle::to_bytes`](crate::bundle::Bundle::to_bytes), header included), so the same
//! content gives the same checksum whether it was loaded from JSON, from a bundle or built in
//! memory, and any change to a title, a code, an overlay value or the version changes it.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Framework;
use crate::bundle::Bundle;
use crate::error::Result;

/// Id, version and content checksum of a framework.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrameworkStamp {
    /// Framework id, e.g. `rrfp_toscana`.
    pub id: String,
    /// The framework's `version`.
    pub version: String,
    /// SHA-256 (64 lower-case hex digits) of the framework's canonical bundle encoding.
    #[schemars(pattern(r"^[0-9a-f]{64}$"))]
    pub checksum: String,
}

impl FrameworkStamp {
    /// The stamp of `framework`.
    ///
    /// # Errors
    /// [`Error::InvalidFramework`](crate::Error::InvalidFramework) if the framework cannot be
    /// encoded (not expected for a framework that loaded).
    pub fn of(framework: &Framework) -> Result<FrameworkStamp> {
        let bytes = Bundle::Framework(framework.clone()).to_bytes()?;
        Ok(FrameworkStamp {
            id: framework.id.clone(),
            version: framework.version.clone(),
            checksum: crate::procedure::sha256_hex(&bytes),
        })
    }

    /// The checksum's first 12 digits, for messages.
    pub fn short_checksum(&self) -> &str {
        self.checksum.get(..12).unwrap_or(&self.checksum)
    }
}

impl std::fmt::Display for FrameworkStamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} version '{}' (checksum {})",
            self.id,
            self.version,
            self.short_checksum()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_content_same_stamp_and_any_change_changes_it() {
        let set = crate::builtin::frameworks();
        let framework = &set.frameworks()[0];
        let a = FrameworkStamp::of(framework).expect("encodes");
        let b = FrameworkStamp::of(&framework.clone()).expect("encodes");
        assert_eq!(a, b);
        assert_eq!(a.checksum.len(), 64);
        let mut changed = framework.clone();
        changed.units[0].title.push('.');
        let c = FrameworkStamp::of(&changed).expect("encodes");
        assert_eq!(c.version, a.version);
        assert_ne!(c.checksum, a.checksum);
    }
}
