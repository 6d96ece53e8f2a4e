"""Validate a batch of corpus articles and place each in dev/ or test/ by a hash of its id.

The split is decided here, when an article is written, before any tuning: 45 % of ids go to test/.
Only counts are printed, never article text, so placing a batch does not expose the test part.

    python tests/claims_corpus/place.py tests/claims_corpus/incoming/BATCH.jsonl
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
GUARD = HERE.parents[2] / "shared" / "heldout-guard" / "excluded.py"
FACTS = {
    "iss.operations_end",
    "iss.deorbit",
    "iss.deorbit_start",
    "iss.russia_participation_end",
    "ros.first_module_launch",
    "haven1.launch",
    "soyuz5.first_flight",
}
FORMS = {
    "wire",
    "syndicated",
    "agency_release",
    "state_media",
    "machine_translated",
    "seo_rewrite",
    "aggregator",
    "live_blog",
    "explainer",
    "opinion",
    "analysis",
    "interview",
    "feature",
}
QUALIFIERS = {"until", "by", "in", "after", "no_earlier_than", "around", "range"}
TEST_SHARE = 45


def split_of(article_id: str) -> str:
    """'test' for 45 % of ids, 'dev' for the rest; stable across runs and machines."""
    return "test" if int(hashlib.sha256(article_id.encode()).hexdigest(), 16) % 100 < TEST_SHARE else "dev"


def problems(a: dict) -> list[str]:
    out = []
    for key in ("id", "lang", "form", "outlet", "published", "source_url", "title", "text"):
        if not isinstance(a.get(key), str) or not a[key].strip():
            out.append(f"missing {key}")
    if out:
        return out
    if a["lang"] not in ("en", "fr", "ru"):
        out.append(f"lang {a['lang']!r}")
    if a["form"] not in FORMS:
        out.append(f"form {a['form']!r}")
    try:
        if not 2014 <= dt.date.fromisoformat(a["published"]).year <= 2026:
            out.append("published outside 2014-2026")
    except ValueError:
        out.append(f"published {a['published']!r}")
    for c in a.get("claims") if isinstance(a.get("claims"), list) else [None]:
        if not isinstance(c, dict):
            out.append("claims must be a list of objects")
            break
        if c.get("fact") not in FACTS:
            out.append(f"unknown fact {c.get('fact')!r}")
        v = str(c.get("value", ""))
        if not (len(v) in (4, 7, 10) and v[:4].isdigit()):
            out.append(f"value {v!r}")
        if c.get("status") not in ("current", "historical"):
            out.append(f"status {c.get('status')!r}")
        if c.get("qualifier") not in QUALIFIERS:
            out.append(f"qualifier {c.get('qualifier')!r}")
        if not isinstance(c.get("evidence"), str) or c["evidence"] not in a["text"]:
            out.append(f"evidence not in text: {str(c.get('evidence'))[:60]!r}")
    for n in a.get("negatives", []):
        if not isinstance(n, dict) or not isinstance(n.get("evidence"), str) or n["evidence"] not in a["text"]:
            out.append(f"negative evidence not in text: {str(n)[:60]!r}")
    return out


def excluded(url: str) -> bool:
    if not GUARD.exists():
        raise SystemExit(f"Error: the held-out guard is missing ({GUARD.name}); cannot check {url}")
    res = subprocess.run([sys.executable, str(GUARD), url], capture_output=True, text=True, check=False)
    return not res.stdout.startswith("ok")


def read_batch(batch: Path) -> list[dict]:
    """The batch's articles; a missing file or a line that is not a JSON object is an error naming the line."""
    try:
        lines = batch.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise SystemExit(f"Error: cannot read {batch}: {e}") from None
    articles = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            article = json.loads(line)
        except json.JSONDecodeError as e:
            raise SystemExit(f"Error: {batch}:{n}: not JSON ({e.msg})") from None
        if not isinstance(article, dict):
            raise SystemExit(f"Error: {batch}:{n}: not a JSON object")
        articles.append(article)
    return articles


def main(path: str) -> int:
    batch = Path(path)
    articles = read_batch(batch)
    others = {
        json.loads(line)["id"]
        for part in ("dev", "test")
        for f in (HERE / part).glob("*.jsonl")
        if f.stem != batch.stem
        for line in f.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
    bad = 0
    seen: set[str] = set()
    for a in articles:
        errs = problems(a)
        if a.get("id") in others or a.get("id") in seen:
            errs.append("duplicate id")
        seen.add(a.get("id"))
        if not errs and excluded(a["source_url"]):
            errs.append("source_url is reserved for independent evaluation: drop this article")
        if errs:
            bad += 1
            print(f"{a.get('id')}: " + "; ".join(errs))
    if bad:
        print(f"{bad} of {len(articles)} articles refused; nothing placed")
        return 1
    parts: dict[str, list[str]] = {"dev": [], "test": []}
    for a in articles:
        parts[split_of(a["id"])].append(json.dumps(a, ensure_ascii=False))
    for part, lines in parts.items():
        out = HERE / part / f"{batch.stem}.jsonl"
        out.write_text("".join(x + "\n" for x in lines), encoding="utf-8")
    print(f"{len(articles)} articles placed: dev {len(parts['dev'])}, test {len(parts['test'])}")
    return 0


if __name__ == "__main__":
    usage = (
        "usage: place.py BATCH.jsonl  (validate a batch of articles, check their sources, place each in dev/ or test/)"
    )
    if len(sys.argv) == 2 and sys.argv[1] in ("-h", "--help"):
        print(usage)
        raise SystemExit(0)
    if len(sys.argv) != 2:
        raise SystemExit(usage)
    raise SystemExit(main(sys.argv[1]))
