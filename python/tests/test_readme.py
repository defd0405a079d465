"""Every ```python block of the README runs against the installed wheel, in order, each in
a fresh namespace, from the repository root (so paths like data/examples/... resolve)."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
# Each block padded with the README's lines before it, so tracebacks give README line numbers.
BLOCKS = [
    "\n" * README.count("\n", 0, m.start(1)) + m.group(1)
    for m in re.finditer(r"^```python\n(.*?)^```", README, re.S | re.M)
]


def test_the_readme_has_python_examples() -> None:
    assert len(BLOCKS) >= 2


@pytest.mark.parametrize("block", BLOCKS, ids=[f"block-{i}" for i in range(len(BLOCKS))])
def test_readme_python_block_runs(block: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code = compile(block, str(ROOT / "README.md"), "exec")
    exec(code, {"__name__": "readme"})  # noqa: S102 - the README's own examples
