"""The gold scorer follows the matching rules of the gold file's header."""

from __future__ import annotations

import pytest

from graph.evaluate import evaluate, match_entities, norm, parse_gold
from graph.model import DocResult, Document, Entity
from tests.conftest import claim

GOLD = {
    "documents": [
        {
            "file": "d1.txt",
            "entities": [
                {
                    "id": "iran",
                    "label": "Iran",
                    "type": "Country",
                    "aliases": ["Tehran"],
                },
                {"id": "tehran", "label": "Tehran", "type": "Location", "aliases": []},
                {"id": "russia", "label": "Russia", "type": "Country", "aliases": []},
                {"id": "israel", "label": "Israel", "type": "Country", "aliases": []},
            ],
            "required": [
                {"subject": "iran", "relation": "drilled-with", "object": "russia"},
                {
                    "subject": "israel",
                    "relation": ["attacked", "fought"],
                    "object": "iran",
                },
            ],
            "allowed": [
                {"subject": "iran", "relation": "cooperated-with", "object": "russia"}
            ],
            "forbidden": [
                {
                    "subject": "russia",
                    "object": "israel",
                    "modality": "asserted",
                    "evidence": "the risk of ... action",
                }
            ],
        }
    ]
}


def _a(s: Entity, rel: str, o: Entity, sentence: str = "x", modality="asserted"):
    return claim(s, rel, o, doc_id="d1", sentence=sentence, modality=modality)


IRAN = Entity("iran", "Iran", "Country")
RUSSIA = Entity("russia", "Russia", "Country")
ISRAEL = Entity("israel", "Israel", "Country")
TEHRAN = Entity("tehran", "Tehran", "Location")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Iran’s", "iran"),
        ("Iran's", "iran"),
        ("the United States", "united states"),
        ("“JCPOA”", "jcpoa"),
        ("U.S.", "u.s"),
    ],
)
def test_norm(raw, expected):
    assert norm(raw) == expected


def test_same_type_wins_for_a_shared_name():
    gold = parse_gold(GOLD)[0]
    matched = match_entities(
        [TEHRAN, Entity("iran", "Iran", "Country", ("Tehran",))], gold.entities
    )
    assert matched["tehran"].id == "tehran"
    assert matched["iran"].id == "iran"


def test_duplicate_node_counts_as_wrong():
    gold = parse_gold(GOLD)
    dup = Entity("islamic-republic", "Islamic Republic", "Country", ("Iran",))
    r = DocResult(Document("d1", "x"), (IRAN, dup, RUSSIA), ())
    report = evaluate(gold, [r])
    assert report.entities.false_pos == 1
    assert report.entities.recall == 0.5  # israel and the tehran location missed


def test_relations_symmetric_lists_allowed_and_forbidden():
    gold = parse_gold(GOLD)
    assertions = (
        _a(RUSSIA, "drilled-with", IRAN),  # required, symmetric, reversed
        _a(IRAN, "cooperated-with", RUSSIA),  # allowed
        _a(IRAN, "attacked", ISRAEL),  # wrong direction: a false positive
        _a(RUSSIA, "threatened", ISRAEL, "the risk of further military action"),
    )
    r = DocResult(Document("d1", "x"), (IRAN, RUSSIA, ISRAEL), assertions)
    report = evaluate(gold, [r])
    assert (report.required_found, report.required_total) == (1, 2)
    assert report.relations.true_pos == 2
    assert report.relations.false_pos == 2
    assert len(report.forbidden) == 1
    assert "israel attacked|fought iran" in report.relations.missed[0]
