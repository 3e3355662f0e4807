"""Shared by the tests of the installed ``ticktick_recur`` wheel.

The tests import the package installed in the virtual environment, never the source tree
(``test_install.py`` checks it). They read the repository's captured vectors and README, and compare
error messages with the command line's binary: ``TICKTICK_RECUR_ROOT`` and ``TICKTICK_RECUR_CLI``
name them (``scripts/test-python`` sets both), else they are found from this file's place.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(os.environ.get("TICKTICK_RECUR_ROOT", Path(__file__).resolve().parents[3]))
VECTORS = ROOT / "tests" / "data" / "vectors"


def load_vector(name: str) -> dict[str, Any]:
    vector: dict[str, Any] = json.loads((VECTORS / name).read_text(encoding="utf-8"))
    return vector


def cli_binary() -> Path:
    """The command line, built by ``cargo build --release`` (scripts/test-python builds it)."""
    named = os.environ.get("TICKTICK_RECUR_CLI")
    path = Path(named) if named else ROOT / "target" / "release" / "ticktick-recur"
    if not path.exists():
        pytest.fail(f"no command line at {path}: run cargo build --release, or set TICKTICK_RECUR_CLI")
    return path


def run_cli(args: list[str], task: Any = None) -> subprocess.CompletedProcess[str]:
    """The command line run with ``args``, ``task`` as JSON on its standard input."""
    stdin = "" if task is None else (task if isinstance(task, str) else json.dumps(task))
    return subprocess.run(
        [str(cli_binary()), *args], input=stdin, capture_output=True, text=True, check=False
    )


def same_json(a: Any, b: Any) -> bool:
    """Equal as JSON text: values and key order."""
    return json.dumps(a, ensure_ascii=False) == json.dumps(b, ensure_ascii=False)


# A daily 17:00 Istanbul task, open, as the npm package's tests use it.
DAILY: dict[str, Any] = {
    "id": "696b8b6f2c6f3277d1cc4331",
    "startDate": "2026-01-17T14:00:00.000+0000",
    "dueDate": "2026-01-17T15:00:00.000+0000",
    "timeZone": "Europe/Istanbul",
    "repeatFlag": "RRULE:FREQ=DAILY;INTERVAL=1",
    "repeatFrom": "2",
    "status": 0,
}
AT = "2026-01-17T13:53:44Z"


def cyclic() -> dict[str, Any]:
    """A task that contains itself, which no JSON writer can write."""
    task: dict[str, Any] = {"id": "a"}
    task["self"] = task
    return task


def json_error(value: Any) -> str:
    """The message of the standard library's JSON writer for a value it refuses."""
    try:
        json.dumps(value, allow_nan=False)
    except ValueError as e:
        return str(e)
    raise AssertionError(f"json writes {value!r}")
