//! Who may do what: the practitioner functions F1/F2/F3, the responsabile who signs, the ente
//! titolato and its ente titolare, and the Tuscan EVAC update window.
//!
//! | role | function | Tuscany |
//! |---|---|---|
//! | [`Role::F1`] | accompagnamento e supporto all'individuazione e messa in trasparenza | EITC |
//! | [`Role::F2`] | pianificazione e realizzazione delle attività valutative | EVAC (regional register) |
//! | [`Role::F3`] | attività valutative per gli aspetti di contenuto curricolare e professionale | esperto di settore |
//! | [`Role::Responsabile`] | signs the attestations for the ente titolato | — |
//! | [`Role::Titolare`] | acts for the ente titolare: commission exam, Certificato | Regione Toscana |
//!
//! The person is an actor too (by the pseudonymous id of the record): they sign the domanda,
//! ask for certificazione and may withdraw at any time.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::formats::Date;

/// A practitioner role in the procedure.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// F1: accompagnamento e messa in trasparenza (Tuscany: EITC).
    F1,
    /// F2: pianificazione e realizzazione della valutazione (Tuscany: EVAC).
    F2,
    /// F3: esperto di settore (content of the assessment).
    F3,
    /// Responsabile of the ente titolato, authorised to sign attestations.
    Responsabile,
    /// An official acting for the ente titolare (Tuscany: the Region's certification office):
    /// records the exam of the commission the titolare appointed and issues the Certificato.
    Titolare,
}

impl Role {
    /// The JSON word.
    pub const fn as_str(self) -> &'static str {
        match self {
            Role::F1 => "f1",
            Role::F2 => "f2",
            Role::F3 => "f3",
            Role::Responsabile => "responsabile",
            Role::Titolare => "titolare",
        }
    }
}

/// An entry in the regional register of assessors (Tuscany: elenco EVAC).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvacListing {
    /// Day of entry in the register, `YYYY-MM-DD`.
    #[schemars(pattern(r"^\d{4}-\d{2}-\d{2}$"))]
    pub listed_on: String,
    /// Day of the latest update of professional competences (training relevant to the role).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(r"^\d{4}-\d{2}-\d{2}$"))]
    pub last_update: Option<String>,
    /// The entry id in the register (e.g. the number of the listing act).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub register_entry: Option<String>,
    /// For those listed before 22-4-2022: day on which the compulsory FAD training (Tuscany:
    /// 8 learning objects on TRIO) was completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(r"^\d{4}-\d{2}-\d{2}$"))]
    pub transition_training_on: Option<String>,
}

/// A member of staff who can act on a case. Carries no personal data: `id` is an operator
/// code of the ente titolato, `label` a role description such as "EVAC senior".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Operator {
    /// Operator code, used as the `actor` of events.
    pub id: String,
    /// The roles the operator holds in this ente.
    pub roles: Vec<Role>,
    /// Register entry, for assessors (F2) where the region keeps a register.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evac: Option<EvacListing>,
    /// Free description of the position (no names).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

impl Operator {
    /// Whether the operator holds `role`.
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

/// The *ente pubblico titolare*: the public administration that regulates the services and
/// owns the repertoires (for Tuscany: Regione Toscana). One shape in cases and documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnteTitolare {
    /// Name, e.g. "Regione Toscana".
    pub name: String,
    /// Code of the body, e.g. the ISTAT region code `09` or an IPA code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The office responsible (direzione, settore).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office: Option<String>,
    /// Ids of the frameworks (repertoires) whose qualifications its enti titolati may validate
    /// (D.I. 5/1/2021 art. 3 c. 1), e.g. `["rrfp_toscana"]`. A case refuses a target outside
    /// them, so a case's titolare lists at least one; documents may leave it out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub repertoires: Vec<String>,
}

/// The ente titolato that runs the case (in Tuscany, for I&V, a Centro per l'impiego).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnteTitolato {
    /// Code of the ente.
    pub id: String,
    /// Name, e.g. "Centro per l'impiego di Livorno".
    pub name: String,
    /// Legal reference of the authorisation or accreditation (art. 6 D.Lgs. 13/2013).
    pub authorisation: crate::documents::Authorisation,
    /// Address of the office, as printed on documents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// The ente titolare that authorised it.
    pub titolare: EnteTitolare,
}

/// Tuscany's register avviso (D.D. 7747 of 22-4-2022): the date that splits the two update
/// rules for EVAC.
pub const EVAC_AVVISO_DATE: Date = Date {
    year: 2022,
    month: 4,
    day: 22,
};

/// Start of the first update window for EVAC listed before [`EVAC_AVVISO_DATE`]: 1-1-2025.
pub const EVAC_TRANSITION_WINDOW_START: Date = Date {
    year: 2025,
    month: 1,
    day: 1,
};

/// Where an EVAC stands with the five-yearly update on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvacStatus {
    /// Within a window, or updated during the last closed one.
    UpToDate,
    /// A window has closed and the last update is older than its start (or absent).
    UpdateOverdue {
        /// Start of the window that closed without an update.
        window_start: Date,
        /// Day on which that window closed.
        window_end: Date,
    },
}

/// The first day of the update window of an EVAC listed on `listed_on`
/// (DGR 988/2019 as amended; DOMAIN.md §1.5): listed **before** 22-4-2022 → 1-1-2025; listed
/// on or after → 1 January of the year after entry. (Entry on the avviso day itself counts as
/// "after": it is already an entry under the new avviso.)
pub fn evac_window_start(listed_on: Date) -> Date {
    if listed_on < EVAC_AVVISO_DATE {
        EVAC_TRANSITION_WINDOW_START
    } else {
        Date {
            year: listed_on.year.saturating_add(1).min(9999),
            month: 1,
            day: 1,
        }
    }
}

/// Whether an EVAC is up to date on `day`. Windows of `window_years` years follow each other
/// from [`evac_window_start`]; once a window has closed, the EVAC needs an update made on or
/// after the start of the most recently closed window ("last update older than the window"
/// → overdue). Before the first window closes nobody is overdue.
pub fn evac_status(
    listed_on: Date,
    last_update: Option<Date>,
    day: Date,
    window_years: u16,
) -> EvacStatus {
    let start = evac_window_start(listed_on);
    let years = window_years.max(1);
    if day < start {
        return EvacStatus::UpToDate;
    }
    let closed_windows = (day.year - start.year) / years;
    if closed_windows == 0 {
        return EvacStatus::UpToDate;
    }
    let window_start = start.add_years((closed_windows - 1) * years);
    let window_end = start.add_years(closed_windows * years);
    match last_update {
        Some(update) if update >= window_start => EvacStatus::UpToDate,
        _ => EvacStatus::UpdateOverdue {
            window_start,
            window_end,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn window_start_follows_the_avviso_date() {
        assert_eq!(evac_window_start(d("2019-05-10")), d("2025-01-01"));
        assert_eq!(evac_window_start(d("2022-04-21")), d("2025-01-01"));
        assert_eq!(evac_window_start(d("2022-04-22")), d("2023-01-01"));
        assert_eq!(evac_window_start(d("2023-11-30")), d("2024-01-01"));
    }

    #[test]
    fn overdue_only_after_a_window_closes_without_update() {
        // Listed 2019: window 2025-01-01 .. 2030-01-01.
        assert_eq!(
            evac_status(d("2019-05-10"), None, d("2029-12-31"), 5),
            EvacStatus::UpToDate
        );
        assert_eq!(
            evac_status(d("2019-05-10"), None, d("2030-01-01"), 5),
            EvacStatus::UpdateOverdue {
                window_start: d("2025-01-01"),
                window_end: d("2030-01-01")
            }
        );
        assert_eq!(
            evac_status(d("2019-05-10"), Some(d("2024-12-31")), d("2030-06-01"), 5),
            EvacStatus::UpdateOverdue {
                window_start: d("2025-01-01"),
                window_end: d("2030-01-01")
            }
        );
        assert_eq!(
            evac_status(d("2019-05-10"), Some(d("2027-03-01")), d("2030-06-01"), 5),
            EvacStatus::UpToDate
        );
        // Listed 2023: window from 2024-01-01; with a 3-year window it closes 2027-01-01.
        assert!(matches!(
            evac_status(d("2023-02-01"), None, d("2027-01-01"), 3),
            EvacStatus::UpdateOverdue { .. }
        ));
    }
}
