"""The re3d scorer follows eval/re3d-dev/README.md, on tiny invented records."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from geokg.graph.errors import InputError
from geokg.graph.model import DocResult, Document, Entity, MentionSpan
from geokg.graph.re3d import (
    RE3D_TYPES,
    UNSCORED,
    load_re3d,
    parse_re3d,
    score_re3d,
)
from geokg.graph.vocabulary import RELATIONS

from tests.conftest import claim

TEXT = "Ruritanian troops shelled the Blue Front near Oldtown."
TROOPS, FRONT, TOWN = (0, 17), (26, 40), (46, 53)


def _entity(begin, end, kind, confidence=1):
    return {"documentId": "r1", "begin": begin, "end": end, "type": kind,
            "value": TEXT[begin:end], "confidence": confidence}


def _relation(kind, source, target, confidence=1.0):
    return {"documentId": "r1", "type": kind, "confidence": confidence,
            "sourceBegin": source[0], "sourceEnd": source[1],
            "targetBegin": target[0], "targetEnd": target[1],
            "source": TEXT[slice(*source)], "target": TEXT[slice(*target)],
            "value": "shelled"}


DOCS = [{"_id": "r1", "title": "Shelling", "text": TEXT, "sourceUrl": "u"}]
ENTITIES = [
    _entity(*TROOPS, "Organisation"),
    _entity(*FRONT, "Organisation"),
    _entity(*TOWN, "Location"),
    _entity(0, 10, "Nationality", confidence=0.3),  # too unsure to count
]
RELATIONS_ = [
    _relation("FightingAgainst", TROOPS, FRONT),
    _relation("Dislikes", FRONT, TROOPS, confidence=0.4),  # too unsure
    _relation("FightingAgainst", TROOPS, TOWN),  # not actor-actor
    _relation("CoLocated", FRONT, TOWN),  # a type not scored
]

RURITANIA = Entity("ruritania", "Ruritania", "Country")
FRONT_E = Entity("blue-front", "Blue Front", "Group")
OLDTOWN = Entity("oldtown", "Oldtown", "Location")


def _said(relation, s=RURITANIA, o=FRONT_E, s_span=(0, 10), o_span=(30, 40), **kw):
    a = claim(s, relation, o, doc_id="r1", sentence=TEXT, **kw)
    return replace(a, subject_span=s_span, object_span=o_span)


def _result(*assertions, mentions=()):
    return DocResult(Document("r1", TEXT), (RURITANIA, FRONT_E, OLDTOWN),
                     tuple(assertions), tuple(mentions))


def test_gold_keeps_scored_confident_actor_actor_relations():
    [doc] = parse_re3d(DOCS, ENTITIES, RELATIONS_)
    assert [(g.type, g.source.text, g.target.text) for g in doc.relations] == [
        ("FightingAgainst", "Ruritanian troops", "the Blue Front")
    ]
    assert [a.text for a in doc.actors] == ["Ruritanian troops", "the Blue Front"]
    assert doc.document == Document("r1", TEXT, title="Shelling", url="u")


def test_every_relation_is_mapped_or_named_unscored():
    assert set(RE3D_TYPES) | UNSCORED == set(RELATIONS)
    assert not set(RE3D_TYPES) & UNSCORED


@pytest.mark.parametrize(
    ("assertion", "right", "matched"),
    [
        (_said("attacked"), 1, 1),
        (_said("threatened"), 1, 1),  # Dislikes or FightingAgainst
        # FightingAgainst holds either way round
        (_said("attacked", FRONT_E, RURITANIA, (30, 40), (0, 10)), 1, 1),
        (_said("condemned"), 0, 0),  # Dislikes only: the wrong type
        (_said("attacked", o_span=(46, 53)), 0, 0),  # the object's span is elsewhere
        (_said("located-in", o=OLDTOWN, o_span=(46, 53)), None, 0),  # not scored
        (_said("attacked", negated=True), None, 0),  # a denial claims nothing
    ],
)
def test_an_assertion_is_right_when_a_gold_relation_of_its_types_overlaps(
    assertion, right, matched
):
    docs = parse_re3d(DOCS, ENTITIES, RELATIONS_)
    report = score_re3d(docs, [_result(assertion)])
    assert report.predicted == (0 if right is None else 1)
    assert report.right == (right or 0)
    assert (report.matched, report.gold) == (matched, 1)


def test_directed_relation_on_a_directed_type_does_not_flip():
    rels = [_relation("BelongsTo", TROOPS, FRONT)]
    docs = parse_re3d(DOCS, ENTITIES, rels)
    flipped = _said("member-of", FRONT_E, RURITANIA, (30, 40), (0, 10))
    assert score_re3d(docs, [_result(flipped)]).right == 0
    assert score_re3d(docs, [_result(_said("member-of"))]).right == 1


@pytest.mark.parametrize(
    ("mentions", "found"),
    [
        ((), 0),
        ((MentionSpan("ruritania", 0, 10, "Ruritanian"),), 1),
        ((MentionSpan("ruritania", 0, 10, "Ruritanian"),
          MentionSpan("blue-front", 30, 40, "Blue Front")), 2),
        ((MentionSpan("oldtown", 26, 53, "x"),), 0),  # a place is not an actor
    ],
)
def test_actor_mention_recall_counts_gold_spans_overlapping_actor_mentions(
    mentions, found
):
    docs = parse_re3d(DOCS, ENTITIES, RELATIONS_)
    report = score_re3d(docs, [_result(mentions=mentions)])
    assert (report.mentions_found, report.mentions_gold) == (found, 2)


def test_verbose_lists_missed_relations_wrong_assertions_and_missed_mentions():
    docs = parse_re3d(DOCS, ENTITIES, RELATIONS_)
    mention = MentionSpan("ruritania", 0, 10, "Ruritanian")
    report = score_re3d(docs, [_result(_said("condemned"), mentions=[mention])])
    lines = report.text(verbose=True).splitlines()
    at = lines.index("r1: relations 0/1 right, 0/1 gold found; mentions 1/2")
    assert lines[at + 1:] == [
        "  missed relation: 'Ruritanian troops' FightingAgainst 'the Blue Front'",
        f"  wrong assertion: ruritania condemned blue-front  <- {TEXT!r}",
        "  missed mention: 'the Blue Front' (Organisation, 26-40)",
    ]
    assert "missed relation" not in report.text()
    assert report.rows("re3d")[0].f1 == 0.0


def test_a_document_without_a_result_is_an_error():
    docs = parse_re3d(DOCS, ENTITIES, RELATIONS_)
    with pytest.raises(InputError, match="'r1'"):
        score_re3d(docs, [])


def _write(folder, documents=DOCS, entities=ENTITIES, relations=RELATIONS_):
    folder.mkdir(parents=True)
    for name, rows in (("documents.json", documents), ("entities.json", entities),
                       ("relations.json", relations)):
        (folder / name).write_text(
            "\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8"
        )


def test_load_reads_a_folder_of_source_folders(tmp_path):
    _write(tmp_path / "A")
    other = [dict(d, _id="r2") for d in DOCS]
    _write(tmp_path / "B", other, [], [])
    docs = load_re3d(tmp_path)
    assert [d.document.id for d in docs] == ["r1", "r2"]
    assert load_re3d(tmp_path / "A")[0].relations == docs[0].relations


@pytest.mark.parametrize("where", ["absent", "empty"])
def test_load_names_a_folder_without_re3d_files(tmp_path, where):
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match=where):
        load_re3d(tmp_path / where)


def test_load_refuses_a_malformed_line(tmp_path):
    _write(tmp_path / "A")
    (tmp_path / "A" / "entities.json").write_text("{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a re3d folder"):
        load_re3d(tmp_path)
