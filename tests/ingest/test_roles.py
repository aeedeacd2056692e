"""People and their offices: titles and appositions become official-of with a role."""

from __future__ import annotations

import pytest
from geokg.graph.model import Document
from geokg.ingest.pipeline import to_result

pytestmark = pytest.mark.model

LISTED = (
    "Top Iranian officials, including Defense Minister Aziz Nasirzadeh and senior "
    "adviser Ali Larijani, met with Russia’s leadership and President Vladimir "
    "Putin in Moscow."
)


def offices(nlp, text: str) -> set[tuple[str, str, str]]:
    """(person id, owner id, role) of every official-of relation found."""
    doc = nlp(text)
    return {
        (f.subject.entity.id, f.object.entity.id, f.role)
        for f in doc._.geokg_found
        if f.relation == "official-of"
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Iran's Foreign Minister Abbas Araghchi spoke on Tuesday.",
            ("abbas-araghchi", "iran", "Foreign Minister"),
        ),
        (
            "Iran’s Foreign Minister Abbas Araghchi spoke on Tuesday.",
            ("abbas-araghchi", "iran", "Foreign Minister"),
        ),
        # demonym: the adjective gives the country
        (
            "Araghchi met with Chinese President Xi Jinping on Monday.",
            ("xi-jinping", "china", "President"),
        ),
        (
            "Russian Foreign Minister Sergey Lavrov met him.",
            ("sergey-lavrov", "russia", "Foreign Minister"),
        ),
        # a body in the title owns the office
        (
            "Iran rejected the demand. "
            "Foreign Ministry spokesman Esmail Baqaei said so.",
            ("esmaeil-baghaei", "iran-mfa", "Foreign Ministry spokesman"),
        ),
        (
            "China’s Foreign Ministry spokesperson Guo Jiakun told a briefing.",
            ("guo-jiakun", "china-mfa", "Foreign Ministry spokesperson"),
        ),
        # apposition before and after the name
        (
            "At the instruction of the Supreme Leader of Iran, Ayatollah Ali Khamenei, "
            "Ali Larijani presented the views.",
            ("ali-khamenei", "iran", "Supreme Leader"),
        ),
        (
            "Hamid Karimzadeh, Iran's deputy foreign minister, said talks failed.",
            ("hamid-karimzadeh", "iran", "deputy foreign minister"),
        ),
        # listed under a state's officials or leadership
        (
            LISTED,
            ("aziz-nasirzadeh", "iran", "Defense Minister"),
        ),
        (
            LISTED,
            ("ali-larijani", "iran", "senior adviser"),
        ),
        (
            LISTED,
            ("vladimir-putin", "russia", "President"),
        ),
        # a bare title: the office the table holds the person in
        (
            "President Donald Trump said he would act.",
            ("donald-trump", "united-states", "President"),
        ),
        # a former office holder keeps the office; the role says "former"
        (
            "Former Chilean President Jorge Alvarez spoke in Lima.",
            ("jorge-alvarez", "chile", "Former President"),
        ),
        # a state's office with no owner in its words: the one country around
        (
            "After Peru raised its tariffs, Minister of Justice Pablo Vera defended "
            "the decision.",
            ("pablo-vera", "peru", "Minister of Justice"),
        ),
        # a demonym the tagger misses before an office
        (
            "Somali President Ahmed Warsame has signed a controversial measure.",
            ("ahmed-warsame", "somalia", "President"),
        ),
        # a name the tagger misses after a capitalised title
        (
            "Peruvian Foreign Minister Ana Torres met him in Lima.",
            ("ana-torres", "peru", "Foreign Minister"),
        ),
        # a hyphenated office after its body
        (
            "U.N. Secretary-General John Miller condemned the attack.",
            ("john-miller", "un", "Secretary-General"),
        ),
        # appositions read on the parse: the body of a preposition under the office
        (
            "Pablo Vera, an emeritus professor from the University of Lima in Peru, "
            "said so.",
            ("pablo-vera", "university-of-lima", "emeritus professor"),
        ),
        (
            "John Miller, a lecturer in international policy focusing on Andean "
            "politics at Stanford University, said so.",
            ("john-miller", "stanford-university", "lecturer"),
        ),
        (
            '"It is late," said John Miller, senior adviser to the Chilean American '
            "Museum in Lima.",
            ("john-miller", "chilean-american-museum", "senior adviser"),
        ),
        # "at X" is the body even when a country qualifies the office
        (
            "John Miller, the Peru chair at the Hudson Institute, said so.",
            ("john-miller", "hudson-institute", "chair"),
        ),
        # an envoy to a body serves the state named before the body
        (
            "British Deputy U.N. Ambassador John Miller told reporters.",
            ("john-miller", "united-kingdom", "Deputy U.N. Ambassador"),
        ),
        # a listed body's name that begins a longer name is not that body
        (
            "John Miller, a senior fellow at the European Council on Foreign "
            "Relations, said so.",
            ("john-miller", "european-council-on-foreign-relations", "senior fellow"),
        ),
        (
            "John Miller, director of education at Asia Society Texas Center, said so.",
            ("john-miller", "asia-society-texas-center", "director"),
        ),
        # an office said by a copula; "official"; a lower-case portfolio
        (
            "John Miller is the former director of Peru's National Institute of "
            "Study.",
            ("john-miller", "national-institute-of-study", "former director"),
        ),
        (
            "Miller is now an analyst at the Montaigne Institute research group.",
            ("miller", "montaigne-institute", "analyst"),
        ),
        (
            "John Miller, a former State Department official, said so.",
            ("john-miller", "us-state-department", "former official"),
        ),
        (
            "Peru's army chief of staff John Miller said so.",
            ("john-miller", "peru", "army chief of staff"),
        ),
        # a place's office
        (
            "Arica Province Governor John Miller said so.",
            ("john-miller", "arica-province", "Governor"),
        ),
        # a bare state title: the state comes from the Phoenix people table
        (
            "Prime Minister Nawaz Sharif said so.",
            ("nawaz-sharif", "pakistan", "Prime Minister"),
        ),
        (
            "Prime Minister Nawaz Sharif met Chinese leaders in Pakistan.",
            ("nawaz-sharif", "pakistan", "Prime Minister"),
        ),
        # people-table names match across hyphens ("Ing-wen" / "Ing Wen")
        (
            "We had lunch with former President Tsai Ing-wen in Taipei.",
            ("tsai-ing-wen", "taiwan", "former President"),
        ),
        # a military rank; an office for a place ("Coordinator for Peru")
        (
            '"It is wrong," said retired Chilean admiral John Miller, an analyst.',
            ("john-miller", "chile", "admiral"),
        ),
        (
            '"It goes on," U.N. Resident Coordinator for Peru John Miller said.',
            ("john-miller", "un", "Resident Coordinator"),
        ),
        # "of" a place's body; the apposition of a group noun
        (
            '"It is costly," said expert John Miller of Lima\'s Andean University.',
            ("john-miller", "andean-university", "expert"),
        ),
        (
            "John Miller is the executive director of the Lima-based group Andean "
            "Public Agenda.",
            ("john-miller", "andean-public-agenda", "executive director"),
        ),
        # both offices of joined appositions
        (
            "John Miller, a former Peruvian diplomat and now a fellow at the Hudson "
            "Institute, said so.",
            ("john-miller", "peru", "former diplomat"),
        ),
        (
            "John Miller, a former Peruvian diplomat and now a fellow at the Hudson "
            "Institute, said so.",
            ("john-miller", "hudson-institute", "fellow"),
        ),
        # the aide of a known leader serves the leader's state or body
        (
            "Guterres' spokesman, John Miller, told reporters.",
            ("john-miller", "un", "spokesman"),
        ),
        # a bare title, then its body after a comma, as releases write it
        (
            '"It holds," said Col. John Miller, commander, Amnesty International.',
            ("john-miller", "amnesty-international", "commander"),
        ),
        # a body right before or after the name: no office is said
        (
            '"It is late," said John Miller of the Jamestown Foundation.',
            ("john-miller", "jamestown-foundation", None),
        ),
        (
            '"It is late," said the Andean Refugee Project\'s John Miller.',
            ("john-miller", "andean-refugee-project", None),
        ),
        (
            '"It failed," said John Miller from the Andean Research Council.',
            ("john-miller", "andean-research-council", None),
        ),
        # a verb of leading or of working at a body
        (
            "Jorge Ruiz, who heads the Andean Institute, said so.",
            ("jorge-ruiz", "andean-institute", "head"),
        ),
        (
            "The Shining Path is now being led by Jorge Ruiz.",
            ("jorge-ruiz", "shining-path", "leader"),
        ),
        (
            "Maria Lopez teaches at the University of Lima.",
            ("maria-lopez", "university-of-lima", None),
        ),
        # the people table still serves the one who offers a courtesy
        (
            "President John Ashe offered his condolences to the families.",
            ("john-ashe", "antigua-and-barbuda", "President"),
        ),
        # a judge serves the one court the document names
        (
            "The High Court of Lima heard the case. Judge Ana Martins asked for time.",
            ("ana-martins", "high-court-of-lima", "Judge"),
        ),
    ],
)
def test_offices(nlp, text, expected):
    assert expected in offices(nlp, text)


def test_a_bare_title_takes_the_state_a_document_is_about(nlp):
    text = (
        "Peru said on Monday that talks on a loan went well. Peru needs the money, "
        "and Peru's banks agree. Finance Minister Pablo Vera told reporters the "
        "deal was close."
    )
    assert ("pablo-vera", "peru", "Finance Minister") in offices(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        # the home state must stand out: two states named as often
        "Peru and Chile spoke. Peru and Chile agreed. Peru and Chile left. Finance "
        "Minister Pablo Vera said so.",
        # another state in the title's sentence may be the minister's own
        "Peru spoke. Peru agreed. Peru left. Finance Minister Pablo Vera said Chile "
        "would pay.",
    ],
)
def test_no_home_state_office(nlp, text):
    assert not {o for o in offices(nlp, text) if o[0] == "pablo-vera"}


@pytest.mark.parametrize(
    ("text", "party", "offices_of"),
    [
        # a party word before a politician's title: a member, not an officer
        # of the party (a U.S. party's congressional title: of Congress)
        ("In Washington, Republican Senator Jane Doe criticized the plan.",
         "republican-party", {("jane-doe", "us-congress", "Senator")}),
        # the United States named nowhere: the party may be another country's
        ("Republican Senator Jane Doe criticized the plan.", "republican-party",
         set()),
        ("Labour lawmaker Anna Brown voted against the bill.", "labour-party", set()),
        # a state between the party and the title keeps its office
        ("Democratic U.S. Congressman John Smith criticized Peru.",
         "democratic-party", {("john-smith", "united-states", "Congressman"),
                              ("john-smith", "us-congress", "Congressman")}),
    ],
)
def test_party_before_a_title(nlp, text, party, offices_of):
    doc = nlp(text)
    members = {
        (f.subject.entity.id, f.object.entity.id)
        for f in doc._.geokg_found
        if f.relation == "member-of"
    }
    assert len(members) == 1 and next(iter(members))[1] == party, members
    found = offices(nlp, text)
    assert found == offices_of, found


@pytest.mark.parametrize(
    "text",
    [
        # no state around for a bare title
        "Former President Pablo Vera spoke in Lima.",
        # two countries around: whose minister is not clear
        "Peru and Chile met. Finance Minister Pablo Vera spoke.",
        # the Secretary-General is no state's officer; a courtesy's addressee may
        # be another state's officer
        "Peru spoke first. Peru thanks Secretary-General John Miller.",
        "Peru spoke. We thank Secretary-General John Miller for his leadership.",
        "Peru spoke first. I congratulate Ambassador John Miller on her election.",
        "Peru spoke first. Our gratitude goes to President John Miller.",
        "Peru spoke first. We reaffirm our unwavering support for President John "
        "Miller.",
        # "at" after a name says where, not whose
        "Peru spoke. We welcome the remark by President John Miller at the Andean "
        "Summit in July.",
        # an apposition's bare office names no state
        "Peru spoke first. John Miller, a former defense minister, said so.",
        # a country named after a bare title is the other party, not the owner
        "President Miller has threatened further action against Russia.",
        "Chilean diplomats held their first meeting with President Miller.",
        # the aide of a person the gazetteer does not know serves no one known
        "Pablo Vera's adviser John Miller said so.",
        # a bare title in a sentence naming two countries: whose is unclear
        "Bahrain backs the Government under President John Miller until it "
        "controls all of Yemen.",
        # a list after an apposition is no body of its title
        "John Miller, the director, Amnesty International and others said so.",
        # a country that only modifies the body after "of" owns no office
        "John Miller, the director of the Peru program, said so.",
        # an organisation's office is no state's
        "Peru spoke. Director Pablo Vera of the museum said so.",
        "Araghchi told Fox News’ Bret Baier on Monday.",
        "Businessman Ali Karimi met reporters in Tehran.",
        # a judge with no court named, or two courts
        "Judge Ana Martins asked for time.",
        "The High Court of Lima met. The Supreme Court of Peru agreed. Judge Ana "
        "Martins asked for time.",
        # a pronoun or description led by a person: which body is not said here
        "Peru spoke. It is now being led by Jorge Ruiz.",
        # a speech (it says "we" throughout): its bare titles are as often
        # another state's as its own
        "We in Peru know our duty. We will act. We stand with our partners. Peru "
        "is ready. We in Peru hail the leadership of President John Miller.",
        # a courtesy's addressee of the people table: often an Assembly's
        # president, not his state's
        "We thank the outgoing President, Mr. John Ashe, for his leadership.",
        # a town's office: the capital stands for no state there
        "Lima Mayor Jorge Ruiz said the plan failed.",
        # a common name of the people table in a text about other states
        "Labour lawmaker Andrew Smith criticized Mexico on Monday.",
    ],
)
def test_no_office(nlp, text):
    assert offices(nlp, text) == set()


def test_role_reaches_the_assertion(nlp):
    text = "Chinese President Xi Jinping met Iran's Foreign Minister Abbas Araghchi."
    result = to_result(nlp(text), Document(id="d", text=text))
    roles = {
        (a.subject.id, a.object.id, a.role)
        for a in result.assertions
        if a.relation == "official-of"
    }
    assert roles == {
        ("xi-jinping", "china", "President"),
        ("abbas-araghchi", "iran", "Foreign Minister"),
    }
    assert {"china", "iran"} <= {e.id for e in result.entities}


def test_an_office_the_text_states_overrules_the_tables_state(nlp):
    # the people table holds this person as his state's official; the text says
    # he presides over the General Assembly, so "President X" later is that office
    text = (
        "We thank Mr. Arben Malaj, President of the General Assembly at its "
        "ninetieth session. President Malaj steered the session well."
    )
    found = offices(nlp, text)
    assert ("arben-malaj", "unga", "President") in found
    assert not any(owner == "albania" for _, owner, _ in found)
    # with no office stated, the table's state stands
    assert ("arben-malaj", "albania", "President") in offices(
        nlp, "President Arben Malaj said the talks went well."
    )


@pytest.mark.parametrize(
    ("text", "person", "role"),
    [
        ("Republican Representative John Miller said in Washington the aid must go on.",
         "john-miller", "Representative"),
        ("Democratic Sen. Ann Lee said the U.S. bill would pass.", "ann-lee",
         "Senator"),
    ],
)
def test_a_us_partys_legislator_sits_in_congress(nlp, text, person, role):
    assert (person, "us-congress", role) in offices(nlp, text)


def test_no_congress_for_a_partys_other_people(nlp):
    found = offices(nlp, "Republican strategist Tom Hart said so in Washington.")
    assert not any(owner == "us-congress" for _, owner, _ in found)


@pytest.mark.parametrize(
    ("text", "congress"),
    [
        ("Republican lawmakers criticized Trump for his budget.", True),
        ("Democratic senators in Washington criticized the plan.", True),
        # no word of the United States: "Democratic" may be another's party
        ("Democratic lawmakers in Seoul criticized the plan.", False),
    ],
)
def test_a_us_partys_lawmakers_are_congress(nlp, text, congress):
    doc = nlp(text)
    ids = {m.entity.id for m in doc._.geokg_mentions}
    assert ("us-congress" in ids) == congress


def test_a_name_before_a_staff_title_is_the_employer(nlp):
    # the tagger's organisation with no head noun, before "spokesman" and a name
    found = offices(nlp, "The plan will work, said Andesco spokesman Pablo Ruiz.")
    assert ("pablo-ruiz", "andesco", "spokesman") in found
