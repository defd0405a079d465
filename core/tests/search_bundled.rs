//! Label search and lookups over the built-in framework (always runs, no external data).

use attesta::framework::MappingRelation;
use attesta::model::FrameworkRef;
use attesta::search::lookup::{lookup_code, qualification_profile, unit_detail};
use attesta::search::{
    FrameworkLabels, LabelEntry, LabelKind, NodeType, SearchIndex, SearchIndexBuilder,
    SearchOptions,
};

fn bundled_index() -> SearchIndex {
    let set = attesta::builtin::frameworks();
    let mut builder = SearchIndexBuilder::new();
    for f in set.frameworks() {
        builder.add_framework(f, &FrameworkLabels::default());
    }
    builder.build().expect("index builds")
}

fn top(index: &SearchIndex, query: &str) -> Option<String> {
    let hits = index.search(query, &SearchOptions::top(5)).expect("search");
    hits.first()
        .map(|h| format!("{}:{}", h.node.scheme, h.node.code))
}

#[test]
fn finds_figures_and_units_despite_case_accents_typos_and_prefixes() {
    let index = bundled_index();
    for (query, expected) in [
        ("preparazione piatti", "rrfp_toscana.unit:1710"),
        ("PREPARAZIONE PIATTI", "rrfp_toscana.unit:1710"),
        ("menù semplici", "rrfp_toscana.unit:1696"),
        ("preparazone piatti", "rrfp_toscana.unit:1710"),
        ("assistenza di base", "rrfp_toscana.qualification:529"),
        ("assistenza base", "rrfp_toscana.qualification:529"),
        // The figure whose title names all three words ranks above its UC: operators search
        // for qualifications (the labelled queries in data/queries say so).
        ("carrelli reach stacker", "rrfp_toscana.qualification:450"),
        ("movimentazione merci", "rrfp_toscana.unit:1954"),
        ("movimentaz", "rrfp_toscana.unit:1954"),
        ("approvigionamento cucina", "rrfp_toscana.qualification:413"),
    ] {
        assert_eq!(top(&index, query).as_deref(), Some(expected), "{query}");
    }
    assert_eq!(top(&index, "astronauta"), None);
    assert_eq!(top(&index, "  ,;  "), None);
}

#[test]
fn hits_are_deterministic_scored_and_filtered() {
    let index = bundled_index();
    let hits = index
        .search("conduzione carrelli", &SearchOptions::top(10))
        .expect("search");
    assert!(hits.len() >= 2);
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
    assert!(hits.iter().all(|h| (0.0..=1.0).contains(&h.score)));
    assert_eq!(
        hits,
        index
            .search("conduzione carrelli", &SearchOptions::top(10))
            .expect("again")
    );

    let only_figures = SearchOptions {
        node_types: vec![NodeType::Qualification],
        ..SearchOptions::top(10)
    };
    let figures = index.search("carrelli", &only_figures).expect("search");
    assert_eq!(figures.len(), 1);
    assert_eq!(figures[0].node.code, "450");

    let english = SearchOptions {
        languages: vec!["en".into()],
        ..SearchOptions::top(10)
    };
    assert!(index
        .search("carrelli", &english)
        .expect("search")
        .is_empty());
    assert!(index.search("carrelli", &SearchOptions::top(0)).is_err());
    let json = serde_json::to_value(&hits[0]).expect("serializes");
    assert_eq!(json["matched_label_kind"], "pref");
    assert_eq!(json["node"]["scheme"], "rrfp_toscana.qualification");
}

#[test]
fn alternative_labels_match_and_rank_below_an_equal_preferred_label() {
    let mut builder = SearchIndexBuilder::new();
    let entry = |code: &str, label: &str, kind| LabelEntry {
        node: FrameworkRef::new(
            "esco",
            format!("http://data.europa.eu/esco/occupation/{code}"),
        ),
        node_type: NodeType::Occupation,
        label: label.into(),
        kind,
        language: "en".into(),
    };
    builder
        .add(entry("a", "forklift truck operator", LabelKind::Pref))
        .add(entry("a", "forklift driver", LabelKind::Alt))
        .add(entry("b", "forklift driver", LabelKind::Pref))
        .add(entry("c", "truck driver", LabelKind::Pref));
    let index = builder.build().expect("builds");
    let hits = index
        .search("forklif", &SearchOptions::top(10))
        .expect("search");
    assert_eq!(hits.len(), 2);
    assert_eq!(hits[0].node.code, "http://data.europa.eu/esco/occupation/b");
    // Node a is found through both labels; its title wins, as the alternative label is
    // barely shorter.
    assert_eq!(hits[1].node.code, "http://data.europa.eu/esco/occupation/a");
    let only_alt = SearchOptions {
        label_kinds: vec![LabelKind::Alt],
        ..SearchOptions::top(10)
    };
    let alt = index.search("forklift driver", &only_alt).expect("search");
    assert_eq!(alt.len(), 1);
    assert_eq!(alt[0].label, "forklift driver");
}

#[test]
fn a_node_with_two_node_types_is_refused() {
    let mut builder = SearchIndexBuilder::new();
    let node = FrameworkRef::new("cp2021", "5.2.2.1.0");
    for node_type in [NodeType::Occupation, NodeType::Group] {
        builder.add(LabelEntry {
            node: node.clone(),
            node_type,
            label: "Cuochi in alberghi e ristoranti".into(),
            kind: LabelKind::Pref,
            language: "it".into(),
        });
    }
    assert!(builder.build().is_err());
}

#[test]
fn lookups_answer_the_operator_questions() {
    let set = attesta::builtin::frameworks();
    let figure = FrameworkRef::new("rrfp_toscana.qualification", "450");
    let profile = qualification_profile(&set, &figure, None).expect("figure 450");
    assert_eq!(profile.eqf_level, Some(3));
    let ucs: Vec<&str> = profile.units.iter().map(|u| u.unit.code.as_str()).collect();
    assert_eq!(ucs, ["1955", "1954", "1948", "1953"]);
    assert_eq!(profile.atlante_ada, ["ADA.11.01.20"]);
    let cp = profile
        .crosswalk
        .iter()
        .find(|l| l.to.scheme == "cp2021")
        .expect("CP2021 link");
    assert_eq!(cp.to.code, "7.4.4.4.0");
    assert_eq!(cp.relation, MappingRelation::Close);

    let unit =
        unit_detail(&set, &FrameworkRef::new("rrfp_toscana.unit", "2263"), None).expect("UC 2263");
    // UC 2263 carries the official capacità and conoscenze of the RRFP export, with their
    // codes: 10 of each.
    assert_eq!(unit.capacita.len(), 10);
    assert_eq!(unit.conoscenze.len(), 10);
    assert_eq!(unit.capacita[0].code, "2263.C1");
    assert!(unit.capacita[0]
        .text
        .starts_with("Applicare tecniche per il posizionamento"));
    assert_eq!(unit.qualifications[0].code, "529");

    // An old Atlante code resolves to the current one and to the UCs that use it.
    let ada = lookup_code(&set, "atlante_ada", "ADA.13.128.385", None);
    assert!(ada.was_alias);
    assert_eq!(ada.current.code, "ADA.11.01.20");
    let mut from: Vec<&str> = ada
        .referenced_by
        .iter()
        .map(|l| l.from.code.as_str())
        .collect();
    from.sort_unstable();
    assert_eq!(from, ["1954", "1955"]);
    let cp = lookup_code(&set, "cp2021", "5.2.2.1.0", None);
    assert!(!cp.was_alias);
    assert_eq!(cp.referenced_by[0].from.code, "413");
    assert!(
        qualification_profile(&set, &FrameworkRef::new("rrfp_toscana.unit", "2263"), None)
            .is_none()
    );
}
