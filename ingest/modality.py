"""Modality, negation, attribution, dates and places of a claim's clause.

Given the trigger of a relation, :class:`Context` reads the clause around it:
negated ("will not agree to"), planned ("are set to discuss", "will meet"),
hypothetical ("would hit … if necessary", "the risk of strikes"), reported
(the speaker of "X said", of a quotation, or the outlet of "according to
Mehr", in ``attributed_to``), the date expression of the clause ("on Tuesday")
and the place ("in the Caspian Sea"). :func:`resolve_date` turns a date
expression into an ISO date against the article's publication date. All the
words looked for come from ``triggers.toml``.
"""

from __future__ import annotations

import bisect
import calendar
import re
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property, lru_cache
from importlib import resources

from geokg.graph.vocabulary import ACTOR_TYPES
from geokg.ingest.actors import Mention, doc_text, words_in_text
from spacy.tokens import Doc, Span, Token

MentionAt = Callable[[Token], "Mention | None"]
CLIMB_DEPS = frozenset({"xcomp", "conj", "pcomp"})
DATE_DEPS = frozenset({"npadvmod", "tmod", "advmod", "obl", "nmod"})
PLACE_TYPES = frozenset({"Location", "Country"})
OPEN_QUOTES, CLOSE_QUOTES, BOTH_QUOTES = "“«", "”»", '"'


@dataclass(frozen=True)
class Clause:
    """What the clause around a trigger says about the claim."""

    modality: str = "asserted"
    negated: bool = False
    date: str | None = None
    location: Mention | None = None
    attributed_to: Mention | None = None


@dataclass(frozen=True)
class Quote:
    """A quotation: its character span and who said it."""

    start: int
    end: int
    speaker: Mention | None


class Context:
    """Reads clauses of one parsed document; built once per document, lazily."""

    def __init__(
        self, doc: Doc, words: dict[str, frozenset[str]], mention_at: MentionAt
    ):
        self.doc = doc
        self.at = mention_at
        self.w = {
            k.split(".", 1)[1]: v
            for k, v in words.items()
            if k.startswith(("modality.", "place.", "dates."))
        }
        self.light = words.get("light.verbs", frozenset())

    # ------------------------------------------------------------------ clause

    def clause(self, trigger: Token, *, exclude: Iterable[Mention] = ()) -> Clause:
        """The modality, negation, attribution, date and place of a trigger's clause."""
        chain = self.chain(trigger)
        speaker = self.speaker(trigger)
        attributed = speaker or self.outlet(trigger.sent)
        modality = self.modality(trigger, chain)
        if modality == "asserted" and attributed is not None:
            modality = "reported"
        skip = {m.entity.id for m in exclude}
        return Clause(
            modality=modality,
            negated=self.negated(chain),
            date=self.date(chain),
            location=self.location(chain, skip),
            attributed_to=attributed,
        )

    def chain(self, trigger: Token) -> list[Token]:
        """The trigger and the words that govern its tense and mood.

        A noun's chain runs up to its clause's verb; a verb's climbs through
        the verbs it is the complement or conjunct of ("set to discuss").
        """
        chain = [trigger]
        tok = trigger
        while (
            tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i and len(chain) < 6
        ):
            tok = tok.head
            chain.append(tok)
        while tok.dep_ in CLIMB_DEPS and tok.head.i != tok.i:
            tok = tok.head
            chain.append(tok)
            if tok.dep_ == "acomp" and tok.head.pos_ in ("AUX", "VERB"):
                tok = tok.head  # "is due to meet", "is ready to talk"
                chain.append(tok)
        return chain

    def modality(self, trigger: Token, chain: list[Token]) -> str:
        """hypothetical, planned or asserted: from auxiliaries and modifiers."""
        verbs = [
            t for t in chain if t.pos_ in ("VERB", "AUX") or t.dep_ == "acomp"
        ]
        if verbs and chain.index(verbs[0]) > 2:
            verbs = []  # a noun deep in a phrase keeps its own mood
        if _known_event(trigger):
            verbs = []  # "The withdrawal of X … can be seen as …": it happened
        w = self.w
        hedged = [
            n
            for n, v in enumerate(verbs[:-1])
            if v.lemma_.lower() in w["performatives"]
            and verbs[n + 1].lemma_.lower() in w["hedges"]
        ]
        if hedged:  # "would like to thank X for Y": the thanks are given
            n = hedged[0]
            verbs = verbs[: n + 1] + verbs[n + 2 :]
        mods = {
            c.lower_
            for t in chain
            if t.pos_ not in ("VERB", "AUX")
            for c in t.children
            if c.dep_ in ("amod", "det", "advmod", "compound")
        }
        if (
            mods & w["hypothetical_mods"]
            or self._risk(chain)
            or any(self._hypothetical(v, governing=v.i != trigger.i) for v in verbs)
        ):
            return "hypothetical"
        if mods & w["planned_mods"] or any(
            self._planned(v, governing=v.i != trigger.i) for v in verbs
        ):
            return "planned"
        return "asserted"

    def _hypothetical(self, verb: Token, *, governing: bool) -> bool:
        w = self.w
        for c in verb.children:
            if c.dep_ == "aux" and c.lower_ in w["hypothetical_aux"]:
                if not (c.lower_ == "would" and self._future_in_past(verb)):
                    return True
        if verb.dep_ in ("advcl", "ccomp") and marked(verb, w["hypothetical_marks"]):
            return True  # "if Peru recognizes Chile, …": a condition
        for c in verb.children:
            if (
                c.dep_ == "advcl"
                and verb.lemma_.lower() not in w["conditional_acts"]
                and marked(c, w["hypothetical_marks"])
            ):
                return True  # not "warned X of consequences if …": a warning made
        return governing and verb.lemma_.lower() in w["hypothetical_verbs"]

    def _planned(self, verb: Token, *, governing: bool) -> bool:
        w = self.w
        if verb.lemma_.lower() in w["continuing"]:
            return False  # "will continue to support X", "will remain a member"
        if any(c.dep_ == "aux" and c.lower_ in w["planned_aux"] for c in verb.children):
            return True
        if any(c.dep_ == "aux" and c.lower_ == "would" for c in verb.children):
            return self._future_in_past(verb)  # "said it would resume talks"
        return governing and verb.lemma_.lower() in w["planned_verbs"]

    def _future_in_past(self, verb: Token) -> bool:
        """ "The US said it would resume cooperation": "would" after a past
        reporting verb is the reported "will" (an intent), not a conditional."""
        w = self.w
        return (
            verb.dep_ == "ccomp"
            and verb.head.lemma_.lower() in w["reporting_verbs"]
            and verb.head.tag_ == "VBD"
            and not marked(verb, w["hypothetical_marks"])
            and not any(
                c.dep_ == "advcl" and marked(c, w["hypothetical_marks"])
                for c in verb.children
            )
        )

    def _risk(self, chain: list[Token]) -> bool:
        """ "the risk of further strikes": the noun is what might happen."""
        nouns = self.w["hypothetical_nouns"]
        return any(
            t.dep_ == "pobj"
            and t.head.lower_ == "of"
            and t.head.head.lemma_.lower() in nouns
            for t in chain
        )

    def negated(self, chain: list[Token]) -> bool:
        """Whether the chain carries a negation ("will not agree", "no talks", "seldom
        met"), or a verb of refusal governs it ("refused to meet").

        "not only ... but also" negates nothing. A nominal event that is the
        argument of another verb ("never condemned Chile's invasion of Bolivia")
        keeps its own polarity: the verb's negation is about the verb; only a light
        verb ("did not impose sanctions") or a copula passes its negation on."""
        chain = self._own_clause(chain)
        w = self.w
        neg, refusing = w["negation"], w.get("negating_verbs", frozenset())
        adverbs = w.get("negation_adverbs", frozenset())
        return any(
            (c.dep_ == "neg" and not _not_only(c, w.get("emphasis", frozenset())))
            or (c.dep_ == "det" and c.lower_ in neg)
            or (c.dep_ == "advmod" and c.lower_ in adverbs)
            for t in chain
            for c in t.children
        ) or any(  # "refused to meet", "failed to reach agreement"
            t.dep_ == "xcomp" and t.head.lemma_.lower() in refusing for t in chain
        )

    def _own_clause(self, chain: list[Token]) -> list[Token]:
        """The part of a chain whose negation is the trigger's: a noun's chain stops
        below a verb it is an argument of, unless that verb is light or a copula."""
        if chain[0].pos_ not in ("NOUN", "PROPN"):
            return chain
        for n, tok in enumerate(chain):
            if tok.pos_ in ("VERB", "AUX"):
                dep = chain[n - 1].dep_ if n else ""
                if tok.lemma_ == "be":  # "X is not an ally" denies; "the conflict
                    keeps = dep != "nsubj"  # is not the result of Y" does not
                else:
                    light = tok.lemma_.lower() in self.light
                    keeps = light or dep in ("nsubj", "nsubjpass", "attr")
                return chain if keeps else chain[:n]
        return chain

    # ------------------------------------------------------------- attribution

    def speaker(self, tok: Token) -> Mention | None:
        """Who says the clause of `tok`: the subject of a reporting verb over it, or
        the speaker of the quotation it is in."""
        reporting = self.w["reporting_verbs"]
        t = tok
        while t.head.i != t.i:
            if t.dep_ in ("ccomp", "parataxis") and t.head.lemma_.lower() in reporting:
                return self._subject(t.head)
            t = t.head
        for c in t.children:  # '"…," Baqaei said' parses "said" under the quote
            if c.dep_ == "parataxis" and c.lemma_.lower() in reporting and c.i != tok.i:
                if (m := self._subject(c)) is not None:
                    return m
        quote = self.quote_at(tok.idx)
        return quote.speaker if quote else None

    def _subject(self, verb: Token) -> Mention | None:
        for c in verb.children:
            if c.dep_ == "nsubj":
                return self._named(c)
        return None

    def _named(self, tok: Token) -> Mention | None:
        m = self.at(tok)
        if m is None:
            m = next(
                (
                    self.at(c)
                    for c in tok.children
                    if c.dep_ in ("poss", "compound", "amod") and self.at(c)
                ),
                None,
            )
        return m if m is not None and m.entity.type in ACTOR_TYPES else None

    def outlet(self, sent: Span) -> Mention | None:
        """The source named by "according to X" or "as quoted by X" in a sentence."""
        return self._outlets.get(sent.start)

    @cached_property
    def _outlets(self) -> dict[int, Mention]:
        found: dict[int, Mention] = {}
        preps, verbs = self.w["source_preps"], self.w["source_verbs"]
        for tok in self.doc:
            low = tok.lower_
            if low in preps or (tok.pos_ == "VERB" and tok.lemma_.lower() in verbs):
                for m in self._source_objects(tok):
                    found.setdefault(tok.sent.start, m)
        return found

    def _source_objects(self, tok: Token) -> list[Mention]:
        out = []
        for c in tok.subtree:
            if (
                c.dep_ == "pobj"
                and c.head.dep_ in ("prep", "agent")
                and (m := self.at(c)) is not None
            ):
                out.append(m)
        return out[:1]

    # ------------------------------------------------------------------ quotes

    def quote_at(self, char: int) -> Quote | None:
        """The quotation that holds a character offset, if any."""
        quotes = self._quotes
        i = bisect.bisect_right([q.start for q in quotes], char) - 1
        return quotes[i] if i >= 0 and quotes[i].start <= char < quotes[i].end else None

    @cached_property
    def _quotes(self) -> list[Quote]:
        """The quotations, each with its speaker; a quotation with none of its own
        that follows another in the same paragraph continues that speaker's words
        ('"…," said X. "We will …"')."""
        quotes: list[Quote] = []
        last: tuple[int, Mention | None] = (-1, None)
        for para, start, end in quotation_spans(self._text):
            opens = not self._text[para:start].strip()
            before = self._paragraph_before(para) if opens else None
            speaker = self._quote_speaker(para, start, end)
            if speaker is None and before is not None:
                # 'X released this statement:' and the quotation below it
                speaker = self._colon_speaker(before, para)
            if speaker is None and (
                last[0] == para or (before is not None and last[0] == before)
            ):
                # '"…," said X. "We will …"', and a quotation opening the next
                # paragraph: the speaker goes on
                speaker = last[1]
            quotes.append(Quote(start, end, speaker))
            last = (para, speaker)
        return quotes

    def _paragraph_before(self, para: int) -> int | None:
        """The start of the last paragraph with text before the one at ``para``."""
        i = para - 1  # the line break that ends the paragraph before
        while i > 0:
            start = self._text.rfind("\n", 0, i) + 1
            if self._text[start:i].strip():
                return start
            i = start - 1
        return None

    @cached_property
    def _text(self) -> str:
        return self.doc.text  # spaCy builds it anew on every access

    def _quote_speaker(self, para_start: int, start: int, end: int) -> Mention | None:
        """ "Araghchi, according to Mehr: “…”" or "“…,” Baqaei said"."""
        speaker = self._colon_speaker(para_start, start)
        if speaker is not None:
            return speaker
        before = self._text[para_start:start].rstrip()
        if before.endswith((",", ":")):  # 'X said, "…"', 'X told reporters: "…"'
            span = self.doc.char_span(para_start, start, alignment_mode="expand")
            verbs = [
                t
                for t in (span or ())
                if t.lemma_.lower() in self.w["reporting_verbs"] and t.pos_ == "VERB"
            ]
            said_end = para_start + len(before.rstrip(",:"))
            if verbs and verbs[-1].sent.end_char >= said_end:
                speaker = self._subject(verbs[-1])
                if speaker is not None:
                    return speaker
        after = self.doc.char_span(
            end, min(len(self._text), end + 200), alignment_mode="expand"
        )
        if after is not None and len(after):
            sent = after[0].sent
            for tok in sent:
                if (
                    tok.idx >= end
                    and tok.lemma_.lower() in self.w["reporting_verbs"]
                    and tok.pos_ == "VERB"
                ):
                    return self._subject(tok)
        return None

    def _colon_speaker(self, start: int, end: int) -> Mention | None:
        """The first actor named in text ending with a colon ("Araghchi, according
        to Mehr:", "X released the following statement:"), not an owner ("X's")
        nor a source ("according to Y")."""
        if not self._text[start:end].rstrip().endswith(":"):
            return None
        span = self.doc.char_span(start, end, alignment_mode="expand")
        for tok in span or ():
            m = self.at(tok)
            if m is None or m.entity.type not in ACTOR_TYPES or tok.i != m.end - 1:
                continue
            nxt = self.doc[tok.i + 1] if tok.i + 1 < len(self.doc) else None
            if nxt is not None and nxt.tag_ == "POS":
                continue
            if any(a.lower_ in self.w["source_preps"] for a in tok.ancestors):
                continue
            return m
        return None

    # ------------------------------------------------------------ date, place

    def date(self, chain: list[Token]) -> str | None:
        """The date expression nearest the trigger in its clause, as written."""
        spans = self._dates
        for t in chain:
            for c in t.children:
                if c.dep_ in DATE_DEPS and c.i in spans:
                    return spans[c.i]
                if c.dep_ == "prep":
                    for p in c.children:
                        if p.dep_ == "pobj" and p.i in spans:
                            return spans[p.i]
        return None

    @cached_property
    def _dates(self) -> dict[int, str]:
        return {
            t.i: ent.text for ent in self.doc.ents if ent.label_ == "DATE" for t in ent
        }

    def location(self, chain: list[Token], skip: set[str]) -> Mention | None:
        """The place the clause happens in: "in the Caspian Sea", "in Istanbul"."""
        preps = self.w["preps"]

        def place(tok: Token, depth: int) -> Mention | None:
            for c in tok.children:
                if c.dep_ != "prep" or c.lower_ not in preps:
                    continue
                for p in c.children:
                    if p.dep_ != "pobj":
                        continue
                    m = self.at(p)
                    if (
                        m is not None
                        and m.entity.type in PLACE_TYPES
                        and m.entity.id not in skip
                    ):
                        return m
                    if m is None and depth and (found := place(p, depth - 1)):
                        return found
            return None

        for t in chain:
            if (m := place(t, 1)) is not None:
                return m
        return None


def _not_only(neg: Token, emphasis: frozenset[str]) -> bool:
    """ "not only ... but also": an emphasis, no negation."""
    nxt = neg.nbor(1) if neg.i + 1 < len(neg.doc) else None
    return nxt is not None and nxt.lower_ in emphasis


#: First-person plural pronouns.
WE_PRONOUNS = frozenset({"we", "us", "our", "ours", "ourselves"})
#: More "we" outside quotations than this and the text speaks in the first
#: person throughout (a speech, an op-ed), not a report or a release.
MAX_REPORT_WE = 4


def we_outside_quotations(doc: Doc) -> list[Token]:
    """The document's "we", "our", "us" … outside quotations (computed once)."""
    found = doc.user_data.get("geokg_we_outside")
    if found is None:
        words = words_in_text(doc, WE_PRONOUNS)
        quotes = quotation_spans(doc_text(doc))
        found = doc.user_data["geokg_we_outside"] = [
            t for t in words if not any(a <= t.idx < b for _, a, b in quotes)
        ]
    return found


def is_report(doc: Doc) -> bool:
    """Whether a document reports (news, a release) rather than speaks: it says
    "we" outside quotations at most MAX_REPORT_WE times."""
    return len(we_outside_quotations(doc)) <= MAX_REPORT_WE


def quotation_spans(text: str) -> list[tuple[int, int, int]]:
    """(paragraph start, start, end) of every quotation of a text, as offsets."""
    spans, offset = [], 0
    for para in text.split("\n"):
        spans += [(offset, offset + a, offset + b) for a, b in _quote_spans(para)]
        offset += len(para) + 1
    return spans


def _quote_spans(para: str) -> list[tuple[int, int]]:
    """Character spans of the quotations of one paragraph (open to close, inclusive)."""
    spans = []
    depth, start = 0, -1
    for match in re.finditer(r"[“”«»\"]", para):
        ch, at = match.group(), match.start()
        opening = ch in OPEN_QUOTES or (ch in BOTH_QUOTES and depth == 0)
        if opening:
            if depth == 0:
                start = at
            depth += 1 if ch in OPEN_QUOTES else 1
        elif depth:
            depth -= 1
            if depth == 0:
                spans.append((start, at + 1))
    if depth:
        spans.append((start, len(para)))
    return spans


# ---------------------------------------------------------------------- dates

_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_ISO = re.compile(r"\b(\d{4})-(\d\d)-(\d\d)\b")
_AGO = re.compile(
    r"\b(\d+|a|an|one|two|three|four|five|six|seven)\s+(day|week|month|year)s?\s+ago"
)
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
}


@lru_cache(maxsize=1)
def _date_words() -> dict[str, frozenset[str]]:
    """The [dates] word lists of triggers.toml."""
    text = (resources.files(__package__) / "triggers.toml").read_text(encoding="utf-8")
    section = tomllib.loads(text).get("dates", {})
    return {k: frozenset(v) for k, v in section.items()}


def resolve_date(
    expression: str | None,
    published: date | None,
    *,
    future: bool = False,
    words: dict[str, frozenset[str]] | None = None,
) -> str | None:
    """An ISO date ("2025-07-15"), month ("2025-06"), week ("2025-W28") or year ("2015")
    for a date expression, resolved against the publication date when it is relative.

    ``future`` says the claim is planned, so a bare weekday or month lies ahead.
    None when the expression cannot be placed in time.
    """
    if not expression:
        return None
    text = " ".join(expression.lower().replace(",", " ").split())
    tokens = set(text.split())
    w = words or _date_words()
    direction = -1 if tokens & w["past"] else 1 if tokens & w["future"] else 0
    return _absolute(text) or (
        _relative(text, tokens, published, direction, future) if published else None
    )


def _absolute(text: str) -> str | None:
    if m := _ISO.search(text):
        return m.group(0)
    year = _YEAR.search(text)
    month = next(
        (_MONTHS[t.rstrip(".")] for t in text.split() if t.rstrip(".") in _MONTHS), None
    )
    if year and month:
        day = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", _YEAR.sub("", text))
        if (
            day
            and 1
            <= int(day.group(1))
            <= calendar.monthrange(int(year.group(1)), month)[1]
        ):
            return date(int(year.group(1)), month, int(day.group(1))).isoformat()
        return f"{year.group(1)}-{month:02d}"
    return year.group(1) if year else None


def _relative(
    text: str, tokens: set[str], pub: date, direction: int, future: bool
) -> str | None:
    if m := _AGO.search(text):
        n = int(m.group(1)) if m.group(1).isdigit() else _NUMBERS[m.group(1)]
        unit = m.group(2)
        if unit == "day":
            return (pub - timedelta(days=n)).isoformat()
        if unit == "week":
            return _week(pub - timedelta(weeks=n))
        if unit == "month":
            return _month(pub, -n)
        return str(pub.year - n)
    for word, days in (
        ("today", 0),
        ("tonight", 0),
        ("yesterday", -1),
        ("tomorrow", 1),
    ):
        if word in tokens:
            return (pub + timedelta(days=days)).isoformat()
    step = direction
    if "week" in tokens:
        return _week(pub + timedelta(weeks=step))
    if "month" in tokens:
        return _month(pub, step)
    if "year" in tokens:
        return str(pub.year + step)
    ahead = direction > 0 or (direction == 0 and future)
    for name, wd in _WEEKDAYS.items():
        if name in tokens:
            delta = (wd - pub.weekday()) % 7 if ahead else -((pub.weekday() - wd) % 7)
            if direction and delta == 0:
                delta = 7 * direction
            return (pub + timedelta(days=delta)).isoformat()
    for name, month in _MONTHS.items():
        if name in tokens:
            year = pub.year
            if ahead and month < pub.month:
                year += 1
            elif not ahead and month > pub.month:
                year -= 1
            return f"{year}-{month:02d}"
    return None


def _week(day: date) -> str:
    iso = day.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def _month(day: date, step: int) -> str:
    index = day.year * 12 + day.month - 1 + step
    return f"{index // 12}-{index % 12 + 1:02d}"


def marked(clause: Token, marks: frozenset[str]) -> bool:
    """Whether a clause's verb has one of these subordinating marks ("if",
    "whether")."""
    return any(c.dep_ == "mark" and c.lower_ in marks for c in clause.children)


def _known_event(noun: Token) -> bool:
    """A definite event noun that is its clause's subject ("The withdrawal of X
    from the treaty could be seen as …", "Russia's invasion of Ukraine may
    …"): the clause's modal is about what the event means, not whether it
    happened ("An attack by X could trigger a war" stays hypothetical)."""
    return (
        noun.pos_ == "NOUN"
        and noun.dep_ in ("nsubj", "nsubjpass")
        and any(
            (c.dep_ == "det" and c.lower_ == "the") or c.dep_ == "poss"
            for c in noun.children
        )
    )
