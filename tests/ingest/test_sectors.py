"""Sector actors, metonyms, affiliations and names in no table: invented sentences."""

from __future__ import annotations

import pytest
from geokg.ingest.sectors import parse_agents

pytestmark = pytest.mark.model


def mentions(nlp, text: str) -> dict[str, tuple[str, str, dict]]:
    """Surface text -> (entity id, type, attributes) of every mention found."""
    doc = nlp(text)
    return {
        m.span(doc).text: (m.entity.id, m.entity.type, dict(m.entity.attributes))
        for m in doc._.geokg_mentions
    }


def relations(nlp, text: str) -> set[tuple[str, str, str]]:
    """(subject id, relation, object id) of every relation found."""
    doc = nlp(text)
    return {
        (f.subject.entity.id, f.relation, f.object.entity.id) for f in doc._.geokg_found
    }


@pytest.mark.parametrize(
    ("text", "surface", "entity_id", "parent"),
    [
        # a demonym, a possessive or an "of"/"in" phrase owns the agent noun
        (
            "Bolivian government forces shelled positions near Sucre.",
            "Bolivian government forces",
            "bolivia-armed-forces",
            "bolivia",
        ),
        (
            "Ghanaian officials blamed Togo for the delay.",
            "Ghanaian officials",
            "ghana-government",
            "ghana",
        ),
        (
            "Peru's security forces detained twelve people.",
            "Peru's security forces",
            "peru-armed-forces",
            "peru",
        ),
        (
            "The government of Chile condemned the vote.",
            "government of Chile",
            "chile-government",
            "chile",
        ),
        (
            "Police in Ecuador arrested the suspects.",
            "Police in Ecuador",
            "ecuador-police",
            "ecuador",
        ),
        (
            "Uruguayan lawmakers rejected the budget.",
            "Uruguayan lawmakers",
            "uruguay-legislature",
            "uruguay",
        ),
        # a person's regime: the person's country in the gazetteer
        (
            "The Putin government denied the report.",
            "Putin government",
            "russia-government",
            "russia",
        ),
        # seats of power stand for their state's government
        (
            "The Kremlin dismissed the proposal.",
            "Kremlin",
            "russia-government",
            "russia",
        ),
        (
            "Downing Street declined to comment.",
            "Downing Street",
            "united-kingdom-government",
            "united-kingdom",
        ),
        (
            "Zhongnanhai signalled its approval.",
            "Zhongnanhai",
            "china-government",
            "china",
        ),
        # a bare agent noun takes the one country its context names
        (
            "Uruguay voted on Sunday. The government said turnout was high.",
            "government",
            "uruguay-government",
            "uruguay",
        ),
    ],
)
def test_sector_actor(nlp, text, surface, entity_id, parent):
    found = mentions(nlp, text)
    assert surface in found, found
    got_id, got_type, attributes = found[surface]
    assert (got_id, got_type, attributes["parent"]) == (
        entity_id,
        "GovernmentBody",
        parent,
    )


def test_rebels_are_a_group_of_their_country_not_the_state(nlp):
    found = mentions(nlp, "Colombian rebels freed two hostages on Friday.")
    entity_id, entity_type, attributes = found["Colombian rebels"]
    assert (entity_id, entity_type, attributes) == (
        "colombia-rebels",
        "Group",
        {"country": "colombia"},
    )
    assert "colombia" not in {i for i, _, _ in found.values()}


@pytest.mark.parametrize(
    ("text", "not_a_sector"),
    [
        # two countries in context: a bare noun names no one
        (
            "Uruguay and Paraguay signed the accord. The government said it was fair.",
            "government",
        ),
        # indefinite: no definite actor
        ("Chile needs a government that listens.", "government"),
        # one office holder is a person, not a sector
        ("Peru's foreign minister arrived in Quito.", "Peru's foreign minister"),
        # the members listed act, not the group
        (
            "Danish officials, including Minister Lars Holm, met in Oslo.",
            "Danish officials",
        ),
        # "our troops" are the speaker's, not the country named nearby
        (
            "The minister visited Lima. “Thank our troops,” she said.",
            "troops",
        ),
    ],
)
def test_no_sector_actor(nlp, text, not_a_sector):
    found = mentions(nlp, text)
    assert found.get(not_a_sector, ("", "", {}))[1] != "GovernmentBody"


def test_two_owners_keep_both_states(nlp):
    found = relations(nlp, "Senior Chilean and Peruvian officials agreed to meet.")
    assert ("chile", "agreed-with", "peru") in found or (
        "peru",
        "agreed-with",
        "chile",
    ) in found


def test_sector_actors_relate(nlp):
    found = relations(nlp, "Bolivian troops attacked Chilean rebels near the border.")
    assert ("bolivia-armed-forces", "attacked", "chile-rebels") in found


@pytest.mark.parametrize(
    ("text", "person", "owner", "owner_type"),
    [
        (
            "Maria Ortiz, a senior fellow at the Brookfield Council, said the talks "
            "would fail.",
            "maria-ortiz",
            "brookfield-council",
            "Organization",
        ),
        (
            "Professor Daniel Weiss of Stanford University said the ban was legal.",
            "daniel-weiss",
            "stanford-university",
            "Organization",
        ),
        (
            "Elena Petrova, director of the Kestrel Center for Eurasian Studies, "
            "criticized the plan.",
            "elena-petrova",
            "kestrel-center-for-eurasian-studies",
            "Organization",
        ),
        (
            "Brazilian Minister of Defense Jose Mucio visited Lima.",
            "jose-mucio",
            "brazil",
            "Country",
        ),
    ],
)
def test_affiliations_are_offices(nlp, text, person, owner, owner_type):
    doc = nlp(text)
    offices = {
        (f.subject.entity.id, f.object.entity.id, f.object.entity.type)
        for f in doc._.geokg_found
        if f.relation == "official-of"
    }
    assert (person, owner, owner_type) in offices


@pytest.mark.parametrize(
    ("text", "surface", "entity_type"),
    [
        # names in no table, typed by context
        (
            "Engineers at Valdora Holdings Ltd warned the ministry.",
            "Valdora Holdings Ltd",
            "Organization",
        ),
        # a name the tagger cut is made whole
        (
            "The Office of Coastal and Marine Affairs said so.",
            "Office of Coastal and Marine Affairs",
            "GovernmentBody",
        ),
        # an outlet's service is an outlet
        ("VOA's Pashto Service spoke to the villagers.", "Pashto Service", "Media"),
    ],
)
def test_names_in_no_table(nlp, text, surface, entity_type):
    found = mentions(nlp, text)
    assert found.get(surface, ("", "", {}))[1] == entity_type, found


@pytest.mark.parametrize(
    ("text", "not_a_node"),
    [
        ("Lucia Marin contributed to this report.", "Lucia Marin"),
        ("Correspondent Tomas Berg reported the clashes.", "Tomas Berg"),
        ("Cyclone Elsa hit the coast.", "Cyclone Elsa"),
        ("African leaders met in Accra.", "African"),
        ("The Secretary of State spoke.", "State"),
    ],
)
def test_not_actors(nlp, text, not_a_node):
    assert not_a_node not in mentions(nlp, text)


def test_agent_table_ranks_sectors_and_keeps_only_ours():
    table = parse_agents(
        {
            "agents": [
                {
                    "words": "security force",
                    "plural": "security forces",
                    "sector": "police",
                },
                {
                    "words": "security force",
                    "plural": "security forces",
                    "sector": "military",
                },
                {"words": "farmer", "sector": "agriculture"},
            ]
        }
    )
    assert table.sector(["security", "forces"]) == "military"
    assert table.sector(["farmer"]) is None


def test_forces_of_a_body_or_group_are_not_a_states(nlp):
    text = "Coalition warplanes and Kestrel Front fighters in Syria clashed on Monday."
    ids = {i for i, _, _ in mentions(nlp, text).values()}
    assert "global-coalition-against-daesh" in ids
    assert not any(i.startswith("syria-") for i in ids)


def test_coalition_fights_the_islamic_state(nlp):
    found = relations(
        nlp, "Coalition military forces conducted 12 strikes against Daesh fighters."
    )
    assert ("global-coalition-against-daesh", "attacked", "islamic-state") in found


def test_he_takes_the_one_person_named_before(nlp):
    doc = nlp("Gen. Mark Hale visited the base on Monday. He praised the pilots.")
    he = [m for m in doc._.geokg_mentions if m.span(doc).text == "He"]
    assert [m.entity.id for m in he] == ["mark-hale"]


def test_a_name_cut_before_a_country_is_made_whole(nlp):
    text = "The Pottery Council of the United States praised the plan."
    assert "Pottery Council of the United States" in mentions(nlp, text)


def test_and_joins_two_actors_not_one_name(nlp):
    found = mentions(nlp, "Acme Corp and Iran signed the contract.")
    assert found.get("Iran", ("",))[0] == "iran"


def test_a_sector_actors_state_is_a_node_too(nlp):
    from geokg.graph.model import Document
    from geokg.ingest.pipeline import extract

    (result,) = extract([Document(id="d", text="A Kenyan court froze the order.")], nlp)
    assert {"kenya-judiciary", "kenya"} <= {e.id for e in result.entities}


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        # GeoNames cities the tagger calls a person or an organisation
        ("Gunmen attacked Peshawar on Monday.", "Peshawar"),
        ("Houston welcomed the astronauts home.", "Houston"),
    ],
)
def test_geonames_places_are_locations(nlp, text, surface):
    assert mentions(nlp, text)[surface][1] == "Location"


def test_a_common_noun_at_a_sentence_start_is_no_name(nlp):
    assert "Gunmen" not in mentions(nlp, "Gunmen attacked Peshawar on Monday.")


@pytest.mark.parametrize(
    ("text", "not_a_node"),
    [
        # an ordinary word the document also writes in lower case
        (
            "Schools will reopen, the ministry said, and the schools will be safe.",
            "Schools",
        ),
        # two names joined by "and" are not one name
        (
            "Hinduism and Jainism share roots, Kestrel Holdings said.",
            "Hinduism and Jainism",
        ),
    ],
)
def test_no_name_from_common_words_or_lists(nlp, text, not_a_node):
    assert not_a_node not in mentions(nlp, text)


def test_initials_stand_for_a_name_given_before(nlp):
    text = (
        "The Kestrel Energy Agency warned on Monday. Officials of the KEA said "
        "prices would rise."
    )
    found = mentions(nlp, text)
    assert (
        found["KEA"][0] == found["Kestrel Energy Agency"][0] == "kestrel-energy-agency"
    )


def test_a_groups_fighters_are_the_group(nlp):
    found = relations(nlp, "Ugandan troops attacked Kestrel Front fighters.")
    ids = {
        i
        for i, _, _ in mentions(
            nlp, "Kenyan troops attacked al-Shabab fighters."
        ).values()
    }
    assert "somalia-militants" not in ids and "al-shabaab" in ids
    assert not any(o.endswith("-militants") for _, _, o in found)


def test_a_group_that_governs_forms_its_countrys_government(nlp):
    found = mentions(nlp, "The Taliban government banned the broadcasts.")
    assert found["Taliban government"][0] == "afghanistan-government"


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        # a part of a place is a place of its own
        ("Drought hit southern Africa in March.", "southern Africa"),
        ("Floods spread across West Africa.", "West Africa"),
        # a place the tagger missed, after a preposition of place or motion
        ("The convoy was on its way north to Peshawar.", "Peshawar"),
        # a name the tagger cut before "of"
        ("She lectures at the University of Somalia.", "University of Somalia"),
    ],
)
def test_places_and_names_made_whole(nlp, text, surface):
    assert surface in mentions(nlp, text)


def test_no_event_between_a_state_and_its_own_sector(nlp):
    # the bare "Troops" take the one country named: an event with itself is none
    text = "Troops moved into the Democratic Republic of Congo."
    assert mentions(nlp, text)["Troops"][0].endswith("-armed-forces")
    assert relations(nlp, text) == set()


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Many of the passengers came from Punjab province.", "Punjab province"),
        ("Officials in Borno state said the road was closed.", "Borno state"),
    ],
)
def test_a_name_before_a_place_noun_is_a_place(nlp, text, surface):
    assert mentions(nlp, text)[surface][1] == "Location"


def test_an_adjective_before_a_place_noun_is_no_place(nlp):
    assert "African state" not in mentions(nlp, "An African state objected.")


def test_an_acronym_spelt_through_an_arabic_article(nlp):
    """ "al-Fajr Liberation Front (AFLF)": the article's letter spells the acronym."""
    found = mentions(
        nlp, "He fought with the al-Fajr Liberation Front (AFLF). The AFLF later split."
    )
    assert found["AFLF"][0] == found["al-Fajr Liberation Front"][0]


def test_a_listed_head_noun_ending_a_longer_name_is_that_name(nlp):
    """ "the Andean Freedom Coalition" is not the gazetteer's "Coalition"; the
    word alone still is."""
    found = mentions(
        nlp, "The Andean Freedom Coalition met. Later, the Coalition struck ISIL."
    )
    assert found["Andean Freedom Coalition"][0] == "andean-freedom-coalition"
    assert found["Coalition"][0] == "global-coalition-against-daesh"
