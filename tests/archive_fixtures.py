"""Archives built from the demo corpus, for backfill tests and benchmarks.

``write_warc`` writes a real WARC (warcio's writer, gzip per record) of the demo pages, each at the
site of its fictional outlet, with the damage real crawls have when asked: a PDF, an image, a 404, a
page over the size cap, a capture repeated, a revisit record, and a gzip member cut in half at the end.
``demo_config`` writes a config whose feeds sit on those outlets' hosts (the agency newsroom primary).
"""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import tomli_w
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from isswatch.flows.settings import load_settings

CORPUS = Path(__file__).resolve().parents[1] / "flows" / "demo_corpus" / "pages"
OUTLETS = {
    "ot": "orbital-times",
    "ld": "launchpad-daily",
    "nr": "agency-newsroom",
    "co": "ciel-et-orbite",
    "cs": "courrier-spatial",
    "kv": "kosmicheskiy-vestnik",
    "os": "orbita-segodnya",
}
#: Pages of the second demo round (the ISS operated until 2030), published 21-23 November 2026.
ROUND2 = {
    "nr-iss-2030-statement",
    "ot-iss-2030-extension",
    "co-iss-2030",
    "kv-mks-2030",
    "ld-wire-extension",
    "ot-wire-extension",
    "ld-rates",
    "cs-marche-noel",
}


def host_of(slug: str) -> str:
    return f"{OUTLETS[slug.split('-', 1)[0]]}.example"


def page_url(slug: str) -> str:
    return f"https://{host_of(slug)}/articles/{slug}.html"


def demo_pages(slugs: list[str] | None = None) -> dict[str, bytes]:
    """url -> HTML of the demo pages, ``{base}`` replaced by each outlet's own origin."""
    out = {}
    for f in sorted(CORPUS.glob("*.html")):
        if slugs is not None and f.stem not in slugs:
            continue
        out[page_url(f.stem)] = f.read_text(encoding="utf-8").replace("{base}", f"https://{host_of(f.stem)}").encode()
    return out


def _response(
    writer: WARCWriter,
    url: str,
    body: bytes,
    content_type: str = "text/html; charset=utf-8",
    status: str = "200 OK",
    date: str = "2026-11-25T10:00:00Z",
) -> None:
    http = StatusAndHeaders(
        status, [("Content-Type", content_type), ("Content-Length", str(len(body)))], protocol="HTTP/1.1"
    )
    rec = writer.create_warc_record(
        url, "response", payload=io.BytesIO(body), http_headers=http, warc_headers_dict={"WARC-Date": date}
    )
    writer.write_record(rec)


def write_warc(path: Path, pages: dict[str, bytes], *, damaged: bool = True, gz: bool = True) -> Path:
    """A WARC of ``pages`` (in sorted url order); with ``damaged``, the extra records listed above."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gz)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "isswatch tests"}))
        for url, body in pages.items():
            _response(writer, url, body)
        if damaged:
            first_url, first_body = next(iter(pages.items()))
            _response(writer, first_url, first_body, date="2026-11-26T10:00:00Z")  # same capture again
            _response(
                writer, "https://orbital-times.example/report.pdf", b"%PDF-1.7 ISS deorbit 2030", "application/pdf"
            )
            _response(writer, "https://orbital-times.example/iss.png", b"\x89PNG\r\n\x1a\n\x00\x00", "image/png")
            _response(
                writer, "https://orbital-times.example/gone.html", b"<html>ISS gone</html>", status="404 Not Found"
            )
            _response(
                writer,
                "https://orbital-times.example/huge.html",
                b"<html><body><p>ISS " + b"x" * 6_000_000 + b"</p></body></html>",
            )
            rec = writer.create_revisit_record(
                first_url, digest="sha1:AAAA", refers_to_uri=first_url, refers_to_date="2026-11-25T10:00:00Z"
            )
            writer.write_record(rec)
    if damaged and gz:
        member = io.BytesIO()
        w2 = WARCWriter(member, gzip=True)
        _response(w2, "https://orbital-times.example/cut.html", b"<html><body>ISS cut</body></html>" * 50)
        data = member.getvalue()
        with path.open("ab") as out:
            out.write(data[: len(data) // 2])  # a cut gzip member
    return path


def demo_config(path: Path, data_dir: Path, **extra) -> Path:
    """Feeds on the outlets' hosts (so archived pages count for the right outlet), bundled relevance."""
    config = {
        "data_dir": str(data_dir),
        "extraction": {"workers": 2, "timeout": 30},
        "alerts": {"console": False},
        "relevance": load_settings(None).relevance.model_dump(),
        "feeds": [
            {"url": f"https://{name}.example/feed.xml", "name": name, "primary": name == "agency-newsroom"}
            for name in OUTLETS.values()
        ],
        **extra,
    }
    path.write_text(tomli_w.dumps(config), encoding="utf-8")
    return path


def gzip_bytes(data: bytes) -> bytes:
    return gzip.compress(data)
