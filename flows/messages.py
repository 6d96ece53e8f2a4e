"""Alert messages: the same facts in plain text (console, webhooks), Markdown (chat) and HTML (mail).

Everything that comes from the news (sentence, speaker, qualifier, urls) is untrusted: it is escaped for
the target format, stripped of control characters, folded onto one line and cut to a length, so that an
article cannot inject markup, fake links or a forged "Alert id" line into a message. Only http(s) urls
become links. Pure functions; no apprise, no prefect, no database.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass

from isswatch.warehouse.changes import ChangeRecord

FORMATS = ("text", "markdown", "html")
MAX_SENTENCE = 600
MAX_FIELD = 200
MAX_LINKS = 10
#: The line that carries the idempotency key in every message body.
ALERT_ID_LABEL = "Alert id"

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_SPACE = re.compile(r"\s+")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~>=@:])")


@dataclass(frozen=True)
class Message:
    title: str
    body: str
    format: str


def clean(text: object, limit: int = MAX_FIELD) -> str:
    """One line of untrusted text: no control or bidi characters, whitespace folded, cut to ``limit``."""
    s = _SPACE.sub(" ", _CONTROL.sub("", str(text or ""))).strip()
    return s if len(s) <= limit else s[: limit - 1].rstrip() + "…"


def escape(text: object, fmt: str, limit: int = MAX_FIELD) -> str:
    s = clean(text, limit)
    if fmt == "html":
        return html.escape(s, quote=True)
    if fmt == "markdown":
        return _MD_SPECIAL.sub(r"\\\1", s)
    return s


def safe_url(url: str) -> str | None:
    """The url if it is an http(s) url, with characters that could break out of a link quoted."""
    u = clean(url, 2000)
    parts = urllib.parse.urlsplit(u)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return urllib.parse.quote(u, safe=":/?#[]@!$&'*+,;=%~-._")  # quotes spaces, quotes, parens, <>


def _link(url: str, fmt: str) -> str:
    u = safe_url(url)
    if u is None:
        return escape(url, fmt, 300)
    if fmt == "html":
        return f'<a href="{html.escape(u, quote=True)}">{html.escape(u)}</a>'
    if fmt == "markdown":
        shown = u.replace("(", "%28").replace(")", "%29")
        return f"[{escape(urllib.parse.urlsplit(u).netloc, fmt)}]({shown})"
    return u


def _when(t: dt.datetime | None) -> str:
    return t.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC") if t else "unknown"


def title_of(change: ChangeRecord) -> str:
    """Plain-text title (apprise sends titles as they are, so they hold no news text except values)."""
    fact = clean(change.fact, 80)
    if change.kind == "disagreement":
        values = " vs ".join(clean(v, 20) for v in change.disputed_values)
        return f"isswatch: sources disagree on {fact} ({values})"
    return f"isswatch: {fact} changed {clean(change.old_value, 20)} → {clean(change.new_value, 20)}"


def _lines(change: ChangeRecord, fmt: str) -> list[tuple[str, str]]:
    """(label, already escaped value) pairs describing a change."""

    def e(v: object, n: int = MAX_FIELD) -> str:
        return escape(v, fmt, n)

    what = e(change.fact, 80) + (f" ({e(change.description)})" if change.description else "")
    if change.kind == "disagreement":
        head = (
            f"Sources disagree on {what}: {e(' vs '.join(change.disputed_values), 80)}; "
            f"the accepted value stays {e(change.old_value, 20)}."
        )
    else:
        head = f"The reported value of {what} changed: {e(change.old_value, 20)} → {e(change.new_value, 20)}."
    lines = [("", head)]
    if change.qualifier:
        lines.append(("Qualifier", e(change.qualifier, 40)))
    lines.append(("Said by", e(change.speaker) if change.speaker else "not named"))
    if change.sentence:
        # a sentence that is itself a quotation keeps its own marks instead of getting a second pair
        quoted = change.sentence.strip()
        if quoted[:1] in '“"«„' and quoted[-1:] in '”"»“':
            lines.append(("Quote", e(quoted, MAX_SENTENCE)))
        else:
            lines.append(("Quote", f"“{e(quoted, MAX_SENTENCE)}”"))
    source = f"{change.outlets} independent outlet{'s' if change.outlets != 1 else ''}"
    if change.primary_source:
        source += ", including a primary source"
    lines.append(("First reported", f"{_when(change.first_reported_at)}; {source}"))
    lines.append(("Detected", _when(change.detected_at)))
    return lines


def render(change: ChangeRecord, fmt: str, alert_id: str) -> Message:
    """The message about one change for a channel of format ``fmt`` (text, markdown or html)."""
    return render_many([change], fmt, alert_id, title=title_of(change))


def render_many(changes: Sequence[ChangeRecord], fmt: str, alert_id: str, *, title: str | None = None) -> Message:
    """One message about several changes (the daily digest), or one."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown message format {fmt!r}")
    title = title or f"isswatch daily digest: {len(changes)} change{'s' if len(changes) != 1 else ''}"
    blocks = []
    for change in changes:
        pairs = _lines(change, fmt)
        links = [_link(u, fmt) for u in change.article_urls[:MAX_LINKS]]
        more = len(change.article_urls) - MAX_LINKS
        if fmt == "html":
            items = "".join(f"<li><b>{label}:</b> {value}</li>" if label else "" for label, value in pairs)
            link_items = "".join(f"<li>{link}</li>" for link in links)
            if more > 0:
                link_items += f"<li>and {more} more</li>"
            blocks.append(
                f"<p>{pairs[0][1]}</p><ul>{items}</ul>"
                + (f"<p><b>Articles:</b></p><ul>{link_items}</ul>" if links else "")
            )
        else:
            bullet = "- " if fmt == "markdown" else "  "
            strong = (lambda s: f"**{s}**") if fmt == "markdown" else (lambda s: s)
            text = [pairs[0][1]] + [f"{strong(label + ':')} {value}" for label, value in pairs[1:]]
            if links:
                text.append(strong("Articles:"))
                text += [f"{bullet}{link}" for link in links]
                if more > 0:
                    text.append(f"{bullet}and {more} more")
            blocks.append("\n".join(text))
    key = escape(alert_id, fmt, 80)
    if fmt == "html":
        body = "<html><body>" + "<hr>".join(blocks) + f"<p><small>{ALERT_ID_LABEL}: {key}</small></p></body></html>"
    else:
        body = "\n\n".join(blocks) + f"\n\n{ALERT_ID_LABEL}: {key}"
    return Message(title, body, fmt)


def render_test(fmt: str, alert_id: str) -> Message:
    """The message of ``isswatch alerts test``."""
    text = "This is a test message from isswatch: alerts sent to this address will arrive like this one."
    if fmt == "html":
        body = (
            f"<html><body><p>{html.escape(text)}</p><p><small>{ALERT_ID_LABEL}: "
            f"{html.escape(alert_id)}</small></p></body></html>"
        )
    else:
        body = f"{text}\n\n{ALERT_ID_LABEL}: {escape(alert_id, fmt)}"
    return Message("isswatch: test message", body, fmt)
