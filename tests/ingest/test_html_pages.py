"""Saved news pages: the article's own text and metadata, never the page around it."""

from __future__ import annotations

import json
import socket
from datetime import date
from pathlib import Path

import pytest
from geokg.graph.errors import InputError
from geokg.ingest.readers import iter_documents, read_html_file

from tests.conftest import run_cli

# --- two saved news pages and a section front ---------------------------------

LEDGER_HEADLINE = "Norway and Finland agree to pool Arctic patrol flights"
LEDGER_PARAGRAPHS = [
    "Norway's defence minister met her Finnish counterpart in Tromso on Monday "
    "and signed an agreement to share surveillance flights over the Barents Sea.",
    "Under the agreement, aircraft from both air forces will fly joint patrols "
    "from two northern bases and exchange radar data within minutes.",
    "Finland's defence minister said the deal would cut costs and close gaps "
    "that neither country could cover alone during the long polar winter.",
    "Officials in Oslo said Sweden had been invited to join the arrangement "
    "once its own parliament approves the necessary funding next year.",
]
COURIER_HEADLINE = "Chile recalls its ambassador from Peru after fishing dispute"
COURIER_PARAGRAPHS = [
    "Chile recalled its ambassador from Peru on Thursday, two days after Peruvian "
    "coast guard vessels detained four Chilean trawlers near the maritime border.",
    "The foreign ministry in Santiago called the detentions a breach of the 2014 "
    "boundary ruling and demanded the release of the crews within a week.",
    "Peru's government said the trawlers had been fishing without licences and "
    "that the crews would be handed over once the fines were paid.",
]
#: Sentences of the pages around the articles (headlines that would give claims
#: among them); none of them may reach a document or the graph.
BOILERPLATE_SENTENCES = [
    "Turkey condemns Greece over airspace violations",
    "Five things to know about the Arctic",
    "Canada should sanction Brazil right now, one reader wrote.",
    "Great article, thanks for sharing.",
    "Copyright 2025 The Northern Ledger",
    "Privacy policy",
    "Sign up for our morning newsletter",
    "Share on social media",
    "Most read this week",
    "Hungary expels Austrian diplomats in visa row",
    "Subscribe today for unlimited access",
    "We use cookies to improve",
]
#: The menus, buttons and scripts around the articles.
BOILERPLATE = BOILERPLATE_SENTENCES + [
    "World",
    "Politics",
    "Business",
    "Accept all cookies",
    "Manage preferences",
    "Related articles",
    "TRACKING_PIXEL_FIRED",
    "INJECTED_BY_SCRIPT",
    "font-family",
    "slots",
    "Comments",
    "By ",
]
NAV = """<nav class="site-nav"><ul>
  <li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li>
  <li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li>
  <li><a href="/culture">Culture</a></li><li><a href="/opinion">Opinion</a></li>
  <li><a href="/science">Science</a></li><li><a href="/travel">Travel</a></li>
  <li><a href="/climate">Climate</a></li><li><a href="/video">Video</a></li>
</ul></nav>"""
COOKIES = """<div id="cookie-banner" class="cookie-consent">We use cookies to improve
  your experience. <button>Accept all cookies</button>
  <a href="/cookies">Manage preferences</a></div>"""


def paragraphs(texts: list[str]) -> str:
    """The texts as HTML paragraphs."""
    return "\n".join(f"<p>{t}</p>" for t in texts)


LEDGER = f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Arctic patrols | The Northern Ledger</title>
<meta property="og:title" content="{LEDGER_HEADLINE}">
<meta property="og:site_name" content="The Northern Ledger">
<meta name="author" content="Ingrid Solberg">
<meta property="article:published_time" content="2025-02-17T07:45:00+01:00">
<link rel="canonical" href="https://ledger.example.com/world/2025/02/arctic-patrols">
<style>.cookie-consent {{ position: fixed; }} body {{ font-family: serif; }}</style>
<script>function track() {{ console.log("TRACKING_PIXEL_FIRED"); }}</script>
</head><body>
<header><a href="/">The Northern Ledger</a>
  <p class="promo">Subscribe today for unlimited access</p></header>
{NAV}
{COOKIES}
<main><article>
  <h1>{LEDGER_HEADLINE}</h1>
  <p class="byline">By <a rel="author" href="/staff/solberg">Ingrid Solberg</a>,
    <time datetime="2025-02-17T07:45:00+01:00">17 February 2025</time></p>
  {paragraphs(LEDGER_PARAGRAPHS)}
</article></main>
<aside class="related"><h2>Related articles</h2><ul>
  <li><a href="/r1">Turkey condemns Greece over airspace violations</a></li>
  <li><a href="/r2">Five things to know about the Arctic</a></li>
  <li><a href="/r3">Photo gallery: a week on the ice</a></li>
</ul></aside>
<section id="comments" class="comments"><h3>Comments (2)</h3>
  <div class="comment"><p>Canada should sanction Brazil right now, one reader
    wrote.</p></div>
  <div class="comment"><p>Great article, thanks for sharing.</p></div>
</section>
<footer><p>Copyright 2025 The Northern Ledger. All rights reserved.</p>
  <a href="/privacy">Privacy policy</a></footer>
<script>track(); document.write("<p>INJECTED_BY_SCRIPT</p>");</script>
</body></html>
"""

COURIER = f"""<html><head>
<meta charset="utf-8">
<title>{COURIER_HEADLINE} - Pacific Courier</title>
<meta property="og:title" content="{COURIER_HEADLINE}">
<meta name="author" content="Tomas Riquelme">
<link rel="canonical" href="https://courier.example.org/americas/chile-peru-envoy">
<script type="application/javascript">var ads = {{slots: ["top", "side"]}};</script>
</head><body>
<div id="top"><div class="header"><a href="/">Pacific Courier</a></div>{NAV}</div>
{COOKIES}
<div class="share">Share on social media <a href="#">X</a> <a href="#">Mail</a></div>
<main><div class="story-body">
  <h1 class="headline">{COURIER_HEADLINE}</h1>
  <div class="meta">Tomas Riquelme <time datetime="2025-03-06">6 March 2025</time></div>
  {paragraphs(COURIER_PARAGRAPHS)}
</div></main>
<div class="newsletter"><p>Sign up for our morning newsletter</p>
  <form><input type="email"><button>Sign up</button></form></div>
<div class="most-read"><h2>Most read this week</h2><ol>
  <li><a href="/m1">Hungary expels Austrian diplomats in visa row</a></li>
  <li><a href="/m2">Turkey condemns Greece over airspace violations</a></li>
</ol></div>
<div class="footer"><p>Privacy policy</p></div>
</body></html>
"""

#: A section front: menus, a cookie banner and links to articles, no article.
FRONT = f"""<!DOCTYPE html>
<html><head><title>World news | The Northern Ledger</title>
<script>function track() {{ console.log("TRACKING_PIXEL_FIRED"); }}</script></head>
<body><header><a href="/">The Northern Ledger</a></header>
{NAV}
{COOKIES}
<main><ul class="teasers">
  <li><a href="/a1">Turkey condemns Greece over airspace violations</a></li>
  <li><a href="/a2">Hungary expels Austrian diplomats in visa row</a></li>
  <li><a href="/a3">Five things to know about the Arctic</a></li>
</ul></main>
<footer><p>Copyright 2025 The Northern Ledger. All rights reserved.</p>
  <a href="/privacy">Privacy policy</a></footer>
</body></html>
"""


def write(folder: Path, name: str, page: str | bytes) -> Path:
    """A saved page `name` under `folder`."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(page.encode("utf-8") if isinstance(page, str) else page)
    return path


def read(paths: list[Path]) -> tuple[list, list[str]]:
    """The documents of `paths` and the problem messages, in order."""
    problems: list[InputError] = []
    docs = list(iter_documents([str(p) for p in paths], problems.append))
    return docs, [str(p) for p in problems]


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a network connection fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


# --- the article and its metadata ---------------------------------------------


@pytest.mark.parametrize(
    ("page", "headline", "body"),
    [
        (LEDGER, LEDGER_HEADLINE, LEDGER_PARAGRAPHS),
        (COURIER, COURIER_HEADLINE, COURIER_PARAGRAPHS),
    ],
    ids=["article-tag", "story-div"],
)
def test_a_news_page_gives_its_paragraphs_and_none_of_the_page_around_them(
    tmp_path, no_network, page, headline, body
):
    docs, problems = read([write(tmp_path, "story.html", page)])
    assert problems == []
    blocks = docs[0].text.split("\n\n")
    assert [b for b in blocks if b in body] == body
    assert set(blocks) <= {headline, *body}
    for boilerplate in BOILERPLATE:
        assert boilerplate not in docs[0].text


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (
            LEDGER,
            {
                "title": LEDGER_HEADLINE,
                "url": "https://ledger.example.com/world/2025/02/arctic-patrols",
                "published": "2025-02-17",
                "author": "Ingrid Solberg",
            },
        ),
        (
            COURIER,
            {
                "title": COURIER_HEADLINE,
                "url": "https://courier.example.org/americas/chile-peru-envoy",
                "published": "2025-03-06",
                "author": "Tomas Riquelme",
            },
        ),
    ],
    ids=["article-tag", "story-div"],
)
def test_a_news_page_gives_its_title_canonical_url_date_and_author(
    tmp_path, page, expected
):
    doc = read_html_file(write(tmp_path, "story.html", page))
    meta = doc.meta()
    assert {key: meta[key] for key in expected} == expected
    assert doc.id == "story"
    assert json.loads(json.dumps(meta)) == meta


def test_reading_a_page_twice_gives_the_same_document(tmp_path):
    path = write(tmp_path, "story.html", LEDGER)
    assert read_html_file(path) == read_html_file(path)


def test_a_page_dated_after_today_keeps_its_date(tmp_path):
    page = LEDGER.replace("2025-02-17", "2091-06-30")
    assert read_html_file(write(tmp_path, "p.html", page)).published == date(
        2091, 6, 30
    )


def test_a_date_trafilatura_leaves_out_is_read_from_the_markup(tmp_path):
    """htmldate takes no date before 1995; the page's own markup still has one."""
    page = (
        LEDGER.replace("2025-02-17", "1989-11-09")
        .replace("17 February 2025", "9 November 1989")
        .replace("/2025/02/", "/")
    )
    assert read_html_file(write(tmp_path, "p.html", page)).published == date(
        1989, 11, 9
    )


def test_a_page_with_an_unreadable_date_is_kept_without_one(tmp_path):
    page = (
        "<html><head><title>T</title>"
        '<meta property="article:published_time" content="next Tuesday">'
        f"</head><body><article>{paragraphs(COURIER_PARAGRAPHS)}</article>"
        "</body></html>"
    )
    path = write(tmp_path, "undated.html", page)
    docs, problems = read([path])
    assert docs[0].published is None
    assert problems == [
        f"{path}: published date: unknown date format 'next Tuesday'; "
        "use ISO 8601 (YYYY-MM-DD); kept the page without a date"
    ]


def test_a_page_with_a_huge_script_gives_its_article(tmp_path):
    script = "<script>var blob = '" + "x" * 12_000_000 + "';</script>"
    page = LEDGER.replace("</head>", script + "</head>")
    text = read_html_file(write(tmp_path, "big.html", page)).text
    assert LEDGER_PARAGRAPHS[-1] in text
    assert "xxxx" not in text


def test_hostile_markup_in_a_page_stays_inert_text(tmp_path):
    hostile = (
        "The envoy quoted &lt;script&gt;alert(1)&lt;/script&gt; from a leaked "
        'memo and linked <a href="javascript:alert(2)">the full text</a>.'
    )
    page = LEDGER.replace(LEDGER_PARAGRAPHS[1], hostile).replace(
        "https://ledger.example.com/world/2025/02/arctic-patrols", "javascript:alert(3)"
    )
    doc = read_html_file(write(tmp_path, "p.html", page))
    assert (
        "The envoy quoted <script>alert(1)</script> from a leaked memo and linked "
        "the full text." in doc.text
    )
    assert "javascript:" not in doc.text
    assert doc.url is None


# --- pages without an article -------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("front.html", FRONT, "no article text found"),
        ("blank.html", " \n\t\n", "empty file (no text); skipped"),
        (
            "notes.html",
            "Chile recalled its ambassador.\n",
            "not HTML (no tag in it; it starts 'Chile recalled its ambassador.'); "
            "skipped; rename it to .txt if it is plain text",
        ),
        ("scripts.html", "<html><script>track()</script></html>", "no article text"),
    ],
)
def test_a_page_without_an_article_is_skipped_and_the_next_page_is_read(
    tmp_path, name, data, message
):
    bad = write(tmp_path, name, data)
    write(tmp_path, "story.html", LEDGER)
    docs, problems = read([tmp_path])
    assert [d.id for d in docs] == ["story"]
    assert len(problems) == 1
    assert problems[0].startswith(f"{bad}: ")
    assert message in problems[0]
    assert "\n" not in problems[0]


def test_a_page_without_an_article_raises_without_on_problem(tmp_path):
    with pytest.raises(InputError, match="no article text found"):
        read_html_file(write(tmp_path, "front.html", FRONT))


# --- the whole build ----------------------------------------------------------


@pytest.mark.model
def test_build_of_saved_pages_exits_0_and_its_graph_holds_no_boilerplate(tmp_path):
    src = tmp_path / "in"
    write(src, "ledger.html", LEDGER)
    write(src, "courier.html", COURIER)
    proc = run_cli("build", str(src), "--out", str(tmp_path / "out"), "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    graph = (tmp_path / "out" / "graph.json").read_text(encoding="utf-8")
    data = json.loads(graph)
    article = [LEDGER_HEADLINE, COURIER_HEADLINE, *LEDGER_PARAGRAPHS]
    article += COURIER_PARAGRAPHS
    assert data["edges"]
    for edge in data["edges"]:
        assert any(edge["sentence"] in block for block in article), edge["sentence"]
    for boilerplate in BOILERPLATE_SENTENCES:
        assert boilerplate not in graph
    docs = {d["id"]: d for d in data["graph"]["documents"]}
    assert docs["ledger"]["title"] == LEDGER_HEADLINE
    assert docs["courier"]["author"] == "Tomas Riquelme"
