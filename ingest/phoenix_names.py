"""How the Phoenix actor dictionaries' names become the names news uses.

The dictionaries write names in capitals, mix people, posts and nicknames into
an organisation's synonyms, and leave dates and stray characters in. These rules
turn a record's phrases into names (``record_names``): cased as news writes them
(``display_name``), without people (``is_person``), posts (``is_role``) or short
nicknames that resemble none of the record's other names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from geokg.ingest.tabari import PREPOSITIONS, ActorRecord, phrase_words

# ------------------------------------------------------------------------ names

#: Words a name writes in lower case after its first ("Army of the Pure",
#: "Harakat al-Shabaab", "Jaish-e-Mohammad").
_LOWER_WORDS = frozenset(
    "A AD AL AN AND AS ASH AT BIN BY DA DE DEL DELLA DI DU DES E EL ET FI FOR "
    "FROM I IN LA LE LES LI OF ON THE TO UL UD UR WA WAL Y".split()
)
#: Words that make a name an organisation's, whatever else it holds.
_ORG_WORDS = frozenset(
    "ACADEMY AGENCY ALLIANCE ARMY ASSEMBLY ASSOCIATION AUTHORITY BANCORP BANK "
    "BATTALION BATTALIONS BRIGADE BRIGADES BROTHERHOOD BUREAU CELL CELLS CENTER "
    "CENTRE CHURCH CLUB CO COALITION COLLEGE COMMISSION COMMITTEE COMMUNITY "
    "COMPANY CONFERENCE CONGRESS CORP CORPORATION COUNCIL COURT FACTION "
    "FEDERATION FELLOWSHIP FORCE FORCES FORUM FOUNDATION FRONT FUND GROUP GROUPS "
    "HOLDINGS INC INDUSTRIES INITIATIVE INSTITUTE INSTITUTION INTERNATIONAL "
    "JIHAD LEAGUE LIMITED LLC LTD MILITIA MISSION MOVEMENT NETWORK NEWS NUCLEI "
    "OFFICE ORGANISATION ORGANIZATION PARTNERS PARTNERSHIP PARTY PLC PROGRAM "
    "PROGRAMME PROJECT RESISTANCE SECRETARIAT SERVICE SERVICES SOCIETY STATE "
    "STATES SYSTEMS TRIBUNAL TRUST UNION UNIVERSITY WATCH "
    # the same in the Arabic names of armed groups
    "ANSAR FAYLAQ HARAKAT HARAKAH HAYAT HIZB JABHA JABHAT JAISH JAMAAT JAMA'AT "
    "JAYSH KATAEB KATAIB KATIBAT LIWA LIWAA MAJLIS SARAYA SARAYAT TANZEEM "
    "TANZIM".split()
)
#: Words that, opening a name, make it a person's.
TITLES = _TITLES = frozenset(
    "AYATOLLAH BARON BARONESS DAME DR DR. EMIR GEN GEN. GENERAL HAJI HAJJI IMAM "
    "JONKHEER KING LADY LORD MAULANA MR MR. MRS MRS. MS MS. MULLAH PRINCE "
    "PRINCESS QUEEN SAYED SAYYED SAYYID SEYYED SHAIKH SHEIK SHEIKH SIR SYED".split()
)
#: Nouns that, heading a name, make it a post or its holders, not the body
#: (or a body near it: "al Qaida-affiliated", "al Qaeda operatives").
_ROLE_WORDS = frozenset(
    "AFFILIATE AFFILIATED AFFILIATES LINKED OFFSHOOT OPERATIVE OPERATIVES "
    "AMBASSADOR CHAIR CHAIRMAN CHIEF COMMANDER CORRESPONDENT COUNTRIES DELEGATE "
    "DELEGATES EDITOR JOURNALIST REPORTER "
    "DIRECTOR ENVOY ENVOYS EXECUTIVE GOVERNOR HEAD LEADER LEADERS MEMBER MEMBERS "
    "MINISTER MINISTERS MONITOR MONITORS OBSERVER OBSERVERS OFFICER OFFICERS "
    "OFFICIAL OFFICIALS PEACEKEEPER PEACEKEEPERS PRESIDENT RAPPORTEUR "
    "REPRESENTATIVE REPRESENTATIVES SECRETARY SPOKESMAN SPOKESPERSON "
    "SPOKESWOMAN".split()
)
_MONTHS = "JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|SEPT|OCT|NOV|DEC"
_DATE_LIKE = re.compile(
    rf"^(?:(?:{_MONTHS})[A-Z]*\.? \d+(?:ST|ND|RD|TH)?|\d+(?:ST|ND|RD|TH)? "
    rf"(?:{_MONTHS})[A-Z]*)$"
)
_NAME_CHARS = re.compile(r"^[A-Z0-9 '.,&/()+-]*[A-Z][A-Z0-9 '.,&/()+-]*$")
_TRAILING_ACRONYM = re.compile(r"^(.*[^ ])\s*\(([A-Z][A-Z0-9-]{0,7})\)$")
_VOWELS_RE = re.compile("[AEIOU]")


def _initials(words: list[str], skip: frozenset[str] = frozenset()) -> str:
    parts = [p for w in words for p in re.split(r"[-/]", w) if p and p not in skip]
    return "".join(p[0] for p in parts if p[0].isalpha())


def _is_subsequence(short: str, long: str) -> bool:
    letters = iter(long)
    return all(c in letters for c in short)


def raw_names(phrase: str) -> list[list[str]]:
    """A phrase as names in capitals, split into words; junk gives none.

    ``ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_`` gives the name and its acronym; ``ORDER,
    THE`` reads "ORDER" (a leading "THE" is dropped: the gazetteer ignores it);
    dates ("MAY 15"), numbers and lines with stray characters give none.
    """
    words = phrase_words(phrase.upper()).strip(" ,")
    if words.endswith(", THE"):
        words = words[:-5]
    words = words.removeprefix("THE ")
    if (
        not _NAME_CHARS.match(words)
        or words.count("(") != words.count(")")
        or _DATE_LIKE.match(words)
    ):
        return []
    names = [words]
    if match := _TRAILING_ACRONYM.match(words):
        base, short = match.groups()
        initials = _initials(base.split())
        letters = short.replace("-", "")
        if short[0] == initials[:1] and _is_subsequence(letters, initials):
            names = [base, short]
    return [name.split() for name in names]


@dataclass(frozen=True)
class NameContext:
    """What naming needs to know beyond one record."""

    acronyms: frozenset[str]  # one-word names that are initials of longer ones
    given: frozenset[str]  # first names of the dictionaries' people
    english: frozenset[str]  # ordinary words of the agents and verbs dictionaries


def _is_acronym(part: str, ctx: NameContext, *, alone: bool) -> bool:
    """Whether a word in capitals is an acronym (kept in capitals).

    One with no vowel or of two letters is; so is one that is both a one-word
    name and the initials of a longer name in the dictionaries (NATO, ISIS). A
    word standing alone (a one-word name) is one too if it has four letters or
    fewer, or of one vowel and six or fewer (FARC, UNHCR; but "Hamas", "Daesh").
    """
    vowels = len(_VOWELS_RE.findall(part))
    if vowels == 0 or len(part) <= 2 or part in ctx.acronyms:
        return True
    return alone and (len(part) <= 4 or (vowels == 1 and len(part) <= 6))


def display_name(words: list[str], ctx: NameContext) -> str:
    """A name in capitals as news writes it: ``AL-QAEDA IN IRAQ`` -> "Al-Qaeda in Iraq".

    Acronyms stay in capitals (``_is_acronym``; a one-word name whose parts are
    all acronyms stays whole: "PFLP-GC"), particles and function words after the
    first word are lower case, other words are capitalised.
    """
    if len(words) == 1:
        parts = [p for p in re.split(r"[-/]", words[0]) if p]
        if all(
            p not in _LOWER_WORDS and _is_acronym(p, ctx, alone=True) for p in parts
        ):
            return words[0]
    cased = []
    for i, word in enumerate(words):
        parts = re.split(r"([-/])", word)
        cased.append(
            "".join(
                part if part in ("-", "/") else _case(part, ctx, first=i + j == 0)
                for j, part in enumerate(parts)
            )
        )
    return " ".join(cased)


_PUNCTUATED = re.compile(r"^([^A-Z0-9]*)(.*?)([^A-Z0-9]*)$")


def _case(part: str, ctx: NameContext, *, first: bool) -> str:
    """One word (or hyphen part) of a name, cased; its punctuation kept."""
    before, core, after = _PUNCTUATED.match(part).groups()
    if re.fullmatch(r"(?:[A-Z]\.)+[A-Z]?", core + after.rstrip(",")):
        return part  # U.N., K.
    if not core or core[0].isdigit():
        return part.lower()  # 2ND -> 2nd
    if any(c.isdigit() for c in core):
        return part  # M23, G8
    if core in _LOWER_WORDS and not before:
        return part.capitalize() if first else part.lower()
    alone = before == "(" and after.startswith(")")
    if _is_acronym(core, ctx, alone=alone):  # "(ARB)", "(Greece)"
        return part
    return before + core[0] + core[1:].lower() + after


def is_person(words: list[str], ctx: NameContext) -> bool:
    """Whether a name is a person's: a title first, an initial, or a first name.

    A name holding an organisation word (``_ORG_WORDS``) never is. Otherwise a
    title ("SHEIKH"), a lone initial ("K." "R K PACHAURI") or, in a name of two
    to five words, a first name of the dictionaries' people as first or second
    word ("AHMED ABDI GODANE", "MONER MOHAMMAD ABU SALHA") make it one.
    """
    if _words_of(words) & _ORG_WORDS:
        return False
    if words[0] in _TITLES:
        return True
    if len(words) >= 2 and any(
        re.fullmatch(r"[A-Z]\.?|(?:[A-Z]\.)+", w) and w not in _LOWER_WORDS
        for w in words
    ):
        return True
    return 2 <= len(words) <= 5 and bool({words[0], words[1]} & ctx.given)


def is_role(words: list[str]) -> bool:
    """Whether a name heads with a post ("UN ENVOY", "PRESIDENT OF THE WORLD BANK")."""
    head = []
    for word in words:
        if head and word in PREPOSITIONS:
            break
        head.append(word)
    return bool(_words_of(head) & _ROLE_WORDS)


def _words_of(words: list[str]) -> set[str]:
    return {p.strip("'.,()") for w in words for p in re.split(r"[-/]", w)}


def _surname(words: list[str]) -> str:
    """The last word of a name without its article: "AL-AWLAKI" -> "AWLAKI"."""
    last = words[-1]
    for article in ("AL-", "EL-"):
        if last.startswith(article) and len(last) > len(article) + 2:
            return last[len(article) :]
    return last


def _is_surname_of(words: list[str], surnames: set[str]) -> bool:
    """Whether a name ends in one of these people's surnames ("AL-AWLAKI")."""
    return _surname(words) in surnames and not _words_of(words) & _ORG_WORDS


def _is_patronymic(words: list[str], label: str, ctx: NameContext) -> bool:
    """Whether a name of two or three words ends in "al-X" or "bin X", as people's
    names do ("HAITHAM AL-BADRI"), and neither is an organisation's nor resembles
    the record's first name (as "AHRAR AL-SHAM" beside "Ahrar al Sham" does)."""
    if not 2 <= len(words) <= 3 or _words_of(words) & _ORG_WORDS:
        return False
    last = words[-1]
    article = last.startswith(("AL-", "EL-")) or words[-2] in ("AL", "EL", "BIN")
    return article and not _resembles(display_name(words, ctx), [label])


#: How alike (difflib's ratio) a one-word alias and another name must be.
_RESEMBLANCE = 0.6
#: Names that are Phoenix's own type codes ("MNCS"), not an actor's.
_CODE_NAMES = frozenset({"IGO", "IGOS", "MNC", "MNCS", "NGO", "NGOS"})
#: Sectors whose dated records are people: their first names teach ``is_person``.
_PEOPLE_SECTORS = frozenset({"GOV", "ELI", "LEG", "JUD", "MIL", "COP", "SPY"})


def acronyms_of(records: Iterable[ActorRecord]) -> frozenset[str]:
    """One-word names that are the initials of a longer name (with or without its
    function words) somewhere in the dictionaries: NATO, ISIS, ISIL."""
    initials: set[str] = set()
    single: set[str] = set()
    for record in records:
        for phrase in record.phrases:
            for words in raw_names(phrase):
                if len(words) == 1:
                    single.add(words[0])
                else:
                    initials.add(_initials(words))
                    initials.add(_initials(words, _LOWER_WORDS))
    return frozenset(initials & single)


def given_names_of(
    records: Iterable[ActorRecord], english: frozenset[str]
) -> frozenset[str]:
    """First words of people's names: of records with dated state or elite codes.

    Titles, posts, particles, organisation words and the dictionaries' ordinary
    English words ("FOREIGN", "BISHOP") are left out.
    """
    found: set[str] = set()
    for record in records:
        if any(c.dated and c.code[3:6] in _PEOPLE_SECTORS for c in record.codes):
            found.update(
                words[0]
                for phrase in record.phrases
                for words in raw_names(phrase)
                if 2 <= len(words) <= 5 and words[0].isalpha()
            )
    return frozenset(
        found - _TITLES - _ROLE_WORDS - _LOWER_WORDS - _ORG_WORDS - english
    )


def record_names(record: ActorRecord, ctx: NameContext) -> list[str] | None:
    """The record's names as news writes them; None if the record is a person's.

    Left out: posts ("UN ENVOY"), people's names and a lone surname of one of
    them ("NASRALLAH"), Phoenix's type codes, and one-word names that are an
    ordinary word of the dictionaries, capitalised or in capitals ("Order",
    "LET"), unless an acronym of theirs (NATO).
    """
    raws = [words for phrase in record.phrases for words in raw_names(phrase)]
    if not raws or _is_person_record(record, raws[0], ctx):
        return None
    label = display_name(raws[0], ctx)
    people = [w for w in raws if is_person(w, ctx) or _is_patronymic(w, label, ctx)]
    surnames = {_surname(words) for words in people}
    names = []
    for words in raws:
        if is_role(words) or words in people or _is_surname_of(words, surnames):
            continue
        if len(words) == 1 and (
            words[0] in _CODE_NAMES or _resembles(words[0], list(surnames))
        ):
            continue
        text = display_name(words, ctx)
        if " " not in text and text.upper() in ctx.english and text not in ctx.acronyms:
            continue  # "Order"; "LET" (but not NATO, an acronym) in capitals
        names.append(text)
    return _without_nicknames(names) if names else names


def _without_nicknames(names: list[str]) -> list[str]:
    """The names less short aliases that resemble no other name of the record.

    Short: one word not in capitals, or up to three words with no organisation
    word. Such an alias ("Foundation", "Provos" for a group; "Okot Odhiambo", one
    of its leaders) names the actor wherever it is written; a spelling of another
    name ("Hizballah", "Daesh" beside "Da'esh", "Ahrar ash Sham") does not.
    """
    label = label_of(names)
    return [
        name
        for name in names
        if name == label
        or not _is_short(name)
        or _resembles(name, [n for n in names if n != name])
    ]


def _is_short(name: str) -> bool:
    words = name.split()
    if len(words) == 1:
        return not _is_acronym_name(name)
    return len(words) <= 3 and not _words_of(name.upper().split()) & _ORG_WORDS


def _resembles(name: str, others: list[str]) -> bool:
    key = name.lower()
    words = {w.lower() for other in others for w in (other, *other.split())}
    return any(
        SequenceMatcher(None, key, word).ratio() >= _RESEMBLANCE for word in words
    )


def _is_person_record(
    record: ActorRecord, primary: list[str], ctx: NameContext
) -> bool:
    """Whether a record is a person's: its first name is one or names a post; or
    that name has no organisation word and no acronym, and the record's codes
    are dated or elite ones, or (two words or more) an IGO's: the IGO lists
    hold their officials' names ("SAMLEE PLIANBANGCHANG [IGOUNOHLHWHO]")."""
    if is_role(primary) or is_person(primary, ctx):
        return True
    plain = not _words_of(primary) & _ORG_WORDS and not any(
        w not in _LOWER_WORDS and _is_acronym(w, ctx, alone=len(primary) == 1)
        for w in primary
    )
    dated = any(c.dated or "ELI" in (c.code, c.code[3:6]) for c in record.codes)
    igo = len(primary) >= 2 and any(c.code.startswith("IGO") for c in record.codes)
    return plain and (dated or igo)


def _is_acronym_name(text: str) -> bool:
    return " " not in text and text.replace(".", "").replace("-", "").isupper()


def label_of(names: list[str]) -> str:
    """The first name that is not an acronym, else the first."""
    return next((n for n in names if not _is_acronym_name(n)), names[0])


def with_lower_article(names: list[str]) -> list[str]:
    """Each "Al-X" name followed by "al-X", as news writes it inside a sentence."""
    out = []
    for name in names:
        out.append(name)
        if name[:3] in ("Al-", "Al "):
            out.append("a" + name[1:])
    return list(dict.fromkeys(out))
