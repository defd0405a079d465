"""attesta.Frameworks: loading (built-in sample, bundle files and bytes, framework and overlay
JSON), lookup, search and gap analysis on the built-in sample with the answers the README
documents for the same commands, every result fitting its committed schema, validators over
loaded frameworks, and pickling."""

from __future__ import annotations

import json
import pickle
from typing import Any

import jsonschema
import pytest
from conftest import ROOT, load_schema

import attesta

BUNDLE = ROOT / "data" / "frameworks" / "rrfp_toscana.attb"
RECORD = ROOT / "data" / "examples" / "record-valid.json"
BUILTIN = attesta.Frameworks()

# An integrazione of the built-in sample's figure 450 (illustrative values).
OVERLAY: dict[str, Any] = {
    "schema_version": "1.0",
    "id": "test_overlay",
    "extends": "rrfp_toscana",
    "source": "test of the Python binding",
    "version": "t1",
    "qualifications": [{"code": "450", "ateco": ["52.24.20"]}],
}


def test_the_builtin_sample() -> None:
    assert BUILTIN.ids() == ["rrfp_toscana"]
    assert BUILTIN.notices() == []
    assert attesta.Frameworks.load().ids() == BUILTIN.ids()
    assert attesta.Frameworks(builtin=False).ids() == []


def test_a_bundle_replaces_the_builtin_sample_from_a_path_or_bytes() -> None:
    from_path = attesta.Frameworks([BUNDLE])
    assert from_path.ids() == ["rrfp_toscana"]
    (notice,) = from_path.notices()
    assert "replaces the built-in sample" in notice
    assert str(BUNDLE) in notice
    from_bytes = attesta.Frameworks([BUNDLE.read_bytes()])
    assert "source 1" in from_bytes.notices()[0]
    assert from_bytes.lookup("rrfp_toscana.qualification:450") == from_path.lookup(
        "rrfp_toscana.qualification:450"
    )


def test_framework_json_and_an_overlay() -> None:
    framework = json.loads((ROOT / "data" / "frameworks" / "rrfp_toscana.json").read_text())
    loaded = attesta.Frameworks([framework, OVERLAY], builtin=False)
    assert loaded.ids() == ["rrfp_toscana"]
    assert any("overlay source 2 applied to 'rrfp_toscana'" in n for n in loaded.notices())
    found = loaded.lookup("rrfp_toscana.qualification:450")
    assert "52.24.20" in json.dumps(found)
    assert "52.24.20" not in json.dumps(BUILTIN.lookup("rrfp_toscana.qualification:450"))


def test_sources_that_cannot_be_used_raise_attesta_error() -> None:
    with pytest.raises(attesta.AttestaError) as raised:
        attesta.Frameworks([{**OVERLAY, "extends": "no_such_framework"}])
    assert raised.value.kind == "overlay_target_missing"
    with pytest.raises(attesta.AttestaError) as raised:
        attesta.Frameworks([BUNDLE, BUNDLE.read_bytes()])
    assert raised.value.kind == "duplicate_framework"
    with pytest.raises(attesta.AttestaError):
        attesta.Frameworks([b"\xff\xfe not json"])
    with pytest.raises(attesta.AttestaError) as raised:
        attesta.Frameworks([ROOT / "no" / "such" / "file.attb"])
    assert raised.value.kind in {"io", "unusable_source"}
    with pytest.raises(TypeError):
        attesta.Frameworks([42])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        attesta.Frameworks(str(BUNDLE))  # type: ignore[arg-type]


def test_lookup_of_a_qualification_a_unit_and_a_code() -> None:
    # README: `attesta search --lookup rrfp_toscana.qualification:450`.
    qualification = BUILTIN.lookup("rrfp_toscana.qualification:450")
    assert qualification["kind"] == "qualification"
    assert qualification == BUILTIN.lookup({"scheme": "rrfp_toscana.qualification", "code": "450"})
    unit = BUILTIN.lookup("rrfp_toscana.unit:1948")
    assert unit["kind"] == "unit"
    code = BUILTIN.lookup("atlante_ada:ADA.13.128.385")
    assert code["kind"] == "code"
    schema = load_schema("node-lookup")
    for found in [qualification, unit, code]:
        jsonschema.validate(found, schema)
    with pytest.raises(attesta.AttestaError) as raised:
        BUILTIN.lookup("no colon here")
    assert raised.value.kind == "invalid_input"
    with pytest.raises(TypeError):
        BUILTIN.lookup(450)  # type: ignore[arg-type]


def test_search_finds_by_label_with_typos_and_options() -> None:
    # README: `attesta search carrellista --limit 3` finds something; typos are tolerated.
    hits = BUILTIN.search("carrellista", limit=3)
    assert 1 <= len(hits) <= 3
    jsonschema.validate(hits, load_schema("search-results"))
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert BUILTIN.search("carrelista", limit=3)[0]["node"] == hits[0]["node"]
    units = BUILTIN.search("carrellista", node_types=["unit"])
    assert units and all(h["node_type"] == "unit" for h in units)
    assert BUILTIN.search("carrellista", schemes=["no_such_scheme"]) == []
    with pytest.raises(attesta.AttestaError) as raised:
        BUILTIN.search("carrellista", limit="3")  # type: ignore[arg-type]
    assert raised.value.kind == "invalid_options"
    with pytest.raises(TypeError):
        BUILTIN.search("carrellista", colour="red")  # type: ignore[call-arg]
    # An option the core does not serialize while unset is still a known keyword.
    assert BUILTIN.search("carrellista", limit=3, query_language="it")[0]["node"] == hits[0]["node"]


def test_gap_of_the_example_record_to_figure_450() -> None:
    # README: `attesta gap data/examples/record-valid.json --target
    # rrfp_toscana.qualification:450` exits 1: something is left to cover.
    record = json.loads(RECORD.read_text(encoding="utf-8"))
    report = BUILTIN.gap(record, "rrfp_toscana.qualification:450")
    jsonschema.validate(report, load_schema("gap-report"))
    summary = report["summary"]
    assert summary["units"] == len(report["units"])
    assert summary["missing"] + summary["partially_claimed"] > 0
    claimed = {u["unit"]["code"]: u["status"] for u in report["units"]}
    assert claimed.get("1948") == "partially_claimed"
    # The same record as text gives the same report; a UC validated earlier counts as such.
    assert BUILTIN.gap(RECORD.read_bytes(), "rrfp_toscana.qualification:450") == report
    done = BUILTIN.gap(record, report["target"], validated=["rrfp_toscana.unit:1948"])
    assert {u["unit"]["code"]: u["status"] for u in done["units"]}["1948"] == "validated"
    with pytest.raises(attesta.AttestaError) as raised:
        BUILTIN.gap({"id": 1}, "rrfp_toscana.qualification:450")
    assert raised.value.kind == "invalid_input"


def test_a_validator_over_loaded_frameworks_pickles_with_them() -> None:
    loaded = attesta.Frameworks([BUNDLE])
    validator = loaded.validator(strict=True)
    assert validator.frameworks is loaded
    assert validator.options["strict"] is True
    assert attesta.Validator(frameworks=loaded, strict=True).options == validator.options
    copy = pickle.loads(pickle.dumps(validator))
    assert copy.frameworks is not None
    assert copy.frameworks.notices() == loaded.notices()
    assert copy.validate(RECORD.read_bytes()) == validator.validate(RECORD.read_bytes())
    assert pickle.loads(pickle.dumps(attesta.Validator())).frameworks is None
    with pytest.raises(TypeError):
        attesta.Validator(frameworks="rrfp_toscana")  # type: ignore[arg-type]


def test_frameworks_pickle_by_their_sources() -> None:
    for frameworks in [
        BUILTIN,
        attesta.Frameworks([BUNDLE]),
        attesta.Frameworks([BUNDLE.read_bytes(), OVERLAY]),
        attesta.Frameworks(builtin=False),
    ]:
        copy = pickle.loads(pickle.dumps(frameworks))
        assert copy.ids() == frameworks.ids()
        assert copy.notices() == frameworks.notices()
        if frameworks.ids():
            ref = "rrfp_toscana.qualification:450"
            assert copy.lookup(ref) == frameworks.lookup(ref)
