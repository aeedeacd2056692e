"""Process articles longer than spaCy's ``nlp.max_length`` in pieces.

A long document is cut into chunks at paragraph breaks, else at sentence ends,
else at whitespace (a hard cut only when a window holds none of them). Each
chunk is a :class:`Document` with the parent's id and metadata and a slice of
its text; :class:`Chunk` remembers where the slice starts. After extraction,
:func:`shift_result` moves every span of a chunk's result back to offsets in
the whole document, and :func:`join_results` merges the chunks of one document
into one :class:`DocResult`.

The usual case, a document within the limit, is one chunk at offset 0 and
comes back unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from geokg.graph.model import (
    Assertion,
    DocResult,
    Document,
    Entity,
    MentionSpan,
    TextSpan,
)

_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")
_LINE = re.compile(r"\n\s*")
_SENTENCE = re.compile(r"[.!?…][\"'”’)\]]*\s+")
_SPACE = re.compile(r"\s+")
_BREAKS = (_PARAGRAPH, _LINE, _SENTENCE, _SPACE)


@dataclass(frozen=True)
class Chunk:
    """One piece of a document: a document of its own plus where it starts."""

    document: Document
    parent: Document
    offset: int
    index: int
    last: bool


def _cut(text: str, start: int, limit: int) -> int:
    """Where the chunk that starts at `start` ends: the best break in its window."""
    end = start + limit
    if end >= len(text):
        return len(text)
    floor = start + limit // 2
    for pattern in _BREAKS:
        last = None
        for last in pattern.finditer(text, floor, end):  # noqa: B007
            pass
        if last is not None:
            return last.end()
    return end


def cut_points(text: str, limit: int) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each chunk of `text`, none longer than `limit`."""
    if limit < 2:
        raise ValueError(f"chunk limit must be at least 2 characters, got {limit!r}")
    spans: list[tuple[int, int]] = []
    start = 0
    while start < len(text) or not spans:
        end = _cut(text, start, limit)
        spans.append((start, end))
        start = end
    return spans


def split_document(document: Document, limit: int) -> Iterator[Chunk]:
    """The chunks of one document, each at most `limit` characters."""
    spans = cut_points(document.text, limit)
    for index, (start, end) in enumerate(spans):
        piece = (
            document
            if len(spans) == 1
            else replace(document, text=document.text[start:end])
        )
        yield Chunk(piece, document, start, index, index == len(spans) - 1)


def split_documents(documents: Iterable[Document], limit: int) -> Iterator[Chunk]:
    """The chunks of many documents, in order."""
    for document in documents:
        yield from split_document(document, limit)


def _span(span: TextSpan | None, offset: int) -> TextSpan | None:
    if span is None:
        return None
    return TextSpan(span.text, span.start + offset, span.end + offset)


def _pair(pair: tuple[int, int], offset: int) -> tuple[int, int]:
    return (pair[0] + offset, pair[1] + offset)


def shift_assertion(a: Assertion, offset: int) -> Assertion:
    """The assertion with its spans moved by `offset` and its id minted anew."""
    return replace(
        a,
        id="",
        sentence=_span(a.sentence, offset),
        subject_span=_pair(a.subject_span, offset),
        object_span=_pair(a.object_span, offset),
        trigger=_span(a.trigger, offset),
    )


def shift_mention(m: MentionSpan, offset: int) -> MentionSpan:
    """The mention with its span moved by `offset`."""
    return replace(m, start=m.start + offset, end=m.end + offset)


def shift_result(result: DocResult, chunk: Chunk) -> DocResult:
    """A chunk's result with offsets into the whole document and the whole document."""
    if chunk.index == 0 and chunk.last:  # the whole document
        return result
    return replace(
        result,
        document=chunk.parent,
        assertions=tuple(shift_assertion(a, chunk.offset) for a in result.assertions),
        mentions=tuple(shift_mention(m, chunk.offset) for m in result.mentions),
    )


def merge_results(results: list[DocResult]) -> DocResult:
    """One result from the shifted results of the chunks of one document."""
    if len(results) == 1:
        return results[0]
    entities: dict[str, Entity] = {}
    for result in results:
        for e in result.entities:
            entities[e.id] = entities[e.id].merged(e) if e.id in entities else e
    assertions = {a.id: a for result in results for a in result.assertions}
    return replace(
        results[0],
        entities=tuple(entities[k] for k in sorted(entities)),
        assertions=tuple(assertions.values()),
        mentions=tuple(m for result in results for m in result.mentions),
    )


def join_results(pairs: Iterable[tuple[DocResult, Chunk]]) -> Iterator[DocResult]:
    """Whole-document results from ``(chunk result, chunk)`` pairs in chunk order."""
    pending: list[DocResult] = []
    for result, chunk in pairs:
        pending.append(shift_result(result, chunk))
        if chunk.last:
            yield merge_results(pending)
            pending = []
