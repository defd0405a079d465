//! ANPAL *Dizionario delle competenze* (the competence dictionary of the SIL "PLUS" job-centre
//! system) → [`Framework`] `anpal_dizionario`.
//!
//! The source is the `competenze/` folder of the ANPAL reference-table dump (SQL `INSERT`s
//! converted to CSV; see its PROVENANCE.md). File names are relative to the dump's root, so
//! problems name e.g. `competenze/DEC_PROFILI.csv`.
//!
//! | file | becomes |
//! |---|---|
//! | `DEC_PROFILI.csv` | [`Qualification`]s: `cod_profilo`, `des_profilo` → title, `txt_finalita` → description; `cod_figuraprofess` → a [`Link`] to scheme `cp2001` |
//! | `DEC_COMPETENZE.csv` | [`Unit`]s: `cod_competenza`, `des_competenza` → title, `txt_competenza` → description |
//! | `PROFILO_COMPETENZE.csv` | the units a qualification lists, in the file's order; `cod_tipo_competenza` is checked against `DEC_TIPO_COMPETENZA.csv` |
//! | `DEC_ELEMENTI.csv` + `COMPETENZA_ELEMENTI.csv` | the unit's items: type 2 *Abilità* → `capacita`, type 1 *Conoscenza* → `conoscenze` |
//! | `PROFILO_COMPORTAMENTI.csv` | checked and counted only (see below) |
//!
//! **Item codes are `<cod_competenza>.<cod_elemento>`.** An ANPAL element is shared: 2,186 of
//! the elements linked to competences are linked to more than one. [`FrameworkSet`] indexes
//! items by (framework, kind, code) and rejects a framework that defines an item code twice,
//! so the bare `cod_elemento` cannot be the code; giving each shared element one unit would
//! break the competences that also list it. The composite code is what the Calabrian importer
//! does for the same reason: every (competence, element) pair is its own node, lookups by
//! code stay unique, and the element's identity is the part after the dot (both parts are
//! numeric, so the split is unambiguous).
//!
//! What the model has no place for is not kept, and the framework's `notes` say so with the
//! counts of this import: the type of a profile→competence link (*Ingresso*, *Base*,
//! *Distintivo*…: a qualification lists its units without a per-link attribute), the grade of
//! a competence→element link (*Base*/*Chiave*), *Comportamento* elements (type 3: profile-level
//! behaviours, with no item slot), elements linked to nothing, the profiles' prerequisites and
//! evolution texts, the action verb and the reference area. Qualifications have no EQF level:
//! the dictionary gives none.
//!
//! Texts are kept verbatim, including the source's damage (`¿` for an apostrophe, `¨` for an
//! accented letter); only surrounding blanks are trimmed and the CRLF line breaks inside
//! multi-line fields become LF.
//!
//! [`FrameworkSet`]: crate::framework::FrameworkSet

use std::collections::{BTreeMap, HashMap, HashSet};

use super::csv_table::{read_table, Row, Width};
use super::{ImportMode, ImportSource, Imported, Problems};
use crate::error::Result;
use crate::formats::code_shapes::{is_cp2001, is_repertoire_code};
use crate::framework::{Framework, Item, Link, MappingRelation, Qualification, Unit};
use crate::model::FrameworkRef;

/// The framework id of the ANPAL dictionary (schemes `anpal_dizionario.unit`, …).
pub const ANPAL_ID: &str = "anpal_dizionario";

/// The dump the importer was written for (PROVENANCE.md of the source folder).
pub const ANPAL_SOURCE: &str = "ANPAL SIL PLUS reference tables, GitHub AnpalSimo/DB_PLUS2022 commit bc782cdea7eb6a42960d6c330eed0e8662b351c7 (2022-10-14), CLA_DIZ/dml SQL INSERT dumps converted to CSV without editing values; files competenze/DEC_PROFILI, DEC_COMPETENZE, DEC_ELEMENTI, PROFILO_COMPETENZE, COMPETENZA_ELEMENTI, PROFILO_COMPORTAMENTI, DEC_TIPO_COMPETENZA";

const TYPES: &str = "competenze/DEC_TIPO_COMPETENZA.csv";
const PROFILES: &str = "competenze/DEC_PROFILI.csv";
const COMPETENCES: &str = "competenze/DEC_COMPETENZE.csv";
const ELEMENTS: &str = "competenze/DEC_ELEMENTI.csv";
const PROFILE_COMPETENCES: &str = "competenze/PROFILO_COMPETENZE.csv";
const COMPETENCE_ELEMENTS: &str = "competenze/COMPETENZA_ELEMENTI.csv";
const PROFILE_BEHAVIOURS: &str = "competenze/PROFILO_COMPORTAMENTI.csv";

/// `DEC_TIPO_ELEMENTO`: what an element is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ElementType {
    /// 1 *Conoscenza* → `conoscenze`.
    Knowledge,
    /// 2 *Abilità* → `capacita`.
    Skill,
    /// 3 *Comportamento*: no slot in the model.
    Behaviour,
}

struct Element {
    kind: ElementType,
    text: String,
    /// Linked to a competence or a profile (for the count of elements linked to nothing).
    used: bool,
}

/// What was read, with the counts the notes report.
#[derive(Default)]
struct Dictionary {
    qualifications: Vec<Qualification>,
    profile_index: HashMap<String, usize>,
    links: Vec<Link>,
    units: Vec<Unit>,
    unit_index: HashMap<String, usize>,
    /// `cod_tipo_competenza` → (trimmed description, links of that type).
    link_types: BTreeMap<String, (String, usize)>,
    elements: HashMap<String, Element>,
    /// Elements of `DEC_ELEMENTI` skipped for a problem (links to them say so).
    rejected_elements: HashSet<String>,
    graded_links: usize,
    behaviours_in_competences: usize,
    profile_behaviours: usize,
}

/// Imports the competence dictionary from the dump's `competenze/` files.
///
/// # Errors
/// The first problem the mode does not load through (any in [`ImportMode::Strict`], an error
/// in [`ImportMode::Standard`]) as [`Error::Import`](crate::Error::Import).
pub fn import_anpal_competences(
    source: &dyn ImportSource,
    mode: ImportMode,
) -> Result<Imported<Framework>> {
    let mut problems = Problems::new(mode);
    let mut d = Dictionary::default();
    read_link_types(source, &mut d, &mut problems)?;
    read_profiles(source, &mut d, &mut problems)?;
    read_competences(source, &mut d, &mut problems)?;
    read_elements(source, &mut d, &mut problems)?;
    read_profile_competences(source, &mut d, &mut problems)?;
    read_competence_elements(source, &mut d, &mut problems)?;
    read_profile_behaviours(source, &mut d, &mut problems)?;

    let notes = notes(&d);
    let framework = Framework {
        schema_version: "1.0".into(),
        id: ANPAL_ID.into(),
        title: "Dizionario delle competenze ANPAL (SIL PLUS)".into(),
        version: "DB_PLUS2022 bc782cd (2022-10-14)".into(),
        publisher: "ANPAL".into(),
        source: ANPAL_SOURCE.into(),
        notes,
        qualifications: d.qualifications,
        units: d.units,
        links: d.links,
        aliases: Vec::new(),
    };
    Ok(problems.finish(framework))
}

/// A text field as kept: trimmed, with the source's CRLF (or lone CR) line breaks as LF.
fn text(raw: &str) -> String {
    raw.trim().replace("\r\n", "\n").replace('\r', "\n")
}

/// The code in wanted column 0 of a definition table when it is a code not `seen` before;
/// `None` after reporting why the row is skipped.
fn fresh_code<'r>(
    row: &'r Row<'_>,
    p: &mut Problems,
    file: &str,
    seen: impl Fn(&str) -> bool,
) -> Result<Option<&'r str>> {
    let code = row.trimmed(0);
    let why = if !is_repertoire_code(code) {
        format!("'{code}' is not a code; row skipped")
    } else if seen(code) {
        format!("duplicate code '{code}'; row skipped (the first is kept)")
    } else {
        return Ok(Some(code));
    };
    row.problem(p, file, 0, why)?;
    Ok(None)
}

fn read_link_types(
    source: &dyn ImportSource,
    d: &mut Dictionary,
    problems: &mut Problems,
) -> Result<bool> {
    let cols = ["cod_tipo_competenza", "des_tipo_competenza"];
    read_table(source, TYPES, &cols, Width::Exact, problems, |row, p| {
        let Some(code) = fresh_code(row, p, TYPES, |c| d.link_types.contains_key(c))? else {
            return Ok(());
        };
        // `des_tipo_competenza` is right-padded with spaces in the source.
        let name = row.trimmed(1).to_owned();
        d.link_types.insert(code.to_owned(), (name, 0));
        Ok(())
    })
}

fn read_profiles(
    source: &dyn ImportSource,
    d: &mut Dictionary,
    problems: &mut Problems,
) -> Result<bool> {
    let cols = [
        "cod_profilo",
        "des_profilo",
        "txt_finalita",
        "cod_figuraprofess",
    ];
    read_table(source, PROFILES, &cols, Width::Exact, problems, |row, p| {
        let Some(code) = fresh_code(row, p, PROFILES, |c| d.profile_index.contains_key(c))? else {
            return Ok(());
        };
        let title = text(row.get(1));
        if title.is_empty() {
            row.problem(p, PROFILES, 1, "empty des_profilo; kept without a title")?;
        }
        let occupation = row.trimmed(3);
        if is_cp2001(occupation) {
            d.links.push(Link {
                from: FrameworkRef::new(format!("{ANPAL_ID}.qualification"), code),
                to: FrameworkRef::new("cp2001", occupation),
                relation: MappingRelation::Broad,
                basis: Some("ANPAL DEC_PROFILI.cod_figuraprofess".into()),
            });
        } else if !occupation.is_empty() {
            let why = format!("'{occupation}' is not a CP2001 code; profile kept without a link");
            row.problem(p, PROFILES, 3, why)?;
        }
        let description = text(row.get(2));
        d.profile_index
            .insert(code.to_owned(), d.qualifications.len());
        d.qualifications.push(Qualification {
            code: code.to_owned(),
            title,
            eqf_level: None,
            complexity: None,
            sector: None,
            description: (!description.is_empty()).then_some(description),
            units: Vec::new(),
            ateco: Vec::new(),
            cp2021: Vec::new(),
            reserved_activity: false,
        });
        Ok(())
    })
}

fn read_competences(
    source: &dyn ImportSource,
    d: &mut Dictionary,
    problems: &mut Problems,
) -> Result<bool> {
    let cols = ["cod_competenza", "des_competenza", "txt_competenza"];
    read_table(
        source,
        COMPETENCES,
        &cols,
        Width::Exact,
        problems,
        |row, p| {
            let Some(code) = fresh_code(row, p, COMPETENCES, |c| d.unit_index.contains_key(c))?
            else {
                return Ok(());
            };
            let title = text(row.get(1));
            if title.is_empty() {
                row.problem(
                    p,
                    COMPETENCES,
                    1,
                    "empty des_competenza; kept without a title",
                )?;
            }
            let description = text(row.get(2));
            d.unit_index.insert(code.to_owned(), d.units.len());
            d.units.push(Unit {
                code: code.to_owned(),
                title,
                description: (!description.is_empty()).then_some(description),
                atlante_ada: Vec::new(),
                capacita: Vec::new(),
                conoscenze: Vec::new(),
                attivita: Vec::new(),
            });
            Ok(())
        },
    )
}

fn read_elements(
    source: &dyn ImportSource,
    d: &mut Dictionary,
    problems: &mut Problems,
) -> Result<bool> {
    let cols = [
        "cod_elemento",
        "des_elemento",
        "cod_tipo_elemento",
        "txt_elemento",
    ];
    read_table(source, ELEMENTS, &cols, Width::Exact, problems, |row, p| {
        let seen = |c: &str| d.elements.contains_key(c) || d.rejected_elements.contains(c);
        let Some(code) = fresh_code(row, p, ELEMENTS, seen)? else {
            return Ok(());
        };
        let kind = match row.trimmed(2) {
            "1" => ElementType::Knowledge,
            "2" => ElementType::Skill,
            "3" => ElementType::Behaviour,
            other => {
                d.rejected_elements.insert(code.to_owned());
                let why = format!("unknown cod_tipo_elemento '{other}' (1 Conoscenza, 2 Abilità, 3 Comportamento); element '{code}' skipped");
                return row.problem(p, ELEMENTS, 2, why);
            }
        };
        let mut item_text = text(row.get(1));
        if item_text.is_empty() {
            d.rejected_elements.insert(code.to_owned());
            let why = format!("empty des_elemento; element '{code}' skipped");
            return row.problem(p, ELEMENTS, 1, why);
        }
        // The dump's `txt_elemento` holds only `...` placeholders; real text would be kept.
        let extra = text(row.get(3));
        if extra.chars().any(|c| c != '.' && !c.is_whitespace()) {
            item_text.push_str("\n\n");
            item_text.push_str(&extra);
        }
        let element = Element {
            kind,
            text: item_text,
            used: false,
        };
        d.elements.insert(code.to_owned(), element);
        Ok(())
    })
}

fn read_profile_competences(
    source: &dyn ImportSource,
    d: &mut Dictionary,
    problems: &mut Problems,
) -> Result<bool> {
    let file = PROFILE_COMPETENCES;
    let cols = ["cod_profilo", "cod_competenza", "cod_tipo_competenza"];
    read_table(source, file, &cols, Width::Exact, problems, |row, p| {
        let profile = row.trimmed(0);
        let Some(&qi) = d.profile_index.get(profile) else {
            let why = format!("cod_profilo '{profile}' is not in DEC_PROFILI; row skipped");
            return row.problem(p, file, 0, why);
        };
        let competence = row.trimmed(1);
        if !d.unit_index.contains_key(competence) {
            let why =
                format!("cod_competenza '{competence}' is not in DEC_COMPETENZE; row skipped");
            return row.problem(p, file, 1, why);
        }
        let list = &mut d.qualifications[qi].units;
        if list.iter().any(|u| u == competence) {
            let why = format!(
                "competence '{competence}' listed twice for profile '{profile}'; listed once"
            );
            return row.problem(p, file, 1, why);
        }
        list.push(competence.to_owned());
        let link_type = row.trimmed(2);
        if let Some((_, count)) = d.link_types.get_mut(link_type) {
            *count += 1;
        } else {
            let why = format!("cod_tipo_competenza '{link_type}' is not in DEC_TIPO_COMPETENZA; competence listed without it");
            row.problem(p, file, 2, why)?;
        }
        Ok(())
    })
}

fn read_competence_elements(
    source: &dyn ImportSource,
    d: &mut Dictionary,
    problems: &mut Problems,
) -> Result<bool> {
    let file = COMPETENCE_ELEMENTS;
    let cols = [
        "cod_competenza",
        "cod_elemento",
        "cod_grado_elemento_competenza",
    ];
    let mut pairs: HashSet<String> = HashSet::new();
    read_table(source, file, &cols, Width::Exact, problems, |row, p| {
        let competence = row.trimmed(0);
        let Some(&ui) = d.unit_index.get(competence) else {
            let why =
                format!("cod_competenza '{competence}' is not in DEC_COMPETENZE; row skipped");
            return row.problem(p, file, 0, why);
        };
        let code = row.trimmed(1);
        let Some(element) = d.elements.get_mut(code) else {
            let why = if d.rejected_elements.contains(code) {
                format!("cod_elemento '{code}' was skipped in DEC_ELEMENTI; row skipped")
            } else {
                format!("cod_elemento '{code}' is not in DEC_ELEMENTI; row skipped")
            };
            return row.problem(p, file, 1, why);
        };
        let item_code = format!("{competence}.{code}");
        if !pairs.insert(item_code.clone()) {
            let why = format!("element '{code}' listed twice for competence '{competence}'; row skipped (the first is kept)");
            return row.problem(p, file, 1, why);
        }
        element.used = true;
        if !row.trimmed(2).is_empty() {
            d.graded_links += 1;
        }
        let item = Item {
            code: item_code,
            text: element.text.clone(),
        };
        let unit = &mut d.units[ui];
        match element.kind {
            ElementType::Knowledge => unit.conoscenze.push(item),
            ElementType::Skill => unit.capacita.push(item),
            // Counted for the notes: the model has no behaviour slot.
            ElementType::Behaviour => d.behaviours_in_competences += 1,
        }
        Ok(())
    })
}

fn read_profile_behaviours(
    source: &dyn ImportSource,
    d: &mut Dictionary,
    problems: &mut Problems,
) -> Result<bool> {
    let file = PROFILE_BEHAVIOURS;
    let cols = ["cod_profilo", "cod_elemento"];
    let mut pairs: HashSet<(String, String)> = HashSet::new();
    read_table(source, file, &cols, Width::Exact, problems, |row, p| {
        let profile = row.trimmed(0);
        if !d.profile_index.contains_key(profile) {
            let why = format!("cod_profilo '{profile}' is not in DEC_PROFILI; row skipped");
            return row.problem(p, file, 0, why);
        }
        let code = row.trimmed(1);
        let why = match d.elements.get_mut(code) {
            None => format!(
                "cod_elemento '{code}' is not a loaded element of DEC_ELEMENTI; row skipped"
            ),
            Some(e) if e.kind != ElementType::Behaviour => {
                format!("element '{code}' is not a Comportamento (type 3); row skipped")
            }
            Some(_) if !pairs.insert((profile.to_owned(), code.to_owned())) => {
                format!("element '{code}' listed twice for profile '{profile}'; counted once")
            }
            Some(e) => {
                e.used = true;
                d.profile_behaviours += 1;
                return Ok(());
            }
        };
        row.problem(p, file, 1, why)
    })
}

/// The framework's notes: what was kept how, and what was left out, with this import's counts.
fn notes(d: &Dictionary) -> Vec<String> {
    let unlinked = |kind: ElementType| {
        d.elements
            .values()
            .filter(|e| e.kind == kind && !e.used)
            .count()
    };
    let behaviours = d
        .elements
        .values()
        .filter(|e| e.kind == ElementType::Behaviour)
        .count();
    let link_types: Vec<String> = d
        .link_types
        .iter()
        .map(|(code, (name, count))| format!("{code} {name}: {count}"))
        .collect();
    vec![
        "Imported by Attesta; titles and texts verbatim, including the source's damage ('¿' for an apostrophe, '¨' for an accented letter, sometimes with the next characters lost); blanks trimmed, CRLF inside texts turned into LF.".into(),
        "Abilità (element type 2) are loaded as capacita, Conoscenze (type 1) as conoscenze. Item codes are <cod_competenza>.<cod_elemento>: one element is shared by several competences, and an item code must be unique in the framework.".into(),
        format!("Not kept: the type of each profile→competence link (DEC_TIPO_COMPETENZA; {}), because a qualification lists its units without a per-link attribute.", link_types.join(", ")),
        format!("Not kept: the grade (Base/Chiave, DEC_GRADO_ELEMENTO_COMPETENZA) of {} competence→element links, because an item has no grade.", d.graded_links),
        format!("Not kept: Comportamento elements (type 3, {behaviours} in DEC_ELEMENTI) — {} profile→behaviour links of PROFILO_COMPORTAMENTI and {} competence→element links naming a behaviour —, because the model has no behaviour item and no profile-level item.", d.profile_behaviours, d.behaviours_in_competences),
        format!("Not kept: {} Conoscenza and {} Abilità elements of DEC_ELEMENTI linked to no competence (items exist only under a unit).", unlinked(ElementType::Knowledge), unlinked(ElementType::Skill)),
        "Not kept: the profiles' txt_prerequisiti and txt_tendenze_evolutive, cod_categoriaprofess and cod_areaprofess; the competences' action verb (cod_verbo, already the first word of the title); the elements' reference area (cod_area_rif). No EQF level: the dictionary gives none.".into(),
        "cod_figuraprofess is an ISTAT CP2001 code (not CP2021): each profile links to it with relation 'broad', basis 'ANPAL DEC_PROFILI.cod_figuraprofess'.".into(),
    ]
}
