"""The relation grammar on Docs built by hand: words, lemmas, tags, heads and
dependencies written out, actor mentions given, no trained model. Each test
pins one rule or precision case of the grammar (ingest.relations, ingest.nominal,
ingest.modality, ingest.pairing) independently of what the tagger and parser
would produce; the end-to-end tests in test_relations.py run the same cases
through the model."""

from __future__ import annotations

import spacy
from geokg.graph.model import Entity
from geokg.ingest.actors import Mention
from geokg.ingest.relations import RelationFinder, load_triggers
from spacy.tokens import Doc

VOCAB = spacy.blank("en").vocab
TYPES = {"Group": "Group", "Org": "Organization"}


def parse(rows: str) -> Doc:
    """A Doc from one token a line: ``text lemma POS TAG dep head`` (head is the
    1-based line of the head token, 0 for the root)."""
    toks = [line.split() for line in rows.strip().splitlines()]
    words = [t[0] for t in toks]
    spaces = [
        not (
            i + 1 < len(toks) and toks[i + 1][2] == "PUNCT" and toks[i + 1][0] in ".,'s"
        )
        for i in range(len(toks))
    ]
    heads = [int(t[5]) - 1 if int(t[5]) else i for i, t in enumerate(toks)]
    return Doc(
        VOCAB,
        words=words,
        spaces=spaces,
        lemmas=[t[1] for t in toks],
        pos=[t[2] for t in toks],
        tags=[t[3] for t in toks],
        deps=[t[4] if int(t[5]) else "ROOT" for t in toks],
        heads=heads,
    )


def actor(doc: Doc, text: str, kind: str = "Country", nth: int = 0) -> Mention:
    """A mention of the nth token span whose text is ``text``."""
    n = len(text.split())
    starts = [i for i in range(len(doc) - n + 1) if doc[i : i + n].text == text]
    start = starts[nth]
    entity = Entity(text.lower().replace(" ", "-"), text, TYPES.get(kind, kind))
    return Mention(start, start + n, entity, "gazetteer")


def relations(doc: Doc, mentions: list[Mention]) -> set[tuple[str, str, str, bool]]:
    finder = RelationFinder(load_triggers())
    return {
        (f.subject.entity.id, f.relation, f.object.entity.id, f.negated)
        for f in finder(doc, mentions)
    }


def test_negation_stays_with_its_verb_not_the_nominal_event_in_its_object():
    doc = parse("""
        Brazil Brazil PROPN NNP nsubj 4
        has have AUX VBZ aux 4
        never never ADV RB neg 4
        condemned condemn VERB VBN ROOT 0
        Chile Chile PROPN NNP poss 7
        's 's PART POS case 5
        invasion invasion NOUN NN dobj 4
        of of ADP IN prep 7
        Bolivia Bolivia PROPN NNP pobj 8
        . . PUNCT . punct 4
    """)
    ms = [actor(doc, "Brazil"), actor(doc, "Chile"), actor(doc, "Bolivia")]
    found = relations(doc, ms)
    assert ("brazil", "condemned", "chile", True) in found
    assert ("chile", "attacked", "bolivia", False) in found
    assert not [f for f in found if f[1] == "attacked" and "brazil" in f]


def test_not_only_negates_nothing():
    doc = parse("""
        Peru Peru PROPN NNP nsubj 2
        attacked attack VERB VBD ROOT 0
        not not PART RB neg 2
        only only ADV RB advmod 2
        Chile Chile PROPN NNP dobj 2
        . . PUNCT . punct 2
    """)
    found = relations(doc, [actor(doc, "Peru"), actor(doc, "Chile")])
    assert ("peru", "attacked", "chile", False) in found


def test_a_frequency_adverb_denies():
    doc = parse("""
        Peru Peru PROPN NNP nsubj 3
        seldom seldom ADV RB advmod 3
        criticized criticize VERB VBD ROOT 0
        Russia Russia PROPN NNP dobj 3
        . . PUNCT . punct 3
    """)
    found = relations(doc, [actor(doc, "Peru"), actor(doc, "Russia")])
    assert ("peru", "condemned", "russia", True) in found


def test_a_list_relates_its_members_to_the_object_never_to_each_other():
    doc = parse("""
        Peru Peru PROPN NNP nsubj 2
        met meet VERB VBD ROOT 0
        Chile Chile PROPN NNP dobj 2
        and and CCONJ CC cc 3
        Bolivia Bolivia PROPN NNP conj 3
        . . PUNCT . punct 2
    """)
    found = relations(doc, [actor(doc, n) for n in ("Peru", "Chile", "Bolivia")])
    assert {f[:3] for f in found} == {
        ("peru", "met-with", "chile"),
        ("peru", "met-with", "bolivia"),
    }


def test_a_joint_verb_pairs_its_coordinated_subjects():
    doc = parse("""
        Peru Peru PROPN NNP nsubj 4
        and and CCONJ CC cc 1
        Chile Chile PROPN NNP conj 1
        met meet VERB VBD ROOT 0
        in in ADP IN prep 4
        Lima Lima PROPN NNP pobj 5
        . . PUNCT . punct 4
    """)
    found = relations(doc, [actor(doc, "Peru"), actor(doc, "Chile")])
    assert {f[:3] for f in found} == {("peru", "met-with", "chile")}


def test_a_hyphenated_pair_of_a_joint_event_noun():
    doc = parse("""
        The the DET DT det 5
        Chile Chile PROPN NNP compound 4
        - - PUNCT HYPH punct 4
        Bolivia Bolivia PROPN NNP compound 5
        war war NOUN NN nsubj 6
        lasted last VERB VBD ROOT 0
        years year NOUN NNS dobj 6
        . . PUNCT . punct 6
    """)
    found = relations(doc, [actor(doc, "Chile"), actor(doc, "Bolivia")])
    assert ("chile", "fought", "bolivia", False) in found


def test_an_ally_in_apposition():
    doc = parse("""
        Chile Chile PROPN NNP nsubj 8
        , , PUNCT , punct 1
        a a DET DT det 5
        close close ADJ JJ amod 5
        ally ally NOUN NN appos 1
        of of ADP IN prep 5
        Peru Peru PROPN NNP pobj 6
        voted vote VERB VBD ROOT 0
        no no ADV RB advmod 8
        . . PUNCT . punct 8
    """)
    found = relations(doc, [actor(doc, "Chile"), actor(doc, "Peru")])
    assert ("chile", "cooperated-with", "peru", False) in found


def test_a_condemner_is_not_a_nominal_events_missing_participant():
    doc = parse("""
        Peru Peru PROPN NNP nsubj 2
        condemned condemn VERB VBD ROOT 0
        the the DET DT det 4
        attack attack NOUN NN dobj 2
        on on ADP IN prep 4
        Chile Chile PROPN NNP pobj 5
        . . PUNCT . punct 2
    """)
    found = relations(doc, [actor(doc, "Peru"), actor(doc, "Chile")])
    assert not [f for f in found if f[1] == "attacked"]


def test_the_sanctions_a_state_imposed_in_a_relative_clause():
    doc = parse("""
        The the DET DT det 2
        sanctions sanction NOUN NNS nsubj 8
        Peru Peru PROPN NNP nsubj 5
        has have AUX VBZ aux 5
        imposed impose VERB VBN relcl 2
        on on ADP IN prep 5
        Chile Chile PROPN NNP pobj 6
        hurt hurt VERB VBD ROOT 0
        trade trade NOUN NN dobj 8
        . . PUNCT . punct 8
    """)
    found = relations(doc, [actor(doc, "Peru"), actor(doc, "Chile")])
    assert ("peru", "sanctioned", "chile", False) in found


def test_a_threats_target_is_the_subject_of_its_condition():
    doc = parse("""
        Peru Peru PROPN NNP nsubj 2
        threatened threaten VERB VBD ROOT 0
        to to PART TO aux 4
        leave leave VERB VB xcomp 2
        if if SCONJ IN mark 7
        Chile Chile PROPN NNP nsubj 7
        attacked attack VERB VBD advcl 4
        . . PUNCT . punct 2
    """)
    found = relations(doc, [actor(doc, "Peru"), actor(doc, "Chile")])
    assert ("peru", "threatened", "chile", False) in found


def test_an_object_after_the_infinitive_controls_nothing():
    # "Peru would like to congratulate the President of the Andean Council, Mr.
    # Ruiz": parsed with
    # "Ruiz" the object of "like"; only an object before the infinitive controls
    # it ("trained rebels to fight"), so Peru congratulates
    doc = parse("""
        Peru Peru PROPN NNP nsubj 3
        would would AUX MD aux 3
        like like VERB VB ROOT 0
        to to PART TO aux 5
        congratulate congratulate VERB VB xcomp 3
        the the DET DT det 7
        President president PROPN NNP dobj 5
        of of ADP IN prep 7
        the the DET DT det 11
        Andean Andean PROPN NNP compound 11
        Council Council PROPN NNP pobj 8
        , , PUNCT , punct 3
        Mr. Mr. PROPN NNP compound 15
        Pablo Pablo PROPN NNP compound 15
        Ruiz Ruiz PROPN NNP dobj 3
        . . PUNCT . punct 3
    """)
    ms = [
        actor(doc, "Peru"),
        actor(doc, "Andean Council", "Org"),
        actor(doc, "Pablo Ruiz", "Person"),
    ]
    found = relations(doc, ms)
    assert not [f for f in found if f[0] == "pablo-ruiz"]
    doc = parse("""
        Peru Peru PROPN NNP nsubj 2
        sent send VERB VBD ROOT 0
        Chilean chilean ADJ JJ amod 4
        troops troop NOUN NNS dobj 2
        to to PART TO aux 6
        attack attack VERB VB xcomp 2
        Bolivia Bolivia PROPN NNP dobj 6
        . . PUNCT . punct 2
    """)
    ms = [actor(doc, "Chilean troops", "GovernmentBody"), actor(doc, "Bolivia")]
    assert ("chilean-troops", "attacked", "bolivia", False) in relations(doc, ms)
