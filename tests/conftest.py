"""Shared fixtures: paths, the loaded pipeline, a seeds build, small hand-made graphs."""

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
    from ingest.nlp import load_pipeline

    return load_pipeline()


def run_cli(*args: str, cwd: Path = ROOT, stdin: str | None = None,
            timeout: float = 600) -> subprocess.CompletedProcess:
    """Run ``geokg ARGS`` in a subprocess and capture its output."""
    return subprocess.run(
        [sys.executable, "-m", "geokg", *args], cwd=cwd, input=stdin, text=True,
        capture_output=True, timeout=timeout,
    )


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An output folder built from seeds/ by the real CLI (built once per session)."""
    out = tmp_path_factory.mktemp("seeds-build")
    proc = run_cli("build", str(SEEDS), "--out", str(out), "--quiet")
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

    from graph.build import build_graph
    from graph.model import Assertion, DocResult, Document, Entity, TextSpan
    from graph.vocabulary import ENTITY_TYPES, MODALITIES, RELATIONS

    rng = random.Random(seed)
    types = ("Country",) * 4 + ("Person",) * 3 + ENTITY_TYPES
    entities = [Entity(f"e{i:05d}", f"Actor {i}", types[i % len(types)])
                for i in range(n_nodes)]
    weights = [1 / (i + 1) ** 0.8 for i in range(n_nodes)]
    relations, by_doc = list(RELATIONS), {d: [] for d in range(docs)}
    for i in range(n_assertions):
        s, o = rng.choices(entities, weights, k=2) if i >= n_nodes else (
            entities[i], rng.choice(entities))
        if s.id == o.id:
            o = entities[(entities.index(s) + 1) % n_nodes]
        text = f"{s.label} and {o.label} did something in sentence {i}."
        doc = i % docs
        by_doc[doc].append(Assertion(
            doc_id=f"doc{doc:03d}", relation=rng.choice(relations), subject=s.ref(),
            object=o.ref(), sentence=TextSpan(text, i * 100, i * 100 + len(text)),
            subject_span=(i * 100, i * 100 + 5),
            object_span=(i * 100 + 10, i * 100 + 15),
            trigger=None, modality=rng.choice(MODALITIES), negated=rng.random() < 0.05,
            confidence=0.5,
        ))
    results = [
        DocResult(Document(f"doc{d:03d}", "…", title=f"Article {d}",
                           url=f"https://news.example/{d}",
                           published=date(2024, 1 + d % 12, 1 + d % 28)),
                  tuple(entities) if d == 0 else (), tuple(found))
        for d, found in by_doc.items()
    ]
    return build_graph(results)


def hostile_graph():
    """Two articles whose titles, urls, labels and evidence carry script payloads."""
    from graph.build import build_graph
    from graph.model import Assertion, DocResult, Document, Entity, TextSpan

    evil = Entity("evil" + HOSTILE["script"], "Evil " + HOSTILE["img"], "Person",
                  aliases=(HOSTILE["js"],))
    iran = Entity("iran", "Iran " + HOSTILE["script"], "Country")
    russia = Entity("russia", "Russia", "Country")
    text = f"Iran {HOSTILE['script']} and Russia held drills {HOSTILE['img']}."

    def claim(doc, rel, s, o, **kw):
        return Assertion(doc_id=doc, relation=rel, subject=s.ref(), object=o.ref(),
                         sentence=TextSpan(text, 0, len(text)), subject_span=(0, 4),
                         object_span=(10, 16), trigger=TextSpan("drills", 20, 26), **kw)

    docs = [
        Document("d1", text, title="Title " + HOSTILE["script"] + HOSTILE["img"],
                 url=HOSTILE["js"], published=date(2024, 5, 1),
                 publisher=HOSTILE["img"]),
        Document("d2", text, title="Plain title", url="https://news.example/a?b=<i>&c=1",
                 published=date(2024, 6, 2)),
    ]
    return build_graph([
        DocResult(docs[0], (evil, iran, russia), (
            claim("d1", "drilled-with", iran, russia),
            claim("d1", "threatened", evil, iran, negated=True),
            claim("d1", "met-with", evil, russia, modality="planned"),
        )),
        DocResult(docs[1], (iran, russia), (
            claim("d2", "drilled-with", russia, iran, date="2024-06-01"),
            claim("d2", "condemned", iran, russia),
        )),
    ])


@pytest.fixture
def hostile():
    """The hostile graph and the payloads it carries (see ``hostile_graph``)."""
    return hostile_graph()
