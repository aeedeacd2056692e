"""Run documents through the pipeline and turn spaCy's output into typed results.

Everything that leaves this module is a frozen dataclass of ``graph.model``;
no spaCy ``Doc`` crosses into ``graph/`` or ``exports/``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from geokg.graph.model import (
    Assertion,
    DocResult,
    Document,
    Entity,
    MentionSpan,
    TextSpan,
)
from geokg.ingest.actors import Mention, entity_of
from geokg.ingest.chunking import join_results, split_documents
from geokg.ingest.gazetteer import load_gazetteer
from geokg.ingest.modality import resolve_date
from geokg.ingest.triggers import Found
from spacy.language import Language
from spacy.tokens import Doc


def extract(
    documents: Iterable[Document], nlp: Language, *, batch_size: int = 32
) -> Iterator[DocResult]:
    """The entities and assertions of each document, streamed in input order.

    Documents longer than ``nlp.max_length`` go through in chunks (ingest.chunking).
    """
    chunks = split_documents(documents, nlp.max_length)
    pairs = ((visible(c.document.text), c) for c in chunks)
    done = nlp.pipe(pairs, as_tuples=True, batch_size=batch_size)
    yield from join_results((to_result(doc, c.document), c) for doc, c in done)


#: Invisible direction marks and zero-width spaces ("Prime Minister\u200e Haider
#: al-Abadi"): spaces to the parser, so no word carries one; one character for
#: one, so every offset into the text stays right.
INVISIBLE = str.maketrans(
    dict.fromkeys(
        [0x200B, 0x200E, 0x200F, 0x2060, 0xFEFF, *range(0x202A, 0x202F),
         *range(0x2066, 0x206A)],
        " ",
    )
)


def visible(text: str) -> str:
    """The text with its invisible marks as spaces (same length)."""
    return text.translate(INVISIBLE)


def to_result(doc: Doc, document: Document) -> DocResult:
    """The typed result of one processed document."""
    mentions: list[Mention] = doc._.geokg_mentions or []
    found: list[Found] = doc._.geokg_found or []
    return DocResult(
        document=document,
        entities=entities_of(
            [*mentions, *owners_of(mentions), *(f.object for f in found)], doc
        ),
        assertions=tuple(to_assertion(f, doc, document) for f in found),
        mentions=tuple(mention_span(m, doc) for m in mentions),
    )


def owners_of(mentions: list[Mention]) -> list[Mention]:
    """The states that sector actors belong to ("Kenyan court" names Kenya), so
    a node's ``parent`` or ``country`` is a node of the graph too."""
    gaz = load_gazetteer()
    owners = []
    for m in mentions:
        attributes = dict(m.entity.attributes)
        owner = gaz.get(attributes.get("parent") or attributes.get("country") or "")
        if owner is not None:
            owners.append(Mention(m.start, m.end, entity_of(owner), "implied"))
    return owners


def mention_span(m: Mention, doc: Doc) -> MentionSpan:
    """Where a mention lies in the document's text, and the entity it names."""
    span = m.span(doc)
    return MentionSpan(m.entity.id, span.start_char, span.end_char, span.text)


def entities_of(mentions: list[Mention], doc: Doc) -> tuple[Entity, ...]:
    """One entity per id, with the surface forms the document used as aliases."""
    merged: dict[str, Entity] = {}
    for m in mentions:
        text = m.span(doc).text if m.names_entity else m.entity.label
        seen = Entity(m.entity.id, text, m.entity.type)
        base = merged.get(m.entity.id, m.entity)
        merged[m.entity.id] = base.merged(seen) if text != base.label else base
    return tuple(merged[k] for k in sorted(merged))


def _char_span(m: Mention, doc: Doc) -> tuple[int, int]:
    span = mention_span(m, doc)
    return (span.start, span.end)


def to_assertion(f: Found, doc: Doc, document: Document) -> Assertion:
    """An assertion with its evidence: sentence, spans and trigger."""
    trigger = doc[f.trigger]
    sent = trigger.sent
    text = sent.text.rstrip()
    return Assertion(
        doc_id=document.id,
        relation=f.relation,
        subject=f.subject.entity.ref(),
        object=f.object.entity.ref(),
        sentence=TextSpan(text, sent.start_char, sent.start_char + len(text)),
        subject_span=_char_span(f.subject, doc),
        object_span=_char_span(f.object, doc),
        trigger=TextSpan(trigger.text, trigger.idx, trigger.idx + len(trigger.text)),
        modality=f.modality,
        negated=f.negated,
        date=resolve_date(f.date, document.published, future=f.modality == "planned")
        or (document.published.isoformat() if document.published else None),
        location=f.location.entity.ref() if f.location else None,
        attributed_to=f.attributed_to.entity.ref() if f.attributed_to else None,
        confidence=f.confidence,
        rule=f.rule,
        role=f.role,
        trigger_id=f.trigger_id or f"grammar:{f.rule}",
    )
