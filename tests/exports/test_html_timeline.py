"""Time in the HTML page: lines count events, each claim's period, pair timelines.

The browser side (the inline chart, the time filter): test_html_browser.py.
"""

from __future__ import annotations

from datetime import date

import pytest
from geokg.exports.html import view_data
from geokg.exports.html_timeline import claim_times, line_count
from geokg.graph.build import build_graph
from geokg.graph.errors import UsageError
from geokg.graph.model import Assertion, DocResult, Document, Entity, TextSpan
from geokg.graph.timeline import EVENT_FAMILIES, UNDATED, timeline

#: The Iran–Russia timeline of `timeline_graph` in the states view (Lavrov
#: counts for Russia): per year, events by family (verbal cooperation,
#: material cooperation, verbal conflict, material conflict).
IRAN_RUSSIA = {
    "2022": (1, 0, 1, 0),  # one meeting told by two articles; a condemnation
    "2023": (0, 0, 0, 0),  # no event that year
    "2024": (2, 0, 0, 1),  # Lavrov's visit, a later meeting; sanctions
}


def timeline_graph():
    """Iran, Russia (with its foreign minister) and China in articles of 2022 and
    2024: two meetings, a condemnation and sanctions between Iran and Russia, a
    visit by Lavrov, cooperation with China, and a meeting only planned."""
    ents = {e.id: e for e in (
        Entity("iran", "Iran", "Country"),
        Entity("russia", "Russia", "Country"),
        Entity("china", "China", "Country"),
        Entity("lavrov", "Sergei Lavrov", "Person"),
    )}
    found: dict[str, list[Assertion]] = {}

    def claim(doc, rel, s, o, **kw):
        claims = found.setdefault(doc, [])
        text = f"Sentence {len(claims)}: {ents[s].label} {rel} {ents[o].label}."
        start = 100 * len(claims)
        claims.append(Assertion(
            doc_id=doc, relation=rel, subject=ents[s].ref(), object=ents[o].ref(),
            sentence=TextSpan(text, start, start + len(text)),
            subject_span=(start, start + 2), object_span=(start + 3, start + 5),
            trigger=None, confidence=0.8, **kw))

    claim("d1", "met-with", "iran", "russia")
    claim("d2", "met-with", "russia", "iran")  # the same meeting, a day later
    claim("d2", "condemned", "iran", "russia")
    claim("d3", "official-of", "lavrov", "russia")
    claim("d3", "met-with", "lavrov", "iran")
    claim("d3", "sanctioned", "russia", "iran")
    claim("d3", "cooperated-with", "china", "iran")
    claim("d4", "met-with", "iran", "russia")  # another meeting
    claim("d4", "met-with", "iran", "china", modality="planned")
    published = {"d1": date(2022, 3, 1), "d2": date(2022, 3, 2),
                 "d3": date(2024, 6, 10), "d4": date(2024, 9, 1)}
    return build_graph([
        DocResult(Document(doc, "…", title=f"Article {doc}",
                           url=f"https://news.example/{doc}", published=day),
                  tuple(ents.values()), tuple(found[doc]))
        for doc, day in published.items()
    ])


def timeline_table(entry: list, periods: list[str]) -> dict[str, tuple]:
    """A page timeline entry as {period: (counts..., net, mentions, articles)},
    every period of its range included, as graph/timeline.py's table has it."""
    _, _, first, last, _, rows = entry
    found = {(periods[r[0]] if r[0] >= 0 else UNDATED): tuple(r[1:]) for r in rows}
    zero = (0,) * len(EVENT_FAMILIES) + (0.0, 0, 0)
    table = {p: found.get(p, zero) for p in periods[first:last + 1]}
    return table | ({UNDATED: found[UNDATED]} if UNDATED in found else {})


def test_the_time_axis_runs_over_every_year_of_the_articles():
    times = claim_times(timeline_graph())
    assert times.periods == ["2022", "2023", "2024"]


def test_lines_count_events_with_their_mentions_beside_them():
    data = view_data(timeline_graph(), view="states")
    (met,) = [e for e in data["edges"] if e["relation"] == "met-with"
              and {e["from"], e["to"]} == {"iran", "russia"}
              and "people" in e["curves"]]
    assert len(met["support"]) == 3  # three claims: d1, d2 (one meeting) and d4
    assert line_count(met["support"]) == 2
    assert sorted(row[3] for row in met["support"]) == [0, 0, 2]  # 2022, 2022, 2024
    (office,) = [e for e in data["edges"] if e["relation"] == "official-of"]
    assert [row[2] for row in office["support"]] == [-1]  # a standing fact: no event
    assert line_count(office["support"]) == 1


def test_the_states_view_pair_timeline_rolls_up_officials():
    data = view_data(timeline_graph())
    periods = data["timelines"]["periods"]
    (entry,) = [t for t in data["timelines"]["states"] if t[:2] == ["iran", "russia"]]
    table = timeline_table(entry, periods)
    assert {p: row[:4] for p, row in table.items()} == IRAN_RUSSIA
    assert table["2022"][5:] == (3, 2)  # three mentions in two articles


@pytest.mark.parametrize("by", ["year", "quarter", "month"])
def test_every_pair_timeline_is_what_geokg_timeline_gives(by):
    g = timeline_graph()
    data = view_data(g, by=by)
    periods = data["timelines"]["periods"]
    for name, exact in (("people", True), ("states", False)):
        entries = {tuple(t[:2]): t for t in data["timelines"][name]}
        pairs = {tuple(sorted((e["from"], e["to"]))) for e in data["edges"]
                 if name in e["curves"]}
        assert set(entries) <= pairs and len(entries) >= 2
        for a, b in pairs:
            want = timeline(g, a, b, by=by, exact=exact)
            if (a, b) not in entries:
                assert want.total.events == 0
                continue
            assert timeline_table(entries[a, b], periods) == {
                p: (*t.counts, t.net, t.mentions, t.articles) for p, t in want.periods
            }
            assert entries[a, b][4] == want.coarse


def test_pairs_without_events_that_happened_have_no_timeline():
    data = view_data(timeline_graph())
    pairs = {tuple(t[:2]) for t in data["timelines"]["people"]}
    assert ("china", "iran") in pairs  # their cooperation happened
    assert ("lavrov", "russia") not in pairs  # an office is no event
    assert ("iran", "lavrov") in pairs  # in the people view, Lavrov is himself


def test_an_unknown_period_is_a_usage_error():
    with pytest.raises(UsageError, match="unknown period 'week'; choose one of year, "
                                         "quarter, month"):
        view_data(timeline_graph(), by="week")
