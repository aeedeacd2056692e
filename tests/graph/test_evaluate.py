"""The gold scorer follows the matching rules of the gold file's header."""

from __future__ import annotations

import pytest
from geokg.graph.evaluate import evaluate, match_entities, norm, parse_gold
from geokg.graph.model import DocResult, Document, Entity

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


# ---- corpus gold ---------------------------------------------------------------


def _corpus_gold(*ids: str) -> dict:
    return {
        "corpus": "corpus.jsonl",
        "documents": [
            {"id": i, "entities": [{"id": "iran", "label": "Iran", "type": "Country"}]}
            for i in ids
        ],
    }


def test_corpus_gold_keys_documents_by_record_id(tmp_path):
    import json

    from geokg.graph.evaluate import load_gold

    path = tmp_path / "g.gold.json"
    path.write_text(json.dumps(_corpus_gold("7", "9")), encoding="utf-8")
    gold = load_gold(path)
    assert gold.corpus == tmp_path / "corpus.jsonl"
    assert [(d.doc_id, d.name, d.file) for d in gold.documents] == [
        ("7", "7", None),
        ("9", "9", None),
    ]


def test_select_documents_keeps_gold_order_and_names_a_missing_id():
    from geokg.graph.errors import InputError
    from geokg.graph.evaluate import select_documents

    gold = parse_gold(_corpus_gold("b", "a"))
    corpus = [Document("a", "x"), Document("c", "x"), Document("b", "x")]
    assert [d.id for d in select_documents(gold, corpus, "g")] == ["b", "a"]
    with pytest.raises(InputError, match="'zz'"):
        select_documents(parse_gold(_corpus_gold("a", "zz")), corpus, "g")


@pytest.mark.parametrize(
    "data",
    [
        {"documents": [{"id": "1", "entities": []}]},  # an id needs a corpus
        {"corpus": "c.jsonl", "documents": [{"entities": []}]},
        {"documents": [{"file": "a.txt"}]},
    ],
)
def test_a_malformed_gold_file_is_an_input_error(tmp_path, data):
    import json

    from geokg.graph.errors import InputError
    from geokg.graph.evaluate import load_gold

    path = tmp_path / "bad.gold.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InputError, match="not a gold file"):
        load_gold(path)


# ---- sector actors: a gold entity with `parent` and its parent are alike --------

RURITANIA = Entity("ruritania", "Ruritania", "Country")
ARMY = Entity("ruritania-army", "Ruritanian Army", "GovernmentBody")
REBELS = Entity("rebels", "Blue Rebels", "Group")
FREEDONIA = Entity("freedonia", "Freedonia", "Country")

SECTORS = {
    "documents": [
        {
            "file": "s.txt",
            "entities": [
                {"id": "ruritania", "label": "Ruritania", "type": "Country"},
                {
                    "id": "ruritania-army",
                    "label": "Ruritanian Army",
                    "type": "GovernmentBody",
                    "parent": "ruritania",
                },
                {"id": "rebels", "label": "Blue Rebels", "type": "Group"},
                {"id": "freedonia", "label": "Freedonia", "type": "Country"},
            ],
            "required": [
                {"subject": "ruritania-army", "relation": "attacked",
                 "object": "rebels"},
                {"subject": "ruritania", "relation": "condemned",
                 "object": "freedonia"},
                {"subject": "rebels", "relation": "fought",
                 "object": "ruritania-army"},
            ],
            "allowed": [
                {"subject": "freedonia", "relation": "supported", "object": "ruritania"}
            ],
            "forbidden": [
                {"subject": "ruritania-army", "relation": "threatened",
                 "object": "freedonia"}
            ],
        }
    ]
}


@pytest.mark.parametrize(
    ("s", "relation", "o", "found", "right", "forbidden"),
    [
        (ARMY, "attacked", REBELS, 1, 1, 0),  # as written
        (RURITANIA, "attacked", REBELS, 1, 1, 0),  # the parent for the sector
        (ARMY, "condemned", FREEDONIA, 1, 1, 0),  # the sector for the parent
        (RURITANIA, "fought", REBELS, 1, 1, 0),  # symmetric, parent, reversed
        (FREEDONIA, "supported", ARMY, 0, 1, 0),  # allowed, via the sector
        (REBELS, "attacked", RURITANIA, 0, 0, 0),  # directed: reversed is wrong
        (FREEDONIA, "attacked", REBELS, 0, 0, 0),  # no kin of the subject
        (ARMY, "threatened", FREEDONIA, 0, 0, 1),  # forbidden as written
        (RURITANIA, "threatened", FREEDONIA, 0, 0, 0),  # forbidden: no kin
    ],
)
def test_a_sector_actor_and_its_parent_stand_for_each_other(
    s, relation, o, found, right, forbidden
):
    gold = parse_gold(SECTORS)
    entities = (RURITANIA, ARMY, REBELS, FREEDONIA)
    a = claim(s, relation, o, doc_id="s")
    report = evaluate(gold, [DocResult(Document("s", "x"), entities, (a,))])
    assert report.required_found == found
    assert (report.relations.true_pos, report.relations.false_pos) == (
        right,
        1 - right,
    )
    assert len(report.forbidden) == forbidden


def test_negated_claims_are_neither_right_nor_wrong():
    gold = parse_gold(SECTORS)
    entities = (RURITANIA, ARMY, REBELS, FREEDONIA)
    assertions = (
        claim(ARMY, "attacked", REBELS, doc_id="s", negated=True),
        claim(FREEDONIA, "attacked", REBELS, doc_id="s", negated=True),
    )
    report = evaluate(gold, [DocResult(Document("s", "x"), entities, assertions)])
    assert report.required_found == 0
    assert (report.relations.true_pos, report.relations.false_pos) == (0, 0)


# ---- per-document scoring, optional entities, the verbose listing ---------------

TWO_DOCS = {
    "corpus": "c.jsonl",
    "documents": [
        {
            "id": "d1",
            "entities": [
                {"id": "iran", "label": "Iran", "type": "Country"},
                {"id": "russia", "label": "Russia", "type": "Country"},
            ],
            "required": [
                {"subject": "iran", "relation": "met-with", "object": "russia"}
            ],
        },
        {
            "id": "d2",
            "entities": [
                {"id": "russia", "label": "Russia", "type": "Country"},
                {"id": "tehran", "label": "Tehran", "type": "Location",
                 "optional": True},
                {"id": "israel", "label": "Israel", "type": "Country"},
            ],
            "required": [
                {"subject": "israel", "relation": "attacked", "object": "russia"}
            ],
        },
    ],
}


def _two_results(d2_entities=(RUSSIA, IRAN)):
    return [
        DocResult(Document("d1", "x"), (IRAN, RUSSIA),
                  (claim(IRAN, "met-with", RUSSIA, doc_id="d1"),)),
        DocResult(Document("d2", "x"), tuple(d2_entities),
                  (claim(RUSSIA, "attacked", IRAN, doc_id="d2", sentence="R hit I."),)),
    ]


def test_each_document_is_scored_on_its_own_entities_then_summed():
    report = evaluate(parse_gold(TWO_DOCS), _two_results())
    d1, d2 = report.documents["d1"], report.documents["d2"]
    assert (d1.entities.true_pos, d1.entities.false_pos) == (2, 0)
    # iran is gold in d1, not in d2: there it is unexpected
    assert (d2.entities.true_pos, d2.entities.false_pos) == (1, 1)
    assert d2.entities.false_neg == 1  # israel; the optional tehran is not missed
    assert (report.entities.true_pos, report.entities.false_pos) == (3, 1)
    assert (report.required_found, report.required_total) == (1, 2)
    assert report.entities.wrong == ["d2: 'Iran' (Country, id iran)"]


@pytest.mark.parametrize("found", [(), (TEHRAN,)])
def test_an_optional_entity_is_neither_missed_nor_wrong(found):
    report = evaluate(parse_gold(TWO_DOCS), _two_results((RUSSIA, *found)))
    d2 = report.documents["d2"]
    assert (d2.entities.true_pos, d2.entities.false_pos) == (1, 0)
    assert d2.entities.missed == ["'Israel' (Country, id israel)"]


def test_verbose_lists_each_documents_errors_under_its_name():
    report = evaluate(parse_gold(TWO_DOCS), _two_results())
    quiet, loud = report.text(), report.text(verbose=True)
    assert "missed relation" not in quiet
    lines = loud.splitlines()
    d2 = lines.index(next(x for x in lines if x.startswith("d2: ")))
    assert lines[d2 + 1:] == [
        "  missed relation: israel attacked russia",
        "  unexpected entity: 'Iran' (Country, id iran)",
        "  missed entity: 'Israel' (Country, id israel)",
    ]
    assert "d1: entities 2 matched, 0 unexpected, 0 missed; relations 1/1" in loud


def test_suite_table_has_every_figure_of_a_row():
    from geokg.graph.evaluate import Row, format_table

    table = format_table([
        Row("seeds", "relations", 1.0, 0.5, None, (3, 3), (1, 2), seconds=1.25),
        Row("total", "", None, None, seconds=9.0),
    ])
    head, row, total = table.splitlines()
    assert head.split() == ["set", "measure", "precision", "recall", "F1",
                            "type-acc", "right/pred", "found/gold", "seconds"]
    assert row.split() == ["seeds", "relations", "1.000", "0.500", "0.667", "3/3",
                           "1/2", "1.2"]
    assert total.split() == ["total", "9.0"]


# ---- the whole suite on the shared data -------------------------------------------


@pytest.mark.model
@pytest.mark.slow
def test_make_eval_suite_prints_every_row(shared_dir):
    from tests.conftest import run_cli

    proc = run_cli("eval", "--suite", str(shared_dir))
    assert proc.returncode == 0, proc.stderr
    rows = {tuple(line.split()[:2]) for line in proc.stdout.splitlines()}
    for row in [("seeds", "entities"), ("seeds", "relations"),
                ("voa-dev", "entities"), ("voa-dev", "relations"),
                ("re3d-dev", "relations"), ("re3d-dev", "actor"),
                ("plover", "event"), ("plover", "source"), ("plover", "target")]:
        assert row in rows, proc.stdout
    assert any(line.startswith("total") for line in proc.stdout.splitlines())


def test_suite_without_the_shared_folder_is_a_one_line_error(tmp_path):
    from tests.conftest import run_cli

    proc = run_cli("eval", "--suite", str(tmp_path / "absent"))
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and "absent" in proc.stderr


@pytest.mark.parametrize("first", [True, False])
def test_a_duplicate_named_by_an_alias_is_the_node_left_over(first):
    gold = parse_gold({"documents": [{"file": "p.txt", "entities": [
        {"id": "anne-roe", "label": "Anne Roe", "type": "Person", "aliases": ["Roe"]}
    ]}]})[0]
    full = Entity("anne-roe", "Anne Roe", "Person")
    short = Entity("roe", "Roe", "Person")
    extracted = [short, full] if first else [full, short]
    assert match_entities(extracted, gold.entities) == {"anne-roe": gold.entities[0]}


def test_a_gold_id_missing_from_the_corpus_is_a_one_line_error(tmp_path):
    import json

    from tests.conftest import run_cli

    (tmp_path / "corpus.jsonl").write_text(
        json.dumps({"id": "7", "text": "Iran met Russia."}) + "\n", encoding="utf-8"
    )
    gold = tmp_path / "g.gold.json"
    gold.write_text(json.dumps(_corpus_gold("7", "404")), encoding="utf-8")
    proc = run_cli("eval", str(gold))
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and "'404'" in proc.stderr
