"""The claims reader compiled with mypyc, used when a build made from the current sources is at hand.

Why: the reading is thousands of small typed Python steps per article; compiled to C by mypyc, the same modules
run in about two thirds of the time (docs/claims.md, "Speed"), with the same outputs. The build is optional
and never stale: it lives in ``_native/`` beside the sources with a digest of the sources it was made from,
and the package puts it first on its path only when that digest matches the sources as they are now. Without
a C compiler, with a source edited since the build, or with ``ISSWATCH_PURE_PYTHON=1``, the pure Python
modules are read instead.

    python -m isswatch.extractors.claims.native_build            # compile (about half a minute), as `make` does
    python -m isswatch.extractors.claims.native_build --status   # which reader is in use, and why
"""

from __future__ import annotations

import hashlib
import os
import sysconfig
from pathlib import Path

HERE = Path(__file__).resolve().parent
BUILD_DIR = HERE / "_native"
STAMP = BUILD_DIR / "SOURCES"
# The modules the reading runs per sentence. ``catalogue`` (pydantic models, read once) and ``scoring`` (evaluation)
# gain nothing compiled; ``native`` and ``__init__`` decide which build is read, so they stay Python.
MODULES = ("reading", "binding", "cues", "date_mentions", "terms", "sentences", "speakers", "first_chars")
# One shared library for all modules, so that calls between them are native calls; found through the package path.
GROUP = "isswatch.extractors.claims._compiled"
PURE_ENV = "ISSWATCH_PURE_PYTHON"


def source_digest(directory: Path = HERE) -> str:
    """What a build must have been made from: the compiled modules' sources and the interpreter's ABI."""
    h = hashlib.sha256(str(sysconfig.get_config_var("EXT_SUFFIX")).encode())
    for name in MODULES:
        h.update(name.encode() + b"\0" + (directory / f"{name}.py").read_bytes() + b"\0")
    return h.hexdigest()


def status(directory: Path = HERE, build_dir: Path | None = None) -> tuple[bool, str]:
    """(whether the compiled build is to be read, why), without importing anything from it."""
    build_dir = BUILD_DIR if build_dir is None else build_dir
    if os.environ.get(PURE_ENV, "") not in ("", "0"):
        return False, f"pure Python ({PURE_ENV} is set)"
    try:
        made_from = (build_dir / "SOURCES").read_text(encoding="utf-8").strip()
    except OSError:
        return False, "pure Python (no compiled build: `python -m isswatch.extractors.claims.native_build`)"
    except UnicodeDecodeError:
        return False, "pure Python (the compiled build's SOURCES file is unreadable: build again)"
    if made_from != source_digest(directory):
        return False, "pure Python (the compiled build is older than the sources: build again)"
    return True, f"compiled with mypyc ({build_dir.name}/)"
