"""Compile the claims reader with mypyc into ``_native/``, where ``native`` finds it (``make`` runs this).

    python -m isswatch.extractors.claims.native_build            # about half a minute; needs a C compiler
    python -m isswatch.extractors.claims.native_build --status   # which reader is in use, and why

A failed build leaves the pure Python reader in use and says why; it never leaves a half-made build behind.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from isswatch.extractors.claims.native import BUILD_DIR, GROUP, HERE, MODULES, source_digest, status

_SETUP = """\
from setuptools import setup
from mypyc.build import mypycify

setup(name="isswatch-claims-native", script_args=["build_ext", "--inplace"],
      ext_modules=mypycify({paths!r}, group_name={group!r}, opt_level="3"))
"""


def build(directory: Path = HERE, build_dir: Path | None = None) -> int:
    """Compile the modules into ``build_dir`` (replacing what is there); 0 on success, 1 with the reason printed.

    The sources are copied into a temporary tree laid out as installed (``isswatch/extractors/...``), so that mypyc
    names the modules as the package imports them whatever the checkout's layout."""
    build_dir = BUILD_DIR if build_dir is None else build_dir
    digest = source_digest(directory)
    with tempfile.TemporaryDirectory(prefix="isswatch-native-") as tmp:
        root = Path(tmp)
        extractors = root / "isswatch" / "extractors"
        shutil.copytree(
            directory.parent, extractors, ignore=shutil.ignore_patterns("__pycache__", "_native", "*.so", "data")
        )
        (root / "isswatch" / "__init__.py").write_text("", encoding="utf-8")
        paths = [f"isswatch/extractors/claims/{name}.py" for name in MODULES]
        (root / "setup.py").write_text(_SETUP.format(paths=paths, group=GROUP), encoding="utf-8")
        done = subprocess.run([sys.executable, "setup.py"], cwd=root, capture_output=True, text=True, check=False)
        built = sorted((extractors / "claims").glob("*.so")) + sorted((extractors / "claims").glob("*.pyd"))
        if done.returncode != 0 or not built:
            tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-12:])
            print(f"mypyc could not compile the claims reader (pure Python stays in use):\n{tail}", file=sys.stderr)
            return 1
        shutil.rmtree(build_dir, ignore_errors=True)
        build_dir.mkdir(parents=True)
        for path in built:
            shutil.copy2(path, build_dir / path.name)
    (build_dir / "SOURCES").write_text(digest + "\n", encoding="utf-8")  # last: a half-made build is never read
    print(f"compiled {len(MODULES)} modules of the claims reader into {build_dir.name}/")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args == []:
        return build()
    if args == ["--status"]:
        print(status()[1])
        return 0
    print("usage: python -m isswatch.extractors.claims.native_build [--status]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
