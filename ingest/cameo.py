"""Trigger rows derived from the CAMEO verb dictionary (PETRARCH2's CAMEO.2.0.txt).

The dictionary groups verbs into blocks (``--- KILL [190] ---``), gives a verb
an optional code of its own (``MURDER [190]``) and lists phrase patterns that
apply to the block's verbs (``- * (WITH) [190:190]  # CLASH``: ``*`` is the
verb, ``(...)`` a prepositional phrase, ``{...}`` a noun phrase whose last word
is its head, ``&NAME`` a synonym set, ``+``/``$`` the target/source, ``[A:B]``
the code of the source's act and of the target's reply; the comment names the
verb the pattern was first written for). Every code that falls under a relation
of the vocabulary (:func:`graph.vocabulary.cameo_relation`) becomes rows:

* verb rows (``direct = true``: the object is the target): the verbs of a
  specific code (not a catch-all "…0": 190 "use force" lists "die", "engage")
  among :data:`TARGET_CODES`, whose verbs name their target (not, say, 040
  "consult" or 060 "cooperate", whose synonyms "consider", "lead" take anything
  but a partner as object); for a deed, only verbs the coders used (a code of
  their own, the block's name, a pattern of the relation), not WordNet's
  ("occupy": "inhabit"); never a generic verb (:data:`GENERIC_VERBS`);
* preposition rows: a compound verb (``+MEET_WITH``) or a pattern whose only
  phrase is the target's (``* (WITH)``, ``* (INTO +)``), for the verbs its
  comment names, else the block's;
* object rows: a verb, its object noun and the target's preposition
  (``IMPOSE SANCTIONS (AGAINST)``, ``CUT TIES (WITH)``): ``objects`` rows, so
  the noun counts only with the verb that carries it.

What no row can say (a restriction on the subject or the object, a particle, an
object with no preposition for the target), what the rules above leave out and
every code with no relation are counted, not silently dropped: ``main`` prints
the counts and the table's header lists them. ``python -m geokg.ingest.cameo``
regenerates ``ingest/data/cameo_triggers.toml``; a test checks the committed
table is what this makes of the source.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from geokg.graph.vocabulary import RELATIONS, cameo_relation

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parents[1] / "shared" / "dictionaries" / "petrarch2" / "CAMEO.2.0.txt"
TABLE = HERE / "data" / "cameo_triggers.toml"

#: Verbs too general to say a relation on their own: rows for them need a
#: preposition or an object noun ("take part in", "make a visit to").
GENERIC_VERBS = frozenset(
    {"be", "say", "have", "make", "take", "go", "get", "come", "put", "give", "do",
     "set", "keep", "let", "see", "look", "run", "turn", "bring", "move", "leave",
     "show", "use", "find", "hold", "stand", "seem", "appear", "become", "remain",
     "engage"}
)

#: Codes whose verbs name their target (as object, or after a preposition):
#: praise, recognition, forgiveness (051-056), humanitarian aid, protection,
#: asylum (073-075), and the conflict cues (condemn, accuse, reject, threaten,
#: break off, sanction, expel, attack). The others - the catch-alls of appeals,
#: intent, consultation and cooperation (020, 030-039, 040, 050, 060) above all -
#: are said of a partner their verbs rarely name: "consider", "lead", "come to"
#: (a place). A mutual code ("[046:046]") of a symmetric relation names both
#: sides and always counts.
TARGET_CODES = ("051", "054", "055", "056", "073", "074", "075",
                "11", "12", "13", "161", "163", "166", "18", "19", "20")

#: Words that head a prepositional phrase (the target's marker when it is empty).
PREPOSITIONS = frozenset(
    {"about", "across", "after", "against", "along", "alongside", "among", "at",
     "before", "behind", "between", "by", "for", "from", "in", "inside", "into",
     "of", "on", "onto", "over", "through", "to", "toward", "towards", "under",
     "upon", "with", "within", "without"}
)

#: Adverbial particles of phrasal verbs ("walk out", "call off"): trigger rows have
#: no way to ask for them, so patterns and compounds with one are left out.
PARTICLES = frozenset({"up", "down", "out", "off", "back", "away", "aside", "forward"})

ATTRIBUTION = """\
# Derived from the CAMEO verb dictionary CAMEO.2.0.txt of PETRARCH2
# (openeventdata/petrarch2, commit 676801cd9cb2924bbbad09f86d15c9323e7097bf,
# petrarch2/data/dictionaries/), a composite of the TABARI CAMEO dictionaries
# and WordNet synonym sets. Dictionary development was funded by the U.S.
# National Science Foundation (grants SES89-10738, SES90-25130, SBR-9410023,
# SBE-0455158, SBE-0527564, SES-1004414, SES-1259190).
#
# The MIT License (MIT)
#
# Copyright (c) 2014, 2015 Open Event Data Alliance
#
# Permission is hereby granted, free of charge, to any person obtaining a copy of
# this software and associated documentation files (the "Software"), to deal in
# the Software without restriction, including without limitation the rights to
# use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
# the Software, and to permit persons to whom the Software is furnished to do so,
# subject to the following conditions:
#
# The above copyright notice and this permission notice shall be included in all
# copies or substantial portions of the Software.
#
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
# IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS
# FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
# COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
# IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
# CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""

_HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
_CODE = re.compile(r"\[([^\]]*)\]\s*$")


# --------------------------------------------------------------------- parsing


@dataclass(frozen=True)
class Code:
    """An event code of the dictionary: ``[A:B]`` is the source's act A and the
    target's reply B; ``[190:190]`` a mutual event, ``[:173]`` only a reply."""

    code: str | None  # None: no event of the source ("---", "[:173]")
    reply: str | None = None

    @property
    def mutual(self) -> bool:
        """Whether both sides do the same to each other ("clashed with")."""
        return self.code is not None and self.code == self.reply


@dataclass(frozen=True)
class Verb:
    """One verb of a block: its lemma, its own code, the word a compound adds."""

    lemma: str
    code: Code | None  # None: the block's code
    particle: str | None = None  # "+MEET_WITH" -> "with"
    compound: bool = False  # any other multi-word verb ("+WAGE_WAR", "RE_+ARREST")
    forms: frozenset[str] = frozenset()  # irregular forms: {FOUGHT FIGHTING}

    def has_form(self, word: str) -> bool:
        """Whether a word of a pattern's comment is this verb ("RAMMED": ram)."""
        stem, last = self.lemma, self.lemma[-1:]
        regular = {stem + end for end in ("", "s", "es", "d", "ed", "ing")}
        regular |= {stem[:-1] + end for end in ("ing", "ied", "ies")}
        regular |= {stem + last + end for end in ("ed", "ing")}
        return word in regular or word in self.forms


@dataclass(frozen=True)
class Pattern:
    """One ``-`` line: what follows the verb, reduced to what a trigger row can use."""

    code: Code
    objects: tuple[str, ...] = ()  # lemmas of the object's head (one, or a synset)
    preps: tuple[str, ...] = ()  # prepositions that mark the target
    usable: bool = True  # False: a shape trigger rows cannot say (subject nouns, …)
    origin: tuple[str, ...] = ()  # the verbs its comment says it was found with


@dataclass
class Group:
    """A verb block of the dictionary."""

    name: str
    code: Code
    verbs: list[Verb] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)


def parse_code(text: str) -> Code:
    """``"190"``, ``"190:190"``, ``":173"``, ``"---"`` as a :class:`Code`."""
    first, _, second = text.partition(":")
    return Code(_digits(first) or None, _digits(second) or None)


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _strip(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def singular(word: str) -> str:
    """The lemma of a dictionary noun: SANCTIONS -> sanction, PARTIES -> party."""
    word = word.lower().strip("_")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def parse(text: str) -> list[Group]:
    """The verb blocks of a dictionary in the CAMEO.2.0.txt format, synsets resolved."""
    synsets: dict[str, list[str]] = {}
    groups: list[Group] = []
    label: str | None = None
    for raw in text.splitlines():
        line = _strip(raw)
        if not line.strip():
            label = None
        elif line.startswith("&"):
            label = line.split()[0]
            synsets[label.rstrip("_")] = []
        elif line.startswith("+") and label is not None:
            synsets[label.rstrip("_")].append(line[1:].strip())
        elif match := _HEADER.match(line):
            groups.append(Group(match[1].lower(), parse_code(match[2])))
        elif not groups or line.startswith("~"):
            continue  # synsets before the first block; verb transformations
        elif line.startswith("-"):
            pattern = parse_pattern(line[1:], synsets)
            groups[-1].patterns.append(replace(pattern, origin=_origin(raw)))
        else:
            groups[-1].verbs.append(parse_verb(line))
    return groups


def _origin(raw: str) -> tuple[str, ...]:
    """The verbs a pattern's comment names: ``# BATTLE , CLASH`` (the file's header:
    "the verb[s] where the pattern was originally found is shown")."""
    words: list[str] = []
    for word in raw.partition("#")[2].replace(",", " ").split():
        if not word.replace("_", "").isalpha() or not word.isupper():
            break
        words.append(word.split("_")[0].lower())
    return tuple(words)


def parse_verb(line: str) -> Verb:
    """A verb line: ``HANG {HANGS HANGED} [180]``, ``+MEET_WITH {...}``."""
    code_match = _CODE.search(line)
    code = parse_code(code_match[1]) if code_match else None
    braces = re.search(r"\{([^}]*)\}", line)
    irregular = (braces[1] if braces else "").split()
    forms = frozenset(f.lstrip("+").split("_")[0].lower() for f in irregular)
    word = re.split(r"[\s\[{]", line.strip(), maxsplit=1)[0]
    if "_" not in word:
        return Verb(word.lstrip("+").lower(), code, forms=forms)
    front, _, back = word.partition("+")
    head, *rest = back.split("_")
    if not front and len(rest) == 1 and rest[0].lower() in PREPOSITIONS:
        return Verb(head.lower(), code, particle=rest[0].lower(), forms=forms)
    return Verb(head.lower(), code, compound=True, forms=forms)


def _tokens(post: str) -> list[list[str]]:
    """The elements after the verb: ``(PREP ...)`` and ``{...}`` as one element each."""
    elements: list[list[str]] = []
    depth = 0
    for tok in post.split():
        if depth:
            elements[-1].append(tok)
        else:
            elements.append([tok])
        depth += tok.count("(") + tok.count("{") - tok.count(")") - tok.count("}")
        depth = max(depth, 0)
    return elements


def _nouns(element: list[str], synsets: dict[str, list[str]]) -> tuple[str, ...]:
    """The head lemmas a noun element stands for (a synset stands for its members)."""
    head = element[-1].strip("{}")
    if head.startswith("&"):
        members = synsets.get(head[1:].rstrip("_"), [])
        heads = {singular(m.replace("_", " ").split()[-1]) for m in members}
        return tuple(sorted(heads))
    return (singular(head),) if head.replace("-", "").isalpha() else ()


def parse_pattern(body: str, synsets: dict[str, list[str]]) -> Pattern:
    """A pattern line (after its ``-``): its code, object nouns and target preps."""
    match = _CODE.search(body)
    if match is None or "*" not in body:
        return Pattern(Code(None), usable=False)
    code = parse_code(match[1])
    pre, _, post = body[: match.start()].partition("*")
    if any(t not in ("$", "^") for t in pre.split()) or "$" in post:
        return Pattern(code, usable=False)  # a restriction on the subject, a passive
    objects: tuple[str, ...] = ()
    preps: list[str] = []
    elements = _tokens(post)
    for i, element in enumerate(elements):
        first = element[0]
        if first.startswith("("):
            inner = " ".join(element).strip("()").split()
            if inner[1:] and inner[1:] != ["+"]:
                return Pattern(code, usable=False)  # "(IN {TRAINING ACCIDENT})"
            preps += [p.lower() for p in inner[0].split("/")]
        elif first in ("+", "$", "^"):
            continue
        elif first.lower() in PREPOSITIONS and (
            i == len(elements) - 1 or elements[i + 1][0] == "+"
        ):
            preps.append(first.lower())  # TABARI style: "* WITH", "* TOWARD +"
        elif first.lower() in PARTICLES:
            return Pattern(code, usable=False)
        elif i == 0 and (first.startswith(("{", "&")) or first.isalpha()):
            objects = _nouns(element, synsets)
            if not objects:
                return Pattern(code, usable=False)
        else:
            return Pattern(code, usable=False)
    if any(p not in PREPOSITIONS for p in preps):
        return Pattern(code, usable=False)
    return Pattern(code, objects, tuple(preps))


# ------------------------------------------------------------------------ rows


@dataclass(frozen=True)
class Evidence:
    """One thing a block says a relation is: verbs, and what marks the target."""

    relation: str
    code: Code
    verbs: frozenset[str]
    preps: frozenset[str] = frozenset()
    noun: str | None = None  # the object noun of a "verb + noun" pattern


@dataclass
class Report:
    """What the conversion kept and left out, for the table's header and the CLI."""

    rows: Counter = field(default_factory=Counter)  # relation -> rows
    unmapped: Counter = field(default_factory=Counter)  # code -> verbs and patterns
    reply_only: int = 0  # "[:173]": only the target's reply is coded
    unusable: int = 0  # mapped, but a shape trigger rows cannot say
    no_target: int = 0  # mapped, an object noun but no preposition for the target
    catch_all: int = 0  # bare verbs of a catch-all code (190 "use force", 120 …)
    synonyms: int = 0  # WordNet synonyms of deeds that no coder used
    untrusted: int = 0  # rows of codes whose verbs do not name their target
    ambiguous: int = 0  # rows that look for what a row of another relation does

    def relation(self, code: Code) -> str | None:
        """The relation of a code, counting the codes that have none."""
        if code.code is None:
            self.reply_only += code.reply is not None
            return None
        rel = cameo_relation(code.code, mutual=code.mutual)
        if rel is None:
            self.unmapped[code.code] += 1
        return rel


def _inflected(verb: Verb, group: Group) -> bool:
    """Whether a verb line is only a form of another verb of its block (FORGAVE)."""
    return any(v.lemma != verb.lemma and v.has_form(verb.lemma) for v in group.verbs)


def evidence(group: Group, report: Report) -> Iterator[Evidence]:
    """What one block says: each verb's own code, each usable pattern's code."""
    verbs = [v for v in group.verbs if not _inflected(v, group)]
    simple = frozenset(v.lemma for v in verbs if not (v.particle or v.compound))
    for verb in verbs:
        code = verb.code or group.code
        if (rel := report.relation(code)) is None:
            continue
        if verb.compound:
            report.unusable += 1
        elif verb.particle:
            preps = frozenset({verb.particle})
            yield Evidence(rel, code, frozenset({verb.lemma}), preps)
        elif str(code.code).endswith("0"):
            report.catch_all += 1
        elif _attested(verb, group, rel) or _said(rel):
            yield Evidence(rel, code, frozenset({verb.lemma}))
        else:
            report.synonyms += 1
    for pattern in group.patterns:
        if (rel := report.relation(pattern.code)) is None:
            continue
        verbs = _pattern_verbs(group, pattern, simple)
        if not pattern.usable or not verbs:
            report.unusable += 1
        elif pattern.objects and not pattern.preps:
            report.no_target += 1
        else:
            preps = frozenset(pattern.preps)
            for noun in pattern.objects or (None,):
                yield Evidence(rel, pattern.code, verbs, preps, noun)


def _said(rel: str) -> bool:
    """Whether the relation is a statement (praise, denounce): the WordNet synonyms
    of a statement say the same thing, where those of a deed stray ("occupy":
    "inhabit", "reside")."""
    return RELATIONS[rel].family in ("verbal-cooperation", "verbal-conflict")


def _attested(verb: Verb, group: Group, rel: str) -> bool:
    """Whether the dictionary's coders used a verb for a relation, not only WordNet:
    it has a code of its own, names its block, or a pattern of the relation was
    written for it."""
    return (
        verb.code is not None
        or verb.lemma == group.name
        or any(
            p.code.code
            and cameo_relation(p.code.code, mutual=p.code.mutual) == rel
            and any(verb.has_form(w) for w in p.origin)
            for p in group.patterns
        )
    )


def _pattern_verbs(
    group: Group, pattern: Pattern, simple: frozenset[str]
) -> frozenset[str]:
    """The verbs a pattern is for: those its comment names, else the block's; none
    when the comment names only verbs the block no longer has."""
    if not pattern.origin:
        return simple
    return frozenset(
        v.lemma
        for v in group.verbs
        if v.lemma in simple and any(v.has_form(w) for w in pattern.origin)
    )


def _row_id(code: Code, group: str, *qualifier: str) -> str:
    """``cameo:190:kill``, ``cameo:190-190:physical_conflict:with`` (a mutual code)."""
    text = f"{code.code}-{code.reply}" if code.mutual else str(code.code)
    return ":".join(("cameo", text, group, *qualifier))


def group_rows(group: Group, report: Report) -> Iterator[dict]:
    """The trigger rows of one block (not yet merged)."""
    for ev in evidence(group, report):
        mutual = ev.code.mutual and RELATIONS[ev.relation].symmetric
        if not (mutual or str(ev.code.code).startswith(TARGET_CODES)):
            report.untrusted += 1
            continue
        base: dict = {"relation": ev.relation}
        if mutual:
            base["joint"] = True
        if ev.noun is not None:
            row_id = _row_id(ev.code, group.name, ev.noun, *sorted(ev.preps))
            yield {"id": row_id, **base, "verbs": ev.verbs,
                   "objects": frozenset({ev.noun}), "preps": ev.preps}
        elif ev.preps:
            row_id = _row_id(ev.code, group.name, *sorted(ev.preps))
            yield {"id": row_id, **base, "verbs": ev.verbs, "preps": ev.preps}
        elif verbs := ev.verbs - GENERIC_VERBS:
            yield {"id": _row_id(ev.code, group.name), **base, "verbs": verbs,
                   "direct": True}


def _merge(rows: Iterable[dict]) -> list[dict]:
    """One row per id; a code's direct verbs take the prepositions its patterns
    give the same verbs ("* (WITH)" of a block whose verbs all have that code)."""
    by_id: dict[str, dict] = {}
    for row in rows:
        have = by_id.setdefault(row["id"], {"id": row["id"]})
        for key, value in row.items():
            if isinstance(value, frozenset):
                have[key] = have.get(key, frozenset()) | value
            elif isinstance(value, bool):
                have[key] = have.get(key, False) or value
            else:
                have[key] = value
    for row in [r for r in by_id.values() if r.get("direct")]:
        for other in [o for i, o in by_id.items() if i.startswith(row["id"] + ":")]:
            if "verbs" in other and "objects" not in other and (
                other["verbs"] == row["verbs"]
            ):
                row["preps"] = row.get("preps", frozenset()) | other["preps"]
                del by_id[other["id"]]
    return list(by_id.values())


def _saying(row: dict) -> tuple:
    """What a row looks for, whatever relation it gives ("launch campaign against")."""
    return tuple(row.get(k) for k in ("verbs", "objects", "preps", "direct"))


def derive(groups: Iterable[Group]) -> tuple[list[dict], Report]:
    """The trigger rows of the blocks, sorted by id, and what was left out."""
    report = Report()
    rows: list[dict] = []
    for group in groups:
        rows += _merge(group_rows(group, report))
    relations: dict[tuple, set[str]] = {}
    for row in rows:
        relations.setdefault(_saying(row), set()).add(row["relation"])
    kept = [row for row in rows if len(relations[_saying(row)]) == 1]
    report.ambiguous = len(rows) - len(kept)
    rows = sorted(kept, key=lambda r: r["id"])
    report.rows.update(r["relation"] for r in rows)
    return rows, report


# ---------------------------------------------------------------------- output

_KEYS = ("relation", "verbs", "nouns", "objects", "preps", "direct", "joint")


def _toml_list(key: str, words: Iterable[str]) -> list[str]:
    """``key = ["a", "b", …]`` wrapped at 88 characters."""
    items = [f'"{w}"' for w in sorted(words)]
    lines, line = [], f"{key} = ["
    indent = " " * len(line)
    for i, item in enumerate(items):
        piece = item + ("," if i < len(items) - 1 else "]")
        if len(line) + len(piece) + 1 > 88 and not line.endswith("["):
            lines.append(line.rstrip())
            line = indent
        line += piece + ("" if i == len(items) - 1 else " ")
    return [*lines, line]


def render_row(row: dict) -> list[str]:
    """One ``[[trigger]]`` of the table."""
    lines = ["[[trigger]]", f'id = "{row["id"]}"']
    for key in _KEYS:
        value = row.get(key)
        if isinstance(value, frozenset) and value:
            lines += _toml_list(key, value)
        elif value is True:
            lines.append(f"{key} = true")
        elif isinstance(value, str):
            lines.append(f'{key} = "{value}"')
    return lines


def _summary(report: Report) -> list[str]:
    per_relation = ", ".join(f"{r} {n}" for r, n in sorted(report.rows.items()))
    unmapped = ", ".join(f"{c} ({n})" for c, n in sorted(report.unmapped.items()))
    lines = [
        f"Rows per relation: {per_relation}.",
        f"Left out: {report.unusable} patterns and compound verbs no row can say "
        f"(a restriction on the subject or the object, a particle); "
        f"{report.no_target} object patterns with no preposition for the target; "
        f"{report.catch_all} bare verbs of catch-all codes (…0, \"not specified "
        f"below\"); {report.synonyms} WordNet synonyms of deeds that no pattern or "
        f"code of the relation names; "
        f"{report.untrusted} rows of codes whose verbs do not name the target "
        f"(TARGET_CODES); {report.ambiguous} rows that look for the same words as a "
        f"row of another relation; {report.reply_only} codes of the target's reply "
        "only.",
        "Codes with no relation in graph/vocabulary.py, with their verbs and "
        f"patterns (see README.md, Relations): {unmapped}.",
    ]
    return [part for line in lines for part in _wrap(line)]


def _wrap(text: str, width: int = 86) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = ""
        line = f"{line} {word}" if line else word
    return [*lines, line]


def render(rows: list[dict], report: Report) -> str:
    """The derived table: attribution and licence, a summary, then the rows."""
    head = [
        "# Trigger rows derived from the CAMEO verb dictionary. GENERATED by",
        "# `python -m geokg.ingest.cameo` (ingest/cameo.py); do not edit: hand-written",
        "# rows live in ingest/triggers.toml, which wins over this table (see its",
        "# header).",
        "#",
        *(f"# {line}" for line in _summary(report)),
        "#",
        ATTRIBUTION.rstrip("\n"),
    ]
    body = [line for row in rows for line in ("", *render_row(row))]
    return "\n".join(head + body) + "\n"


def convert(text: str) -> tuple[str, Report]:
    """The derived table of a dictionary's text, and what it left out."""
    rows, report = derive(parse(text))
    return render(rows, report), report


def main(argv: list[str] | None = None) -> int:
    """Regenerate the derived table from the dictionary and print what it holds."""
    summary = __doc__.splitlines()[0]
    parser = argparse.ArgumentParser(
        prog="python -m geokg.ingest.cameo", description=summary
    )
    parser.add_argument("--source", type=Path, default=SOURCE, help="CAMEO.2.0.txt")
    parser.add_argument("--out", type=Path, default=TABLE, help="the table to write")
    args = parser.parse_args(argv)
    try:
        text = args.source.read_text(encoding="utf-8")
    except OSError as exc:
        message = f"cannot read {args.source}: {exc.strerror}; pass --source PATH"
        print(message, file=sys.stderr)
        return 1
    table, report = convert(text)
    partial = args.out.with_name(args.out.name + ".partial")
    partial.write_text(table, encoding="utf-8")
    partial.replace(args.out)  # never a half-written table
    print(f"wrote {args.out}")
    for line in _summary(report):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
