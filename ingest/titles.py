"""The words of titles and offices that ingest.roles reads ("Foreign Minister",
"senior fellow", "former"): which nouns end a title, which offices only a state
has, and the small words around them."""

from __future__ import annotations

#: Nouns that end a title: the office itself.
OFFICE_NOUNS = frozenset(
    {
        "minister",
        "president",
        "premier",
        "chancellor",
        "secretary",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "adviser",
        "advisor",
        "ambassador",
        "envoy",
        "leader",
        "king",
        "queen",
        "emir",
        "sultan",
        "prince",
        "commander",
        "chief",
        "general",
        "admiral",
        "colonel",
        "brigadier",
        "marshal",
        "lieutenant",
        "director",
        "governor",
        "mayor",
        "senator",
        "chairman",
        "chairwoman",
        "chair",
        "speaker",
        "representative",
        "negotiator",
        "head",
        "ruler",
        "monarch",
        "secretary-general",
        "vice-president",
        "counsellor",
        "councillor",
        "lawmaker",
        # affiliations: "a senior fellow at X", "professor Y of X"
        "fellow",
        "professor",
        "researcher",
        "analyst",
        "scholar",
        "lecturer",
        "economist",
        "founder",
        "co-founder",
        "cofounder",
        "ceo",
        "manager",
        "coordinator",
        "dean",
        "judge",
        "commissioner",
        "inspector",
        "congressman",
        "congresswoman",
        "legislator",
        "prosecutor",
        "counterpart",
        "expert",
        "official",
        "officer",
        "diplomat",
    }
)
#: Offices only a state has: a title of one without an owner in its words
#: belongs to the country its sentence or neighbours name.
STATE_OFFICES = frozenset(
    {
        "minister",
        "president",
        "premier",
        "chancellor",
        "secretary",
        "ambassador",
        "king",
        "queen",
        "emir",
        "sultan",
        "monarch",
        "vice-president",
        "congressman",
        "congresswoman",
        "senator",
    }
)
#: Words that say the office is no longer held: the role keeps them.
NOT_CURRENT = frozenset({"former", "ex", "late", "then", "past", "onetime"})
#: Prepositions before the body an office belongs to ("of Iran", "at X Institute").
OWNER_PREPOSITIONS = frozenset({"of", "at"})
#: Prepositions of a place an office serves: "Envoy for Syria", "Ambassador to Peru".
TITLE_COMPLEMENTS = frozenset({"for", "to", "on"})
#: Words a title may be made of besides its office noun, whatever their tag.
TITLE_WORDS = frozenset({"acting", "deputy", "vice", "first", "top", "senior", "chief"})
#: Nouns for a state's people in office ("top Iranian officials, including ...").
GROUP_NOUNS = frozenset(
    {
        "official",
        "leadership",
        "leader",
        "government",
        "administration",
        "delegation",
        "minister",
        "diplomat",
        "envoy",
        "negotiator",
    }
)
#: Prepositions that introduce members of a group ("including", "such as", "like").
LIST_WORDS = frozenset({"including", "like", "as", "among"})
OWNER_TYPES = frozenset({"Country", "Organization", "GovernmentBody", "Group"})
_MAX_TITLE = 6
#: Party words that stand before a politician's title ("Republican Senator X",
#: "Labour MP Y", "Democratic U.S. Congressman Z"), with the party each names.
PARTY_WORDS = {
    "Republican": "Republican Party",
    "Democratic": "Democratic Party",
    "Democrat": "Democratic Party",
    "Labour": "Labour Party",
    "Labor": "Labor Party",
    "Conservative": "Conservative Party",
    "Liberal": "Liberal Party",
    "Socialist": "Socialist Party",
    "Communist": "Communist Party",
    "Green": "Green Party",
}
#: The titles of politicians that a party word may stand before.
PARTY_TITLES = frozenset(
    {
        "senator",
        "sen.",
        "representative",
        "rep.",
        "lawmaker",
        "legislator",
        "congressman",
        "congresswoman",
        "mp",
        "deputy",
        "politician",
        "candidate",
        "governor",
        "gov.",
        "leader",
        "strategist",
        "member",
    }
)
#: The United States' two parties: their word before a congressional title
#: ("Democratic Representative X") or before their legislators ("Republican
#: lawmakers") places the politicians in Congress, in a text naming the U.S.
US_PARTIES = frozenset({"Republican Party", "Democratic Party"})
US_LEGISLATORS = frozenset(
    {"representative", "rep.", "congressman", "congresswoman", "senator", "sen."}
)
US_LAWMAKERS = frozenset(
    {"lawmakers", "legislators", "senators", "congressmen", "congresswomen",
     "representatives", "members"}
)
#: Offices of a town or province: "Lima Mayor X" serves the city, which stands
#: for no state there.
LOCAL_OFFICES = frozenset(
    {"mayor", "governor", "councillor", "councilor", "alderman", "councilman"}
)
#: Verbs whose subject holds an office in their object: "X heads the Y", "X, who
#: leads the Y", "the Y led by X"; with the role each gives.
LEADING_VERBS = {
    "lead": "leader",
    "head": "head",
    "chair": "chair",
    "direct": "director",
    "command": "commander",
    "run": "head",
}
#: Verbs of working at a body: "X teaches at the Y", "X works for the Y".
WORKING_VERBS = frozenset({"work", "teach", "lecture", "serve"})
