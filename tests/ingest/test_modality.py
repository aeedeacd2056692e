"""Dates resolved against the publication date, and quotation spans."""

from __future__ import annotations

from datetime import date

import pytest
from geokg.ingest.modality import _quote_spans, resolve_date

FRIDAY = date(2025, 7, 18)


@pytest.mark.parametrize(
    ("expression", "published", "future", "expected"),
    [
        ("Tuesday", FRIDAY, False, "2025-07-15"),
        ("Tuesday", FRIDAY, True, "2025-07-22"),
        ("last Tuesday", FRIDAY, False, "2025-07-15"),
        ("next Friday", FRIDAY, False, "2025-07-25"),
        ("Friday", FRIDAY, True, "2025-07-18"),
        ("last month", FRIDAY, False, "2025-06"),
        ("last month", date(2025, 1, 3), False, "2024-12"),
        ("next month", date(2025, 12, 3), False, "2026-01"),
        ("this week", FRIDAY, False, "2025-W29"),
        ("last year", FRIDAY, False, "2024"),
        ("yesterday", FRIDAY, False, "2025-07-17"),
        ("three days ago", FRIDAY, False, "2025-07-15"),
        ("October", FRIDAY, True, "2025-10"),
        ("October", FRIDAY, False, "2024-10"),
        ("2015", None, False, "2015"),
        ("20 Aug 2020", None, False, "2020-08-20"),
        ("August 20, 2020", FRIDAY, False, "2020-08-20"),
        ("March 2019", None, False, "2019-03"),
        ("Tuesday", None, False, None),
        ("last month", None, False, None),
        ("the coming days", None, False, None),
        (None, FRIDAY, False, None),
    ],
)
def test_resolve_date(expression, published, future, expected):
    assert resolve_date(expression, published, future=future) == expected


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('He said: "We will meet." Then left.', ['"We will meet."']),
        ("“We call on all parties,” Guo said.", ["“We call on all parties,”"]),
        (
            "Araghchi: “The E3 must heed “refrain from any action.”",
            ["“The E3 must heed “refrain from any action.”"],
        ),
        ("No quotes at all.", []),
        ("An open “quote runs to the end", ["“quote runs to the end"]),
    ],
)
def test_quote_spans(text, quoted):
    assert [text[a:b] for a, b in _quote_spans(text)] == quoted
