"""Long documents go through in chunks, and their offsets come back whole."""

from __future__ import annotations

import re

import pytest
from geokg.graph.model import (
    Assertion,
    DocResult,
    Document,
    Entity,
    MentionSpan,
    TextSpan,
)
from geokg.ingest.chunking import (
    cut_points,
    join_results,
    split_document,
    split_documents,
)

CLAIM = re.compile(r"(\w+) met (\w+)\.")


def fake_extract(document: Document) -> DocResult:
    """A stand-in for spaCy: one met-with assertion per "X met Y." in the text."""
    assertions, entities, mentions = [], {}, []
    for m in CLAIM.finditer(document.text):
        s, o = (Entity(m[i].lower(), m[i], "Country") for i in (1, 2))
        entities |= {s.id: s, o.id: o}
        mentions += [MentionSpan(e.id, *m.span(i), m[i]) for i, e in ((1, s), (2, o))]
        assertions.append(Assertion(
            doc_id=document.id, relation="met-with", subject=s.ref(), object=o.ref(),
            sentence=TextSpan(m[0], m.start(), m.end()),
            subject_span=m.span(1), object_span=m.span(2),
            trigger=TextSpan("met", m.start(1) + len(m[1]) + 1, m.start(2) - 1),
        ))
    return DocResult(document, tuple(entities[k] for k in sorted(entities)),
                     tuple(assertions), tuple(mentions))


def chunked_extract(documents: list[Document], limit: int) -> list[DocResult]:
    """What ingest.pipeline.extract does, with the fake extractor."""
    chunks = split_documents(documents, limit)
    return list(join_results((fake_extract(c.document), c) for c in chunks))


def article(paragraphs: int) -> str:
    """A long article: paragraphs of sentences, one claim in each paragraph."""
    names = ["Iran", "Russia", "China", "Oman", "Qatar", "India"]
    parts = []
    for i in range(paragraphs):
        a, b = names[i % 6], names[(i + 1) % 6]
        parts.append(f"Paragraph {i} begins here. {a} met {b}. It was a long day.")
    return "\n\n".join(parts)


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("short", 100, [(0, 5)]),
        ("", 100, [(0, 0)]),
        ("aaaa\n\nbbbb\n\ncccc", 12, [(0, 12), (12, 16)]),
        ("One two. Three four. Five six.", 22, [(0, 21), (21, 30)]),
        ("word word word word", 12, [(0, 10), (10, 19)]),
        ("x" * 25, 10, [(0, 10), (10, 20), (20, 25)]),
    ],
)
def test_cut_points_prefer_paragraphs_then_sentences_then_spaces(text, limit, expected):
    assert cut_points(text, limit) == expected


def test_cut_points_refuse_a_silly_limit():
    with pytest.raises(ValueError, match="at least 2"):
        cut_points("text", 1)


@pytest.mark.parametrize("limit", [60, 100, 333, 1000])
def test_chunks_cover_the_text_exactly_and_respect_the_limit(limit):
    doc = Document("long", article(40), title="T")
    chunks = list(split_document(doc, limit))
    assert "".join(c.document.text for c in chunks) == doc.text
    assert all(len(c.document.text) <= limit for c in chunks)
    assert [c.offset for c in chunks] == [
        sum(len(x.document.text) for x in chunks[:i]) for i in range(len(chunks))
    ]
    assert all(c.document.id == "long" and c.document.title == "T" for c in chunks)
    assert [c.last for c in chunks] == [False] * (len(chunks) - 1) + [True]


def test_a_short_document_is_one_chunk_and_comes_back_unchanged():
    doc = Document("d", "Iran met Russia.")
    [chunk] = split_document(doc, 1000)
    assert chunk.document is doc and chunk.offset == 0
    assert chunked_extract([doc], 1000) == [fake_extract(doc)]


@pytest.mark.parametrize("limit", [70, 150, 500])
def test_chunked_results_equal_whole_document_results(limit):
    docs = [Document("a", article(30)), Document("b", "Oman met Qatar."),
            Document("c", article(7))]
    assert chunked_extract(docs, limit) == [fake_extract(d) for d in docs]


def test_shifted_spans_point_at_the_same_text_in_the_whole_document():
    doc = Document("a", article(50))
    [result] = chunked_extract([doc], 120)
    assert len(result.assertions) == 50
    for a in result.assertions:
        assert doc.text[a.sentence.start:a.sentence.end] == a.sentence.text
        assert doc.text[slice(*a.subject_span)] == a.subject.label
        assert doc.text[a.trigger.start:a.trigger.end] == "met"
    assert len({a.id for a in result.assertions}) == 50
    assert len(result.mentions) == 100
    assert all(doc.text[m.start:m.end] == m.text for m in result.mentions)


def test_fifty_megabyte_article_reads_and_chunks_without_nlp(tmp_path):
    from geokg.ingest.readers import iter_documents

    paragraph = ("The foreign minister met his counterpart in Geneva on Tuesday. "
                 "They discussed sanctions, trade and a prisoner exchange. ") * 4
    path = tmp_path / "huge.txt"
    with path.open("w", encoding="utf-8") as handle:
        while handle.tell() < 50_000_000:
            handle.write(paragraph + "\n\n")
    [doc] = iter_documents([str(path)])
    assert len(doc.text) >= 50_000_000
    limit = 1_000_000  # spaCy's default nlp.max_length
    total, count = 0, 0
    for chunk in split_document(doc, limit):
        assert chunk.offset == total
        assert 0 < len(chunk.document.text) <= limit
        assert chunk.last or chunk.document.text.endswith("\n\n")
        total += len(chunk.document.text)
        count += 1
    assert total == len(doc.text)
    assert count == pytest.approx(len(doc.text) / limit, abs=2)


@pytest.mark.model
def test_pipeline_extracts_a_document_beyond_max_length(nlp, seeds_dir):
    from geokg.ingest.pipeline import extract

    seed = sorted(seeds_dir.glob("*.txt"))[0].read_text(encoding="utf-8")
    whole = Document("seed", seed)
    [expected] = extract([whole], nlp)
    long = Document("long", "\n\n".join([seed] * 4))
    saved = nlp.max_length
    nlp.max_length = len(seed) + 10  # every copy of the seed becomes one chunk
    try:
        [result] = extract([long], nlp)
    finally:
        nlp.max_length = saved
    assert len(result.assertions) == 4 * len(expected.assertions)
    for a in result.assertions:
        assert long.text[a.sentence.start:a.sentence.end] == a.sentence.text
        assert a.doc_id == "long"
    assert len({a.id for a in result.assertions}) == len(result.assertions)
    assert len(result.mentions) == 4 * len(expected.mentions) > 0
    assert all(long.text[m.start:m.end] == m.text for m in result.mentions)
    assert {e.id for e in result.entities} == {e.id for e in expected.entities}
