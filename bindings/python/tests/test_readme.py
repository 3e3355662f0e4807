"""The README's Python quick start runs as written against the installed package, and
``mypy --strict`` accepts it with the package's stubs."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT


def quick_start() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## Python\n(.*?)(?=^## )", readme, re.S | re.M)
    assert section, "the README has no section \"## Python\""
    block = re.search(r"^```python\n(.*?)^```", section.group(1), re.S | re.M)
    assert block, "the README's Python section has no python code block"
    return block.group(1)


def test_the_quick_start_runs() -> None:
    code = quick_start()
    assert "assert " in code, "the quick start checks its answers"
    exec(compile(code, "README.md (Python quick start)", "exec"), {"__name__": "readme"})


def test_mypy_strict_accepts_the_quick_start(tmp_path: Path) -> None:
    from mypy import api as mypy

    example = tmp_path / "readme_example.py"
    example.write_text(quick_start(), encoding="utf-8")
    out, err, status = mypy.run(
        ["--strict", "--no-incremental", "--cache-dir", str(tmp_path / "cache"), str(example)]
    )
    assert status == 0, out + err
    assert "Success" in out
