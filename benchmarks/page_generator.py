"""News pages with the size and markup of real ones, for benchmarks: 80-150 KB, mostly not the story.

A real news page is a few kilobytes of article inside a hundred of everything else: a head full of
meta tags, inline scripts (analytics, ads, a JSON state blob), a navigation menu of a hundred links,
cookie and newsletter banners, a related-stories block, a comment thread and a long footer. Extraction
cost follows the whole markup, not the story, so benchmarks on small clean pages flatter every
extractor. Each page here is built from a seed (the same seed gives the same bytes, so a page server
and a baseline in other processes see the same pages); its story leads with a dated ISS claim, so
every page is relevant and read for claims, and its paragraphs are drawn from a vocabulary large
enough that no two pages are near-duplicates.
"""

from __future__ import annotations

import random
from html import escape

MIN_BYTES = 80_000
MAX_BYTES = 150_000

_VOCABULARY = (
    "orbit module crew cargo launch docking station segment agency budget engineers solar array thruster "
    "laboratory experiment spacewalk capsule reboost altitude partners contract schedule review mission "
    "vehicle hardware research science programme flight commander airlock radiator battery truss power "
    "cooling leak repair analysis plan decade report official statement pressure oxygen water recycling "
    "robotic arm antenna payload supply telemetry ground control tracking debris avoidance manoeuvre "
    "propellant tank valve sensor camera window cupola node hatch berth unberth freighter heat shield "
    "parachute splashdown recovery training simulator astronaut cosmonaut medical sleep exercise treadmill "
    "nutrition greenhouse plant growth microbe protein crystal alloy furnace combustion fluid physics "
    "telescope detector particle radiation dosimeter shielding insulation panel hinge bolt seal gasket "
    "software update network laptop server relay satellite bandwidth signal outage contingency drill"
)
_SECTION_NAMES = "World Politics Business Science Space Technology Health Climate Sport Culture Opinion Video"
_FIRST_NAMES = "Anna Boris Chloe David Elena Farid Greta Hiro Irina Jamal Kasia Luis Maya Nikolai Olga Pierre"
_WORDS = _VOCABULARY.split()
_SECTIONS = _SECTION_NAMES.split()
_NAMES = _FIRST_NAMES.split()
_CLAIMS = (
    "NASA and Roscosmos agreed to operate the International Space Station until {year}, officials said.",
    "The International Space Station will be deorbited by {deorbit}, according to the agency.",
    "Roscosmos said Russia would stay on the International Space Station until {year}.",
)


def _sentence(rng: random.Random, lo: int = 12, hi: int = 28) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(lo, hi))]
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(2, 5)))


def script_block(rng: random.Random, size: int) -> str:
    """An inline script of about ``size`` bytes: configuration objects and minified-looking code."""
    parts, n = [], 0
    while n < size:
        key = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(8))
        chunk = (
            f'window.__cfg_{key}={{"id":{rng.randint(1, 10**9)},"slot":"div-gpt-{key}",'
            f'"sizes":[[300,250],[728,90]],"targeting":{{"section":"{rng.choice(_SECTIONS).lower()}",'
            f'"kw":["{rng.choice(_WORDS)}","{rng.choice(_WORDS)}"]}}}};'
            f"function _{key}(a,b){{var c=a||{{}};for(var i=0;i<b.length;i++){{c[b[i]]=(c[b[i]]||0)+1}}"
            f"return c}}\n"
        )
        parts.append(chunk)
        n += len(chunk)
    return "<script>" + "".join(parts) + "</script>"


def nav_menu(rng: random.Random) -> str:
    items = []
    for section in _SECTIONS:
        subs = "".join(
            f'<li><a href="/{section.lower()}/{rng.choice(_WORDS)}-{k}">{escape(rng.choice(_WORDS).title())}</a></li>'
            for k in range(rng.randint(6, 10))
        )
        items.append(
            f'<li class="menu-item"><a href="/{section.lower()}">{section}</a><ul class="sub">{subs}</ul></li>'
        )
    return f'<header class="site-header"><nav class="main-nav"><ul>{"".join(items)}</ul></nav></header>'


def related_stories(rng: random.Random) -> str:
    links = "".join(
        f'<li class="card"><a href="/story/{rng.randint(1, 10**6)}"><img src="/img/{rng.randint(1, 10**6)}.jpg" '
        f'alt=""><span class="kicker">{rng.choice(_SECTIONS)}</span><h4>{escape(_sentence(rng, 6, 11))}</h4></a></li>'
        for _ in range(rng.randint(20, 35))
    )
    return f'<aside class="related"><h3>More stories</h3><ul>{links}</ul></aside>'


def comment_thread(rng: random.Random) -> str:
    items = "".join(
        f'<div class="comment"><div class="author">{rng.choice(_NAMES)}{rng.randint(1, 99)}</div>'
        f"<time>{rng.randint(1, 23)} hours ago</time><p>{escape(_sentence(rng, 5, 25))}</p>"
        f'<button class="reply">Reply</button> <span class="likes">{rng.randint(0, 300)}</span></div>'
        for _ in range(rng.randint(10, 30))
    )
    return f'<section class="comments"><h3>Comments</h3>{items}</section>'


def site_footer(rng: random.Random) -> str:
    cols = "".join(
        "<ul>"
        + "".join(f'<li><a href="/{s.lower()}/{k}">{s} {k}</a></li>' for k in range(rng.randint(8, 14)))
        + "</ul>"
        for s in _SECTIONS
    )
    return (
        f'<footer class="site-footer"><div class="columns">{cols}</div>'
        f"<p>© 2026 Example Media Group. All rights reserved. Registered in England.</p></footer>"
    )


def story(seed: int) -> tuple[str, list[str]]:
    """The title and paragraphs of page ``seed``: a dated ISS claim first, then varied text."""
    rng = random.Random(seed * 7919 + 1)
    year = 2028 + seed % 3
    lead = rng.choice(_CLAIMS).format(year=year, deorbit=year + 2)
    title = f"Space station plans: operations until {year} ({seed})"
    return title, [lead, *(_paragraph(rng) for _ in range(rng.randint(6, 12)))]


def news_page(seed: int, *, published: str = "2026-11-20T08:00:00Z") -> bytes:
    """Page ``seed``: the same bytes for the same seed, between ``MIN_BYTES`` and ``MAX_BYTES``."""
    rng = random.Random(seed)
    target = rng.randint(MIN_BYTES, MAX_BYTES)
    title, paragraphs = story(seed)
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    head = (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta property="og:title" content="{escape(title)}"><meta property="og:type" content="article">'
        f'<meta property="article:published_time" content="{published}">'
        f'<link rel="canonical" href="/space/story-{seed}"><link rel="stylesheet" href="/static/site.css">'
        f'<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle",'
        f'"headline":"{escape(title)}","datePublished":"{published}"}}</script>'
    )
    chrome = [
        nav_menu(rng),
        '<div class="cookie-banner">We use cookies to improve your experience. <button>Accept all</button></div>',
        '<div class="newsletter">Get the morning briefing in your inbox. <input type="email">'
        "<button>Sign up</button></div>",
    ]
    article = (
        f'<main><article><h1>{escape(title)}</h1><div class="byline">By {rng.choice(_NAMES)} '
        f"{rng.choice(_NAMES)}</div>{body}</article></main>"
    )
    tail = [related_stories(rng), comment_thread(rng), site_footer(rng)]
    fixed = len(head) + sum(map(len, chrome)) + len(article) + sum(map(len, tail)) + 40
    scripts = []
    remaining = max(0, target - fixed)
    for share in (0.5, 0.3, 0.2):  # a few script blocks, as pages load several
        scripts.append(script_block(rng, int(remaining * share)))
    page = (
        head
        + scripts[0]
        + "</head><body>"
        + "".join(chrome)
        + article
        + scripts[1]
        + "".join(tail)
        + scripts[2]
        + "</body></html>"
    )
    return page.encode()
