"""attesta.matches_table and attesta.units_table (the optional ``arrow`` extra): columns and
Arrow types, every value against the match results and the repertoire they were built from,
and the pandas conversion analysts use."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest
from esco_sample import occupation, skill, write_esco

import attesta


@pytest.fixture(scope="module")
def frameworks(tmp_path_factory: pytest.TempPathFactory) -> attesta.Frameworks:
    folder = write_esco(tmp_path_factory.mktemp("esco") / "esco-v1-en")
    attesta.import_framework("esco", folder, folder.parent / "esco.attb")
    return attesta.Frameworks([folder.parent / "esco.attb"])


def test_matches_table_has_one_row_per_occupation_ranked(frameworks: attesta.Frameworks) -> None:
    profiles = [
        {"id": "p-a", "skills": [skill("s1"), skill("s2")]},
        {"id": "p-b", "skills": []},
        {"id": "p-c", "skills": [skill("s6")]},
    ]
    results = frameworks.match_many(profiles)
    table = attesta.matches_table(results)
    assert table.schema.field("score").type == pa.float64()
    assert table.schema.field("rank").type == pa.int32()
    assert table.schema.field("missing_essential").type == pa.list_(pa.string())
    rows = table.to_pylist()
    assert [(r["profile"], r["profile_id"], r["rank"], r["label"]) for r in rows] == [
        (0, "p-a", 1, "cook"),
        (0, "p-a", 2, "baker"),
        (2, "p-c", 1, "nurse"),
    ]
    baker = rows[1]
    assert baker["occupation"] == occupation("baker")
    assert (baker["score"], baker["essential_matched"], baker["essential_total"]) == (0.5, 1, 2)
    assert baker["missing_essential"] == [skill("s5")]
    assert (rows[0]["regulated"], rows[2]["regulated"]) == (None, True)
    frame = table.to_pandas()
    assert list(frame["label"]) == ["cook", "baker", "nurse"]
    assert frame.groupby("profile_id")["score"].max().to_dict() == {"p-a": 0.8, "p-c": 1.0}


def test_matches_table_refuses_other_values() -> None:
    with pytest.raises(TypeError):
        attesta.matches_table([{"id": "x"}])
    assert attesta.matches_table([]).num_rows == 0


def test_units_table_lists_every_uc_of_every_qualification() -> None:
    frameworks = attesta.Frameworks()
    table = attesta.units_table(frameworks)
    framework = frameworks.framework("rrfp_toscana")
    expected = [
        (q["code"], position, code)
        for q in framework["qualifications"]
        for position, code in enumerate(q["units"], start=1)
    ]
    rows = table.to_pylist()
    assert [(r["qualification"], r["position"], r["unit"]) for r in rows] == expected
    assert table.schema.field("eqf_level").type == pa.int8()
    assert table.schema.field("atlante_ada").type == pa.list_(pa.string())
    units = {u["code"]: u for u in framework["units"]}
    for row in rows:
        unit = units[row["unit"]]
        assert row["framework"] == "rrfp_toscana"
        assert row["unit_title"] == unit["title"]
        assert row["atlante_ada"] == unit.get("atlante_ada", [])
        assert row["capacita"] == len(unit.get("capacita", []))
    figure = next(q for q in framework["qualifications"] if q["code"] == "450")
    frame = table.to_pandas()
    mine = frame[frame["qualification"] == "450"]
    assert len(mine) == len(figure["units"])
    assert set(mine["eqf_level"]) == {figure.get("eqf_level")}
    assert attesta.units_table(frameworks, ids=[]).num_rows == 0


def test_units_table_names_unknown_repertoires_and_refuses_other_values(tmp_path: Path) -> None:
    with pytest.raises(attesta.AttestaError) as error:
        attesta.units_table(attesta.Frameworks(), ids=["nope"])
    assert error.value.kind == "unknown_framework"
    with pytest.raises(TypeError):
        attesta.units_table([])  # type: ignore[arg-type]
