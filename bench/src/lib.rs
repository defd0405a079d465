//! Benchmark support for Attesta: a deterministic generator of realistic competence records,
//! and of skill profiles over ESCO ([`skill_profiles`]); the report every benchmark prints and
//! writes ([`report`]); and the floor of reading the ESCO files ([`floors`]).
//!
//! The record mimics a long IVC dossier of a worker with many experiences: about 50
//! experiences, 50 claims on the units of the bundled Tuscan repertoire and 50 evidence items,
//! cross-linked the way an operator links them. It is valid, with a few warnings (evidence
//! linked to nothing, a self-issued item that names an issuer), so every rule runs to the end.
//! Names and codes are invented; no real person is described.

use serde_json::{json, Value};

pub mod floors;
mod profiles;
mod queries;
pub mod report;
pub use profiles::skill_profiles;
pub use queries::{percentile_ms, score_queries, QueryScores};

/// The sizes of a generated record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// Number of experiences.
    pub experiences: usize,
    /// Number of claims.
    pub claims: usize,
    /// Number of evidence items.
    pub evidence: usize,
}

impl Default for Shape {
    fn default() -> Self {
        Shape {
            experiences: 50,
            claims: 50,
            evidence: 50,
        }
    }
}

/// How many evidence items [`record`] leaves unlinked (one `evidence.not_linked` warning each).
pub const UNLINKED_EVIDENCE: usize = 2;

/// A small linear congruential generator: deterministic across platforms and runs.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        // The high bits of an LCG are the well-mixed ones.
        usize::try_from(self.0 >> 33).unwrap_or(0) % bound.max(1)
    }
}

const ROLES: &[(&str, &str, &str)] = &[
    ("informale", "work", "Carrellista"),
    ("non_formale", "training", "Corso di sicurezza sul lavoro"),
    ("formale", "education", "Diploma di scuola secondaria"),
    ("informale", "volunteering", "Volontario in una mensa"),
    ("informale", "life", "Cura di un familiare"),
    ("informale", "work", "Aiuto cuoco"),
    ("non_formale", "work", "Magazziniere"),
];

const EVIDENCE_KINDS: &[&str] = &[
    "payslip",
    "contract",
    "employer_statement",
    "course_certificate",
    "reference_letter",
    "product",
    "diploma",
];

const COUNTRIES: &[&str] = &["IT", "MA", "SN", "RO", "AL", "TN", "UA"];

/// The unit codes of the bundled Tuscan repertoire, the targets of the generated claims.
pub fn unit_codes() -> Vec<String> {
    attesta::builtin::frameworks()
        .framework("rrfp_toscana")
        .map(|f| f.units.iter().map(|u| u.code.clone()).collect())
        .unwrap_or_default()
}

/// A record of the default [`Shape`] as JSON bytes.
pub fn record_bytes() -> Vec<u8> {
    serde_json::to_vec_pretty(&record(Shape::default())).unwrap_or_default()
}

/// A deterministic record of the given shape.
pub fn record(shape: Shape) -> Value {
    let mut rng = Lcg(0x00A7_7E57_A000_0001);
    let units = unit_codes();
    let experiences: Vec<Value> = (0..shape.experiences)
        .map(|i| experience(i, &mut rng))
        .collect();
    let claims: Vec<Value> = (0..shape.claims)
        .map(|i| {
            let unit = &units[i % units.len().max(1)];
            let first = rng.next(shape.experiences);
            let mut claim = json!({
                "id": format!("cl-{i}"),
                "target": {"scheme": "rrfp_toscana.unit", "code": unit},
                "self_assessment": if i % 5 == 4 { "partially" } else { "yes" },
                "experiences": [
                    format!("exp-{first}"),
                    format!("exp-{}", (first + 7) % shape.experiences.max(1)),
                ],
                "evidence": [format!("ev-{}", i % shape.evidence.max(1))],
            });
            if i % 3 == 0 {
                claim["notes"] = json!("Confermata nel colloquio con l'operatore.");
            }
            claim
        })
        .collect();
    let evidence: Vec<Value> = (0..shape.evidence)
        .map(|i| evidence(i, shape, &mut rng))
        .collect();
    json!({
        "schema_version": "1.0",
        "id": "rec-bench-0001",
        "person": {
            "id": "p-bench-0001",
            "personal": {
                "given_name": "Nome",
                "family_name": "Esempio",
                "birth_date": "1988-05-17",
                "nationality": "MA"
            },
            "mother_tongues": ["ar"],
            "languages": [
                {"language": "fr", "listening": "B2", "reading": "B2", "spoken_interaction": "B1",
                 "spoken_production": "B1", "writing": "B1"},
                {"language": "it", "listening": "B1", "reading": "A2", "spoken_interaction": "B1",
                 "spoken_production": "A2", "writing": "A2"}
            ]
        },
        "experiences": experiences,
        "evidence": evidence,
        "claims": claims,
    })
}

fn experience(i: usize, rng: &mut Lcg) -> Value {
    let (context, kind, role) = ROLES[rng.next(ROLES.len())];
    let start_year = 2000 + rng.next(20);
    let start_month = 1 + rng.next(12);
    let years = 1 + rng.next(4);
    let mut experience = json!({
        "id": format!("exp-{i}"),
        "context": context,
        "kind": kind,
        "period": {
            "start": format!("{start_year}-{start_month:02}"),
            "end": format!("{}-{:02}", start_year + years, 1 + rng.next(12)),
        },
        "country": COUNTRIES[rng.next(COUNTRIES.len())],
        "organisation": format!("Organizzazione di esempio {}", rng.next(1000)),
        "role": role,
        "tasks": [
            "Carico e scarico delle merci con il carrello elevatore",
            "Controllo delle bolle di consegna",
            "Pulizia e ordine della postazione di lavoro",
        ],
    });
    if context == "formale" {
        // Formal learning names its course (art. 6 D.Lgs. 13/2013), as a lawful record does.
        experience["course"] = json!(role);
        experience["title_obtained"] = json!(role);
    }
    if kind == "work" {
        experience["paid"] = json!(true);
        experience["hours_per_week"] = json!(20 + rng.next(25));
    }
    experience
}

fn evidence(i: usize, shape: Shape, rng: &mut Lcg) -> Value {
    let kind = EVIDENCE_KINDS[rng.next(EVIDENCE_KINDS.len())];
    let mut item = json!({
        "id": format!("ev-{i}"),
        "kind": kind,
        "description": "Documento fornito dalla persona durante il colloquio",
        "issuer": format!("Emittente di esempio {}", rng.next(100)),
        "issue_date": format!("{}-{:02}-{:02}", 2005 + rng.next(19), 1 + rng.next(12), 1 + rng.next(28)),
        "country": COUNTRIES[rng.next(COUNTRIES.len())],
        "language": "it",
        "translation": "not_needed",
        "authenticity": "plausible",
        "file": {
            "sha256": format!("{:064x}", (i as u128 + 1) * 0x9E37_79B9_7F4A_7C15),
            "media_type": "application/pdf",
            "size": 20_000 + rng.next(500_000),
        },
    });
    if i < UNLINKED_EVIDENCE {
        // Left unlinked on purpose: `evidence.not_linked` warnings.
        return item;
    }
    item["experiences"] = json!([format!("exp-{}", i % shape.experiences.max(1))]);
    item["claims"] = json!([format!("cl-{}", i % shape.claims.max(1))]);
    if i == UNLINKED_EVIDENCE {
        // A self-declaration that names an issuer: `evidence.self_issued_with_issuer`.
        item["kind"] = json!("self_declaration");
        item["self_issued"] = json!(true);
    }
    item
}
