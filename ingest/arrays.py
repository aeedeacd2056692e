"""Tokens found by the document's arrays, not by looking at every token.

spaCy makes a Token object for each token a loop looks at, which costs more
than most of what a pass then does with it; a pass that needs a few words finds
their indices in ``Doc.to_array`` first.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.attrs import LEMMA, LOWER
from spacy.strings import hash_string
from spacy.tokens import Doc


def tokens_among(doc: Doc, words: frozenset[str]) -> list[int]:
    """The indices of the tokens whose word or lemma, in any case, is one of
    ``words`` (lower case)."""
    ids = _word_ids(words)
    rows = doc.to_array([LOWER, LEMMA]).tolist()
    return [i for i, (low, lemma) in enumerate(rows) if low in ids or lemma in ids]


@lru_cache(maxsize=64)
def _word_ids(words: frozenset[str]) -> frozenset[int]:
    return frozenset(
        hash_string(form)
        for w in words
        for form in (w, w.capitalize(), w.upper(), w.title())
    )
