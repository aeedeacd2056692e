"""The CAMEO converter: invented dictionary lines, the committed table, the model."""

from __future__ import annotations

import re
import tomllib

import pytest
from geokg.graph.vocabulary import cameo_relation
from geokg.ingest import cameo
from geokg.ingest.relations import load_triggers, parse_triggers

from tests.conftest import ROOT, SHARED

SOURCE = SHARED / "dictionaries" / "petrarch2" / "CAMEO.2.0.txt"

# Invented verbs in the dictionary's format: a synonym set, blocks with their own
# codes, verbs with codes of their own, patterns of other codes and of a code no
# relation has.
DICTIONARY = """\
####### SYNONYM SETS #######

&GADGET
+ROCKET
+MORTAR

####### VERB PATTERNS #######

---  ZORBLE   [111]  ---
ZORBLE
FRIBBLE {FRIBBLES FRIBBLED FRIBBLING}
+QUIBBLE_WITH [111]
- * (WITH)                                  [190:190]     # ZORBLE
- * (AGAINST)                               [138]         # FRIBBLE
- * (FOR)                                   [141]         # ZORBLE
- * SANCTIONS (ON)                          [163]         # ZORBLE
- * (WITH &GADGET)                          [194]         # ZORBLE
- &GADGET *                                 [194]         # ZORBLE
- * OUT (OF TALKS)                          [164]         # ZORBLE
- * (TOWARD +)                              [0256]        # URGE

---  THWACK   [190]  ---
THWACK
WALLOP [192]
BONK
- * (INTO)                                  [192]         # BONK

---  TAKE_STEPS   [182]  ---
TAKE {TAKES TOOK TAKEN TAKING}
- * (AGAINST)                               [182]         # TAKE
"""


@pytest.fixture(scope="module")
def derived() -> tuple[dict[str, dict], cameo.Report]:
    """The rows the converter makes of the invented dictionary (by id), its report."""
    rows, report = cameo.derive(cameo.parse(DICTIONARY))
    return {row["id"]: row for row in rows}, report


def test_a_block_code_becomes_one_row_with_its_synonyms(derived):
    rows, _ = derived
    row = rows["cameo:111:zorble"]
    assert row["relation"] == "condemned"
    assert row["verbs"] == {"zorble", "fribble"} and row["direct"]


def test_a_compound_verb_gives_its_preposition(derived):
    rows, _ = derived
    assert rows["cameo:111:zorble:with"]["verbs"] == {"quibble"}
    assert rows["cameo:111:zorble:with"]["preps"] == {"with"}


def test_a_pattern_belongs_to_its_own_code(derived):
    rows, _ = derived
    mutual = rows["cameo:190-190:zorble:with"]
    assert mutual["relation"] == "fought" and mutual["joint"]
    assert mutual["verbs"] == {"zorble"} and mutual["preps"] == {"with"}
    threat = rows["cameo:138:zorble:against"]
    assert threat["relation"] == "threatened" and threat["verbs"] == {"fribble"}


def test_an_object_pattern_keeps_its_verb(derived):
    rows, _ = derived
    row = rows["cameo:163:zorble:sanction:on"]
    assert row["relation"] == "sanctioned"
    assert (row["verbs"], row["objects"], row["preps"]) == (
        {"zorble"},
        {"sanction"},
        {"on"},
    )


def test_codes_with_no_relation_are_counted_not_dropped(derived):
    rows, report = derived
    assert report.unmapped == {"141": 1}
    assert not any(":141:" in row_id for row_id in rows)


def test_what_no_row_can_say_is_counted(derived):
    rows, report = derived
    # "(WITH &GADGET)", "&GADGET *", "OUT (OF TALKS)", and "# URGE": not a verb here
    assert report.unusable == 4
    assert not any(row_id.startswith(("cameo:194", "cameo:164")) for row_id in rows)


def test_a_catch_all_code_makes_no_bare_verb_rows(derived):
    rows, report = derived
    assert "cameo:190:thwack" not in rows and report.catch_all == 2  # thwack, bonk
    assert rows["cameo:192:thwack"]["verbs"] == {"wallop"}  # a code of its own
    assert rows["cameo:192:thwack:into"]["verbs"] == {"bonk"}


def test_a_generic_verb_needs_its_preposition(derived):
    rows, _ = derived
    assert "cameo:182:take_steps" not in rows
    assert rows["cameo:182:take_steps:against"]["verbs"] == {"take"}


def test_the_table_is_toml_the_trigger_table_reads():
    text, report = cameo.convert(DICTIONARY)
    assert text.startswith("# Trigger rows derived from the CAMEO verb dictionary")
    assert "The MIT License (MIT)" in text and "Open Event Data Alliance" in text
    assert "141 (1)" in text  # the unmapped codes are in the header
    data = tomllib.loads(text)
    ids = [row["id"] for row in data["trigger"]]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    from tests.ingest.test_relations import sections

    table = parse_triggers(sections(), data)
    assert table.by_verb["zorble"][0].id.startswith("cameo:")
    assert cameo.convert(DICTIONARY)[0] == text  # deterministic


@pytest.mark.parametrize(
    ("code", "mutual", "relation"),
    [
        ("046", False, "negotiated-with"),
        ("040", False, "consulted-with"),
        ("041", True, "consulted-with"),
        ("043", False, "met-with"),
        ("045", False, None),  # mediate: no relation of ours
        ("057", True, "agreed-with"),
        ("062", True, "drilled-with"),
        ("0256", False, "urged"),
        ("110", False, None),
        ("1121", False, "accused"),
        ("163", False, "sanctioned"),
        ("161", False, "reduced-ties-with"),
        ("166", False, "withdrew-from"),
        ("183", False, "attacked"),
        ("190", False, "attacked"),
        ("190", True, "fought"),
        ("202", False, "attacked"),
    ],
)
def test_codes_map_by_longest_prefix(code, mutual, relation):
    assert cameo_relation(code, mutual=mutual) == relation


def test_every_code_maps_to_at_most_one_relation():
    for number in range(10, 205):
        for mutual in (False, True):
            cameo_relation(f"{number:03d}", mutual=mutual)  # raises if two claim it


@pytest.fixture(scope="module")
def source_text() -> str:
    """The CAMEO verb dictionary beside the repo; skip if it is absent."""
    if not SOURCE.is_file():
        pytest.skip(f"{SOURCE} is not beside the repo")
    return SOURCE.read_text(encoding="utf-8")


def test_the_committed_table_is_what_the_converter_makes(source_text):
    made, _ = cameo.convert(source_text)
    assert cameo.TABLE.read_text(encoding="utf-8") == made, (
        "ingest/data/cameo_triggers.toml is stale: run `python -m geokg.ingest.cameo`"
    )


def test_the_readme_lists_every_code_with_no_relation(source_text):
    _, report = cameo.convert(source_text)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"`(\d{3})`", readme.partition("## Relations")[2]))
    assert {code[:3] for code in report.unmapped} <= listed


def test_the_converter_runs_from_the_command_line(source_text, tmp_path, capsys):
    out = tmp_path / "table.toml"
    assert cameo.main(["--source", str(SOURCE), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == cameo.TABLE.read_text(encoding="utf-8")
    assert "Rows per relation" in capsys.readouterr().out


def test_a_missing_source_is_a_clear_error(tmp_path, capsys):
    missing = tmp_path / "CAMEO.txt"
    assert cameo.main(["--source", str(missing), "--out", str(tmp_path / "t")]) == 1
    assert str(missing) in capsys.readouterr().err


def test_hand_written_rows_keep_their_lemmas():
    table = load_triggers()
    hand = load_triggers(derived=False)
    assert len(table.triggers) > len(hand.triggers)
    for lemma, rows in hand.by_verb.items():
        assert table.by_verb[lemma] == rows  # "fight" stays fought, never attacked
    for lemma, rows in hand.by_noun.items():
        assert table.by_noun[lemma] == rows


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "lemma", "s", "rel", "o"),
    [
        ("Chile castigated Peru over the fishing dispute.",
         "castigate", "chile", "condemned", "peru"),
        ("Ghana occupied two Togolese border villages.",
         "occupy", "ghana", "attacked", "togo"),
        ("Bolivia thanked Paraguay for its help.",
         "thank", "bolivia", "supported", "paraguay"),
        ("Ecuador huddled with Colombia over the crisis.",
         "huddle", "ecuador", "negotiated-with", "colombia"),
    ],
)
def test_a_derived_verb_fires(nlp, text, lemma, s, rel, o):
    assert lemma not in load_triggers(derived=False).by_verb
    found = [
        f
        for f in nlp(text)._.geokg_found
        if (f.subject.entity.id, f.relation, f.object.entity.id) == (s, rel, o)
    ]
    assert found and found[0].trigger_id.startswith("cameo:")
    assert found[0].confidence < 0.9  # trusted less than a hand-written verb
