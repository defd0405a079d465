//! The bundle format: round trips, and every kind of damage is a typed error, never a panic.

use attesta::builtin::RRFP_TOSCANA_SAMPLE_BUNDLE;
use attesta::bundle::{
    Bundle, BundleError, BundleHeader, BundleKind, FORMAT_VERSION, HEADER_LEN, MAGIC,
};
use attesta::framework::{
    BroaderRelation, Classification, ClassificationNode, ConceptRef, EscoBuilder, EscoLabels,
    EscoOccupation, EscoSkill, EscoTaxonomy, OccupationSkill, RegulatedProfession, Relevance,
    SkillType,
};
use attesta::Error;
use proptest::prelude::*;

fn bundle_error(bytes: &[u8]) -> BundleError {
    match Bundle::from_bytes(bytes) {
        Err(Error::InvalidBundle(e)) => e,
        other => panic!("expected a bundle error, got {other:?}"),
    }
}

fn small_esco() -> EscoTaxonomy {
    let labels = |p: &str| {
        vec![EscoLabels {
            preferred: p.into(),
            alt: "a\nb".into(),
            description: String::new(),
        }]
    };
    let mut esco = EscoBuilder::new("v-test", vec!["en".into()]).unwrap();
    // Insertion indexes: skill b = 0, skill a = 1, occupation o = 0.
    for (uri, skill_type, label) in [
        (
            "http://data.europa.eu/esco/skill/b",
            Some(SkillType::Knowledge),
            "b",
        ),
        ("http://data.europa.eu/esco/skill/a", None, "a"),
    ] {
        esco.add_skill(&EscoSkill {
            uri: uri.into(),
            skill_type,
            reuse_level: None,
            labels: labels(label),
        })
        .unwrap();
    }
    esco.add_occupation(&EscoOccupation {
        uri: "http://data.europa.eu/esco/occupation/o".into(),
        code: "7333.1".into(),
        isco_group: "7333".into(),
        regulated_profession_note: RegulatedProfession::REGULATED.into(),
        labels: labels("o"),
    })
    .unwrap();
    for (relevance, skill) in [(Relevance::Optional, 0), (Relevance::Essential, 1)] {
        esco.add_occupation_skill(OccupationSkill {
            occupation: 0,
            relevance,
            skill,
        });
    }
    esco.add_broader(BroaderRelation {
        narrower: ConceptRef::Skill(0),
        broader: ConceptRef::Skill(1),
    });
    esco.finish().unwrap()
}

#[test]
fn every_kind_round_trips_and_reports_its_info() {
    let esco = small_esco();
    // finish() sorted the skills by URI and re-pointed the relations.
    assert_eq!(esco.skill_at(0).unwrap().labels(0).unwrap().preferred, "a");
    let essential: Vec<_> = esco
        .essential_skills(0)
        .map(|s| s.labels(0).unwrap().preferred)
        .collect();
    assert_eq!(essential, ["a"]);
    // The regulated-profession note is kept, read, and (below) survives the bundle.
    let occupation = esco.occupation_at(0).unwrap();
    assert_eq!(
        occupation.regulated_profession(),
        Some(RegulatedProfession {
            regulated: Some(true),
            note: RegulatedProfession::REGULATED.into()
        })
    );
    assert_eq!(
        occupation.to_owned().regulated_profession_note,
        RegulatedProfession::REGULATED
    );
    assert_eq!(
        esco.broader_of(ConceptRef::Skill(1)).collect::<Vec<_>>(),
        [ConceptRef::Skill(0)]
    );

    let mut classification = Classification {
        scheme: "cp2021".into(),
        version: "2021".into(),
        levels: 2,
        ..Classification::default()
    };
    for (code, level, parent) in [("5.2", 2, Some("5")), ("5", 1, None)] {
        classification.nodes.push(ClassificationNode {
            code: code.into(),
            title: code.into(),
            description: String::new(),
            level,
            parent: parent.map(Into::into),
        });
    }
    classification.normalize();
    let framework = Bundle::from_bytes(RRFP_TOSCANA_SAMPLE_BUNDLE).unwrap();
    for bundle in [
        Bundle::Esco(esco),
        Bundle::Classification(classification),
        framework,
    ] {
        let bytes = bundle.to_bytes().unwrap();
        assert_eq!(&bytes[..8], &MAGIC);
        let loaded = Bundle::from_bytes(&bytes).unwrap();
        assert_eq!(loaded, bundle);
        let (header, _) = BundleHeader::parse(&bytes).unwrap();
        let info = loaded.info(&header);
        assert_eq!(info.kind, bundle.kind());
        assert_eq!(info.bytes, bytes.len() as u64);
        assert_eq!(info.checksum.len(), 16);
        assert_eq!(info.checksum, format!("{:016x}", header.checksum));
    }
}

#[test]
fn asking_for_the_wrong_kind_is_a_typed_error() {
    let err = Bundle::from_bytes(RRFP_TOSCANA_SAMPLE_BUNDLE)
        .unwrap()
        .into_esco()
        .unwrap_err();
    assert!(matches!(
        err,
        Error::InvalidBundle(BundleError::WrongKind {
            expected: BundleKind::Esco,
            found: BundleKind::Framework
        })
    ));
    assert_eq!(err.kind().as_str(), "invalid_bundle");
}

#[test]
fn each_kind_of_damage_has_its_own_error() {
    let good = RRFP_TOSCANA_SAMPLE_BUNDLE;
    assert!(matches!(
        bundle_error(&good[..good.len() - 1]),
        BundleError::Truncated { .. }
    ));
    assert!(
        matches!(bundle_error(&good[..20]), BundleError::Truncated { needed, available: 20 } if needed == HEADER_LEN as u64)
    );
    assert_eq!(
        bundle_error(b"{\"schema_version\": \"1.0\"}"),
        BundleError::WrongMagic
    );
    assert_eq!(
        bundle_error(b""),
        BundleError::Truncated {
            needed: HEADER_LEN as u64,
            available: 0
        }
    );

    let mut future = good.to_vec();
    future[8..10].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
    assert_eq!(
        bundle_error(&future),
        BundleError::UnsupportedVersion {
            found: FORMAT_VERSION + 1,
            supported: FORMAT_VERSION
        }
    );

    let mut kind = good.to_vec();
    kind[10] = 9;
    assert_eq!(bundle_error(&kind), BundleError::UnknownKind(9));

    let mut flipped = good.to_vec();
    let last = flipped.len() - 1;
    flipped[last] ^= 0x01;
    assert_eq!(bundle_error(&flipped), BundleError::ChecksumMismatch);

    let mut longer = good.to_vec();
    longer.push(0);
    assert_eq!(bundle_error(&longer), BundleError::TrailingBytes(1));
}

/// A bundle of `kind` around `payload` with a correct checksum, written from the documented
/// layout (not through the library), so the test also pins the format.
fn rebuild_with_payload(kind: u8, payload: &[u8]) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    // ESCO bundles have the newest version; frameworks and classifications keep version 3.
    let version = if kind == 2 { FORMAT_VERSION } else { 3 };
    out.extend_from_slice(&version.to_le_bytes());
    out.push(kind);
    out.extend_from_slice(&[0; 5]);
    let seed = u64::from_le_bytes(out[8..16].try_into().unwrap());
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(&twox_hash::XxHash3_64::oneshot_with_seed(seed, payload).to_le_bytes());
    out.extend_from_slice(payload);
    assert_eq!(out.len(), HEADER_LEN + payload.len());
    out
}

#[test]
fn the_header_is_bound_to_the_checksum_and_old_versions_are_refused() {
    let good = RRFP_TOSCANA_SAMPLE_BUNDLE;
    // The committed bundle matches the documented layout byte for byte.
    assert_eq!(
        rebuild_with_payload(good[10], &good[HEADER_LEN..]),
        good,
        "header layout or checksum differs from the documented format"
    );
    // A kind byte changed to another valid kind fails the checksum, not the decoder.
    let mut other_kind = good.to_vec();
    other_kind[10] = 3;
    assert_eq!(bundle_error(&other_kind), BundleError::ChecksumMismatch);
    // A version-1 bundle (56-byte header with SHA-256) is refused by its version, before its
    // different header layout could be misread.
    let mut v1 = MAGIC.to_vec();
    v1.extend_from_slice(&1u16.to_le_bytes());
    v1.push(1);
    v1.extend_from_slice(&[0; 45]);
    assert_eq!(
        bundle_error(&v1),
        BundleError::UnsupportedVersion {
            found: 1,
            supported: FORMAT_VERSION
        }
    );
    // A version-2 bundle (before the regulated-profession notes) is refused by its version.
    let mut v2 = good.to_vec();
    v2[8..10].copy_from_slice(&2u16.to_le_bytes());
    assert_eq!(
        bundle_error(&v2),
        BundleError::UnsupportedVersion {
            found: 2,
            supported: FORMAT_VERSION
        }
    );
    // The version is per kind: an ESCO bundle of version 3 (text as lengths, relations
    // decoded into tables) and a framework bundle of version 4 are refused by their version.
    let mut esco_v3 = good.to_vec();
    esco_v3[10] = 2;
    let mut framework_v4 = good.to_vec();
    framework_v4[8..10].copy_from_slice(&4u16.to_le_bytes());
    assert_eq!(
        [bundle_error(&esco_v3), bundle_error(&framework_v4)],
        [
            BundleError::UnsupportedVersion {
                found: 3,
                supported: 4
            },
            BundleError::UnsupportedVersion {
                found: 4,
                supported: 3
            }
        ]
    );
    // Even a header cut right after the version tells the version.
    assert!(matches!(
        bundle_error(&v1[..10]),
        BundleError::UnsupportedVersion { found: 1, .. }
    ));
}

#[test]
fn esco_text_spans_that_do_not_add_up_are_malformed() {
    let esco = small_esco();
    let bytes = Bundle::Esco(esco).to_bytes().unwrap();
    let payload = &bytes[HEADER_LEN..];
    // Cut the payload short and re-checksum: the checksum is right, the spans are not.
    for cut in [1, 7, payload.len() / 2] {
        let bytes = rebuild_with_payload(2, &payload[..payload.len() - cut]);
        assert!(
            matches!(bundle_error(&bytes), BundleError::Malformed(_)),
            "cut {cut}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn flipping_any_byte_gives_a_typed_error(index in 0usize..RRFP_TOSCANA_SAMPLE_BUNDLE.len(), mask in 1u8..=255) {
        let mut bytes = RRFP_TOSCANA_SAMPLE_BUNDLE.to_vec();
        bytes[index] ^= mask;
        // Every header or payload change is caught: the checksum covers the payload.
        prop_assert!(matches!(Bundle::from_bytes(&bytes), Err(Error::InvalidBundle(_))));
    }

    #[test]
    fn truncating_anywhere_gives_a_typed_error(len in 0usize..RRFP_TOSCANA_SAMPLE_BUNDLE.len()) {
        let err = bundle_error(&RRFP_TOSCANA_SAMPLE_BUNDLE[..len]);
        prop_assert!(matches!(err, BundleError::Truncated { .. } | BundleError::WrongMagic), "{err:?}");
    }

    #[test]
    fn random_payloads_with_a_valid_checksum_never_panic(kind in 1u8..=3, payload in proptest::collection::vec(any::<u8>(), 0..512)) {
        let bytes = rebuild_with_payload(kind, &payload);
        if let Err(err) = Bundle::from_bytes(&bytes) {
            prop_assert!(matches!(err, Error::InvalidBundle(BundleError::Malformed(_))), "{err:?}");
        }
    }

    #[test]
    fn mutated_payloads_with_a_recomputed_checksum_never_panic(index in 0usize..7000, mask in 1u8..=255) {
        let payload = &RRFP_TOSCANA_SAMPLE_BUNDLE[HEADER_LEN..];
        let mut payload = payload.to_vec();
        let i = index % payload.len();
        payload[i] ^= mask;
        let _ = Bundle::from_bytes(&rebuild_with_payload(1, &payload));
    }
}
