"""Reader of the TABARI/PETRARCH coding dictionaries' syntax (Phoenix, CAMEO).

The syntax read, from the files' own headers and PETRARCH's documentation
("PETRARCH Dictionary Formats", ``PETRreader.py``):

* ``#`` starts a comment, to the end of the line; blank lines are skipped.
* A phrase is words joined by ``_`` (consecutive) or a blank (other words may
  come between; kept here as consecutive words); a trailing ``_`` only stops
  TABARI's stemming and is dropped.
* Agents: ``PHRASE {PLURAL} [CODE]``. ``{...}`` gives an irregular plural and
  ``{}`` says there is none; without braces PETRARCH forms the regular plural.
  ``!SET! = A, B, C`` defines a substitution set; ``X!SET!Y`` stands for XAY,
  XBY, XCY (PETRARCH forms no plural; here an item whose plural is another item,
  MINISTER and MINISTERS, gives that plural). A code ``~GOV`` follows the
  actor's code, ``IGO~`` precedes it; a line without a code is skipped.
* Actors: a primary phrase, optionally with ``[CODE]``; ``+PHRASE`` lines are
  its synonyms; tab-indented ``[CODE]`` lines are its codes, restricted by
  ``<DATE`` (before), ``>DATE`` (after) or ``DATE-DATE`` (between, inclusive), a
  date being YYMMDD (YY up to 30 is 20YY) or YYYYMMDD; a restriction that
  cannot be read is skipped, as PETRARCH does. Consecutive primary phrases
  with no code between them share the codes that follow (one record here
  unless a blank line parts them). Found in the files and read the same way:
  codes on the primary line, several ``[...]`` on one line, ``+A +B`` on one
  line, and a tab-indented line holding a phrase (a synonym).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from geokg.graph.errors import InputError

# ------------------------------------------------------------------------ lines


@dataclass(frozen=True)
class Line:
    """One non-blank line of a dictionary, comment removed (tabs kept)."""

    number: int
    text: str

    @property
    def indented(self) -> bool:
        """Whether the line starts with white space (an actor's code line)."""
        return self.text[:1].isspace()


def read_lines(path: Path) -> Iterator[Line]:
    """The file's lines without comments; blank ones come as empty text."""
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, raw in enumerate(handle, start=1):
            yield Line(number, raw.split("#", 1)[0].rstrip())


_CODE = re.compile(r"\[\s*([^\[\]{}]*?)\s*[\]}]")
_SPACES = re.compile(r"[\s_]+")


def phrase_words(phrase: str) -> str:
    """A dictionary phrase as plain words: ``SECURITY_FORCE_`` -> ``SECURITY FORCE``."""
    return _SPACES.sub(" ", phrase).strip()


# ------------------------------------------------------------------------ codes


@dataclass(frozen=True)
class Code:
    """An actor code, valid between two dates (ISO, inclusive) when restricted."""

    code: str
    start: str | None = None
    end: str | None = None

    @property
    def dated(self) -> bool:
        """Whether the code holds only for a time."""
        return bool(self.start or self.end)


def parse_date(text: str) -> str:
    """A TABARI date as ISO: ``000507`` -> ``2000-05-07``, ``19941017`` kept.

    Six-digit years up to 30 are 20YY, others 19YY (KEDS/TABARI's rule); a
    seven-digit date is read as YYMMDD, as PETRARCH does.
    """
    if not text.isdigit() or len(text) < 6:
        raise ValueError(f"not a date: {text!r}")
    if len(text) > 7:
        year, rest = int(text[:4]), text[4:8]
    else:
        year, rest = int(text[:2]), text[2:6]
        year += 2000 if year <= 30 else 1900
    return dt.date(year, int(rest[:2]), int(rest[2:])).isoformat()


_RESTRICTION = re.compile(r"^(?:([<>])\s*(\d+)|(\d+)\s*-\s*(\d+))$")


def parse_code(text: str) -> Code:
    """``RUSGOV 000507-120507`` -> Code("RUSGOV", "2000-05-07", "2012-05-07")."""
    code, _, rest = text.strip().partition(" ")
    rest = rest.strip()
    if not rest:
        return Code(code)
    match = _RESTRICTION.match(rest)
    if not match:
        raise ValueError(f"not a date restriction: {rest!r}")
    sign, date, first, last = match.groups()
    if sign == "<":
        return Code(code, None, parse_date(date))
    if sign == ">":
        return Code(code, parse_date(date), None)
    start, end = parse_date(first), parse_date(last)
    if end < start:
        raise ValueError(f"end before start: {rest!r}")
    return Code(code, start, end)


def line_codes(text: str) -> list[str]:
    """The texts of the ``[...]`` codes on a line (a stray ``}`` closes one too)."""
    return [m.group(1) for m in _CODE.finditer(text)]


# ----------------------------------------------------------------------- agents


@dataclass(frozen=True)
class AgentLine:
    """One agent phrase with its code; ``plural`` None means "form it regularly"."""

    words: str
    code: str
    plural: str | None
    line: int


_SET_DEFINITION = re.compile(r"^\s*!(\w+)!\s*=(.*)$")
_MARKER = re.compile(r"!(\w+)!")


def read_agents(path: Path) -> list[AgentLine]:
    """The agent phrases of a PETRARCH agents file, substitution sets expanded."""
    sets: dict[str, list[str]] = {}
    agents: list[AgentLine] = []
    for line in read_lines(path):
        if definition := _SET_DEFINITION.match(line.text):
            sets[definition.group(1)] = [
                item.strip() for item in definition.group(2).split(",")
            ]
        elif codes := line_codes(line.text):
            phrase = line.text[: line.text.index("[")]
            agents += _agent_lines(phrase, codes[0], line.number, sets)
    return agents


def _agent_lines(
    phrase: str, code: str, number: int, sets: dict[str, list[str]]
) -> list[AgentLine]:
    """One source line as agent lines: its plural read, its marker expanded."""
    plural: str | None = None
    if "{" in phrase:
        phrase, _, braces = phrase.partition("{")
        plural = phrase_words(braces.partition("}")[0])
    marker = _MARKER.search(phrase)
    if not marker:
        return [AgentLine(phrase_words(phrase), code, plural, number)]
    items = sets.get(marker.group(1))
    if items is None:
        raise InputError(
            f"substitution set !{marker.group(1)}! is used before it is defined",
            line=number,
        )
    head, tail = phrase[: marker.start()], phrase[marker.end() :]
    plurals = {item: english_plural(item) for item in items}
    return [
        AgentLine(
            phrase_words(head + item + tail),
            code,
            phrase_words(head + plural + tail) if plural in items else "",
            number,
        )
        for item, plural in plurals.items()
        if item not in plurals.values()  # the plural of another item
    ]


# ---------------------------------------------------------------------- plurals

_IRREGULAR_ENDINGS = (("MAN", "MEN"), ("CHILD", "CHILDREN"))
_ES_ENDINGS = ("S", "X", "Z", "CH", "SH")
_VOWELS = frozenset("AEIOU")


#: Words after a phrase's head noun ("HEAD OF STATE"): its plural goes before.
PREPOSITIONS = frozenset({"OF", "FOR", "TO", "IN", "ON", "AT", "FROM", "WITH"})


def english_plural(words: str) -> str | None:
    """The regular plural of a phrase, if it has one.

    The head word takes it: the word before the first preposition ("HEAD OF
    STATE" -> "HEADS OF STATE") or a comma, else the last word. -y after a consonant ->
    -ies; -s, -x, -z, -ch, -sh -> -es; -man -> -men, -child -> -children; else
    +s. A head that already reads as a plural (-men, -children, or -s but not
    -ss/-us/-is) or does not end in a letter gets none. Case follows the input.
    """
    tokens = words.split(" ")
    head = next(
        (
            i - 1 if t.upper() in PREPOSITIONS else i
            for i, t in enumerate(tokens)
            if (i and t.upper() in PREPOSITIONS) or t.endswith(",")
        ),
        len(tokens) - 1,
    )
    plural = _word_plural(tokens[head].rstrip(","))
    if plural is None:
        return None
    comma = "," if tokens[head].endswith(",") else ""
    return " ".join([*tokens[:head], plural + comma, *tokens[head + 1 :]])


def _word_plural(word: str) -> str | None:
    last = word.upper()
    if not last[-1:].isalpha() or last.endswith(("MEN", "CHILDREN")):
        return None
    if last.endswith("S") and not last.endswith(("SS", "US", "IS")):
        return None
    for singular, plural in _IRREGULAR_ENDINGS:
        if last.endswith(singular):
            return word[: -len(singular)] + _recase(plural, word)
    if last.endswith("Y") and len(last) > 1 and last[-2] not in _VOWELS:
        return word[:-1] + _recase("IES", word)
    if last.endswith(_ES_ENDINGS):
        return word + _recase("ES", word)
    return word + _recase("S", word)


def _recase(text: str, like: str) -> str:
    return text.lower() if like[-1:].islower() else text.upper()


# ----------------------------------------------------------------------- actors


@dataclass(frozen=True)
class ActorRecord:
    """One actor: its phrases (primary first, as written) and codes, in file order."""

    phrases: tuple[str, ...]
    codes: tuple[Code, ...]
    line: int


class _RecordBuilder:
    """Groups an actors file's lines into records, PETRARCH's way."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.records: list[ActorRecord] = []
        self.phrases: list[str] = []
        self.codes: list[Code] = []
        self.first_line = 0
        self.waiting: list[tuple[list[str], int]] = []  # codeless, blank line after
        self.skipped: list[str] = []

    def add(self, line: Line) -> None:
        text = line.text
        if not text.strip():
            if self.phrases and not self.codes:
                self.waiting.append((self.phrases, self.first_line))
                self.phrases = []
            return
        codes = self._codes(line)
        name = text.split("[", 1)[0].strip()
        if text.lstrip().startswith("+") or (line.indented and name):
            self._synonyms(name, line.number)
        elif not line.indented:
            if self.codes:
                self.flush()
            if not self.phrases:
                self.first_line = line.number
            self.phrases += _split_synonyms(name)
        self.codes += codes

    def _synonyms(self, name: str, number: int) -> None:
        if not self.phrases:  # a synonym with no primary: it is the primary
            self.first_line = number
        self.phrases += _split_synonyms(name)

    def _codes(self, line: Line) -> list[Code]:
        codes = []
        for text in line_codes(line.text):
            try:
                codes.append(parse_code(text))
            except ValueError as error:  # PETRARCH skips such a restriction too
                self.skipped.append(f"{self.path.name}:{line.number}: {error}")
        return codes

    def flush(self) -> None:
        """Close the current record; codeless ones before it take its codes."""
        if self.phrases:
            self.records.append(
                ActorRecord(tuple(self.phrases), tuple(self.codes), self.first_line)
            )
        for phrases, first in self.waiting:
            self.records.append(ActorRecord(tuple(phrases), tuple(self.codes), first))
        self.phrases, self.codes, self.waiting = [], [], []


def _split_synonyms(name: str) -> list[str]:
    """``+TAIOAN_ +TAWIAN_`` holds two synonyms; each without its ``+``."""
    return [p.strip() for p in name.lstrip("+").split("+") if p.strip()]


def read_actors(path: Path) -> list[ActorRecord]:
    """The actor records of a PETRARCH actors file, in file order."""
    builder = _RecordBuilder(path)
    for line in read_lines(path):
        builder.add(line)
    builder.flush()
    return sorted(builder.records, key=lambda r: r.line)
