"""Sentences start only where a writer can start one: line breaks, end punctuation."""

from __future__ import annotations

import pytest
import spacy
from geokg.ingest.components import sentence_starts


@pytest.fixture(scope="module")
def blank():
    """A blank English tokenizer: sentence constraints need only tokens."""
    return spacy.blank("en")


def _starts(blank, text):
    doc = blank(text)
    return {
        tok.text: start for tok, start in zip(doc, sentence_starts(doc), strict=True)
    }


def test_heading_line_starts_a_sentence(blank):
    starts = _starts(blank, "What People Are Saying\nIran’s Foreign Minister spoke.")
    assert starts["Iran"] is True
    assert starts["Foreign"] is False  # never after a possessive


def test_parser_may_split_after_end_punctuation_only(blank):
    starts = _starts(blank, "Iran met Russia. “They talked,” he said.")
    assert starts["“"] is None
    assert starts["met"] is False
    assert starts["he"] is False
