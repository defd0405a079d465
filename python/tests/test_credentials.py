"""Portable credentials from Python: the demo case's Documento di validazione exported to Open
Badges 3.0, ELM and the Libretto record (the same JSON as the Rust API), signed with a key the
test supplies in each accepted form, verified, and any change detected; the W3C cryptosuite
test vectors reproduced."""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import ROOT

import attesta

DV = ROOT / "tests/cases/demo-450/expected/documents/documento_validazione-case-2025-0147-DV.json"
VECTORS = ROOT / "tests/credentials/vc-di-eddsa"
KEY_FILE = ROOT / "tests/interop/vc/issuer-key.json"


def vector(name: str) -> dict[str, Any]:
    return json.loads((VECTORS / name).read_text(encoding="utf-8"))


def test_exports_carry_the_same_uc_ids_in_the_three_formats() -> None:
    document = DV.read_text(encoding="utf-8")
    badges = attesta.export_credential(document)
    assert [b["credentialSubject"]["achievement"]["id"] for b in badges] == [
        "urn:attesta:node:rrfp_toscana.unit:1955",
        "urn:attesta:node:rrfp_toscana.unit:1954",
    ]
    (elm,) = attesta.export_credential(document, format="elm")
    claims = elm["credentialSubject"]["hasClaim"]
    assert [c["specifiedBy"]["id"] for c in claims] == [
        b["credentialSubject"]["achievement"]["id"] for b in badges
    ]
    assert claims[0]["specifiedBy"]["eqfLevel"]["id"] == "http://data.europa.eu/snb/eqf/3"
    (record,) = attesta.export_credential(
        json.loads(document), attesta.Frameworks(), format="libretto", units=["1954"]
    )
    assert [c["unit_key"] for c in record["competences"]] == ["rrfp_toscana.unit:1954"]
    redacted = attesta.export_credential(document, format="libretto", include_personal_data=False)
    assert "SMPSMN90D12Z343X" not in json.dumps(redacted)


def test_what_cannot_be_exported_raises_attesta_error_of_kind_credential() -> None:
    document = json.loads(DV.read_text(encoding="utf-8"))
    with pytest.raises(attesta.AttestaError) as caught:
        attesta.export_credential(document, units=["1953"])
    assert caught.value.kind == "credential"
    with pytest.raises(attesta.AttestaError) as caught:
        attesta.export_credential(document, formats="ob3")
    assert caught.value.kind == "invalid_options"


@pytest.mark.parametrize("suite", ["eddsa-rdfc-2022", "eddsa-jcs-2022"])
def test_sign_verify_and_every_change_is_detected(suite: str) -> None:
    (badge,) = attesta.export_credential(DV.read_text(encoding="utf-8"), units=["1955"])
    key_text = KEY_FILE.read_text(encoding="utf-8")
    for key in (key_text, json.loads(key_text)):
        signed = attesta.sign_credential(
            badge, key, cryptosuite=suite, created="2025-09-29T10:00:00Z"
        )
        assert signed["proof"]["cryptosuite"] == suite
        outcome = attesta.verify_credential(signed, key)
        assert outcome["verified"] is True
        assert outcome["key_source"] == "supplied"
        assert attesta.verify_credential(signed)["key_source"] == "did_key"
        changed = json.loads(json.dumps(signed))
        changed["credentialSubject"]["achievement"]["humanCode"] = "1954"
        outcome = attesta.verify_credential(changed, key)
        assert outcome["verified"] is False
        assert outcome["problem"]["code"] == "proof.signature_mismatch"


def test_keys_as_bytes_and_only_public_keys_cannot_sign() -> None:
    (badge,) = attesta.export_credential(DV.read_text(encoding="utf-8"), units=["1955"])
    signed = attesta.sign_credential(badge, bytes(range(32)))
    assert attesta.verify_credential(signed, bytes(range(32)))["verified"] is True
    public = (ROOT / "data/demo/keys/demo-ente.pub.pem").read_text(encoding="utf-8")
    with pytest.raises(attesta.AttestaError) as caught:
        attesta.sign_credential(badge, public)
    assert caught.value.kind == "invalid_key"
    with pytest.raises(TypeError):
        attesta.sign_credential(badge, 42)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("suite", "file"),
    [
        ("eddsa-rdfc-2022", "eddsa-rdfc-2022-signedDataInt.json"),
        ("eddsa-jcs-2022", "eddsa-jcs-2022-signedJCS.json"),
    ],
)
def test_the_cryptosuite_test_vectors_are_reproduced(suite: str, file: str) -> None:
    expected = vector(file)
    signed = attesta.sign_credential(
        vector("unsigned.json"),
        KEY_FILE.read_text(encoding="utf-8"),
        cryptosuite=suite,
        verification_method=expected["proof"]["verificationMethod"],
        created=expected["proof"]["created"],
    )
    assert signed == expected
