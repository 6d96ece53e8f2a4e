"""The code base's layout rules, checked on the source tree: what installs, what imports what, unique names."""

from __future__ import annotations

import ast
import tomllib
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("flows", "extractors", "warehouse")


def _modules(*tops: str) -> list[Path]:
    return sorted(p for top in tops for p in (REPO / top).rglob("*.py") if "__pycache__" not in p.parts)


def _imports(path: Path) -> set[str]:
    """Every module name imported by a file, at any depth (function-level imports count too)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def test_every_folder_installs_under_the_project_name():
    """A folder missing from pyproject's list would be absent from a wheel (its code or its data files)."""
    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    folders = {
        "isswatch." + ".".join(d.relative_to(REPO).parts)
        for top in PACKAGES
        for d in [REPO / top, *(REPO / top).rglob("*")]
        if d.is_dir() and not {"__pycache__", "_native"} & set(d.parts) and any(f.is_file() for f in d.iterdir())
    }  # _native: the claims reader's local mypyc build (extractors/claims/native.py), never installed
    assert folders - listed == set(), "add these to [tool.setuptools] packages"
    assert listed - folders == set(), "listed but gone"


@pytest.mark.parametrize("path", _modules(*PACKAGES, "tests", "benchmarks"), ids=lambda p: str(p.relative_to(REPO)))
def test_imports_use_the_installed_names(path: Path):
    """``import flows`` would find the checkout's folder only when run from the repository root."""
    bare = {n for n in _imports(path) if n.split(".")[0] in PACKAGES}
    assert bare == set()


def test_no_two_modules_share_a_file_name():
    names = Counter(p.name for p in _modules(*PACKAGES) if p.name != "__init__.py")
    assert [n for n, c in names.items() if c > 1] == []


@pytest.mark.parametrize("top", ["extractors", "warehouse"])
def test_prefect_stays_in_flows(top: str):
    offenders = {
        str(p.relative_to(REPO)) for p in _modules(top) if any(n.split(".")[0] == "prefect" for n in _imports(p))
    }
    assert offenders == set()


@pytest.mark.parametrize("top", ["extractors", "flows"])
def test_duckdb_stays_in_the_warehouse(top: str):
    offenders = {
        str(p.relative_to(REPO)) for p in _modules(top) if any(n.split(".")[0] == "duckdb" for n in _imports(p))
    }
    assert offenders == set()


def test_extractors_never_import_flows_or_warehouse():
    """Layers run one way: flows -> warehouse -> extractors."""
    offenders = {
        str(p.relative_to(REPO))
        for p in _modules("extractors")
        if any(n.startswith(("isswatch.flows", "isswatch.warehouse")) for n in _imports(p))
    }
    assert offenders == set()


def test_warehouse_never_imports_flows():
    offenders = {
        str(p.relative_to(REPO))
        for p in _modules("warehouse")
        if any(n.startswith("isswatch.flows") for n in _imports(p))
    }
    assert offenders == set()


@pytest.mark.parametrize("path", sorted((REPO / "extractors").rglob("__init__.py")), ids=lambda p: str(p.parent.name))
def test_every_subpackage_says_what_it_holds(path: Path):
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    assert doc and len(doc) > 40
