"""assertions.jsonl: one assertion a line, whatever the evidence holds."""

from __future__ import annotations

import json

import pytest
from geokg.exports.jsonl import to_assertions_jsonl
from geokg.graph.build import build_graph
from geokg.graph.model import Assertion, DocResult, Document, Entity, TextSpan

A = Entity("a", "A", "Country")
B = Entity("b", "B", "Country")


@pytest.mark.parametrize("sentence", [
    "A met B.\u2028Then again.", "A\u2029met B.", "A met\u0085B.", "A met B\r\nthere.",
    "A \"met\" <B> \u202eRTL\u202c 🤝",
])
def test_every_assertion_stays_on_one_line_and_reads_back(sentence):
    a = Assertion(doc_id="d", relation="met-with", subject=A.ref(), object=B.ref(),
                  sentence=TextSpan(sentence, 0, len(sentence)), subject_span=(0, 1),
                  object_span=(6, 7), trigger=None)
    text = to_assertions_jsonl(build_graph([DocResult(Document("d", sentence), (A, B),
                                                      (a,))]))
    lines = text.splitlines()
    assert len(lines) == 1
    assert Assertion.from_json(json.loads(lines[0])) == a
