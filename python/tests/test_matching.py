"""Frameworks.match / match_many and import_framework / bundle_info through the installed
wheel: the JSON is what `attesta match --json` and `attesta framework import --json` print
(schemas occupation-matches, import-report, bundle-info), options are checked as the core
checks them, and errors come by kind. A tiny ESCO package written by the tests always runs;
the real ESCO v1.1.1 files run too when ../shared/data has them."""

from __future__ import annotations

import csv
import json
import pickle
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import ROOT, load_schema, shared_data
from esco_sample import SKILL, occupation, skill, write_esco

import attesta


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The tiny package imported into a bundle: (bundle path, import report)."""
    folder = write_esco(tmp_path_factory.mktemp("esco") / "esco-v9.9-en")
    bundle = folder.parent / "esco.attb"
    report = attesta.import_framework("esco", folder, bundle)
    return bundle, dict(report)


@pytest.fixture(scope="module")
def frameworks(sample: tuple[Path, dict[str, Any]]) -> attesta.Frameworks:
    return attesta.Frameworks([sample[0]])


def profile(pid: str, *skills: str) -> dict[str, Any]:
    return {"id": pid, "skills": [skill(s) for s in skills]}


def test_the_import_report_describes_the_bundle_written(
    sample: tuple[Path, dict[str, Any]],
) -> None:
    bundle, report = sample
    jsonschema.validate(report, load_schema("import-report"))
    assert (report["mode"], report["warnings"], report["errors"], report["problems"]) == (
        "standard",
        0,
        0,
        [],
    )
    info = report["bundle"]
    assert (info["kind"], info["id"], info["version"]) == ("esco", "esco", "v9.9")
    assert info["bytes"] == bundle.stat().st_size
    assert dict(info["counts"])["occupations"] == 3
    # bundle_info reads the same back from the file.
    assert attesta.bundle_info(bundle) == info
    jsonschema.validate(attesta.bundle_info(bundle), load_schema("bundle-info"))
    assert not list(bundle.parent.glob("*.partial"))


def test_essential_skills_weigh_four_times_optional_ones(
    frameworks: attesta.Frameworks,
) -> None:
    value = profile("p1", "s1", "s2")
    value["skills"].append(f"{SKILL}unknown")
    result = frameworks.match(value)
    jsonschema.validate(result, load_schema("occupation-matches"))
    assert result["id"] == "p1"
    assert result["unknown_skills"] == [f"{SKILL}unknown"]
    ranked = [(m["label"], m["score"]) for m in result["matches"]]
    # cook: 2 essential of 2 and 0 optional of 2 -> 2 / 2.5; baker: 1 essential of 2.
    assert ranked == [("cook", 0.8), ("baker", 0.5)]
    cook = result["matches"][0]
    assert cook["occupation"] == {"scheme": "esco", "code": occupation("cook")}
    assert (cook["essential_matched"], cook["essential_total"]) == (2, 2)
    assert (cook["optional_matched"], cook["optional_total"]) == (0, 2)
    assert result["matches"][1]["missing_essential"] == [skill("s5")]


def test_options_limit_filter_and_explain(frameworks: attesta.Frameworks) -> None:
    one = frameworks.match(profile("p", "s1", "s2"), limit=1)
    assert [m["label"] for m in one["matches"]] == ["cook"]
    high = frameworks.match(profile("p", "s1", "s2"), min_score=0.6)
    assert [m["label"] for m in high["matches"]] == ["cook"]
    bare = frameworks.match(profile("p", "s2"), explain=False)
    assert all("missing_essential" not in m for m in bare["matches"])
    nurse = frameworks.match(profile("p", "s6"))["matches"][0]
    assert nurse["regulated_profession"]["regulated"] is True


def test_profiles_as_json_text_and_bytes_give_the_same_result(
    frameworks: attesta.Frameworks,
) -> None:
    value = profile("p", "s1", "s5")
    text = json.dumps(value)
    assert frameworks.match(text) == frameworks.match(value) == frameworks.match(text.encode())


def test_match_many_equals_match_one_by_one(frameworks: attesta.Frameworks) -> None:
    profiles = [profile(f"p{i}", *skills) for i, skills in enumerate([["s1"], ["s2", "s5"], []])]
    assert frameworks.match_many(profiles, limit=2) == [
        frameworks.match(p, limit=2) for p in profiles
    ]
    assert frameworks.match_many(iter(profiles[:1])) == [frameworks.match(profiles[0])]


def test_bad_options_and_inputs_raise_typed_errors(frameworks: attesta.Frameworks) -> None:
    with pytest.raises(TypeError, match="unexpected keyword argument 'limits'"):
        frameworks.match(profile("p", "s1"), limits=3)
    for options in ({"limit": 0}, {"limit": 3001}, {"min_score": 1.5}, {"limit": "3"}):
        with pytest.raises(attesta.AttestaError) as error:
            frameworks.match(profile("p", "s1"), **options)
        assert error.value.kind == "invalid_options", options
    with pytest.raises(attesta.AttestaError) as error:
        frameworks.match(profile("p", "s1"), cefr_min_level="Z9")
    assert error.value.kind == "invalid_options"
    with pytest.raises(attesta.AttestaError) as error:
        frameworks.match({"id": "p"})
    assert error.value.kind == "invalid_input"
    with pytest.raises(attesta.AttestaError) as error:
        frameworks.match('{"id": ')
    assert error.value.kind == "malformed_json"
    with pytest.raises(TypeError):
        frameworks.match(42)  # type: ignore[arg-type]
    with pytest.raises(attesta.AttestaError) as error:
        attesta.Frameworks().match(profile("p", "s1"))
    assert error.value.kind == "invalid_options"
    assert "ESCO" in error.value.message


def test_a_record_is_matched_on_its_esco_claims_and_validated_first(
    frameworks: attesta.Frameworks,
) -> None:
    record = json.loads((ROOT / "data" / "examples" / "record-valid.json").read_text("utf-8"))
    # The record's claims are RRFP UCs, not ESCO skills of the sample: it matches nothing.
    result = frameworks.match(record)
    assert (result["id"], result["matches"]) == (record["id"], [])
    # Its ESCO claims count, except one the person says they do not have.
    evidence = record["claims"][0]
    for name, held in (("s1", "yes"), ("s2", "yes"), ("s5", "no")):
        claim = {**evidence, "id": f"cl-{name}", "self_assessment": held}
        claim["target"] = {"scheme": "esco", "code": skill(name)}
        record["claims"].append(claim)
    assert frameworks.validator().validate(record).valid
    ranked = frameworks.match(record)["matches"]
    assert [(m["label"], m["score"]) for m in ranked] == [("cook", 0.8), ("baker", 0.5)]
    # An invalid record is refused with its report, not matched on claims it cannot support.
    record["claims"][-1]["evidence"] = ["no-such-evidence"]
    assert not frameworks.validator().validate(record).valid
    with pytest.raises(attesta.ValidationError) as error:
        frameworks.match(record)
    assert error.value.report == frameworks.validator().validate(record)


def test_import_problems_and_bad_arguments(tmp_path: Path) -> None:
    with pytest.raises(attesta.AttestaError) as error:
        attesta.import_framework("nope", tmp_path, tmp_path / "x.attb")
    assert error.value.kind == "invalid_options"
    with pytest.raises(attesta.AttestaError) as error:
        attesta.import_framework("esco", tmp_path, tmp_path / "x.attb", mode="loose")
    assert error.value.kind == "invalid_options"
    with pytest.raises(attesta.AttestaError) as error:
        attesta.import_framework("esco", tmp_path / "missing", tmp_path / "x.attb")
    assert error.value.kind == "invalid_input"
    # A malformed relation row: standard mode stops (nothing written), lenient loads the rest.
    folder = write_esco(tmp_path / "esco-v1-en")
    relations = folder / "relations" / "occupationSkillRelations.csv"
    bad_row = f"{occupation('cook')},maybe,x,{skill('s1')}\r\n"
    relations.write_text(relations.read_text("utf-8") + bad_row)
    out = tmp_path / "esco.attb"
    with pytest.raises(attesta.AttestaError) as error:
        attesta.import_framework("esco", folder, out)
    assert error.value.kind == "import_problem"
    assert not out.exists()
    report = attesta.import_framework("esco", folder, out, mode="lenient")
    assert report["errors"] == 1
    problem = report["problems"][0]
    assert (problem["file"], problem["line"], problem["severity"]) == (
        "relations/occupationSkillRelations.csv",
        9,
        "error",
    )
    with pytest.raises(attesta.AttestaError) as error:
        attesta.bundle_info(relations)
    assert error.value.kind == "invalid_bundle"


def test_frameworks_with_esco_pickle_and_match_the_same(frameworks: attesta.Frameworks) -> None:
    again = pickle.loads(pickle.dumps(frameworks))
    value = profile("p", "s1", "s2")
    assert again.match(value) == frameworks.match(value)


# The real ESCO v1.1.1 package (13,896 skills, 3,007 occupations).

COOK = "http://data.europa.eu/esco/occupation/90f75f67-495d-49fa-ab57-2f320e251d7e"


@pytest.fixture(scope="module")
def real_esco(tmp_path_factory: pytest.TempPathFactory) -> tuple[attesta.Frameworks, Path]:
    data = shared_data("esco-v1.1.1-en")
    if data is None:
        pytest.skip("../shared/data/esco-v1.1.1-en is missing")
    bundle = tmp_path_factory.mktemp("real-esco") / "esco.attb"
    report = attesta.import_framework("esco", data, bundle)
    # The package as published: 68 relations name a concept it does not define (warnings).
    assert (report["warnings"], report["errors"]) == (68, 0)
    return attesta.Frameworks([bundle]), data


def test_every_skill_of_the_real_cook_ranks_cook_first(
    real_esco: tuple[attesta.Frameworks, Path],
) -> None:
    frameworks, data = real_esco
    with open(data / "relations" / "occupationSkillRelations.csv", encoding="utf-8") as file:
        skills = [row["skillUri"] for row in csv.DictReader(file) if row["occupationUri"] == COOK]
    assert len(skills) > 20
    result = frameworks.match({"id": "cook", "skills": skills}, limit=3)
    jsonschema.validate(result, load_schema("occupation-matches"))
    best = result["matches"][0]
    assert (best["occupation"]["code"], best["score"], best["label"]) == (COOK, 1.0, "cook")
    assert best.get("missing_essential", []) == []
