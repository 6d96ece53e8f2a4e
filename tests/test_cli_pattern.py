"""The command line's one pattern, checked on the source: every Typer from ``new_app``, command modules
independent of each other, no SQL in the CLI, no error handling of its own in a command module."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

CLI = Path(__file__).resolve().parent.parent / "flows" / "cli"
COMMAND_MODULES = sorted(CLI.glob("*_commands.py"))
SQL = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|CREATE|CHECKPOINT)\b")


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def test_there_are_command_modules():
    assert len(COMMAND_MODULES) >= 5


@pytest.mark.parametrize("path", COMMAND_MODULES, ids=lambda p: p.name)
def test_a_command_module_imports_no_other(path: Path):
    imported = {
        node.module
        for node in ast.walk(_tree(path))
        if isinstance(node, ast.ImportFrom) and node.module and node.module.endswith("_commands")
    }
    assert imported == set()


@pytest.mark.parametrize("path", sorted(CLI.glob("*.py")), ids=lambda p: p.name)
def test_every_typer_comes_from_the_app_factory(path: Path):
    made_here = [
        node.lineno
        for node in ast.walk(_tree(path))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "Typer"
        and path.name != "app_factory.py"
    ]
    assert made_here == []


@pytest.mark.parametrize("path", COMMAND_MODULES, ids=lambda p: p.name)
def test_no_sql_and_no_error_handling_of_its_own(path: Path):
    tree = _tree(path)
    strings = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    assert [s for s in strings if SQL.search(s) and " FROM " in s.upper()] == []
    caught = [
        ast.unparse(h.type)
        for h in ast.walk(tree)
        if isinstance(h, ast.ExceptHandler) and h.type is not None and "Error" in ast.unparse(h.type)
    ]
    # Errors a command turns into a clearer InputError are fine; catching isswatch's own errors is not.
    assert [c for c in caught if "IsswatchError" in c] == []


def test_commands_are_registered_explicitly():
    """No import loop that could hide a missing command module."""
    source = (CLI / "app.py").read_text(encoding="utf-8")
    assert "import_module" not in source and "ModuleNotFoundError" not in source
    from isswatch.flows.cli import app

    names = {c.name or c.callback.__name__ for c in app.registered_commands} | {g.name for g in app.registered_groups}
    assert {"run", "query", "claims", "eval", "rounds", "backfill", "facts", "alerts", "feeds", "config"} <= names
