"""Events: the claims of one real-world happening grouped, none lost, ids stable."""

from __future__ import annotations

from collections import Counter

import pytest
from geokg.exports.jsonl import assertion_line, to_assertions_jsonl
from geokg.exports.nodelink import from_node_link_json, to_node_link_json
from geokg.graph.build import build_graph
from geokg.graph.events import (
    JOIN_RULES,
    claim_when,
    event_table,
    group_events,
    period_span,
)
from geokg.graph.vocabulary import RELATIONS

from tests.conftest import news_result, news_results


def events_of(g) -> list[dict]:
    """The event table of a graph."""
    return g.graph["events"]


def shape(g) -> list[tuple]:
    """Each event as (relation, source, target, date, place, mentions), sorted."""
    return sorted(
        (e["relation"], e["source"], e["target"], e["date"], e["location"],
         e["mentions"])
        for e in events_of(g)
    )


def one(*claims, published="2025-03-03", doc="x1"):
    """The graph of one article made of `claims` (see news_result)."""
    return build_graph([news_result(doc, published, list(claims))])


def articles(*docs) -> list:
    """Results of several one-claim articles: (doc, published, claim) triples."""
    return [news_result(d, pub, [c]) for d, pub, c in docs]


# ---- the fixture: two meetings and an attack, told on different days -----------


def test_the_news_gives_exactly_three_events_with_their_mentions(news):
    assert shape(news) == [
        ("attacked", "israel", "iran", "2025-03-07", None, 3),
        ("met-with", "iran", "russia", "2025-03-03", "moscow", 3),
        ("met-with", "iran", "russia", "2025-03-10", "tehran", 2),
    ]


def test_each_event_lists_its_claims_and_articles(news):
    by_date = {e["date"]: e for e in events_of(news)}
    assert by_date["2025-03-03"]["articles"] == ["n1", "n2", "n3"]
    assert by_date["2025-03-07"]["articles"] == ["n4", "n5"]
    assert by_date["2025-03-10"]["articles"] == ["n6", "n7"]
    for e in events_of(news):
        edges = {k for _, _, k, d in news.edges(keys=True, data=True)
                 if d.get("event") == e["id"]}
        assert set(e["claims"]) == edges and len(edges) == e["mentions"]


def test_officials_and_armed_forces_count_for_their_states(news):
    actors = {(u, v) for u, v, d in news.edges(data=True) if "event" in d}
    assert ("abbas-araghchi", "sergey-lavrov") in actors
    assert ("israel-army", "iran") in actors
    assert {(e["source"], e["target"]) for e in events_of(news)} == {
        ("iran", "russia"), ("israel", "iran")}


def test_the_joining_rule_is_on_every_event_claim(news):
    rules = Counter(d["event_rule"] for _, _, d in news.edges(data=True)
                    if "event" in d)
    assert rules == {"first-report": 3, "same-day": 5}
    assert set(rules) <= set(JOIN_RULES)
    assert {e["rule"] for e in events_of(news)} == {"same-day"}


def test_standing_claims_are_no_events(news):
    for _, _, d in news.edges(data=True):
        assert ("event" in d) == RELATIONS[d["relation"]].is_event


def test_nothing_is_lost_from_assertions_jsonl():
    results = news_results()
    g = build_graph(results)
    made = sorted(assertion_line(a) for r in results for a in r.assertions)
    assert sorted(to_assertions_jsonl(g).splitlines(keepends=True)) == made
    claims = [c for e in events_of(g) for c in e["claims"]]
    assert len(claims) == len(set(claims))
    events = sum(RELATIONS[d["relation"]].is_event for _, _, d in g.edges(data=True))
    assert len(claims) == events == sum(e["mentions"] for e in events_of(g))


def test_two_runs_give_the_same_event_ids():
    first = build_graph(news_results())
    again = build_graph(list(reversed(news_results())))
    assert events_of(first) == events_of(again)
    assert to_node_link_json(first) == to_node_link_json(again)


def test_an_unrelated_article_leaves_the_ids_alone():
    before = {e["id"] for e in events_of(build_graph(news_results()))}
    extra = {"n9": ("2025-04-01", [("israel", "attacked", "russia", None, None)])}
    after = {e["id"] for e in events_of(build_graph(news_results(extra)))}
    assert before < after and len(after - before) == 1


def test_another_mention_keeps_its_event_id():
    before = {e["date"]: e["id"] for e in events_of(build_graph(news_results()))}
    extra = {"n8": ("2025-03-11", [("iran", "met-with", "russia", "2025-03-10",
                                    None)])}
    after = {e["date"]: e for e in events_of(build_graph(news_results(extra)))}
    assert {d: e["id"] for d, e in after.items()} == before
    assert after["2025-03-10"]["mentions"] == 3


def test_the_table_round_trips_through_graph_json(news):
    again = from_node_link_json(to_node_link_json(news))
    assert again.graph["events"] == events_of(news)
    assert event_table(again) is again.graph["events"]


# ---- what keeps claims apart -------------------------------------------------------


def test_two_meetings_on_different_days_stay_two():
    g = build_graph(articles(
        ("m1", "2025-03-04", ("iran", "met-with", "russia", "2025-03-03", "moscow")),
        ("m2", "2025-03-06", ("russia", "met-with", "iran", "2025-03-05", "moscow")),
        ("m3", "2025-03-03", ("iran", "met-with", "russia", None, None)),
        ("m4", "2025-03-06", ("iran", "met-with", "russia", None, None)),
    ))
    assert [(e["date"], e["mentions"]) for e in events_of(g)] == [
        ("2025-03-03", 2), ("2025-03-05", 2)]


def test_an_article_day_and_a_stated_day_before_it_are_one_meeting():
    g = build_graph(articles(
        ("m1", "2025-03-04", ("iran", "met-with", "russia", "2025-03-04", None)),
        ("m2", "2025-03-05", ("iran", "met-with", "russia", "2025-03-03", None)),
    ))
    assert [(e["date"], e["mentions"]) for e in events_of(g)] == [
        ("2025-03-03", 2)]


def test_article_dates_a_week_apart_are_two_meetings():
    g = build_graph(articles(
        ("m1", "2025-03-03", ("iran", "met-with", "russia", None, None)),
        ("m2", "2025-03-10", ("iran", "met-with", "russia", None, None)),
    ))
    assert len(events_of(g)) == 2


def test_places_that_contradict_keep_meetings_apart():
    g = one(("iran", "met-with", "russia", "2025-03-03", "moscow"),
            ("iran", "met-with", "russia", "2025-03-03", "tehran"),
            ("iran", "met-with", "russia", "2025-03-03", None))
    assert sorted(e["mentions"] for e in events_of(g)) == [1, 2]


def test_a_place_inside_another_does_not_contradict():
    g = one(("tehran", "located-in", "iran", None, None),
            ("iran", "met-with", "russia", "2025-03-03", "tehran"),
            ("iran", "met-with", "russia", "2025-03-03", "iran"))
    (event,) = events_of(g)
    assert event["location"] == "tehran" and event["mentions"] == 2


@pytest.mark.parametrize("extra, events", [
    ({"negated": True}, 2),
    ({"modality": "planned"}, 2),
    ({"modality": "hypothetical"}, 2),
    ({"modality": "reported"}, 1),  # a reported meeting happened, on someone's word
])
def test_only_claims_of_the_same_status_join(extra, events):
    g = build_graph([
        news_result("s1", "2025-03-03", [("iran", "met-with", "russia", None, None)]),
        news_result("s2", "2025-03-03", [("iran", "met-with", "russia", None, None)],
                    **extra),
    ])
    assert len(events_of(g)) == events


def test_a_directed_event_keeps_its_direction():
    g = one(("iran", "attacked", "israel", "2025-03-03", None),
            ("israel", "attacked", "iran", "2025-03-03", None),
            ("israel", "attacked", "iran", "2025-03-03", None))
    assert sorted((e["source"], e["mentions"]) for e in events_of(g)) == [
        ("iran", 1), ("israel", 2)]


def test_families_and_timing_keep_claims_apart():
    g = one(("iran", "met-with", "russia", "2025-03-03", None),
            ("iran", "drilled-with", "russia", "2025-03-03", None),
            ("iran", "agreed-with", "russia", "2025-03-03", None))
    assert len(events_of(g)) == 3  # consult (same day), drills, an agreement


def test_statements_within_three_days_are_one_event():
    g = build_graph(articles(
        ("c1", "2025-03-01", ("iran", "condemned", "israel", None, None)),
        ("c2", "2025-03-04", ("iran", "accused", "israel", None, None)),
        ("c3", "2025-03-09", ("iran", "condemned", "israel", None, None)),
    ))
    assert [(e["date"], e["mentions"], e["rule"]) for e in events_of(g)] == [
        ("2025-03-01", 2, "within-3-days"), ("2025-03-09", 1, "within-3-days")]


def test_a_non_state_group_is_not_its_country():
    g = build_graph([news_result("g1", "2025-03-03", [
        ("israel", "attacked", "iran", None, None)])])
    g.add_node("hamas", label="Hamas", type="Group", aliases=[], country="israel")
    g.add_edge("hamas", "iran", key="a-hamas", **{
        **g.edges["israel", "iran", next(iter(g["israel"]["iran"]))]})
    table, _ = group_events(g)
    assert {e["source"] for e in table} == {"israel", "hamas"}


# ---- coarse and missing dates --------------------------------------------------------


def test_a_month_joins_the_only_event_of_its_month(news):
    extra = {"n8": ("2025-04-02", [("israel", "attacked", "iran", "2025-03", None)])}
    g = build_graph(news_results(extra))
    attack = next(e for e in events_of(g) if e["relation"] == "attacked")
    assert attack["mentions"] == 4 and attack["date"] == "2025-03-07"
    rule = {d["event_rule"] for _, _, d in g.edges(data=True) if d["doc_id"] == "n8"}
    assert rule == {"in-period"}


def test_a_month_of_two_meetings_is_an_event_of_its_own():
    extra = {"n8": ("2025-04-02", [("iran", "met-with", "russia", "2025-03", None)]),
             "n9": ("2025-04-03", [("russia", "met-with", "iran", "2025-03", None)])}
    g = build_graph(news_results(extra))
    month = [e for e in events_of(g) if e["date"] == "2025-03"]
    assert [(e["mentions"], e["rule"]) for e in month] == [(2, "same-period")]


def test_undated_claims_join_only_in_their_article():
    g = build_graph([
        news_result("u1", None, [("iran", "met-with", "russia", None, None),
                                 ("russia", "met-with", "iran", None, None)]),
        news_result("u2", None, [("iran", "met-with", "russia", None, None)]),
    ])
    assert sorted((e["articles"], e["mentions"], e["date"]) for e in events_of(g)) == [
        (["u1"], 2, None), (["u2"], 1, None)]
    assert {e["rule"] for e in events_of(g)} == {"same-article"}


@pytest.mark.parametrize("text, span", [
    ("2025-03-03", ("2025-03-03", "2025-03-03")),
    ("2025-03", ("2025-03-01", "2025-03-31")),
    ("2024-02", ("2024-02-01", "2024-02-29")),
    ("2025-12", ("2025-12-01", "2025-12-31")),
    ("2025-W02", ("2025-01-06", "2025-01-12")),
    ("2015", ("2015-01-01", "2015-12-31")),
    ("2025-02-30", None),
    ("sometime in 2024", None),
])
def test_period_span(text, span):
    got = period_span(text)
    assert (tuple(d.isoformat() for d in got) if got else None) == span


def test_an_article_date_stands_for_its_day_and_the_day_before():
    when = claim_when(None, "2025-03-03")
    assert (when.lo.isoformat(), when.hi.isoformat(), when.source) == (
        "2025-03-02", "2025-03-03", "article")
    assert claim_when("2015", "2025-03-03").source == "claim"
    # the extractor dates a sentence without a date by its article: read it so
    assert claim_when("2025-03-03", "2025-03-03") == when
    assert claim_when("not a date", "2025-03-03").source == "article"
    assert claim_when(None, None) is None


# ---- a stale table ----------------------------------------------------------------


def test_a_graph_changed_since_is_grouped_again(news):
    changed = news.copy()
    key = next(k for _, _, k, d in changed.edges(keys=True, data=True)
               if d["doc_id"] == "n7")
    changed.remove_edge("russia", "iran", key)
    table = event_table(changed)
    assert sum(e["mentions"] for e in table) == sum(
        e["mentions"] for e in events_of(news)) - 1


def test_a_build_holds_the_table_of_its_news():
    g = build_graph(news_results())
    assert events_of(g) == group_events(g)[0]
