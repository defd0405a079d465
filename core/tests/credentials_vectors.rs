//! The published test vectors of W3C "Data Integrity `EdDSA` Cryptosuites v1.0"
//! (`tests/credentials/vc-di-eddsa/`, README there): Attesta's canonicalization and proofs
//! reproduce them exactly, verify them, and reject any change.
#![cfg(feature = "credentials")]

use attesta::credentials::{
    canonical_nquads, sign_credential, verify_credential, CredentialKey, Cryptosuite, ProofOptions,
};
use serde_json::Value;

fn vector(name: &str) -> String {
    let path = format!(
        "{}/../tests/credentials/vc-di-eddsa/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn json(name: &str) -> Value {
    serde_json::from_str(&vector(name)).unwrap()
}

fn key() -> CredentialKey {
    CredentialKey::from_text(&vector("keyPair.json")).unwrap()
}

fn options(suite: Cryptosuite, signed: &Value) -> ProofOptions {
    ProofOptions {
        cryptosuite: suite,
        verification_method: signed["proof"]["verificationMethod"]
            .as_str()
            .map(str::to_owned),
        created: signed["proof"]["created"].as_str().map(str::to_owned),
    }
}

#[test]
fn rdfc_canonical_forms_match_the_vectors() {
    let canonical = canonical_nquads(&json("unsigned.json")).unwrap();
    assert_eq!(canonical, vector("eddsa-rdfc-2022-canonDocDataInt.txt"));
    let signed = json("eddsa-rdfc-2022-signedDataInt.json");
    let mut config = signed["proof"].clone();
    config.as_object_mut().unwrap().remove("proofValue");
    config["@context"] = signed["@context"].clone();
    assert_eq!(
        canonical_nquads(&config).unwrap(),
        vector("eddsa-rdfc-2022-proofCanonDataInt.txt")
    );
}

#[test]
fn signing_reproduces_both_suites_vectors_and_they_verify() {
    for (suite, file) in [
        (
            Cryptosuite::EddsaRdfc2022,
            "eddsa-rdfc-2022-signedDataInt.json",
        ),
        (Cryptosuite::EddsaJcs2022, "eddsa-jcs-2022-signedJCS.json"),
    ] {
        let expected = json(file);
        let signed =
            sign_credential(&json("unsigned.json"), &key(), &options(suite, &expected)).unwrap();
        assert_eq!(signed, expected, "{file}");
        // With the trusted key, and with the did:key the proof names.
        let trusted = verify_credential(&expected, Some(&key())).unwrap();
        assert!(trusted.verified, "{file}: {trusted:?}");
        assert_eq!(trusted.key_source.as_deref(), Some("supplied"));
        let by_did = verify_credential(&expected, None).unwrap();
        assert!(by_did.verified, "{file}");
        assert_eq!(by_did.key_source.as_deref(), Some("did_key"));
    }
}

#[test]
fn any_change_to_a_signed_vector_is_detected() {
    for file in [
        "eddsa-rdfc-2022-signedDataInt.json",
        "eddsa-jcs-2022-signedJCS.json",
    ] {
        let signed = json(file);
        let changes: [(&str, Value); 5] = [
            ("/name", "Alumni Credential!".into()),
            ("/validFrom", "2023-01-02T00:00:00Z".into()),
            ("/credentialSubject/alumniOf", "Another School".into()),
            ("/proof/created", "2023-02-24T23:36:39Z".into()),
            ("/issuer", "https://vc.example/issuers/0000".into()),
        ];
        for (pointer, value) in changes {
            let mut copy = signed.clone();
            *copy.pointer_mut(pointer).unwrap() = value;
            let outcome = verify_credential(&copy, None).unwrap();
            assert!(!outcome.verified, "{file} {pointer}");
            assert_eq!(
                outcome.problem.unwrap().code,
                "proof.signature_mismatch",
                "{file} {pointer}"
            );
        }
        // Another key (a trusted one that did not sign) fails too.
        let other = CredentialKey::from_secret_bytes(&[9; 32]);
        assert!(!verify_credential(&signed, Some(&other)).unwrap().verified);
    }
}

/// Hostile or broken credentials give a typed error or `verified: false`, never a panic, and
/// nothing is fetched.
#[test]
fn hostile_credentials_are_refused_without_panicking() {
    use attesta::credentials::CredentialError;
    let signed = json("eddsa-rdfc-2022-signedDataInt.json");
    let with = |pointer: &str, value: Value| {
        let mut copy = signed.clone();
        *copy.pointer_mut(pointer).unwrap() = value;
        copy
    };
    let not_verified = [
        with("/proof", serde_json::json!([signed["proof"].clone()])),
        with("/proof/proofValue", "z".repeat(5000).into()),
        with("/proof/proofValue", "u-not-base58".into()),
        with("/proof/cryptosuite", "ecdsa-rdfc-2019".into()),
        with(
            "/proof/verificationMethod",
            "https://example.org/key#1".into(),
        ),
        with("/proof/type", Value::Null),
    ];
    for credential in not_verified {
        let outcome = verify_credential(&credential, None).unwrap();
        assert!(!outcome.verified, "{credential}");
        assert!(outcome.problem.is_some());
    }
    let unknown = with("/@context/1", "https://example.org/context.jsonld".into());
    assert!(matches!(
        verify_credential(&unknown, Some(&key())),
        Err(CredentialError::UnknownContext { .. })
    ));
    // At the depth limit (24 levels): processed (and, changed, not verified) without exhausting
    // the stack even in a debug build's 2 MiB test thread.
    let mut nested = Value::String("leaf".into());
    for _ in 0..22 {
        nested = serde_json::json!({ "https://example.org/p": nested });
    }
    let nested = with("/credentialSubject/alumniOf", nested);
    assert!(!verify_credential(&nested, Some(&key())).unwrap().verified);
    let mut deep = Value::String("leaf".into());
    for _ in 0..100 {
        deep = serde_json::json!({ "https://example.org/p": deep });
    }
    let deep = with("/credentialSubject/alumniOf", deep);
    assert!(matches!(
        verify_credential(&deep, Some(&key())),
        Err(CredentialError::InvalidCredential(_))
    ));
    for garbage in [
        Value::Null,
        serde_json::json!([1, 2]),
        serde_json::json!({"proof": {}}),
        serde_json::json!({"@context": 42, "proof": {}}),
        serde_json::json!({"@context": {"@vocab": "not an iri"}, "a": "b"}),
    ] {
        let key = key();
        let _ = verify_credential(&garbage, Some(&key));
        let _ = sign_credential(&garbage, &key, &ProofOptions::default());
    }
}
