"""The tests run against the wheel installed in a virtual environment, not the source tree: one
extension module built for the stable ABI, the stubs and the ``py.typed`` marker beside it."""

from __future__ import annotations

import sys
import sysconfig
from importlib import metadata
from pathlib import Path

import ticktick_recur as tr
from conftest import ROOT


def test_the_package_comes_from_site_packages() -> None:
    here = Path(tr.__file__).resolve().parent
    assert sys.prefix != sys.base_prefix, "the tests run in a virtual environment"
    assert here.parent == Path(sysconfig.get_paths()["purelib"]).resolve()
    assert (ROOT / "bindings" / "python").resolve() not in here.parents


def test_the_wheel_holds_one_abi3_module_stubs_and_py_typed() -> None:
    here = Path(tr.__file__).resolve().parent
    modules = sorted(p.name for p in here.glob("_native*.so")) + sorted(
        p.name for p in here.glob("_native*.pyd")
    )
    assert modules == ["_native.abi3.so"], modules
    for name in ("py.typed", "_native.pyi", "_types.py", "__init__.py"):
        assert (here / name).is_file(), name


def test_the_version_is_the_crates() -> None:
    cargo = (ROOT / "bindings" / "python" / "Cargo.toml").read_text(encoding="utf-8")
    version = next(line.split('"')[1] for line in cargo.splitlines() if line.startswith("version"))
    assert tr.__version__ == version
    assert metadata.version("ticktick-recur") == version
    requires = metadata.metadata("ticktick-recur")["Requires-Python"]
    assert requires == ">=3.10"
