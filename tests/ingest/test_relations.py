"""The relation extractor on small texts: one test per case of the issue."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
import rdflib
from geokg.graph.model import Assertion, Document
from geokg.graph.vocabulary import RELATIONS
from geokg.ingest.pipeline import extract
from geokg.ingest.relations import load_triggers, parse_triggers

from tests.conftest import run_cli

PUBLISHED = date(2025, 7, 18)  # a Friday


def assertions(nlp, text: str, published: date | None = PUBLISHED) -> list[Assertion]:
    """The assertions extracted from one text."""
    doc = Document(id="t", text=text, published=published)
    return [a for r in extract([doc], nlp) for a in r.assertions]


def find(found: list[Assertion], s: str, rel: str, o: str) -> Assertion | None:
    """The assertion s-rel-o (either way round for a symmetric relation)."""
    for a in found:
        ends = (a.subject.id, a.object.id)
        if a.relation == rel and (
            ends == (s, o) or (RELATIONS[rel].symmetric and ends == (o, s))
        ):
            return a
    return None


def triples(found: list[Assertion]) -> set[tuple[str, str, str]]:
    """The (subject, relation, object) ids, official-of aside (the actor layer's)."""
    return {
        (a.subject.id, a.relation, a.object.id)
        for a in found
        if a.relation != "official-of"
    }


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "s", "rel", "o"),
    [
        (
            "Abbas Araghchi met with Sergey Lavrov.",
            "abbas-araghchi",
            "met-with",
            "sergey-lavrov",
        ),
        ("Iran held talks with Russia.", "iran", "negotiated-with", "russia"),
        (
            "The United States accused Iran of seeking nuclear weapons.",
            "united-states",
            "accused",
            "iran",
        ),
        (
            "The United States imposed sanctions on Iran.",
            "united-states",
            "sanctioned",
            "iran",
        ),
        (
            "The United States withdrew from the Paris Agreement.",
            "united-states",
            "withdrew-from",
            "paris-agreement",
        ),
        ("Peru placed the blame on Chile.", "peru", "accused", "chile"),
        ("Peru pointed a finger at Chile.", "peru", "accused", "chile"),
        # the parser hangs the name on the verb as a compound: still its subject
        (
            "Angola cooperates with Brazil on health.",
            "angola",
            "cooperated-with",
            "brazil",
        ),
        (
            "Iran signed the JCPOA in 2015. The U.S. exited the accord in 2018.",
            "united-states",
            "withdrew-from",
            "jcpoa",
        ),
    ],
)
def test_direct_and_prepositional_objects(nlp, text, s, rel, o):
    assert find(assertions(nlp, text), s, rel, o) is not None


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    ["Peru recalled its ambassador to Chile.", "Peru withdrew its envoy from Chile."],
)
def test_a_recalled_envoy_reduces_ties_and_is_no_withdrawal(nlp, text):
    found = triples(assertions(nlp, text))
    assert found == {("peru", "reduced-ties-with", "chile")}


@pytest.mark.model
def test_coordinated_subjects_act_together(nlp):
    found = assertions(nlp, "Iran and Russia have launched joint naval drills.")
    assert triples(found) <= {
        ("iran", "drilled-with", "russia"),
        ("russia", "drilled-with", "iran"),
    }
    assert find(found, "iran", "drilled-with", "russia") is not None


@pytest.mark.model
def test_coordinated_objects_give_one_edge_each_and_none_between_them(nlp):
    found = assertions(
        nlp,
        "Araghchi met with Chinese President Xi Jinping and "
        "Russian Foreign Minister Sergey Lavrov.",
    )
    assert find(found, "abbas-araghchi", "met-with", "xi-jinping")
    assert find(found, "abbas-araghchi", "met-with", "sergey-lavrov")
    assert not [
        a
        for a in found
        if {a.subject.id, a.object.id} == {"xi-jinping", "sergey-lavrov"}
    ]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "edges"),
    [
        (
            "Israeli and American strikes on Iran killed dozens.",
            {("israel", "attacked", "iran"), ("united-states", "attacked", "iran")},
        ),
        (
            "Washington-led sanctions on Iran hurt its economy.",
            {("united-states", "sanctioned", "iran")},
        ),
        (
            "The U.S. kept U.S.-led sanctions on Iran.",
            {("united-states", "sanctioned", "iran")},
        ),
        (
            "Iran is seeking help in the aftermath of U.S. airstrikes that damaged key "
            "nuclear facilities.",
            {("united-states", "attacked", "iran")},
        ),
        (
            "Iran lost hundreds of soldiers during a 12-day conflict with Israel.",
            {("iran", "fought", "israel")},
        ),
        # the passive subject of the clause took part: "X was killed in clashes
        # with Y" (the killing's doer is unnamed)
        (
            "Ana Vega was killed in a gun battle with Peruvian police on Friday.",
            {("ana-vega", "fought", "peru-police")},
        ),
    ],
)
def test_nominal_events_and_noun_modifiers(nlp, text, edges):
    assert edges <= triples(assertions(nlp, text))


@pytest.mark.model
def test_passive_join_gives_both_attackers(nlp):
    found = assertions(
        nlp,
        "Iran fought a war with Israel, which was joined by the "
        "United States in attacking Iranian nuclear sites.",
    )
    assert find(found, "united-states", "attacked", "iran")
    assert find(found, "israel", "attacked", "iran")


@pytest.mark.model
def test_relative_clause_includes_members(nlp):
    found = assertions(
        nlp,
        "Iran addressed the Shanghai Cooperation Organization (SCO), "
        "which includes China and Russia.",
    )
    assert {("china", "member-of", "sco"), ("russia", "member-of", "sco")} <= triples(
        found
    )


@pytest.mark.model
def test_coordinated_accusers_of_a_pronoun(nlp):
    found = assertions(
        nlp,
        "Tehran says its program is civilian, but the U.S. and ally "
        "Israel accuse it of seeking nuclear weapons.",
    )
    assert {
        ("united-states", "accused", "iran"),
        ("israel", "accused", "iran"),
    } <= triples(found)
    assert not find(found, "united-states", "accused", "israel")


@pytest.mark.model
def test_negation_is_kept_and_never_a_fact(nlp):
    a = find(
        assertions(nlp, "Iran will not agree to the American proposal."),
        "iran",
        "agreed-with",
        "united-states",
    )
    assert a is not None and a.negated and not a.is_fact


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "s", "rel", "o", "modality"),
    [
        (
            "Iran, China and Russia are set to discuss the nuclear issue.",
            "iran",
            "consulted-with",
            "china",
            "planned",
        ),
        (
            "Tehran will meet with France next week.",
            "iran",
            "met-with",
            "france",
            "planned",
        ),
        (
            "Israel would strike Iran if talks fail.",
            "israel",
            "attacked",
            "iran",
            "hypothetical",
        ),
        (
            "The standoff increases the risk of further military action by Israel "
            "against Iran.",
            "israel",
            "attacked",
            "iran",
            "hypothetical",
        ),
    ],
)
def test_planned_and_hypothetical(nlp, text, s, rel, o, modality):
    a = find(assertions(nlp, text), s, rel, o)
    assert a is not None and a.modality == modality and not a.is_fact


@pytest.mark.model
def test_own_conditional_force_is_a_threat_not_an_attack(nlp):
    found = assertions(
        nlp, "President Donald Trump said he would hit Iran again if necessary."
    )
    assert find(found, "donald-trump", "threatened", "iran")
    assert not [a for a in found if a.relation == "attacked" and a.is_fact]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "s", "rel", "o", "by"),
    [
        (
            "Iran and Russia signed a defense pact, according to Reuters.",
            "iran",
            "agreed-with",
            "russia",
            "reuters",
        ),
        (
            '"We condemn Israel\'s aggression," Abbas Araghchi said.',
            "abbas-araghchi",
            "condemned",
            "israel",
            "abbas-araghchi",
        ),
        ("Russia said China supported Iran.", "china", "supported", "iran", "russia"),
    ],
)
def test_reported_claims_name_their_source(nlp, text, s, rel, o, by):
    a = find(assertions(nlp, text), s, rel, o)
    assert a is not None and a.modality == "reported"
    assert a.attributed_to is not None and a.attributed_to.id == by


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "published", "when", "where"),
    [
        (
            "Iran and Russia held joint naval drills in the Caspian Sea on Tuesday.",
            PUBLISHED,
            "2025-07-15",
            "caspian-sea",
        ),
        (
            "Iran and Russia held joint naval drills last month.",
            PUBLISHED,
            "2025-06",
            None,
        ),
        ("In 2015, Iran and Russia held joint naval drills.", None, "2015", None),
        ("Iran and Russia held joint naval drills on Tuesday.", None, None, None),
        ("Iran and Russia held joint naval drills.", PUBLISHED, "2025-07-18", None),
    ],
)
def test_dates_and_places(nlp, text, published, when, where):
    a = find(assertions(nlp, text, published), "iran", "drilled-with", "russia")
    assert a is not None and a.date == when
    assert (a.location.id if a.location else None) == where


@pytest.mark.model
def test_planned_meeting_place_and_day(nlp):
    a = find(
        assertions(nlp, "Tehran will meet with France in Istanbul on Monday."),
        "iran",
        "met-with",
        "france",
    )
    assert a.location.id == "istanbul" and a.date == "2025-07-21"


@pytest.mark.model
def test_members_listed_with_their_group(nlp):
    found = assertions(nlp, "Iran will meet with France, Britain, and Germany (E3).")
    members = {
        (a.subject.id, a.modality)
        for a in found
        if a.relation == "member-of" and a.object.id == "e3"
    }
    assert members == {
        ("france", "asserted"),
        ("united-kingdom", "asserted"),
        ("germany", "asserted"),
    }


@pytest.mark.model
def test_signatories_are_parties(nlp):
    found = assertions(
        nlp,
        "In 2015, Iran and several world powers including France, the "
        "United Kingdom, and Germany, signed the Joint Comprehensive "
        "Plan of Action (JCPOA).",
    )
    parties = {a.subject.id for a in found if a.relation == "party-to"}
    assert parties == {"iran", "france", "united-kingdom", "germany"}
    assert not [a for a in found if a.relation == "agreed-with"]


@pytest.mark.model
def test_officials_keep_their_claims(nlp):
    found = assertions(nlp, "Iran's Foreign Minister Abbas Araghchi condemned Israel.")
    assert find(found, "abbas-araghchi", "condemned", "israel")
    assert not find(found, "iran", "condemned", "israel")
    assert len([a for a in found if a.relation == "official-of"]) <= 1


@pytest.mark.model
def test_speaker_urges_the_subject_of_a_must(nlp):
    found = assertions(
        nlp,
        "Iran's Foreign Minister Abbas Araghchi, according to Mehr: "
        '"The E3 must respect the deal."',
    )
    assert find(found, "abbas-araghchi", "urged", "e3")


NON_FACTS = (
    "Iran will not agree to the American proposal. "
    "Israel would strike Iran if talks fail. "
    "The standoff increases the risk of military action by Israel against Iran.\n"
)


@pytest.mark.model
def test_non_facts_never_appear_as_facts(tmp_path):
    (tmp_path / "in.txt").write_text(NON_FACTS, encoding="utf-8")
    out = tmp_path / "out"
    proc = run_cli("build", str(tmp_path / "in.txt"), "--out", str(out), "--quiet")
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(x) for x in (out / "assertions.jsonl").read_text().splitlines()]
    events = [x for x in lines if x["relation"] in ("agreed-with", "attacked")]
    assert len(events) >= 3
    assert all(x["negated"] or x["modality"] != "asserted" for x in events)
    rdf = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    direct = {
        (
            str(s).rsplit("/", 1)[-1],
            str(p).rsplit("/", 1)[-1].rsplit("#", 1)[-1],
            str(o).rsplit("/", 1)[-1],
        )
        for s, p, o in rdf
    }
    for x in events:
        prop = RELATIONS[x["relation"]].camel
        assert (x["subject"]["id"], prop, x["object"]["id"]) not in direct


def test_trigger_table_is_indexed_by_lemma():
    table = load_triggers()
    assert "meet" in table.by_verb and "drill" in table.by_noun
    assert {t.relation for t in table.triggers} >= set(RELATIONS) - {
        "official-of",
        "located-in",
    }


def sections() -> dict:
    """The packaged table's sections other than its rows (word lists, confidence)."""
    import tomllib
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "ingest" / "triggers.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if k not in ("trigger", "derived")}


def test_adding_a_trigger_is_one_line():
    row = {"relation": "attacked", "verbs": ["pummel"], "direct": True}
    table = parse_triggers({**sections(), "trigger": [row]})
    assert table.by_verb["pummel"][0].relation == "attacked"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"id": "x", "relation": "bombed", "verbs": ["bomb"]}, "not in the vocabulary"),
        ({"id": "x", "relation": "attacked", "verb": ["bomb"]}, "unknown keys"),
        ({"id": "x", "relation": "attacked", "verbs": ["bomb"], "not_sources": ["Man"]},
         "`not_sources` names no entity type"),
        # a flag the row's kind ignores
        ({"id": "x", "relation": "attacked", "nouns": ["raid"], "direct": True},
         "`direct` is read only on a row with verbs"),
        ({"id": "x", "relation": "attacked", "verbs": ["raid"], "mods": ["armed"]},
         "`mods` is read only on a row with nouns"),
        ({"id": "x", "relation": "attacked", "verbs": ["raid"],
          "unless_mods": ["mock"]}, "`unless_mods` is read only on a row with nouns"),
        ({"id": "x", "relation": "met-with", "verbs": ["host"], "named": True},
         "`named` qualifies `direct`"),
        ({"id": "x", "relation": "attacked", "preps": ["on"]}, "no verbs, nouns"),
        ({"id": "x", "relation": "attacked", "verbs": "raid"}, "list of words"),
    ],
)
def test_bad_trigger_rows_are_one_line_errors_naming_the_row(row, message):
    from geokg.graph.errors import GeokgError

    with pytest.raises(GeokgError, match=message) as caught:
        parse_triggers({**sections(), "trigger": [row]})
    text = str(caught.value)
    assert "'x'" in text and "\n" not in text and "triggers.toml" in text


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["modality"].update(negatoin=["not"]), "no word list 'negatoin'"),
        (lambda d: d.update(gramar={}), "unknown sections"),
        (lambda d: d["confidence"].pop("verb"), "no value for the rules ['verb']"),
        (lambda d: d["confidence"].update(guess=0.5), "rules the grammar has not"),
        (lambda d: d["confidence"].update(verb=2), "must be from 0 to 1"),
        (lambda d: d["intent"].update(threatened=["bombed"]), "[intent] names"),
    ],
)
def test_bad_word_lists_and_confidences_are_refused(change, message):
    from geokg.graph.errors import GeokgError

    data = {**sections(), "trigger": []}
    data = {k: dict(v) if isinstance(v, dict) else v for k, v in data.items()}
    change(data)
    with pytest.raises(GeokgError, match=re.escape(message)):
        parse_triggers(data)


@pytest.mark.model
def test_places_lie_in_countries(nlp):
    found = assertions(nlp, "The ministers met in Istanbul, Turkey, on Friday.")
    assert find(found, "istanbul", "located-in", "turkey")


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "s", "rel", "o"),
    [
        # a verb with no object takes the target of its to-infinitive ...
        ("Venezuela threatened to cut off oil supplies to Colombia.",
         "venezuela", "threatened", "colombia"),
        ("Kenya agreed to cooperate with Ethiopia on border security.",
         "kenya", "agreed-with", "ethiopia"),
        ("Canada agreed to provide 70 million dollars of aid for Haiti.",
         "canada", "agreed-with", "haiti"),
        # ... or the subject of its that-clause
        ("Brazil demanded that Argentina release the fishermen.",
         "brazil", "demanded", "argentina"),
        # a relation inside the complement is lifted to the governing verb
        ("Ghana threatened to launch a new offensive in its war with Togo.",
         "ghana", "threatened", "togo"),
        # conjoined demonyms on a sector noun are all sources
        ("Senior Malaysian and Thai officials agreed on Tuesday that their "
         "countries should share intelligence.", "malaysia", "agreed-with", "thailand"),
        # a noun phrase naming no actor stands for its "by" or "of" phrase
        ("Egypt rejected calls by Sudan for new talks.", "egypt", "rejected", "sudan"),
        ("Norway condemned the arrest of Danish journalists.",
         "norway", "condemned", "denmark"),
        # an agent noun of a country is that country's sector actor
        ("Security forces in Chad killed two Sudanese soldiers.",
         "chad-armed-forces", "attacked", "sudan-armed-forces"),
        # indirect objects are targets
        ("Japan gave Vietnam a grant of 10 million dollars.",
         "japan", "aided", "vietnam"),
        ("Spain issued an ultimatum to Morocco.", "spain", "threatened", "morocco"),
        ("Kenya telephoned Uganda on Monday.", "kenya", "consulted-with", "uganda"),
        ("Israel mounted an invasion of Lebanon.", "israel", "attacked", "lebanon"),
    ],
)
def test_general_wire_patterns(nlp, text, s, rel, o):
    assert find(assertions(nlp, text), s, rel, o) is not None


@pytest.mark.model
def test_refusal_is_a_rejection_and_negates_its_complement(nlp):
    found = assertions(nlp, "Chile refused to meet Peru's foreign minister.")
    assert find(found, "chile", "rejected", "peru") is not None
    met = find(found, "chile", "met-with", "peru")
    assert met is None or (met.negated and not met.is_fact)


@pytest.mark.model
def test_an_apposition_adds_only_what_it_names(nlp):
    text = "Poland, a key German ally, refused to send troops to Libya."
    found = assertions(nlp, text)
    assert find(found, "poland", "rejected", "libya") is not None
    # Germany is not a party to the refusal; "a German ally" says they are allies
    assert not any(
        a.subject.id == "germany" and a.relation != "cooperated-with" for a in found
    )
    assert find(found, "germany", "cooperated-with", "poland") is not None


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "s", "rel", "o"),
    [
        # alliances and good ties, said by an apposition, a copula or "between"
        ("Chile, a close ally of Peru, voted against the plan.",
         "chile", "cooperated-with", "peru"),
        ("Peru and Chile are traditionally allies.",
         "peru", "cooperated-with", "chile"),
        ("Brazil and Argentina are allies of Bolivia.",
         "argentina", "cooperated-with", "bolivia"),
        ("Venezuela, which has close ties with Cuba, said so.",
         "venezuela", "cooperated-with", "cuba"),
        ("Experts worry about the deepening ties between Peru and Bolivia.",
         "peru", "cooperated-with", "bolivia"),
        ("The cooperation between Mercosur and the Andean Community still stands.",
         "mercosur", "cooperated-with", "andean-community"),
        ("Chile will increase cooperation with Argentina.",
         "chile", "cooperated-with", "argentina"),
        # sanctions, tariffs, bans: nominal, in a relative clause, on goods
        ("The U.N. Security Council ramped up sanctions on Bolivia in 2016.",
         "unsc", "sanctioned", "bolivia"),
        ("The sanctions Washington has imposed on Moscow in recent years hurt trade.",
         "united-states", "sanctioned", "russia"),
        ("Chile levied tariffs on steel exports from Peru.",
         "chile", "sanctioned", "peru"),
        ("Peru has tightened restrictions on all travel from Chile and Bolivia.",
         "peru", "sanctioned", "bolivia"),
        ("Spain and Italy have banned imports of Chilean wine.",
         "italy", "sanctioned", "chile"),
        ("Chile and Peru have both designated the Shining Path as a terrorist group.",
         "peru", "sanctioned", "shining-path"),
        # a relative pronoun stands for its clause's head; a modifier that is an
        # accord or body is what the holders are parties to or members of
        ("Peru and Chile, who also are JCPOA signatories, criticized the plan.",
         "chile", "party-to", "jcpoa"),
        ("Spain, along with Italy and France, which remain parties to the JCPOA, "
         "called a meeting.", "france", "party-to", "jcpoa"),
        ("The JCPOA, which Peru signed in 2015, expired.",
         "peru", "party-to", "jcpoa"),
        # goods "made" by a state's people are the state's
        ("The EU levied a 50% tariff on American-made motorcycles.",
         "eu", "sanctioned", "united-states"),
        ("Peru banned imports of Chilean-grown grapes.", "peru", "sanctioned", "chile"),
        # a thing is its maker's: "the resolution passed by X"
        ("Peru's government rejected the resolution passed by the Chilean Senate.",
         "peru-government", "rejected", "chilean-senate"),
        # claiming a deed is doing it; a participle of the deed's verb names
        # its target
        ("The Shining Path claimed responsibility for the attack on a Peruvian "
         "police station.", "shining-path", "attacked", "peru"),
        ("The Shining Path has claimed several attacks targeting Peruvian security "
         "forces.", "shining-path", "attacked", "peru-armed-forces"),
        # a predicative participle: "is opposed to" is opposing
        ("Peru is opposed to Chilean mediation in the talks.",
         "peru", "rejected", "chile"),
        # receiving fire, sanctions, criticism from an actor: the actor did it
        ("Peruvian forces received heavy fire from Shining Path fighters.",
         "shining-path", "attacked", "peru-armed-forces"),
        ("Peru faces sanctions from the EU.", "eu", "sanctioned", "peru"),
        ("Peru faced criticism from Chile.", "chile", "condemned", "peru"),
        # destroying or degrading an actor is attacking it; so is its defeat
        ("The coalition is assisting the Peruvian government to degrade and "
         "ultimately destroy the Shining Path.", "peru-government", "attacked",
         "shining-path"),
        ("Peru's defeat of the Shining Path ended the war.",
         "peru", "attacked", "shining-path"),
        # a fight, a struggle, a campaign against an actor
        ("Peru continued its fight against the Shining Path.",
         "peru", "fought", "shining-path"),
        ("Chile launched a campaign against the FARC.",
         "chile", "fought", "revolutionary-armed-forces-of-colombia"),
    ],
)
def test_nominal_alliances_and_sanctions(nlp, text, s, rel, o):
    assert find(assertions(nlp, text), s, rel, o) is not None


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        # ties said to be bad are no cooperation
        "Venezuela, which has strained ties with Cuba, said so.",
        "Peru cut ties with Chile.",
        # a relative clause of a verb that is no light verb says no sanction
        "The sanctions Chile criticized hit Peru.",
        # a partner in a campaign whose purpose names the foe: no partner of it
        "Chile is a key partner in the campaign to defeat the Shining Path.",
    ],
)
def test_no_cooperation_or_sanction(nlp, text):
    found = assertions(nlp, text)
    assert not [a for a in found if a.relation in ("cooperated-with", "sanctioned")]


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        # receiving a thing from an actor is no meeting with it
        "Bolivia has received loans from the World Bank.",
        # seeking support is no support yet
        "Bolivia is actively seeking support from Peru and Chile.",
    ],
)
def test_no_meeting_or_support(nlp, text):
    found = assertions(nlp, text)
    assert not [a for a in found if a.relation in ("met-with", "supported")]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "triple", "modality"),
    [
        # a hedged courtesy is performed, and what it thanks for was done
        ("I would like to thank Chile and Peru for their assistance to Bolivia.",
         ("chile", "aided", "bolivia"), "asserted"),
        ("Peru would like to congratulate Jorge Ruiz on his election.",
         ("peru", "supported", "jorge-ruiz"), "asserted"),
        # a warning's "if" is its content: the warning is made
        ("Ankara is warning Washington of severe consequences if it buys the jets.",
         ("turkey", "threatened", "united-states"), "asserted"),
        # what a party advocates is asked for, not done
        ("The African Union has always advocated a strategic partnership with the "
         "United Nations.", ("african-union", "cooperated-with", "un"),
         "hypothetical"),
        # an attack under "if" stays hypothetical
        ("Peru would attack Chile if it crossed the border.",
         ("peru", "attacked", "chile"), "hypothetical"),
        # what carries on holds now: stated, not planned
        ("Portugal will continue to support Chile.",
         ("portugal", "supported", "chile"), "asserted"),
        ("Peru will remain a member of the African Union.",
         ("peru", "member-of", "african-union"), "asserted"),
        # a definite event that is its clause's subject happened; the modal is
        # about what it means
        ("The withdrawal of the United States from the Paris Agreement can be seen "
         "as an attempt to start a race.",
         ("united-states", "withdrew-from", "paris-agreement"), "asserted"),
        # "would" after a past "said" is the reported "will": an intent
        ("Peru said on Friday it would restart its cooperation with Chile.",
         ("peru", "cooperated-with", "chile"), "planned"),
        # what was due to happen did not happen
        ("Peru and Chile were supposed to sign a fishing pact in May.",
         ("peru", "agreed-with", "chile"), "hypothetical"),
        # so does a relation that is itself the condition
        ("If Peru recognizes Chile, the talks will resume.",
         ("peru", "supported", "chile"), "hypothetical"),
        ("Peace will come only if Peru recognizes Chile.",
         ("peru", "supported", "chile"), "hypothetical"),
    ],
)
def test_modality_of_courtesies_and_warnings(nlp, text, triple, modality):
    found = find(assertions(nlp, text), *triple)
    assert found is not None and found.modality == modality


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        # a trade or tariff fight is no fighting
        "Trump has been waging a tariff fight with Canada.",
        "Peru and Chile are locked in a trade war.",
        # joining others in an act, or a body's positions, is no membership
        "Tonga joins other leaders in calling for vaccines.",
        "Albania has joined the European Union positions on the issue.",
        # a "between" phrase names a noun's parties: none is taken from the clause
        "Recognizing the importance of cooperation between the United Nations and "
        "regional organizations, Monaco continues to support peace.",
        # one state establishing a body creates it; it is no member
        "Peru established the Andean Coordination Committee in 2001.",
    ],
)
def test_no_fighting_or_membership(nlp, text):
    found = assertions(nlp, text)
    wrong = ("fought", "member-of", "cooperated-with")
    assert not [a for a in found if a.relation in wrong], found


@pytest.mark.model
def test_defeating_is_no_attack(nlp):
    # an election, a vote, a final: "defeat" says who won, not who attacked
    assert not assertions(nlp, "Chile defeated Peru in the final.")


@pytest.mark.model
def test_troops_sent_to_a_border_are_no_aid(nlp):
    found = assertions(nlp, "The president sent 5,000 troops to Peru's border.")
    assert not [a for a in found if a.relation == "aided"]


@pytest.mark.model
def test_strikes_in_a_country_do_not_target_it(nlp):
    """ "in Syria" says where the strikes fell, not on whom."""
    found = assertions(nlp, "Chilean forces conducted 23 strikes in Bolivia.")
    assert find(found, "chile-armed-forces", "attacked", "bolivia") is None


def test_every_hand_written_row_has_its_own_id():
    import tomllib
    from importlib import resources

    text = (resources.files("ingest") / "triggers.toml").read_text(encoding="utf-8")
    ids = [row.get("id") for row in tomllib.loads(text)["trigger"]]
    assert all(ids) and len(set(ids)) == len(ids)
    assert {t.id for t in load_triggers().triggers} >= set(ids)


def test_derived_rows_add_to_the_hand_written_ones():
    hand = {"trigger": [
        {"id": "fought:fight", "relation": "fought", "verbs": ["fight"],
         "preps": ["with"], "direct": True},
        {"id": "sanctioned:sanction", "relation": "sanctioned", "nouns": ["sanction"],
         "preps": ["on"]},
    ]}
    derived = {"trigger": [
        {"id": "cameo:190:x", "relation": "attacked", "verbs": ["fight", "pummel"],
         "direct": True},
        {"id": "cameo:190:y", "relation": "attacked", "verbs": ["pummel", "wallop"],
         "direct": True},
        {"id": "cameo:163:z", "relation": "sanctioned", "verbs": ["slap"],
         "objects": ["sanction"], "preps": ["on"]},
    ]}
    table = parse_triggers({**sections(), **hand}, derived)
    assert [t.relation for t in table.by_verb["fight"]] == ["fought"]  # hand wins
    assert [t.id for t in table.by_verb["pummel"]] == ["cameo:190:x"]  # merged
    assert [t.id for t in table.by_verb["wallop"]] == ["cameo:190:y"]
    assert "slap" not in table.by_verb  # its object is a hand-written event noun
    assert all(t.derived == t.id.startswith("cameo:") for t in table.triggers)


def test_trigger_ids_are_unique():
    rows = [{"id": "a", "relation": "attacked", "verbs": ["bomb"]}] * 2
    from geokg.graph.errors import GeokgError

    with pytest.raises(GeokgError, match="'a'"):
        parse_triggers({**sections(), "trigger": rows})


@pytest.mark.model
def test_a_relation_carries_the_id_of_its_trigger_row(nlp):
    doc = nlp("Abbas Araghchi met with Sergey Lavrov.")
    assert [f.trigger_id for f in doc._.geokg_found if f.relation == "met-with"] == [
        "met-with:meet"
    ]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "inner", "outer"),
    [
        # a possessive, a "state of", a capital's apposition, a place noun's owner
        ("Violence spread in Peru's southern Puno province.", "puno", "peru"),
        ("Flights passed near the U.S. state of Alaska.", "alaska", "united-states"),
        ("A hearing was held in Chile's capital, Santiago.", "santiago", "chile"),
        ("Troops moved into Chile's Arica region.", "arica", "chile"),
        # an apposition's place noun and its owner
        ("Protests hit six townships in Cusco, Peru's tourist hub.", "cusco", "peru"),
        # a body in its city: the capital stays a city there
        ("The group met at Lima's Catholic University.", "catholic-university", "lima"),
        # a person's "of" before a body in its city is no name of the body's
        ("Maria Lopez of Lima's Catholic University said the plan failed.",
         "catholic-university",
         "lima"),
        # a direction word before a province's name: the province, not a region
        ("Gunmen attacked a market in Peru's southern Ayacucho province.",
         "ayacucho", "peru"),
        ("The attack took place in Chile's Atacama desert.", "atacama", "chile"),
        # the tagger's name took the place noun in
        ("The fighting reached Sofala province in Mozambique.", "sofala",
         "mozambique"),
        # a list of towns: the place the last one is in holds them all
        ("Soldiers raided the towns of Pisco and Ica in southern Peru.", "pisco",
         "peru"),
        ("Soldiers raided the towns of Pisco and Ica in southern Peru.", "ica",
         "peru"),
        # a news dateline
        ("CUSCO, PERU — The rain fell for a week.", "cusco", "peru"),
        # "X is home to Y", "X, which is home to Y"
        ("Peru is home to the Andean Development Bank.", "andean-development-bank",
         "peru"),
        ("Puno, which is home to the Andean Development Bank, grew fast.",
         "andean-development-bank", "puno"),
    ],
)
def test_places_in_places(nlp, text, inner, outer):
    found = assertions(nlp, text)
    pairs = {(a.subject.id, a.object.id) for a in found if a.relation == "located-in"}
    assert any(s.endswith(inner) and o == outer for s, o in pairs), pairs


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        # a list of regions: peers, not containers
        "The war caused the whole of Europe, East Asia, North Africa and the "
        "Middle East to suffer.",
        # the summit is in Panama, not the Americas
        "The debate at the Summit of the Americas in Panama clarified the order.",
        # people a country is home to are no place in it
        "Chile is home to many Peruvians.",
    ],
)
def test_no_places_in_places(nlp, text):
    assert not [a for a in assertions(nlp, text) if a.relation == "located-in"]

@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "members", "bloc", "negated"),
    [
        # a bloc's member noun before, after or about a name
        ("NATO member Turkey bought Russian missiles.", ["turkey"], "nato", False),
        ("Poland, a NATO member, sent troops.", ["poland"], "nato", False),
        ("Spain trained with its NATO allies.", ["spain"], "nato", False),
        # a noun phrase presupposes the membership, whatever its clause says
        ("Turkey could be excluded from drills with its NATO allies.", ["turkey"],
         "nato", False),
        # a copula states it, under the clause's negation
        ("Poland is not a NATO member.", ["poland"], "nato", True),
        # the peers of a bloc
        ("The tariffs hit wine from France and other EU countries.", ["france"],
         "eu", False),
        # "as a member of": the subject's role before the verb, the object's after
        ("John Miller, as a member of the Peruvian Socialist Party, visited Chile.",
         ["john-miller"], "peruvian-socialist-party", False),
        ("Chilean reports have identified Jorge Ruiz as a member of the Shining "
         "Path.", ["jorge-ruiz"], "shining-path", False),
        # a unit, a comma, the larger unit; a person or unit assigned to one
        ("Soldiers from 3rd Battalion, 21st Field Artillery Regiment arrived.",
         ["3rd-battalion"], "21st-field-artillery-regiment", False),
        ("Sgt. John Miller was assigned to 2nd Battalion, 5th Special Forces Group.",
         ["john-miller"], "2nd-battalion", False),
        # the founders of a bloc are its members, also of a bloc "known as" a name
        ("Chile and Peru created the Pacific Alliance in 2011.", ["chile", "peru"],
         "pacific-alliance", False),
        ("Peru, Chile and Bolivia left the OAS and created a confederation known as "
         "the Andean Union.", ["peru", "chile", "bolivia"], "andean-union", False),
    ],
)
def test_members_of_blocs(nlp, text, members, bloc, negated):
    found = _triples(assertions(nlp, text))
    for member in members:
        assert (member, "member-of", bloc, negated) in found, found


@pytest.mark.model
def test_a_hyphen_pair_alone_is_no_event(nlp):
    assert not assertions(nlp, "The Peru-Bolivia border is long.")


@pytest.mark.model
def test_a_person_is_a_member_only_where_a_member_noun_says_so(nlp):
    found = _triples(assertions(nlp, "Maria Lopez, a member of the Andean "
                                     "Institute, joined the Lima Group in 2001."))
    assert ("maria-lopez", "member-of", "andean-institute", False) in found, found
    # a joiner or founder of a body is no member of it (official-of says the office)
    assert ("maria-lopez", "member-of", "lima-group", False) not in found, found


@pytest.mark.model
def test_an_absolute_with_phrase_gives_its_participle_a_subject(nlp):
    found = _triples(assertions(
        nlp,
        "The Chilean and Peruvian leaders traded barbs, with Gabriel Boric at one "
        "point condemning Bolivia.",
    ))
    assert ("gabriel-boric", "condemned", "bolivia", False) in found, found
    assert not [t for t in found if t[2] == "bolivia" and t[0] != "gabriel-boric"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bare noun of a speech act the text reported just before: its author
        ("Peru accused Chile of spying on its navy. Chile rejected the accusations "
         "on Monday.", {("chile", "rejected", "peru", False)}),
        ("Peru called for a vote on the plan. Chile and Bolivia backed the call.",
         {("chile", "supported", "peru", False), ("bolivia", "supported", "peru",
                                                   False)}),
        ("Bolivia offered new talks. Lima rejected the offer.",
         {("peru", "rejected", "bolivia", False)}),
        # no act before, the answerer's own act, or a noun that says whose it is
        ("Chile rejected the accusations.", set()),
        ("Peru accused Chile of spying. Peru repeated the accusations.", set()),
        ("Peru accused Chile of spying. Bolivia rejected Ecuador's accusations.",
         set()),
    ],
)
def test_an_answer_to_a_speech_act_reported_before(nlp, text, expected):
    found = assertions(nlp, text)
    answers = {
        (a.subject.id, a.relation, a.object.id, a.negated)
        for a in found
        if a.rule == "response"
    }
    assert answers == expected


@pytest.mark.model
def test_a_name_word_is_no_event_and_a_partner_no_member(nlp):
    found = _triples(assertions(nlp, "Chile and Peru created the Pacific Alliance."))
    # "Alliance" in the bloc's name is no alliance of the bloc with its founders
    assert not [t for t in found if t[1] == "cooperated-with"], found
    # a list of units of one kind: peers, not parts of each other
    found = _triples(assertions(nlp, "The 1st Brigade, the 2nd Brigade and the 3rd "
                                     "Brigade moved north."))
    assert not [t for t in found if t[1] == "member-of"], found
    found = _triples(assertions(nlp, "Peru thanked our Andean partners."))
    assert not [t for t in found if t[1] == "member-of"], found
    # many members beside one name: not that one's membership
    found = _triples(assertions(nlp, "Juma Ago Isaac — the NATO members each wrote "
                                     "his name down."))
    assert not [t for t in found if t[1] == "member-of"], found


def _triples(found) -> set[tuple[str, str, str, bool]]:
    return {(a.subject.id, a.relation, a.object.id, a.negated) for a in found}


@pytest.mark.model
def test_negation_does_not_reach_a_nominal_event_in_the_object(nlp):
    found = _triples(
        assertions(nlp, "Brazil has never condemned Chile's invasion of Bolivia.")
    )
    assert ("brazil", "condemned", "chile", True) in found
    assert ("chile", "attacked", "bolivia", False) in found
    # the condemner is no party to the invasion
    assert not [t for t in found if t[1] == "attacked" and "brazil" in t]


@pytest.mark.model
def test_negation_through_a_light_verb_or_a_subject(nlp):
    found = _triples(assertions(nlp, "Chile did not impose sanctions on Peru."))
    assert ("chile", "sanctioned", "peru", True) in found


@pytest.mark.model
def test_not_only_but_also_is_no_negation(nlp):
    text = (
        "Lawmakers are not only angry with Lima's shift toward Quito, but also a "
        "Peruvian offensive against the Shining Path in the south."
    )
    found = _triples(assertions(nlp, text))
    assert ("peru", "attacked", "shining-path", False) in found
    assert not [t for t in found if t[1] == "attacked" and t[2] == "ecuador"]


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    ["Peru seldom criticized Moscow.", "Officials said Peru rarely criticized Russia."],
)
def test_frequency_adverbs_deny(nlp, text):
    found = _triples(assertions(nlp, text))
    assert ("peru", "condemned", "russia", True) in found


@pytest.mark.model
def test_a_condemner_is_not_the_missing_attacker(nlp):
    found = assertions(nlp, "The United Nations condemned the attack on Chile.")
    assert not [a for a in found if a.relation == "attacked"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "s", "rel", "o"),
    [
        # hyphenated pairs
        ("The Chile-Bolivia talks in Lima ended on Monday.",
         "chile", "negotiated-with", "bolivia"),
        ("The Chile-Bolivia war lasted four years.", "chile", "fought", "bolivia"),
        # "ministers from" each state, meeting jointly
        ("Ministers from Spain, Italy and France met in Rome.",
         "italy", "met-with", "france"),
        ("Mercosur imposed tariffs on Chilean goods.",
         "mercosur", "sanctioned", "chile"),
        ("Bolivia welcomed the Chilean proposal.", "bolivia", "supported", "chile"),
        # an appositive name of an ally noun; a visit "to"; "is due to"; a
        # meeting convened "with"; talks counted in hours; a relative clause on
        # an apposition; an offensive a group spearheaded
        ("Another key Peruvian ally, Chile, voted no.", "peru", "cooperated-with",
         "chile"),
        ("A two-day visit by Chilean President John Miller to Peru ended on Friday.",
         "john-miller", "met-with", "peru"),
        ("Chile is due to meet Peru in Lima in January.", "chile", "met-with", "peru"),
        ("China will convene a meeting in Beijing with Iran and Peru on Friday.",
         "china", "met-with", "peru"),
        ("John Miller led more than eight hours of peace talks with Chile in Lima.",
         "john-miller", "negotiated-with", "chile"),
        ("John Miller, a former Peruvian official who had negotiated with Chile, "
         "said so.", "john-miller", "negotiated-with", "chile"),
        ("The Shining Path, which spearheaded the offensive against the Peruvian "
         "army, surrendered.", "shining-path", "attacked", "peru-armed-forces"),
        # ties with another actor unless said to be bad; joint ventures
        ("Erdogan wants to weaken Peruvian ties with Chile.",
         "peru", "cooperated-with", "chile"),
        ("Chile and Peru launched a joint operation against smugglers.",
         "chile", "cooperated-with", "peru"),
        # ties upgraded together; evidence shared; a demand in a declaration
        ("Peru and Bolivia have upgraded their diplomatic ties.",
         "peru", "supported", "bolivia"),
        ("Chilean intelligence officials have shared evidence with Peru.",
         "chile-government", "cooperated-with", "peru"),
        ("The Shining Path issued a declaration demanding that the Peruvian "
         "government release its leader.", "shining-path", "demanded",
         "peru-government"),
        # a threat's target is the subject of the condition it sets
        ("Peru has threatened to stop negotiations if Chile goes ahead with the "
         "deployment.", "peru", "threatened", "chile"),
        ("Bolivia threatened to close the border unless Peru withdrew its troops.",
         "bolivia", "threatened", "peru"),
        # a cancelled visit reduces ties
        ("Chile cancelled a planned visit to Bolivia.", "chile", "reduced-ties-with",
         "bolivia"),
        # goods or money given, also counted ("700 kg of medicine")
        ("Mercosur gave Bolivia 5 million dollars of aid for farming projects.",
         "mercosur", "aided", "bolivia"),
        ("Peru handed over 700 kg of medicine to the Red Cross in Lima.",
         "peru", "aided", "red-cross"),
        # aid received from a giver; help in a "with ..." adjunct
        ("Bolivia has received loans from the World Bank.",
         "world-bank", "aided", "bolivia"),
        ("With support from the British government, the World Food Programme "
         "distributed food in Chad.", "united-kingdom-government", "supported", "wfp"),
        # the adjunct's helper helps the subject, even when a light verb follows
        ("With support from the Peruvian government, the World Food Programme "
         "delivered food to Bolivia.", "peru-government", "supported", "wfp"),
        # "provided X with aid": X is the target, not a name of the aid
        ("Brazil provided Bolivia with aid last year.", "brazil", "aided", "bolivia"),
        ("Chile and Peru launched a joint naval patrol in the Pacific.",
         "chile", "cooperated-with", "peru"),
        # a participle after the clause has the clause's subject, not its object
        ("The Shining Path attacked Peru, accusing it of exploiting the region.",
         "shining-path", "accused", "peru"),
        ("Chile met Bolivia on Monday, urging it to reopen the border.",
         "chile", "urged", "bolivia"),
        # traded accusations, barbs, threats: each side's at the other
        ("Chile and Peru traded accusations over the border incident.",
         "peru", "accused", "chile"),
        ("Chile and Peru traded accusations over the border incident.",
         "chile", "accused", "peru"),
        ("The Chilean and Peruvian leaders exchanged angry barbs for weeks.",
         "peru", "condemned", "chile"),
        ("Peru exchanged threats with Bolivia on Monday.",
         "bolivia", "threatened", "peru"),
        # defying a body is rejecting it, also where the parser makes the
        # progressive an adjective after quotation marks
        ("Bolivia is defying the U.N. Security Council.", "bolivia", "rejected",
         "unsc"),
        ("Peru said Bolivia is “openly” defying the U.N. Security Council.",
         "bolivia", "rejected", "unsc"),
        # a hyphen's actor did the participle's deed to the noun's
        ("The Colombia-backed Shining Path seized the town.",
         "colombia", "supported", "shining-path"),
        ("The Saudi-backed government of Yemen fell.",
         "saudi-arabia", "supported", "yemen-government"),
        # a joint pair cooperates
        ("Rebels burned a joint Peru-Bolivia school near the border.",
         "peru", "cooperated-with", "bolivia"),
    ],
)
def test_compact_events(nlp, text, s, rel, o):
    assert find(assertions(nlp, text), s, rel, o) is not None


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "not_s", "rel", "not_o"),
    [
        # a to-infinitive controlled by the object: the groups fight, not the
        # trainers each other
        ("Peru and the United States trained rebel groups to fight in Chile.",
         "peru", "fought", "united-states"),
        # "partners from A, B and C": A, B and C are no partners of each other
        ("Austria donated doses to our partners from Peru, Chile and Bolivia.",
         "peru", "cooperated-with", "chile"),
        # an acronym after the name it abbreviates makes no group
        ("We support the Human Rights Council and the International Criminal "
         "Court (ICC).", "unhrc", "member-of", "icc"),
        # "its" of a clause whose subject names no actor is not the speaker's
        ("Peru spoke first. Humankind must lend its support to Bolivia.",
         "peru", "supported", "bolivia"),
        # members of a council are states, not the body of the of-phrase before
        ("We call on all States Members of the United Nations, particularly "
         "members of the Security Council, to act.", "un", "member-of", "unsc"),
        # a name in apposition speaks with no one
        ("Peru signed the accord. Its president, Ana Torres, spoke.",
         "peru", "consulted-with", "ana-torres"),
        # a helper in a fronted "with" adjunct helps the subject, not its target
        ("With support from the Peruvian government, the World Food Programme "
         "delivered food to Bolivia.", "peru-government", "supported", "bolivia"),
        # "…, with X suggesting …" is an absolute clause: X is no partner
        ("Chile and Peru traded barbs, with Ana Torres at one point suggesting "
         "talks.", "chile", "condemned", "ana-torres"),
    ],
)
def test_audit_precision_cases(nlp, text, not_s, rel, not_o):
    assert find(assertions(nlp, text), not_s, rel, not_o) is None


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "not_s", "rel", "not_o"),
    [
        # "our partners, namely A, B and C": partners of the owner, not each other
        ("Peru thanked its development partners, namely Chile, Bolivia and Ecuador.",
         "chile", "cooperated-with", "bolivia"),
        # "the insurgents in Peru's capital" are not Peru
        ("The United States negotiated a pact with the insurgents in Peru's "
         "capital, Lima.", "united-states", "negotiated-with", "peru"),
        # a body named inside a longer name is not that body
        ("Peru is a member of the African Peace and Security Council.",
         "peru", "member-of", "unsc"),
        # a claim about the conflict (it is no passing issue) does not deny it
        ("The conflict between Bolivia and Chile is not the result of a passing "
         "issue.", "bolivia", "fought", "chile"),
    ],
)
def test_second_audit_cases(nlp, text, not_s, rel, not_o):
    found = find(assertions(nlp, text), not_s, rel, not_o)
    if rel == "fought":  # stated, and not negated
        assert found is not None and not found.negated
    else:
        assert found is None


@pytest.mark.model
def test_a_clause_of_a_noun_keeps_its_own_subject(nlp):
    """ "announcing plans that Peru will visit Chile": Peru visits, not the
    announcer."""
    text = "John Miller spoke while announcing plans that Peru will visit Chile."
    found = assertions(nlp, text)
    assert find(found, "john-miller", "met-with", "chile") is None


@pytest.mark.model
def test_what_is_asked_for_is_hypothetical(nlp):
    found = assertions(nlp, "We urge the United Nations to recognize the State of "
                            "Palestine.")
    recognized = find(found, "un", "supported", "palestine")
    assert recognized is None or recognized.modality == "hypothetical"


@pytest.mark.model
def test_a_conflict_to_prevent_is_hypothetical(nlp):
    text = "It is essential to prevent another war between Peru and Chile."
    found = assertions(nlp, text)
    war = find(found, "peru", "fought", "chile")
    assert war is None or war.modality == "hypothetical"


@pytest.mark.model
def test_a_hyphenated_pair_takes_no_missing_participant(nlp):
    text = "Peru and Ecuador disagreed about who started the Chile-Bolivia war."
    found = assertions(nlp, text)
    assert find(found, "chile", "fought", "bolivia") is not None
    assert not [a for a in found if {"peru", "ecuador"} & {a.subject.id, a.object.id}]


@pytest.mark.model
@pytest.mark.parametrize("member", ["peru", "chile", "bolivia"])
def test_a_plural_description_acts_for_each_member(nlp, member):
    text = (
        "Peru, Chile and Bolivia left the bloc. "
        "The three Andean nations accused Mercosur of failing its members."
    )
    assert find(assertions(nlp, text), member, "accused", "mercosur") is not None


@pytest.mark.model
def test_a_participle_clause_is_passive(nlp):
    """ "Backed by Russia, Syria …": the agent backs the head's subject; a
    participle asked by someone else says nothing of the main clause's subject."""
    found = triples(assertions(nlp, "Backed by Russia, Syria launched an offensive."))
    assert ("russia", "supported", "syria") in found
    found = triples(
        assertions(
            nlp,
            "Asked by a reporter whether he would talk to Chile, Ana Ruiz said no.",
        )
    )
    assert not any(rel == "urged" for _, rel, _ in found)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Argentina attacked Chile's allies.",
        "Germany imposed sanctions on Russia's partners.",
        "Kenya condemned the attacks on its neighbours.",
    ],
)
def test_a_relational_noun_never_stands_for_its_owner(nlp, text):
    """ "Chile's allies" are others than Chile: no edge to the owner."""
    owners = {"chile", "russia", "kenya"}
    assert not {
        (s, o) for s, _, o in triples(assertions(nlp, text)) if o in owners
    }


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The withdrawal of Chilean troops from Bolivia began on Monday.",
        "Peru welcomed the withdrawal of Chilean troops from Bolivia.",
    ],
)
def test_an_event_nouns_of_phrase_is_whose_event_and_from_is_whence(nlp, text):
    found = triples(assertions(nlp, text))
    assert ("chile-armed-forces", "withdrew-from", "bolivia") in found
    assert ("peru", "supported", "bolivia") not in found


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The strike was carried out by Peru in coordination with the Chilean "
            "government.",
            {("peru", "cooperated-with", "chile-government")},
        ),
        (
            "Peru acted in close cooperation with Chile.",
            {("peru", "cooperated-with", "chile")},
        ),
        # the speaker of a quotation is no party to what it names
        (
            '"It stems from relying on the alliance with Chile," said Pablo Vera of '
            "Peru.",
            set(),
        ),
        # a verb of its own relation keeps its subject
        ("Peru condemned the cooperation with Chile.", set()),
    ],
)
def test_cooperation_in_a_clause_is_its_subjects(nlp, text, expected):
    found = {t for t in triples(assertions(nlp, text)) if t[1] == "cooperated-with"}
    assert found == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # private people of a country do not act for its state
        ("Thousands of Chilean tourists visited Peru last year.", set()),
        ("A Chilean businessman is suing Peru for damages.", set()),
        # an office does; and a state's people may still be its victims
        (
            "A Chilean Foreign Ministry spokesperson urged Peru to act.",
            {("chilean-foreign-ministry", "urged", "peru")},
        ),
        (
            "The Shining Path killed Peruvian civilians.",
            {("shining-path", "attacked", "peru")},
        ),
    ],
)
def test_private_people_do_not_act_for_their_state(nlp, text, expected):
    assert triples(assertions(nlp, text)) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a hyphen after an abbreviation's dot splits the names it joins
        (
            "A strong U.S.-Peru partnership is critical.",
            {("united-states", "cooperated-with", "peru")},
        ),
        # what two agree that a clause says names no party to the agreement
        (
            "Peru and Chile agreed that there is work to do to rid Bolivia of the "
            "rebels.",
            {("peru", "agreed-with", "chile")},
        ),
        # a member is named, not the owner of what a phrase includes
        ("The Peruvian targets, which include Chilean units, were hit.", set()),
    ],
)
def test_dyads_agreements_and_members_as_written(nlp, text, expected):
    found = triples(assertions(nlp, text))
    assert {t for t in found if t[1] != "attacked"} == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Peru's efforts to improve ties with Chile have paid off.",
            {("peru", "cooperated-with", "chile")},
        ),
        # a plan or a refusal is no deed done
        ("Peru's plan to attack Chile was leaked.", set()),
        ("Peru's refusal to meet Chile angered Bolivia.", set()),
    ],
)
def test_the_owner_of_a_deed_does_its_infinitive(nlp, text, expected):
    assert triples(assertions(nlp, text)) == expected


@pytest.mark.model
def test_a_comma_list_of_demonyms_names_every_state(nlp):
    text = "French, Chinese and Russian diplomats criticized Peru."
    found = triples(assertions(nlp, text))
    assert found == {
        ("france", "condemned", "peru"),
        ("china", "condemned", "peru"),
        ("russia", "condemned", "peru"),
    }


@pytest.mark.model
def test_a_third_person_in_a_quotation_is_not_its_speaker(nlp):
    text = '"That is why they want to attack Chile," Peru said.'
    assert ("peru", "threatened", "chile") not in triples(assertions(nlp, text))


@pytest.mark.model
def test_a_named_group_is_the_actor_of_its_countrys_insurgency(nlp):
    text = "The leader of Peru's Shining Path insurgency condemned Chile."
    assert triples(assertions(nlp, text)) == {("shining-path", "condemned", "chile")}


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Peru alleged that Chile was behind the attack.",
            {("peru", "accused", "chile")},
        ),
        (
            '"Chile is responsible for the massacre," Peru said.',
            {("peru", "accused", "chile")},
        ),
        # no misdeed, no accusation
        ("Chile was behind the talks, Peru said.", set()),
        ("Peru said Chile was responsible for security.", set()),
    ],
)
def test_saying_an_actor_was_behind_a_misdeed_accuses_it(nlp, text, expected):
    assert triples(assertions(nlp, text)) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Peru can lead the initiative with the support of Chile.",
        "With the support of Chile, Peru launched the plan.",
        "Peru launched the plan with Chilean support.",
    ],
)
def test_with_the_support_of_x_x_supports_the_subject(nlp, text):
    found = triples(assertions(nlp, text))
    assert ("chile", "supported", "peru") in found
    assert ("peru", "supported", "chile") not in found


@pytest.mark.model
def test_a_legal_appeal_is_no_urging(nlp):
    text = "Peru will appeal the decision of the Andean Court."
    assert not any(a.relation == "urged" for a in assertions(nlp, text))
    found = triples(assertions(nlp, "Peru appealed to Chile to release the prisoners."))
    assert ("peru", "urged", "chile") in found


@pytest.mark.model
def test_a_person_who_leaves_a_country_travels(nlp):
    found = triples(assertions(nlp, "Maria Lopez left Peru in 2009 for Chile."))
    assert not any(rel == "withdrew-from" for _, rel, _ in found)
    found = triples(assertions(nlp, "Peruvian troops left Bolivia on Monday."))
    assert ("peru-armed-forces", "withdrew-from", "bolivia") in found


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "triple"),
    [
        ("Peru welcomed news that Chile would release the prisoners.",
         ("peru", "supported", "chile")),
        ("Peru condemned the decision that Chile would close the border.",
         ("peru", "condemned", "chile")),
    ],
)
def test_the_news_a_verb_welcomes_names_its_target(nlp, text, triple):
    assert triple in triples(assertions(nlp, text))


@pytest.mark.model
def test_a_rejected_claim_about_x_rejects_no_x(nlp):
    found = triples(assertions(nlp, "Peru rejected the claim that Chile had lied."))
    assert ("peru", "rejected", "chile") not in found


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        # a contrast opposes no one
        "Peru trains pilots at home, as opposed to Chile, which trains them abroad.",
        # a faith is no actor
        "Islam urges Muslims to give to the poor.",
        # a call for something consults no one
        "Peru and Chile called for calm.",
        # a war fought in a state: the clause's subject is no party to it
        "Bolivia hopes to learn from Peru's war in Chile.",
        # a relative clause whose subject is the noun is no light verb's
        "We thank our partners, Norway and Peru, which have made our project possible.",
        # enmity is no fighting (the plural "hostilities" is)
        "The decades-long hostility between Peru and Chile persists.",
        # a description of a named actor is what it is, no event with the subject
        "Peru is the biggest donor to Andesco, the regional health alliance.",
        # some of a body's members are not the body
        "Today, Chile is recognized by 40 African Union member states.",
        # a topic ("whether X should …") urges no one
        "John Miller said reporters asked whether Peter Smith should resign.",
        # a country that hosts a body's premises meets no one
        "Peru is proud to host the Andean Trade Centre in Cusco.",
    ],
)
def test_no_relation_from_words_that_only_look_like_one(nlp, text):
    assert not [a for a in assertions(nlp, text) if a.relation != "official-of"]


@pytest.mark.model
def test_his_after_a_name_it_is_coordinated_with_is_that_persons(nlp):
    text = (
        "Senator Ann Lee opened the hearing. Democratic lawmakers in Washington "
        "thanked President Joe Biden and his aides for their work."
    )
    found = triples(assertions(nlp, text))
    assert ("us-congress", "supported", "joe-biden") in found
    assert ("us-congress", "supported", "ann-lee") not in found


@pytest.mark.model
def test_a_relative_pronoun_is_the_subject_a_misparsed_adjunct_is_not(nlp):
    text = (
        "That is currently the case for Peru, which, in defiance of international "
        "law, the Charter of the United Nations and the Constitutive Act of the "
        "Andean Community, once again attacked Bolivia in March."
    )
    found = triples(assertions(nlp, text))
    assert ("peru", "attacked", "bolivia") in found
    assert not any(s == "andean-community" for s, _, _ in found)


@pytest.mark.model
def test_a_rows_plural_noun_is_matched_as_written(nlp):
    found = triples(assertions(nlp, "The hostilities between Peru and Chile ended."))
    assert ("peru", "fought", "chile") in found or ("chile", "fought", "peru") in found
