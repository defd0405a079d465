"""A tiny ESCO CSV package written by the tests (the official layout, three occupations and six
skills), so matching and importing are tested without the real ESCO files; the real files are
tested too when ../shared/data has them (test_matching.py)."""

from __future__ import annotations

from pathlib import Path

SKILL = "http://data.europa.eu/esco/skill/"
OCCUPATION = "http://data.europa.eu/esco/occupation/"

# ESCO concept URIs end in a UUID (records are checked for it): one made up per name.
_IDS = {
    name: f"00000000-0000-4000-8000-{number:012x}"
    for number, name in enumerate(["s1", "s2", "s3", "s4", "s5", "s6", "cook", "baker", "nurse"])
}


def skill(name: str) -> str:
    """The URI of the sample's skill ``name`` (``s1`` … ``s6``)."""
    return SKILL + _IDS[name]


def occupation(name: str) -> str:
    """The URI of the sample's occupation ``name`` (``cook``, ``baker``, ``nurse``)."""
    return OCCUPATION + _IDS[name]


# cook: essential s1, s2, optional s3, s4; baker: essential s2, s5; nurse (a regulated
# profession): essential s6.
OCCUPATIONS = [
    ("cook", "5120", "5120.1", ""),
    ("baker", "7512", "7512.1", ""),
    ("nurse", "2221", "2221.1", "http://data.europa.eu/esco/regulated-professions/regulated"),
]
RELATIONS = [
    ("cook", "essential", "s1"),
    ("cook", "essential", "s2"),
    ("cook", "optional", "s3"),
    ("cook", "optional", "s4"),
    ("baker", "essential", "s2"),
    ("baker", "essential", "s5"),
    ("nurse", "essential", "s6"),
]
SKILLS = ["s1", "s2", "s3", "s4", "s5", "s6"]


def write_esco(folder: Path) -> Path:
    """Writes the package into ``folder`` (named like an official one, so the importer guesses
    version and language) and returns it."""
    (folder / "classification").mkdir(parents=True)
    (folder / "relations").mkdir()

    def write(name: str, header: str, rows: list[str]) -> None:
        (folder / name).write_text("\r\n".join([header, *rows]) + "\r\n", encoding="utf-8")

    write(
        "classification/skills_en.csv",
        "conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,hiddenLabels,"
        "status,modifiedDate,scopeNote,definition,inScheme,description",
        [
            f"KnowledgeSkillCompetence,{skill(s)},skill/competence,sector-specific,"
            f"skill {s},,,released,,,,,Does {s}."
            for s in SKILLS
        ],
    )
    write(
        "classification/occupations_en.csv",
        "conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,hiddenLabels,status,"
        "modifiedDate,regulatedProfessionNote,scopeNote,definition,inScheme,description,code",
        [
            f"Occupation,{occupation(name)},{group},{name},,,released,,{note},,,,A {name}.,{code}"
            for name, group, code, note in OCCUPATIONS
        ],
    )
    write(
        "classification/ISCOGroups_en.csv",
        "conceptType,conceptUri,code,preferredLabel,status,altLabels,inScheme,description",
        [
            f"ISCOGroup,http://data.europa.eu/esco/isco/C{group},{group},group {group},"
            "released,,,Group."
            for _, group, _, _ in OCCUPATIONS
        ],
    )
    write(
        "classification/skillGroups_en.csv",
        "conceptType,conceptUri,preferredLabel,altLabels,hiddenLabels,status,modifiedDate,"
        "scopeNote,inScheme,description,code",
        [],
    )
    write(
        "classification/skillsHierarchy_en.csv",
        "Level 0 URI,Level 0 preferred term,Level 1 URI,Level 1 preferred term,Level 2 URI,"
        "Level 2 preferred term,Level 3 URI,Level 3 preferred term,Description,Scope note,"
        "Level 0 code,Level 1 code,Level 2 code,Level 3 code",
        [],
    )
    for name in ("broaderRelationsSkillPillar.csv", "broaderRelationsOccPillar.csv"):
        write(f"relations/{name}", "conceptType,conceptUri,broaderType,broaderUri", [])
    write(
        "relations/occupationSkillRelations.csv",
        "occupationUri,relationType,skillType,skillUri",
        [f"{occupation(o)},{r},skill/competence,{skill(s)}" for o, r, s in RELATIONS],
    )
    write(
        "relations/skillSkillRelations.csv",
        "originalSkillUri,originalSkillType,relationType,relatedSkillType,relatedSkillUri",
        [],
    )
    return folder
