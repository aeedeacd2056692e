"""PLOVER scoring on hand-made records and extraction results."""

from __future__ import annotations

import json

import pytest
from geokg.graph.errors import InputError
from geokg.graph.model import Assertion, DocResult, Document, Entity, TextSpan
from geokg.graph.plover import (
    NONE,
    actor_code,
    load_plover,
    parse_plover,
    predict,
    score_plover,
    supported_types,
)
from geokg.graph.vocabulary import plover_type

IRAN = Entity("iran", "Iran", "Country", iso3="IRN")
ISRAEL = Entity("israel", "Israel", "Country", iso3="ISR")
UN = Entity("un", "United Nations", "Organization")
MINISTER = Entity("abbas-araghchi", "Abbas Araghchi", "Person")

RECORDS = [
    {"id": "DOC", "event": "DOCUMENT", "comment": "skipped"},
    {
        "id": "r1",
        "event": "DISAPPROVE",
        "text": "Araghchi condemned Israel.",
        "source": [{"code": "IRN"}],
        "target": [{"code": "ISR"}],
    },
    {
        "id": "r2",
        "event": "PROTEST",
        "text": "Iranians marched.",
        "source": [{"code": "IRN"}],
        "target": None,
    },
    {
        "id": "r3",
        "event": "CONSULT",
        "text": "Israel met Iran.",
        "source": [{"code": "IRN"}],
        "target": [{"code": "ISR"}],
    },
    {
        "id": "r4",
        "event": "FIGHT",
        "text": "Iran attacked the UN.",
        "source": [{"code": "IRN"}],
        "target": "",
    },
]


def result(doc_id: str, entities: tuple[Entity, ...], *edges: tuple) -> DocResult:
    """A document's result with assertions (subject, relation, object, confidence)."""
    sent = TextSpan("s", 0, 1)
    by_id = {e.id: e for e in entities}
    assertions = tuple(
        Assertion(
            doc_id,
            rel,
            by_id[s].ref(),
            by_id[o].ref(),
            sent,
            (i, i + 1),
            (0, 1),
            TextSpan("t", i, i + 1),
            confidence=conf,
        )
        for i, (s, rel, o, conf) in enumerate(edges)
    )
    return DocResult(Document(doc_id, "s"), entities, assertions)


RESULTS = [
    result(
        "r1",
        (IRAN, ISRAEL, MINISTER),
        ("abbas-araghchi", "condemned", "israel", 0.9),
        ("abbas-araghchi", "official-of", "iran", 0.9),
    ),
    result("r2", (IRAN,)),
    result("r3", (IRAN, ISRAEL), ("israel", "met-with", "iran", 0.9)),
    result("r4", (IRAN, UN), ("iran", "attacked", "un", 0.9)),
]


def test_records_are_read_with_version_names():
    records = parse_plover(RECORDS)
    assert [r.id for r in records] == ["r1", "r2", "r3", "r4"]
    assert [r.event for r in records] == ["ACCUSE", "PROTEST", "CONSULT", "ASSAULT"]
    assert records[1].targets == frozenset() and records[3].targets == frozenset()


def test_actor_codes_follow_offices():
    r = RESULTS[0]
    entities = {e.id: e for e in r.entities}
    assert actor_code("abbas-araghchi", entities, r.assertions) == "IRN"
    assert actor_code("un", {"un": UN}, ()) == "IGO"
    assert actor_code("nobody", entities, r.assertions) is None


def test_sector_actors_and_country_groups_take_their_states_code():
    troops = Entity(
        "iran-armed-forces", "Iranian armed forces", "GovernmentBody",
        attributes=(("parent", "iran"), ("sector", "military")),
    )
    rebels = Entity("iran-rebels", "Iranian rebels", "Group",
                    attributes=(("country", "iran"),))
    entities = {e.id: e for e in (IRAN, troops, rebels)}
    assert actor_code("iran-armed-forces", entities, ()) == "IRN"
    assert actor_code("iran-rebels", entities, ()) == "IRN"
    assert actor_code("iran-armed-forces", {troops.id: troops}, ()) is None


def test_prediction_skips_standing_and_negated_claims():
    pred = predict(RESULTS[0])
    assert (pred.event, pred.source, pred.target) == ("ACCUSE", "IRN", "ISR")
    assert predict(RESULTS[1]).event == NONE


def test_scores_count_every_record():
    report = score_plover(parse_plover(RECORDS), RESULTS)
    assert report.records == 4
    assert report.event.right == 3 and report.event.predicted == 3
    assert report.event.gold == 4
    assert report.types["PROTEST"].recall == 0.0
    assert report.confusion["PROTEST", NONE] == 1
    assert report.source.right == 3  # the symmetric meeting matches the other way round
    assert report.target.gold == 2 and report.target.right == 2
    assert report.whole == 3
    text = report.text()
    assert "PROTEST" in text and "no relation maps here" in text
    assert json.loads(json.dumps(report.to_json()))["records"] == 4


def test_missing_results_are_misses():
    report = score_plover(parse_plover(RECORDS), [])
    assert report.event.right == 0 and report.confusion["ACCUSE", NONE] == 1


def test_supported_types_come_from_the_vocabulary():
    assert "CONSULT" in supported_types() and "PROTEST" not in supported_types()


@pytest.mark.parametrize("content", ["not json", '{"a": 1}', "[1, 2]"])
def test_bad_files_are_one_line_errors(tmp_path, content):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match="PLOVER"):
        load_plover(path)


def test_missing_file_is_an_error(tmp_path):
    with pytest.raises(InputError, match="no such PLOVER"):
        load_plover(tmp_path / "absent.json")


@pytest.mark.model
def test_shared_plover_file_scores(nlp, shared_dir):
    from geokg.ingest.pipeline import extract

    path = shared_dir / "eval" / "plover" / "PLOVER_GSR_CAMEO.json"
    records = load_plover(path)[:20]
    docs = (Document(r.id, r.text) for r in records)
    report = score_plover(records, extract(docs, nlp))
    assert report.records == 20 and report.event.gold == 20


def test_a_planned_cooperative_claim_is_a_promise():
    # PLOVER's AGREE: "promise, or otherwise indicate willingness ... to cooperate"
    sent = TextSpan("s", 0, 1)

    def claim(rel: str, modality: str) -> DocResult:
        a = Assertion("p", rel, IRAN.ref(), ISRAEL.ref(), sent, (0, 1), (0, 1),
                      TextSpan("t", 0, 1), modality=modality, confidence=0.9)
        return DocResult(Document("p", "s"), (IRAN, ISRAEL), (a,))

    assert predict(claim("aided", "planned")).event == "AGREE"
    assert predict(claim("aided", "asserted")).event == "AID"
    # a planned attack stays an attack (a said one is a threat: ingest.relations)
    assert predict(claim("attacked", "planned")).event == "ASSAULT"
    assert plover_type("supported", "planned") == "AGREE"
    assert plover_type("member-of", "planned") is None
