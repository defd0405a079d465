//! Tests of [`EscoBuilder`](super::EscoBuilder): the order concepts are added in, and the
//! sort of grouped relations.

use super::{sort_grouped, EscoBuilder};
use crate::framework::{
    BroaderRelation, ConceptRef, EscoLabels, EscoOccupation, EscoSkill, EscoTaxonomy,
    OccupationSkill, Relevance, SkillSkillRelation, SkillView,
};

const SKILL: &str = "http://data.europa.eu/esco/skill/";
const OCCUPATION: &str = "http://data.europa.eu/esco/occupation/";

/// A taxonomy of skills `a`–`d` and occupations `x`, `y`, added in the orders given, with
/// the same relations (named by URI, so they point at the same concepts whatever the order).
fn build(skills: [&str; 4], occupations: [&str; 2]) -> EscoTaxonomy {
    let labels = |name: &str| {
        vec![EscoLabels {
            preferred: format!("label of {name}"),
            ..EscoLabels::default()
        }]
    };
    let mut b = EscoBuilder::new("v", vec!["en".into()]).unwrap();
    let mut skill = std::collections::HashMap::new();
    for id in skills {
        let uri = format!("{SKILL}{id}");
        let at = b.add_skill(&EscoSkill {
            labels: labels(id),
            uri,
            skill_type: None,
            reuse_level: None,
        });
        skill.insert(id, at.unwrap());
    }
    let mut occupation = std::collections::HashMap::new();
    for id in occupations {
        let at = b.add_occupation(&EscoOccupation {
            uri: format!("{OCCUPATION}{id}"),
            code: format!("1111.{id}"),
            isco_group: "1111".into(),
            regulated_profession_note: String::new(),
            labels: labels(id),
        });
        occupation.insert(id, at.unwrap());
    }
    for (narrower, broader) in [("a", "b"), ("c", "b"), ("d", "a")] {
        b.add_broader(BroaderRelation {
            narrower: ConceptRef::Skill(skill[narrower]),
            broader: ConceptRef::Skill(skill[broader]),
        });
    }
    for (o, s) in [("x", "d"), ("x", "a"), ("y", "c")] {
        b.add_occupation_skill(OccupationSkill {
            occupation: occupation[o],
            relevance: Relevance::Essential,
            skill: skill[s],
        });
    }
    b.add_skill_skill(SkillSkillRelation {
        from: skill["d"],
        relevance: Relevance::Optional,
        to: skill["b"],
    });
    b.finish().unwrap()
}

/// What a user reads of `esco`: concepts with their labels, relations as URIs.
fn described(esco: &EscoTaxonomy) -> Vec<String> {
    let skill = |i: u32| esco.skill_at(i as usize).map(|s| s.uri().to_owned());
    let occupation = |i: u32| esco.occupation_at(i as usize).map(|o| o.uri().to_owned());
    let concept = |c: ConceptRef| match c {
        ConceptRef::Skill(i) => skill(i),
        ConceptRef::Occupation(i) => occupation(i),
        _ => None,
    };
    let mut out: Vec<String> = esco
        .skills()
        .map(|s| format!("{} {:?}", s.uri(), s.labels(0).map(|l| l.preferred)))
        .collect();
    out.extend(esco.occupations().map(|o| {
        format!(
            "{} {} {:?}",
            o.uri(),
            o.code(),
            o.labels(0).map(|l| l.preferred)
        )
    }));
    out.extend(
        esco.broader()
            .map(|r| format!("{:?} < {:?}", concept(r.narrower), concept(r.broader))),
    );
    out.extend(esco.occupation_skills().map(|r| {
        format!(
            "{:?} {:?} {:?}",
            occupation(r.occupation),
            r.relevance,
            skill(r.skill)
        )
    }));
    out.extend(
        esco.skill_skills()
            .map(|r| format!("{:?} {:?} {:?}", skill(r.from), r.relevance, skill(r.to))),
    );
    out
}

#[test]
fn concepts_added_in_any_order_give_the_same_taxonomy() {
    // In URI order (as the ESCO files list them: nothing is moved), then with the skills
    // only, the occupations only, and both out of order.
    let sorted = build(["a", "b", "c", "d"], ["x", "y"]);
    let uris: Vec<&str> = sorted.skills().map(SkillView::uri).collect();
    assert_eq!(uris, ["a", "b", "c", "d"].map(|id| format!("{SKILL}{id}")));
    let expected = described(&sorted);
    for (skills, occupations) in [
        (["d", "b", "a", "c"], ["x", "y"]),
        (["a", "b", "c", "d"], ["y", "x"]),
        (["c", "d", "b", "a"], ["y", "x"]),
    ] {
        let built = build(skills, occupations);
        assert_eq!(described(&built), expected, "{skills:?} {occupations:?}");
        for uri in uris.iter().copied() {
            let index = built.skill_index(uri).expect("every skill is found by URI");
            assert_eq!(built.skill_at(index).map(SkillView::uri), Some(uri));
        }
    }
}

#[test]
fn grouped_and_scattered_relations_sort_alike() {
    let grouped: Vec<u64> = vec![1 << 32 | 9, 1 << 32 | 2, 2 << 32 | 7, 2 << 32 | 1, 5 << 32];
    let scattered: Vec<u64> = vec![2 << 32 | 7, 1 << 32 | 9, 5 << 32, 1 << 32 | 2, 2 << 32 | 1];
    for mut items in [grouped, scattered] {
        let mut expected = items.clone();
        expected.sort_unstable();
        sort_grouped(&mut items, |&k| k);
        assert_eq!(items, expected);
    }
}
