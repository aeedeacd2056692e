"""geokg's spaCy components, all registered here.

    geokg_line_breaks  sentences start only after line breaks or end punctuation
    geokg_ruler      spaCy's entity ruler with the gazetteer's patterns, before "ner"
    geokg_name_heads drops the ruler's match of a head noun that ends a longer name
    geokg_actors     doc.ents -> Doc._.geokg_mentions (canonical entity mentions,
                     then light coreference: ingest.coref)
    geokg_relations  mentions + parse -> Doc._.geokg_found (relations, then the
                     offices of people: ingest.roles)
"""

from __future__ import annotations

import numpy as np
from geokg.ingest import coref
from geokg.ingest.actors import HEAD_TYPES, ActorFinder
from geokg.ingest.gazetteer import load_gazetteer, place_names
from geokg.ingest.relations import RelationFinder, load_triggers
from geokg.ingest.roles import OfficeFinder
from spacy.attrs import ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

EXTENSIONS = ("geokg_mentions", "geokg_found")


def register_extensions() -> None:
    """Register the custom Doc attributes, once."""
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


class ActorsComponent:
    """Finds the canonical actor mentions of a document."""

    def __init__(self) -> None:
        self.find = ActorFinder(load_gazetteer())
        place_names()  # loaded with the pipeline, so a forkserver's workers share it

    def __call__(self, doc: Doc) -> Doc:
        mentions = self.find(doc)
        mentions += coref.resolve(doc, mentions)
        mentions += coref.first_person(doc, mentions)
        doc._.geokg_mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
        return doc


class RelationsComponent:
    """Finds the relations between a document's actor mentions."""

    def __init__(self) -> None:
        self.find = RelationFinder(load_triggers())
        self.offices = OfficeFinder(load_gazetteer())

    def __call__(self, doc: Doc) -> Doc:
        mentions = doc._.geokg_mentions or []
        doc._.geokg_found = self.find(doc, mentions) + self.offices(doc, mentions)
        return doc


@Language.factory(
    "geokg_actors", requires=["doc.ents", "token.dep"], assigns=["doc._.geokg_mentions"]
)
def make_actors(nlp: Language, name: str) -> ActorsComponent:
    """Factory of the actor component."""
    register_extensions()
    return ActorsComponent()


@Language.factory(
    "geokg_relations",
    requires=["doc._.geokg_mentions", "token.dep", "token.lemma"],
    assigns=["doc._.geokg_found"],
)
def make_relations(nlp: Language, name: str) -> RelationsComponent:
    """Factory of the relation component."""
    register_extensions()
    return RelationsComponent()


def as_phrase(pattern: dict, nlp: Language) -> dict:
    """A one-token ORTH pattern as the same phrase, when it tokenizes to that token.

    The ruler's PhraseMatcher finds phrases by hash lookup; its Matcher tries every
    token pattern at every token, which made thousands of one-word names cost ~75x
    more (15% of spaCy's own time). The matches are the same.
    """
    token = pattern["pattern"]
    if isinstance(token, list) and len(token) == 1 and list(token[0]) == ["ORTH"]:
        text = token[0]["ORTH"]
        if [t.text for t in nlp.make_doc(text)] == [text]:
            return {**pattern, "pattern": text}
    return pattern


_TERMINAL = frozenset(".!?…;:")
_CLOSERS = frozenset("\"'”’)]»")
# Token classes for sentence starts, by orth id: cached across documents.
_PLAIN, _END, _CLOSER, _BREAK, _SPACE = range(5)
_CLASS_OF: dict[int, int] = {}


def _token_class(text: str) -> int:
    if text.isspace():
        return _BREAK if "\n" in text else _SPACE
    if text in _CLOSERS:
        return _CLOSER
    return _END if text[-1] in _TERMINAL else _PLAIN


def _class_of(orth: int, doc: Doc) -> int:
    cls = _CLASS_OF.get(orth)
    if cls is None:
        cls = _CLASS_OF[orth] = _token_class(doc.vocab.strings[orth])
    return cls


def _classes(doc: Doc) -> np.ndarray:
    """The class of every token, looked up once per distinct word."""
    unique, inverse = np.unique(doc.to_array(ORTH), return_inverse=True)
    classes = np.array([_class_of(int(o), doc) for o in unique], dtype=np.int8)
    return classes[inverse]


def sentence_start_array(doc: Doc) -> np.ndarray:
    """Per token: 1 after a line break, 0 (parser decides) after end punctuation, or -1.

    The parser may only start sentences where a writer can: a line break (a
    heading or paragraph) or terminal punctuation, possibly behind a closing
    quote. Elsewhere (after "Iran’s", say) it must not.
    """
    n = len(doc)
    starts = np.full(n, -1, dtype=np.int32)
    if not n:
        return starts
    cls = _classes(doc)
    index = np.arange(n)
    # the last token at or before each position that is not a closing quote/bracket
    last_open = np.maximum.accumulate(np.where(cls != _CLOSER, index, 0))
    prev = np.concatenate(([0], last_open[:-1]))
    prev_cls = cls[prev]
    is_space = (cls == _BREAK) | (cls == _SPACE)
    starts[(prev_cls == _END) | (prev_cls == _SPACE) | is_space] = 0
    starts[prev_cls == _BREAK] = 1
    starts[0] = 1
    return starts


def sentence_starts(doc: Doc) -> list[bool | None]:
    """Per token: True, None (the parser decides) or False; see sentence_start_array."""
    return [{1: True, 0: None, -1: False}[int(v)] for v in sentence_start_array(doc)]


@Language.component("geokg_line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    """Constrain the parser's sentence starts to line breaks and end punctuation."""
    if len(doc):
        starts = sentence_start_array(doc).astype(np.int64).astype(np.uint64)
        doc.from_array([SENT_START], starts.reshape(-1, 1))
    return doc


#: A reference mark glued to a word: "Bashar al-Assad,[1] who" (Wikipedia): the
#: bracket, and the punctuation before it.
FOOTNOTE_MARKS = (r"(?<=\w)[,.;:](?=\[\d)", r"(?<=[\w,.;:])\[(?=\d{1,3}\b)")


@Language.component("geokg_name_heads", assigns=["doc.ents"])
def name_heads(doc: Doc) -> Doc:
    """Drop the ruler's one-word match of a name's head noun ("Coalition") that
    ends a longer name ("the Andean Freedom Coalition"), so the tagger sees the
    whole name; "the Coalition" alone keeps the gazetteer's entity."""
    heads = [
        e
        for e in doc.ents
        if len(e) == 1
        and e.ent_id_
        and e.start > 0
        and e[0].lower_ in HEAD_TYPES
        and doc[e.start - 1].is_title
        and not doc[e.start - 1].is_sent_start
    ]
    if heads:  # missing, not outside: the tagger may put them in a name
        doc.set_ents([], missing=heads, default="unmodified")
        for e in heads:
            e[0].ent_id_ = ""
    return doc


#: A hyphen after an abbreviation's last dot: "U.S.-Iraq", "U.S.-led", "U.K.-U.S."
#: split as "Chile-Peru" and "Saudi-led" do, so each name keeps its own token.
DOTTED_HYPHEN = r"(?<=[A-Z]\.)-(?=[A-Za-z])"
#: A bracket glued to the word before it: "Abboud Qanbar(Arabic: …)".
GLUED_BRACKET = r"(?<=[a-z])\((?=[A-Z])"


def split_footnote_marks(nlp: Language) -> None:
    """Split "[1]" reference marks off the word before them, so that the word
    (often a name) keeps its own token; and a hyphen off an abbreviation's dot,
    and a bracket glued to a word."""
    infixes = [*nlp.Defaults.infixes, *FOOTNOTE_MARKS, DOTTED_HYPHEN, GLUED_BRACKET]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def add_to(nlp: Language) -> Language:
    """Add the ruler, actor and relation components to a loaded English pipeline."""
    register_extensions()
    split_footnote_marks(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("geokg_line_breaks", before="parser")
    ruler = nlp.add_pipe(
        "entity_ruler", name="geokg_ruler", before="ner",
        config={"phrase_matcher_attr": None, "validate": False, "overwrite_ents": True},
    )
    # ORTH patterns need only the tokenizer: without this, spaCy runs every
    # component before the ruler over each of the thousands of phrase patterns
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns([as_phrase(p, nlp) for p in load_gazetteer().patterns()])
    nlp.add_pipe("geokg_name_heads", after="geokg_ruler")
    nlp.add_pipe("geokg_actors")
    nlp.add_pipe("geokg_relations")
    return nlp
