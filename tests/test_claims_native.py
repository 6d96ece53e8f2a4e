"""The mypyc build of the claims reader: read only when made from the current sources, and reading the same.

CI builds it (``make test``) and sets ISSWATCH_REQUIRE_NATIVE=1, so there the compiled reader must be the one in
use; elsewhere the comparison skips when no build is at hand.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import isswatch.extractors.claims as claims_pkg
from isswatch.extractors.claims import native, native_build, reading
from isswatch.extractors.claims.scoring import load_articles

REPO = Path(__file__).resolve().parent.parent
DEV = REPO / "tests" / "claims_corpus" / "dev"
REQUIRED = os.environ.get("ISSWATCH_REQUIRE_NATIVE", "") not in ("", "0")

_DUMP = """
import json, sys
from isswatch.extractors.claims.scoring import load_articles
from isswatch.extractors.claims.reading import extract_claims
import isswatch.extractors.claims as pkg
out = {a.id: [repr(c) for c in extract_claims(a.text, lang=a.lang, published=a.published)]
       for a in load_articles(sys.argv[1])}
json.dump({"compiled": pkg.COMPILED, "out": out}, sys.stdout)
"""


def _sources(tmp_path: Path) -> Path:
    src = tmp_path / "claims"
    src.mkdir()
    for name in native.MODULES:
        shutil.copy2(native.HERE / f"{name}.py", src / f"{name}.py")
    return src


def test_a_build_is_read_only_when_made_from_the_current_sources(tmp_path, monkeypatch):
    monkeypatch.delenv(native.PURE_ENV, raising=False)
    src, build = _sources(tmp_path), tmp_path / "_native"
    assert native.status(src, build)[0] is False  # no build
    build.mkdir()
    (build / "SOURCES").write_text(native.source_digest(src) + "\n", encoding="utf-8")
    assert native.status(src, build) == (True, "compiled with mypyc (_native/)")
    with (src / "cues.py").open("a", encoding="utf-8") as f:
        f.write("# an edit after the build\n")
    used, why = native.status(src, build)
    assert used is False and "older than the sources" in why
    (build / "SOURCES").write_bytes(b"\xff\xfe")
    assert native.status(src, build)[0] is False


def test_the_pure_reader_can_be_forced(tmp_path, monkeypatch):
    src, build = _sources(tmp_path), tmp_path / "_native"
    build.mkdir()
    (build / "SOURCES").write_text(native.source_digest(src), encoding="utf-8")
    monkeypatch.setenv(native.PURE_ENV, "1")
    assert native.status(src, build) == (False, f"pure Python ({native.PURE_ENV} is set)")
    monkeypatch.setenv(native.PURE_ENV, "0")
    assert native.status(src, build)[0] is True


def test_a_failed_build_says_why_and_keeps_the_build_in_place(tmp_path, capsys):
    """Sources that do not compile: the build reports mypyc's error and leaves the previous build untouched."""
    pkg = tmp_path / "extractors"
    pkg.mkdir()
    src = _sources(pkg)
    (src / "speakers.py").write_text("def broken(:\n", encoding="utf-8")
    build = tmp_path / "_native"
    build.mkdir()
    (build / "SOURCES").write_text("an earlier build\n", encoding="utf-8")
    assert native_build.build(src, build) == 1
    assert "mypyc could not compile the claims reader" in capsys.readouterr().err
    assert (build / "SOURCES").read_text(encoding="utf-8") == "an earlier build\n"


def test_the_compiled_reader_reads_the_corpus_as_the_pure_one():
    """Every development article read by both builds gives the same claims, byte for byte (evidence, status,
    explanation fields): compiling changes the speed, never an output."""
    if not claims_pkg.COMPILED:
        if REQUIRED:
            pytest.fail(f"ISSWATCH_REQUIRE_NATIVE is set but the claims reader is {claims_pkg.READER}")
        pytest.skip(f"the claims reader is {claims_pkg.READER}")
    assert reading.__file__ is not None and not reading.__file__.endswith(".py")
    env = {**os.environ, native.PURE_ENV: "1"}
    done = subprocess.run(
        [sys.executable, "-c", _DUMP, str(DEV)], capture_output=True, text=True, env=env, check=True, timeout=600
    )
    pure = json.loads(done.stdout)
    assert pure["compiled"] is False
    compiled = {
        a.id: [repr(c) for c in reading.extract_claims(a.text, lang=a.lang, published=a.published)]
        for a in load_articles(DEV)
    }
    assert len(compiled) > 1000 and sum(map(len, compiled.values())) > 1000
    differing = sorted(k for k in compiled if compiled[k] != pure["out"].get(k))
    assert differing == []
