"""Property-based tests: id minting, the readers, and the round trips of the exports.

Every test runs derandomized (a fixed seed) with a bounded number of examples,
so the suite is fast and a failure reproduces.
"""

from __future__ import annotations

import io
import json
import re
import tempfile
from pathlib import Path

import networkx as nx
import rdflib
from geokg.exports.graphml import to_graphml, xml_safe
from geokg.exports.jsonl import to_assertions_jsonl
from geokg.exports.nodelink import from_node_link_json, to_node_link_json
from geokg.exports.rdf import to_ntriples, to_turtle
from geokg.graph.build import build_graph, iter_assertions
from geokg.graph.errors import InputError
from geokg.graph.model import (
    Assertion,
    DocResult,
    Document,
    Entity,
    EntityRef,
    TextSpan,
)
from geokg.graph.vocabulary import ENTITY_TYPES, MODALITIES, RELATIONS
from geokg.ingest.actors import slug
from geokg.ingest.readers import iter_documents
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic

from tests.exports.test_roundtrip_hostile import normalised, rdf_expected

FAST = settings(
    derandomize=True,
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
SLOW = settings(FAST, max_examples=15)
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")

# Any code point, lone surrogates included: what JSON escapes can smuggle in.
any_text = st.text(st.characters(blacklist_categories=()), max_size=40)
# Text that can exist in a document (readers replace lone surrogates).
doc_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)


# --- ids -------------------------------------------------------------------


@FAST
@given(any_text)
def test_slug_is_a_short_ascii_id_and_stable(text):
    s = slug(text)
    assert SLUG.fullmatch(s)
    assert slug(s) == s
    assert slug(text) == s


def refs():
    """Entity references as the extractor makes them: slug ids."""
    return st.builds(
        lambda t, typ: EntityRef(slug(t), t or "x", typ),
        doc_text,
        st.sampled_from(ENTITY_TYPES),
    )


@st.composite
def assertions(draw, doc_ids=doc_text):
    """One assertion with arbitrary, possibly hostile, text in every text field."""
    sentence = draw(doc_text)
    start = draw(st.integers(0, 10**7))
    return Assertion(
        doc_id=draw(doc_ids) or "d",
        relation=draw(st.sampled_from(sorted(RELATIONS))),
        subject=draw(refs()),
        object=draw(refs()),
        sentence=TextSpan(sentence, start, start + len(sentence)),
        subject_span=(start, start + 1),
        object_span=(start + 2, start + 3),
        trigger=draw(st.none() | st.builds(TextSpan, doc_text, st.just(1), st.just(2))),
        modality=draw(st.sampled_from(MODALITIES)),
        negated=draw(st.booleans()),
        date=draw(st.none() | st.dates().map(str)),
        role=draw(st.none() | doc_text),
        confidence=draw(st.floats(0, 1)),
        rule=draw(doc_text),
    )


def id_key(a: Assertion) -> tuple:
    """What an assertion id is minted from."""
    return (a.doc_id, a.sentence.start, a.subject.id, a.relation, a.object.id)


@FAST
@given(assertions(), assertions())
def test_assertion_ids_are_stable_and_distinct_for_distinct_claims(a, b):
    assert re.fullmatch(r"a-[0-9a-f]{16}", a.id)
    assert Assertion.from_json(a.to_json()).id == a.id
    assert (a.id == b.id) == (id_key(a) == id_key(b))


# --- readers -----------------------------------------------------------------


def read_bytes_as(name: str, data: bytes) -> tuple[list[Document], list[InputError]]:
    """Read one file holding `data`; every problem is collected, none may escape."""
    problems: list[InputError] = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            docs = list(iter_documents([str(path)], problems.append))
        except InputError as exc:  # only "no readable document" may be raised
            assert "no readable document" in str(exc)
            docs = []
    return docs, problems


@FAST
@given(st.sampled_from(["a.txt", "a.jsonl", "a.html", "a"]), st.binary(max_size=300))
def test_fuzz_readers_never_crash_on_random_bytes(name, data):
    docs, problems = read_bytes_as(name, data)
    for doc in docs:
        assert doc.text.strip()
        doc.text.encode("utf-8")
        json.dumps(doc.meta())
    for problem in problems:
        assert "\n" not in str(problem)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | any_text,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(any_text, inner, max_size=3)
    ),
    max_leaves=8,
)
records = st.fixed_dictionaries(
    {},
    optional={
        "id": st.none() | any_text | st.integers() | json_values,
        "text": any_text | json_values,
        "title": any_text | json_values,
        "url": any_text | json_values,
        "published": any_text | st.dates().map(str) | json_values,
        "publisher": any_text | json_values,
    },
)
with_text = st.fixed_dictionaries(
    {"text": any_text, "id": st.sampled_from(["a", "b", 7])},
    optional={"published": any_text | st.dates().map(str), "title": json_values},
)
lines = st.one_of(
    records.map(json.dumps),
    with_text.map(json.dumps),
    json_values.map(json.dumps),
    any_text.map(
        lambda t: t.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    ),
)


@FAST
@given(st.lists(lines, max_size=8))
def test_fuzz_jsonl_keeps_exactly_the_usable_records(raw_lines):
    body = "\n".join(line.replace("\n", " ") for line in raw_lines)
    docs, problems = read_bytes_as("feed.jsonl", body.encode("utf-8"))
    usable = []
    for line in body.split("\n"):
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict) and isinstance(record.get("text"), str):
            text = re.sub("[\ud800-\udfff]", "\ufffd", record["text"])
            if text.strip() and text not in usable:
                usable.append(text)
    assert [d.text for d in docs] == usable
    assert len({d.id for d in docs}) == len(docs)
    for problem in problems:
        assert "\n" not in str(problem) and str(problem).startswith(str(Path("/")))


# --- round trips of the exports ------------------------------------------------


@st.composite
def graphs(draw) -> nx.MultiDiGraph:
    """A small knowledge graph with hostile labels, aliases, evidence and metadata."""
    claims = draw(
        st.lists(
            assertions(st.sampled_from(["d1", "d 2", "d<3>"])), min_size=1, max_size=4
        )
    )
    entities = {}
    for a in claims:
        for ref in (a.subject, a.object):
            entities[ref.id] = Entity(
                ref.id,
                ref.label,
                ref.type,
                aliases=tuple(sorted(set(draw(st.lists(doc_text, max_size=2))))),
            )
    claims = [
        a
        for a in claims
        if entities[a.subject.id].type == a.subject.type
        and entities[a.object.id].type == a.object.type
        and entities[a.subject.id].label == a.subject.label
        and entities[a.object.id].label == a.object.label
    ]
    docs = {a.doc_id: Document(a.doc_id, "text", title=draw(doc_text)) for a in claims}
    results = [
        DocResult(
            doc,
            tuple(entities.values()),
            tuple(a for a in claims if a.doc_id == doc.id),
        )
        for doc in docs.values()
    ]
    return build_graph(results or [DocResult(Document("d", "t"), (), ())])


@SLOW
@given(graphs())
def test_assertions_jsonl_round_trip(g):
    back = [
        Assertion.from_json(json.loads(line))
        for line in to_assertions_jsonl(g).split("\n")[:-1]
    ]
    assert back == list(iter_assertions(g))


@SLOW
@given(graphs())
def test_node_link_json_round_trip(g):
    back = from_node_link_json(to_node_link_json(g))
    assert nx.utils.graphs_equal(g, back)
    assert back.graph == g.graph


def graphml_value(value):
    """What GraphML holds for an attribute value (see exports/graphml.py)."""
    if isinstance(value, list):
        value = json.dumps(value, ensure_ascii=False)
    return xml_safe(value) if isinstance(value, str) else value


@SLOW
@given(graphs())
def test_graphml_round_trip(g):
    stream = io.BytesIO(to_graphml(g).encode("utf-8"))
    back = nx.read_graphml(stream, force_multigraph=True)
    for node, data in g.nodes(data=True):
        assert back.nodes[node] == {k: graphml_value(v) for k, v in data.items()}
    for u, v, key, data in g.edges(keys=True, data=True):
        assert back.edges[u, v, key] == {k: graphml_value(x) for k, x in data.items()}


@SLOW
@given(graphs(), st.sampled_from([(to_turtle, "turtle"), (to_ntriples, "nt")]))
def test_rdf_round_trip(g, codec):
    render, fmt = codec
    parsed = normalised(rdflib.Graph().parse(data=render(g), format=fmt))
    assert isomorphic(parsed, rdf_expected(g))
