"""Shared fixtures: paths, the pipeline, a seeds build, small hand-made graphs."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The seed articles and their gold, shipped in the repo."""
    return SEEDS


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared data folder beside the repo (PLOVER, UNGD corpus); skip if absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the repo")
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    """The full geokg pipeline on the trained English model (loaded once)."""
    from geokg.ingest.nlp import load_pipeline

    return load_pipeline()


def run_cli(
    *args: str, cwd: Path = ROOT, stdin: str | None = None, timeout: float = 600
) -> subprocess.CompletedProcess:
    """Run ``geokg ARGS`` in a subprocess and capture its output."""
    return subprocess.run(
        [sys.executable, "-m", "geokg", *args],
        cwd=cwd,
        input=stdin,
        text=True,
        capture_output=True,
        timeout=timeout,
    )


def claim(
    subject,
    relation: str,
    obj,
    *,
    doc_id: str = "d",
    sentence: str = "x",
    start: int = 0,
    **fields,
):
    """A hand-made Assertion between two entities, spans at `start` (for unit tests)."""
    from geokg.graph.model import Assertion, TextSpan

    return Assertion(
        doc_id=doc_id,
        relation=relation,
        subject=subject.ref(),
        object=obj.ref(),
        sentence=TextSpan(sentence, start, start + len(sentence)),
        subject_span=(start, start + 1),
        object_span=(start, start + 1),
        trigger=fields.pop("trigger", None),
        **fields,
    )


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An output folder built from seeds/ by the real CLI (built once per session)."""
    out = tmp_path_factory.mktemp("seeds-build")
    proc = run_cli("build", str(SEEDS), "--out", str(out), "--quiet")
    assert proc.returncode == 0, proc.stderr
    return out


@pytest.fixture(scope="session")
def seeds_tables(seeds_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds build again by the CLI, with ``--formats events,neo4j`` (quick: it
    starts from a copy of `seeds_build`, whose cache holds the extraction)."""
    import shutil

    out = tmp_path_factory.mktemp("seeds-tables") / "out"
    shutil.copytree(seeds_build, out)
    proc = run_cli(
        "build", str(SEEDS), "--out", str(out), "--quiet", "--formats", "events,neo4j"
    )
    assert proc.returncode == 0, proc.stderr
    return out


# ---- hand-made graphs for the HTML view (exports/html.py) --------------------

HOSTILE = {
    "script": "</script><script>window.__pwned=1</script>",
    "img": '<img src=x onerror="window.__pwned=1">',
    "js": "javascript:window.__pwned=1",
}


def synthetic_graph(n_nodes: int, n_assertions: int, *, seed: int = 1, docs: int = 40):
    """A reproducible, hub-heavy graph of `n_nodes` entities built from dataclasses."""
    import random

    from geokg.graph.build import build_graph
    from geokg.graph.model import Assertion, DocResult, Document, Entity, TextSpan
    from geokg.graph.vocabulary import ENTITY_TYPES, MODALITIES, RELATIONS

    rng = random.Random(seed)
    types = ("Country",) * 4 + ("Person",) * 3 + ENTITY_TYPES
    entities = [
        Entity(f"e{i:05d}", f"Actor {i}", types[i % len(types)]) for i in range(n_nodes)
    ]
    weights = [1 / (i + 1) ** 0.8 for i in range(n_nodes)]
    relations, by_doc = list(RELATIONS), {d: [] for d in range(docs)}
    for i in range(n_assertions):
        s, o = (
            rng.choices(entities, weights, k=2)
            if i >= n_nodes
            else (entities[i], rng.choice(entities))
        )
        if s.id == o.id:
            o = entities[(entities.index(s) + 1) % n_nodes]
        text = f"{s.label} and {o.label} did something in sentence {i}."
        doc = i % docs
        by_doc[doc].append(
            Assertion(
                doc_id=f"doc{doc:03d}",
                relation=rng.choice(relations),
                subject=s.ref(),
                object=o.ref(),
                sentence=TextSpan(text, i * 100, i * 100 + len(text)),
                subject_span=(i * 100, i * 100 + 5),
                object_span=(i * 100 + 10, i * 100 + 15),
                trigger=None,
                modality=rng.choice(MODALITIES),
                negated=rng.random() < 0.05,
                confidence=0.5,
            )
        )
    results = [
        DocResult(
            Document(
                f"doc{d:03d}",
                "…",
                title=f"Article {d}",
                url=f"https://news.example/{d}",
                published=date(2024, 1 + d % 12, 1 + d % 28),
            ),
            tuple(entities) if d == 0 else (),
            tuple(found),
        )
        for d, found in by_doc.items()
    ]
    return build_graph(results)


def hostile_graph():
    """Two articles whose titles, urls, labels and evidence carry script payloads."""
    from geokg.graph.build import build_graph
    from geokg.graph.model import Assertion, DocResult, Document, Entity, TextSpan

    evil = Entity(
        "evil" + HOSTILE["script"],
        "Evil " + HOSTILE["img"],
        "Person",
        aliases=(HOSTILE["js"],),
    )
    iran = Entity("iran", "Iran " + HOSTILE["script"], "Country")
    russia = Entity("russia", "Russia", "Country")
    bystander = Entity("outlet", "Outlet " + HOSTILE["img"], "Media")  # no relation
    text = f"Iran {HOSTILE['script']} and Russia held drills {HOSTILE['img']}."

    def claim(doc, rel, s, o, **kw):
        return Assertion(
            doc_id=doc,
            relation=rel,
            subject=s.ref(),
            object=o.ref(),
            sentence=TextSpan(text, 0, len(text)),
            subject_span=(0, 4),
            object_span=(10, 16),
            trigger=TextSpan("drills", 20, 26),
            **kw,
        )

    docs = [
        Document(
            "d1",
            text,
            title="Title " + HOSTILE["script"] + HOSTILE["img"],
            url=HOSTILE["js"],
            published=date(2024, 5, 1),
            publisher=HOSTILE["img"],
        ),
        Document(
            "d2",
            text,
            title="Plain title",
            url="https://news.example/a?b=<i>&c=1",
            published=date(2024, 6, 2),
        ),
    ]
    return build_graph(
        [
            DocResult(
                docs[0],
                (evil, iran, russia, bystander),
                (
                    claim("d1", "drilled-with", iran, russia),
                    claim("d1", "threatened", evil, iran, negated=True),
                    claim("d1", "met-with", evil, russia, modality="planned"),
                ),
            ),
            DocResult(
                docs[1],
                (iran, russia),
                (
                    claim("d2", "drilled-with", russia, iran, date="2024-06-01"),
                    claim("d2", "condemned", iran, russia),
                ),
            ),
        ]
    )


@pytest.fixture
def hostile():
    """The hostile graph and the payloads it carries (see ``hostile_graph``)."""
    return hostile_graph()


# ---- hand-made graphs for RDF and SPARQL (exports/rdf.py, exports/sparql.py) -------

RDF_NASTY = (
    "q\"uote 'single' <angle> & amp\nnew\rline\ttab \x01\x7f "
    "\u202eRTL \u05e9\u05dc\u05d5\u05dd 😀 \\"
)


def rdf_tiny_graph():
    """Two articles on Iran: facts, a negated and a planned claim, officials, a bloc."""
    from geokg.graph.build import build_graph
    from geokg.graph.model import Assertion, DocResult, Document, Entity, TextSpan

    ents = {
        e.id: e
        for e in (
            Entity(
                "iran",
                "Iran",
                "Country",
                aliases=("Islamic Republic of Iran",),
                wikidata="Q794",
                iso3="IRN",
                geonames=130758,
            ),
            Entity("russia", "Russia", "Country", wikidata="Q159"),
            Entity("china", "China", "Country", wikidata="Q148"),
            Entity("israel", "Israel", "Country"),
            Entity("sco", "Shanghai Cooperation Organisation", "Organization"),
            Entity("abbas-araghchi", "Abbas Araghchi", "Person"),
            Entity("iran-mfa", "Iranian foreign ministry", "GovernmentBody"),
            Entity("xi-jinping", "Xi Jinping", "Person"),
            Entity("caspian-sea", "Caspian Sea", "Location"),
        )
    }

    def claim(doc, rel, s, o, start, **kw):
        text = f"Sentence {start} about {s} and {o}."
        return Assertion(
            doc_id=doc,
            relation=rel,
            subject=ents[s].ref(),
            object=ents[o].ref(),
            sentence=TextSpan(text, start, start + 40),
            subject_span=(start, start + 4),
            object_span=(start + 9, start + 14),
            trigger=TextSpan("met", start + 5, start + 8),
            confidence=0.8,
            **kw,
        )

    d1 = Document(
        "d1",
        "x" * 500,
        title="Araghchi in Beijing",
        url="https://news.example/1",
        published=date(2025, 7, 15),
        publisher="Wire",
    )
    d2 = Document(
        "d2",
        "x" * 500,
        title="Drills",
        url="https://news.example/2",
        published=date(2025, 7, 20),
    )
    return build_graph(
        [
            DocResult(
                d1,
                tuple(ents.values()),
                (
                    claim("d1", "met-with", "abbas-araghchi", "xi-jinping", 0),
                    claim(
                        "d1",
                        "official-of",
                        "abbas-araghchi",
                        "iran-mfa",
                        50,
                        role="minister",
                    ),
                    claim("d1", "official-of", "iran-mfa", "iran", 100),
                    claim("d1", "official-of", "xi-jinping", "china", 150),
                    claim("d1", "member-of", "china", "sco", 200),
                    claim("d1", "member-of", "russia", "sco", 250),
                    claim("d1", "member-of", "iran", "sco", 300, negated=True),
                    claim("d1", "condemned", "abbas-araghchi", "israel", 350),
                ),
            ),
            DocResult(
                d2,
                tuple(ents[k] for k in ("iran", "russia", "israel")),
                (
                    claim(
                        "d2",
                        "drilled-with",
                        "iran",
                        "russia",
                        0,
                        date="2025-07-18",
                        location=ents["caspian-sea"].ref(),
                    ),
                    claim(
                        "d2", "attacked", "israel", "iran", 50, modality="hypothetical"
                    ),
                    claim("d2", "threatened", "iran", "israel", 100, negated=True),
                ),
            ),
        ]
    )


def rdf_hostile_graph():
    """Ids with IRI-unsafe characters; text with quotes, <>, newlines, controls, RTL."""
    from geokg.graph.build import build_graph
    from geokg.graph.model import Assertion, DocResult, Document, Entity, TextSpan

    ids = ["a b", "a/b", "a%20b", "a%2Fb", "<x>", "ü-ñ", "#frag", "a?b=c", "", "x\ny"]
    ents = [
        Entity(
            i,
            f"{RDF_NASTY} {n}",
            "Country",
            aliases=(RDF_NASTY,),
            wikidata="Q1 OR 1=1" if n else "Q42",
            geonames=None,
        )
        for n, i in enumerate(ids)
    ]
    doc = Document(
        'doc <1> "x"',
        RDF_NASTY,
        title=RDF_NASTY,
        url='https://news.example/a b?q="<x>"&\u202e',
        publisher=RDF_NASTY,
        published=date(2024, 2, 29),
    )
    claims = tuple(
        Assertion(
            doc_id=doc.id,
            relation="met-with",
            subject=s.ref(),
            object=o.ref(),
            sentence=TextSpan(RDF_NASTY, 0, 10),
            subject_span=(0, 1),
            object_span=(2, 3),
            trigger=TextSpan(RDF_NASTY, 0, 1),
            role=RDF_NASTY,
            rule=RDF_NASTY,
            date='sometime in "2024"' if k % 2 else "2024-02",
            negated=k % 3 == 0,
        )
        for k, (s, o) in enumerate(zip(ents, ents[1:], strict=False))
    )
    bare = Document("relative-url", "t", url="news.example/no scheme")
    return build_graph([DocResult(doc, tuple(ents), claims), DocResult(bare, (), ())])


@pytest.fixture
def rdf_tiny():
    """The tiny hand-made graph of ``rdf_tiny_graph``."""
    return rdf_tiny_graph()


@pytest.fixture
def rdf_hostile():
    """The hostile hand-made graph of ``rdf_hostile_graph``."""
    return rdf_hostile_graph()


@pytest.fixture(scope="session")
def rdf_tiny_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An output folder of the tiny graph with every format, written like `build`."""
    from geokg.exports.files import write_atomic
    from geokg.exports.formats import FORMATS, render

    out = tmp_path_factory.mktemp("rdf-tiny-build")
    write_atomic(out, render(rdf_tiny_graph(), list(FORMATS)))
    return out


# ---- hand-made news for events and timelines (graph/events.py, graph/timeline.py) --

#: The articles of `news_results`: id -> (published, [(subject, relation, object,
#: own date, place)]). Meeting 1 (Moscow, 2025-03-03) and meeting 2 (Tehran,
#: 2025-03-10) of Iran and Russia, and Israel's attack on Iran (2025-03-07), each
#: told by several articles on different days, by states, officials or armed forces.
NEWS = {
    "n1": ("2025-03-03", [("abbas-araghchi", "met-with", "sergey-lavrov", None,
                           "moscow"),
                          ("abbas-araghchi", "official-of", "iran", None, None)]),
    "n2": ("2025-03-04", [("iran", "negotiated-with", "russia", "2025-03-03", None),
                          ("sergey-lavrov", "official-of", "russia", None, None)]),
    "n3": ("2025-03-05", [("sergey-lavrov", "met-with", "abbas-araghchi",
                           "2025-03-03", "moscow")]),
    "n4": ("2025-03-07", [("israel", "attacked", "iran", None, None)]),
    "n5": ("2025-03-08", [("israel-army", "attacked", "iran", "2025-03-07", None),
                          ("israel", "attacked", "iran", "2025-03-07", None)]),
    "n6": ("2025-03-10", [("sergey-lavrov", "met-with", "abbas-araghchi", None,
                           "tehran")]),
    "n7": ("2025-03-11", [("russia", "consulted-with", "iran", "2025-03-10",
                           "tehran")]),
}
NEWS_ENTITIES = {
    "iran": ("Iran", "Country", {}),
    "russia": ("Russia", "Country", {}),
    "israel": ("Israel", "Country", {}),
    "abbas-araghchi": ("Abbas Araghchi", "Person", {}),
    "sergey-lavrov": ("Sergey Lavrov", "Person", {}),
    "israel-army": ("Israel Defense Forces", "GovernmentBody", {"parent": "israel"}),
    "moscow": ("Moscow", "Location", {}),
    "tehran": ("Tehran", "Location", {}),
}


def news_entity(entity_id: str):
    """An Entity of NEWS_ENTITIES."""
    from geokg.graph.model import Entity

    label, kind, attrs = NEWS_ENTITIES[entity_id]
    return Entity(entity_id, label, kind, attributes=tuple(sorted(attrs.items())))


def news_result(doc_id: str, published: str | None, claims: list[tuple], **fields):
    """One hand-made article: `claims` are (subject, relation, object, own date,
    place) tuples, one sentence each; `fields` go to every Assertion."""
    from geokg.graph.model import Assertion, DocResult, Document, TextSpan

    made, text = [], ""
    for n, (s, rel, o, when, where) in enumerate(claims):
        sentence = f"{s} {rel} {o}" + (f" on {when}" if when else "") + ". "
        start = len(text)
        text += sentence
        made.append(Assertion(
            doc_id=doc_id, relation=rel, subject=news_entity(s).ref(),
            object=news_entity(o).ref(),
            sentence=TextSpan(sentence.strip(), start, start + len(sentence) - 1),
            subject_span=(start, start + len(s)), object_span=(start, start + 1),
            trigger=TextSpan(rel, start + len(s) + 1, start + len(s) + 1 + len(rel)),
            date=when, location=news_entity(where).ref() if where else None,
            confidence=0.9, rule=f"hand-made-{n}", **fields,
        ))
    ids = {e for c in claims for e in (c[0], c[2], c[4]) if e}
    document = Document(doc_id, text, title=f"Article {doc_id}",
                        published=date.fromisoformat(published) if published else None)
    return DocResult(document, tuple(news_entity(e) for e in sorted(ids)), tuple(made))


def news_results(extra: dict | None = None) -> list:
    """The NEWS articles (and `extra` ones, same shape) as extraction results."""
    return [news_result(doc, pub, claims)
            for doc, (pub, claims) in sorted({**NEWS, **(extra or {})}.items())]


@pytest.fixture
def news():
    """The graph of the NEWS articles: two meetings and one attack, eight claims."""
    from geokg.graph.build import build_graph

    return build_graph(news_results())
