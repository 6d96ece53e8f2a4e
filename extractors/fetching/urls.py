"""Canonical URLs: one key for the many spellings of one article's address.

``canonical_url`` is a deduplication key, not necessarily the address to fetch (fetch the link the feed
gave). It lower-cases scheme and host, converts the host to IDNA, drops credentials, default ports,
fragments and tracking parameters (utm_*, fbclid, gclid, yclid, mc_cid, ref, ...), sorts the remaining
query parameters, resolves dot segments, folds AMP variants (``/amp/`` segments, ``?amp=1``,
``.amp.html``, ``amp.`` hosts, AMP caches and Google's AMP viewer) and mobile / www hosts (``m.``,
``mobile.``, ``www.``) to the bare host, and strips the trailing slash of every path but the root (always ``/``).
Anything that is not an absolute http(s) URL is returned stripped of surrounding spaces, unchanged.
"""

from __future__ import annotations

import contextlib
import re
from urllib.parse import quote, unquote, urlsplit, urlunsplit

TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "yclid",
        "msclkid",
        "twclid",
        "ttclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "hsctatracking",
        "mkt_tok",
        "ref",
        "ref_src",
        "ref_url",
        "referrer",
        "referer",
        "ocid",
        "cmpid",
        "smid",
        "smtyp",
        "xtor",
        "at_medium",
        "at_campaign",
        "at_custom1",
        "ns_mchannel",
        "ns_source",
        "ns_campaign",
        "ns_linkname",
        "ns_fee",
        "ncid",
        "sr_share",
        "spm",
        "s_cid",
        "wt.mc_id",
        "soc_src",
        "soc_trk",
        "icid",
        "intcmp",
        "from_rss",
        "guccounter",
        "guce_referrer",
        "guce_referrer_sig",
        "ito",
        "cmp",
        "utm",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hmb_", "oly_", "vero_", "__s")
AMP_PARAMS = {"amp": {"", "1", "true", "yes"}, "outputtype": {"amp"}, "output": {"amp"}, "format": {"amp"}}
HOST_PREFIXES = ("www", "m", "mobile", "amp", "www2", "touch")
DEFAULT_PORTS = {"http": 80, "https": 443}
_PATH_SAFE = "!$&'()*+,;=:@-._~"
_QUERY_SAFE = "!$'()*+,;:@-._~/?"
_AMP_CACHE = re.compile(r"^[a-z0-9-]+\.cdn\.ampproject\.org$")


def canonical_url(url: str) -> str:
    """The deduplication key of ``url`` (see the module docstring); percent-escapes normalised."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return url
    host = _idna_host(parts.hostname)
    path = parts.path
    unwrapped = _unwrap_amp_cache(host, path, parts.query)
    if unwrapped is not None and unwrapped != url:
        return canonical_url(unwrapped)
    host = _fold_host(host)
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != DEFAULT_PORTS[scheme]:
        netloc = f"{netloc}:{port}"
    return urlunsplit((scheme, netloc, _path(path), _query(parts.query), ""))


def url_host(url: str | None, *, drop_www: bool = False) -> str:
    """The lower-case host of a URL ("" when it has none or is malformed), without ``www.`` on request:
    the key for per-host limits, outlets and primary hosts."""
    try:
        host = (urlsplit(url).hostname or "") if url else ""
    except ValueError:
        return ""
    return host.removeprefix("www.") if drop_www else host


def _idna_host(hostname: str) -> str:
    host = hostname.lower().rstrip(".")
    if not host.isascii():
        with contextlib.suppress(UnicodeError):
            host = host.encode("idna").decode("ascii")
    return host


def _fold_host(host: str) -> str:
    if ":" in host or re.fullmatch(r"[0-9.]+", host):
        return host  # IP addresses
    labels = host.split(".")
    while len(labels) > 2 and labels[0] in HOST_PREFIXES:
        labels.pop(0)
    return ".".join(labels)


def _unwrap_amp_cache(host: str, path: str, query: str) -> str | None:
    """The publisher URL behind an AMP cache or Google AMP viewer URL, or None."""
    match = None
    if _AMP_CACHE.match(host):
        match = re.match(r"^/(?:c|v|i)/(s/)?(.+)$", path)
    elif re.fullmatch(r"(www\.)?google\.[a-z.]+", host):
        match = re.match(r"^/amp/(s/)?(.+)$", path)
    if not match:
        return None
    scheme = "https" if match.group(1) else "http"
    target = f"{scheme}://{match.group(2)}"
    return f"{target}?{query}" if query else target


def _path(path: str) -> str:
    segments: list[str] = []
    for segment in path.split("/"):
        if segment in ("", "."):
            continue
        if segment == "..":
            if segments:
                segments.pop()
            continue
        if segment.lower() == "amp":
            continue
        segments.append(quote(unquote(segment), safe=_PATH_SAFE))
    if segments:
        last = segments[-1]
        folded = re.sub(r"\.amp\.(html?|php)$", r".\1", last, flags=re.IGNORECASE)
        folded = re.sub(r"[-_.]amp$", "", folded, flags=re.IGNORECASE) if folded == last else folded
        segments[-1] = folded or last
    return "/" + "/".join(segments) if segments else "/"


def _query(query: str) -> str:
    if not query:
        return ""
    kept: list[tuple[str, str, str]] = []
    for pair in query.split("&"):
        if not pair:
            continue
        key, equals, value = pair.partition("=")
        name = unquote(key).strip().lower()
        if name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES):
            continue
        if name in AMP_PARAMS and unquote(value).strip().lower() in AMP_PARAMS[name]:
            continue
        pair = quote(unquote(key), safe=_QUERY_SAFE) + ("=" + quote(unquote(value), safe=_QUERY_SAFE) if equals else "")
        kept.append((name, value, pair))
    kept.sort(key=lambda item: (item[0], item[1]))
    return "&".join(pair for _, _, pair in kept)
