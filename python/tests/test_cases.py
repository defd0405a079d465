"""Cases from Python: the case corpus of tests/cases/ replayed (state, verification and
documents identical to the expected files, as tests/cases/README.md says), the demo case run
step by step as data/demo/run-case.sh runs it (the same signed log, byte for byte), refusals
raised as RefusalError, and broken logs raised as AttestaError of their kind."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

import attesta

CASES = ROOT / "tests" / "cases"
CORPUS = sorted(p for p in CASES.iterdir() if (p / "events.jsonl").exists())
DEMO = ROOT / "data" / "demo"
BUILTIN = attesta.Frameworks()


def verification(case: Path, events: bytes) -> dict[str, Any]:
    """The answer of tests/cases/README.md step 2, from `attesta.verify`."""
    head_file = case / "events.jsonl.head"
    head = json.loads(head_file.read_text(encoding="utf-8")) if head_file.exists() else None
    options_file = case / "options.json"
    key = None
    if options_file.exists():
        options = json.loads(options_file.read_text(encoding="utf-8"))
        key = (case / options["trusted_key"]).read_text(encoding="utf-8")
    try:
        attesta.verify(events, head=head, trusted_key=key)
    except attesta.AttestaError as error:
        assert error.kind == "log_integrity"
        return {"ok": False, "error": error.details["integrity"]}
    lines = [json.loads(line) for line in events.decode("utf-8").splitlines()]
    if key is not None:
        signatures = "trusted"
    elif any(e.get("signature") for e in lines):
        signatures = "unchecked"
    else:
        signatures = "unsigned"
    return {
        "ok": True,
        "events": len(lines),
        "head": {"seq": lines[-1]["seq"], "hash": lines[-1]["hash"]},
        "signatures": signatures,
        # verify() checked the head's signature with the trusted key: its key_id is the key's.
        "key_id": head["key_id"] if key is not None and head is not None else None,
    }


def test_the_corpus_holds_cases() -> None:
    assert {"demo-450", "before-recorded-frameworks"} <= {c.name for c in CORPUS}


@pytest.mark.parametrize("case", CORPUS, ids=[c.name for c in CORPUS])
def test_every_case_replays_as_expected(case: Path) -> None:
    events = (case / "events.jsonl").read_bytes()
    expected = case / "expected"
    want = json.loads((expected / "verify.json").read_text(encoding="utf-8"))
    assert verification(case, events) == want
    if not want["ok"]:
        return
    replayed = attesta.Case.from_events(BUILTIN, events)
    state = json.loads((expected / "state.json").read_text(encoding="utf-8"))
    assert replayed.state == state
    # The same log given as a list of event dicts replays to the same case.
    as_dicts = attesta.Case.from_events(BUILTIN, replayed.events)
    assert as_dicts.state == state
    assert replayed.to_jsonl() == events.decode("utf-8")
    folder = expected / "documents"
    issued: dict[str, str] = {}
    for document in replayed.documents():
        base = f"{document['document_type']}-{document['id']}"
        issued[f"{base}.json"] = json.dumps(document)
        issued[f"{base}.html"] = attesta.render_html(document)
    listed = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []
    assert sorted(issued) == listed
    for name, text in issued.items():
        want_text = (folder / name).read_text(encoding="utf-8")
        if name.endswith(".json"):
            assert json.loads(text) == json.loads(want_text), name
        else:
            assert text == want_text, name
        # A document issued by the case passes the art. 6 check.
        if name.endswith(".json"):
            assert attesta.check_document(text).valid, name


def demo_steps() -> list[tuple[dict[str, Any], str, str]]:
    """The demo's steps (action, actor, at), as data/demo/run-case.sh reads them."""
    steps = []
    for line in (DEMO / "steps.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        file, actor, at = line.split("\t")
        steps.append((json.loads((DEMO / file).read_text(encoding="utf-8")), actor, at))
    return steps


def test_the_demo_run_from_python_writes_the_corpus_log() -> None:
    key = (DEMO / "keys" / "demo-ente.pem").read_text(encoding="utf-8")
    (first, actor, at), *rest = demo_steps()
    case = attesta.Case.open(BUILTIN, at, actor, first)
    head = case.sign_pending(key)
    for action, actor, at in rest:
        event = case.act(at, actor, action)
        assert event["kind"] == action["kind"]
        head = case.sign_pending(key)
    assert case.to_jsonl() == (CASES / "demo-450" / "events.jsonl").read_text(encoding="utf-8")
    saved = json.loads((CASES / "demo-450" / "events.jsonl.head").read_text(encoding="utf-8"))
    assert head == saved
    assert case.state["phase"] == "validated"
    view = case.view()
    assert view["state"] == case.state
    assert {"allowed_actions", "coverage", "unit_checks"} <= set(view)


def opened() -> attesta.Case:
    (first, actor, at), *_ = demo_steps()
    return attesta.Case.open(BUILTIN, at, actor, first)


def test_a_wrong_phase_raises_refusal_error_with_the_allowed_actions() -> None:
    case = opened()
    plan = {"kind": "plan_assessment", "payload": {"assessors": ["op-eitc-01"], "methods": {}}}
    with pytest.raises(attesta.RefusalError) as raised:
        case.act("2025-09-01T09:00:00Z", "op-eitc-01", plan)
    error = raised.value
    assert isinstance(error, attesta.AttestaError)
    assert error.kind == "refused"
    assert error.refusal["action"] == "plan_assessment"
    assert error.refusal["reason"]["kind"] == "wrong_phase"
    assert "withdraw" in error.allowed
    assert "plan_assessment" not in error.allowed
    assert error.findings == []
    # The log is unchanged, and the case goes on.
    assert len(case.events) == 1
    case.act("2025-09-01T09:05:00Z", case.state["record"]["person"]["id"], {"kind": "withdraw"})
    assert case.state["phase"] == "withdrawn"


def test_an_invalid_action_is_invalid_action() -> None:
    case = opened()
    for action in [
        {"kind": "no_such_action", "payload": {}},
        {"payload": {}},
        {"kind": "withdraw", "payload": {}, "extra": 1},
        '{"kind": "withdraw", "kind": "withdraw"}',
    ]:
        with pytest.raises(attesta.AttestaError) as raised:
            case.act("2025-09-01T09:05:00Z", "op-eitc-01", action)
        assert raised.value.kind == "invalid_action"
        assert not isinstance(raised.value, attesta.RefusalError)
    with pytest.raises(attesta.AttestaError) as raised:
        case.act("2025-09-01T09:05:00Z", "op-eitc-01", "{not json")
    assert raised.value.kind == "malformed_json"
    with pytest.raises(TypeError):
        case.act("2025-09-01T09:05:00Z", "op-eitc-01", 42)  # type: ignore[arg-type]
    assert len(case.events) == 1


def test_a_broken_log_raises_log_integrity() -> None:
    lines = (CASES / "demo-450" / "events.jsonl").read_text(encoding="utf-8").splitlines()
    events = [json.loads(line) for line in lines]
    events[3]["at"] = "2025-09-01T09:21:00Z"
    with pytest.raises(attesta.AttestaError) as raised:
        attesta.verify(events)
    assert raised.value.kind == "log_integrity"
    assert raised.value.details["integrity"]["index"] == 3
    with pytest.raises(attesta.AttestaError) as raised:
        attesta.Case.from_events(BUILTIN, events)
    assert raised.value.kind == "log_integrity"
    # A log cut short still chains, but no longer ends at its signed head.
    head = json.loads((CASES / "demo-450" / "events.jsonl.head").read_text(encoding="utf-8"))
    cut = "\n".join(lines[:-1]) + "\n"
    attesta.verify(cut)
    with pytest.raises(attesta.AttestaError) as raised:
        attesta.verify(cut, head=head)
    assert raised.value.kind == "log_integrity"
    with pytest.raises(attesta.AttestaError) as raised:
        attesta.Case.from_events(BUILTIN, [])
    assert raised.value.kind == "empty_log"


def test_render_html_options_and_errors() -> None:
    case = attesta.Case.from_events(BUILTIN, (CASES / "demo-450" / "events.jsonl").read_bytes())
    document = case.documents()[0]
    plain = attesta.render_html(document)
    redacted = attesta.render_html(document, redact_personal_data=True)
    assert plain != redacted
    assert attesta.render_html(json.dumps(document)) == plain
    with pytest.raises(attesta.AttestaError) as raised:
        attesta.render_html(document, second_language="xx")
    assert raised.value.kind == "invalid_options"
    with pytest.raises(TypeError):
        attesta.render_html(document, colour="red")  # type: ignore[call-arg]
    with pytest.raises(attesta.AttestaError) as raised:
        attesta.render_html({"document_type": "documento_trasparenza"})
    assert raised.value.kind == "invalid_input"


def test_an_unlawful_document_is_refused_with_its_findings() -> None:
    # The demo over a repertoire whose UC 1955 lacks its Atlante ADA codes: the Documento di
    # validazione would not be lawful (art. 6), so its issue is refused with the findings.
    framework = json.loads((ROOT / "data" / "frameworks" / "rrfp_toscana.json").read_text())
    for unit in framework["units"]:
        if unit["code"] == "1955":
            unit.pop("atlante_ada", None)
    frameworks = attesta.Frameworks([framework], builtin=False)
    (first, actor, at), *rest = demo_steps()
    *middle, (issue, issue_actor, issue_at) = rest
    assert issue["kind"] == "issue_validazione"
    case = attesta.Case.open(frameworks, at, actor, first)
    for action, actor, at in middle:
        case.act(at, actor, action)
    before = case.events
    with pytest.raises(attesta.RefusalError) as raised:
        case.act(issue_at, issue_actor, issue)
    error = raised.value
    assert error.refusal["reason"]["kind"] == "document_not_lawful"
    assert [(f["code"], f["path"]) for f in error.findings] == [
        ("document.missing_ada_code", "/competences/0/atlante_ada")
    ]
    assert case.events == before
    assert case.state["phase"] == "attestazione"
    # The log replays over the frameworks it ran on, and not over others (the built-in
    # sample has other content): a replay failure of its own kind, naming the drift.
    assert attesta.Case.from_events(frameworks, before).state == case.state
    with pytest.raises(attesta.AttestaError) as replay:
        attesta.Case.from_events(BUILTIN, before)
    assert replay.value.kind == "frameworks_changed"
    assert not isinstance(replay.value, attesta.RefusalError)
    assert replay.value.details["drift"][0]["recorded"]["id"] == "rrfp_toscana"


def test_a_person_who_comes_back_continues_with_credits() -> None:
    # README: the demo ends in a partial validation (UCs 1955 and 1954); two years later the
    # same person continues in a new case that takes them as credits.
    earlier = attesta.Case.from_events(BUILTIN, (CASES / "demo-450" / "events.jsonl").read_bytes())
    action = json.loads((ROOT / "data" / "examples" / "open-case-continuation.json").read_text())
    at = "2027-03-01T09:00:00Z"
    later = attesta.Case.continue_from(BUILTIN, earlier, at, "op-eitc-01", action)
    (credit,) = later.state["credits"]
    assert credit["kind"] == "documento_validazione"
    assert sorted(credit["units"]) == ["1954", "1955"]
    assert later.events[0]["payload"]["continues"]["case_id"] == earlier.state["case_id"]
    # Continuing from a case that is still running is refused.
    running = opened()
    with pytest.raises(attesta.RefusalError):
        attesta.Case.continue_from(BUILTIN, running, at, "op-eitc-01", action)


def test_signing_needs_a_private_key() -> None:
    case = opened()
    public = (DEMO / "keys" / "demo-ente.pub.pem").read_text(encoding="utf-8")
    with pytest.raises(attesta.AttestaError) as raised:
        case.sign_pending(public)
    assert raised.value.kind == "invalid_key"
    assert all(e.get("signature") is None for e in case.events)


def test_events_made_offline_are_appended_and_a_second_branch_is_a_fork() -> None:
    log = (CASES / "demo-450" / "events.jsonl").read_text(encoding="utf-8")
    full = attesta.Case.from_events(BUILTIN, log)
    lines = log.splitlines(keepends=True)
    central = attesta.Case.from_events(BUILTIN, "".join(lines[:10]))
    taken = {"seq": 9, "hash": json.loads(lines[9])["hash"]}
    exported = full.to_jsonl(since=taken)
    assert exported == "".join(lines[10:])
    assert full.events_since(taken) == full.events[10:]
    key = (DEMO / "keys" / "demo-ente.pub.pem").read_text(encoding="utf-8")
    # A signed case takes signed events only with the trusted key.
    with pytest.raises(attesta.AttestaError) as raised:
        central.append(exported)
    assert raised.value.kind == "invalid_options"
    appended = central.append(exported, trusted_key=key)
    assert len(appended) == 13
    assert central.to_jsonl() == log
    assert central.append(exported, trusted_key=key) == []
    # A second unit that continued the same head: a fork naming both branches.
    other = attesta.Case.from_events(BUILTIN, "".join(lines[:10]))
    other.act("2025-12-01T09:00:00Z", "p-7f3a9c21", {"kind": "withdraw", "payload": {}})
    signing = (DEMO / "keys" / "demo-ente.pem").read_text(encoding="utf-8")
    other.sign_pending(signing)
    with pytest.raises(attesta.AttestaError) as raised:
        central.append(other.events_since(taken), trusted_key=key)
    assert raised.value.kind == "fork"
    fork = raised.value.details["fork"]
    assert fork["base"] == taken
    assert fork["central"]["hash"] == json.loads(lines[10])["hash"]
    assert fork["unit"]["hash"] == other.events[10]["hash"]
    assert central.to_jsonl() == log
