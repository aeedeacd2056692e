"""geokg timeline: a dyad's events per period, an actor's partners, CSV, PNG, SPARQL."""

from __future__ import annotations

import csv
import io
import json
import struct
from pathlib import Path

import pytest
from geokg.exports.sparql import load, named_queries, run_query
from geokg.exports.timeline import (
    TIMELINE_COLUMNS,
    partners_csv,
    timeline_csv,
    timeline_png,
)
from geokg.graph.build import build_graph
from geokg.graph.errors import UsageError
from geokg.graph.timeline import (
    format_partners,
    format_timeline,
    partners,
    period_of,
    timeline,
)
from geokg.graph.vocabulary import GOLDSTEIN, RELATIONS
from rdflib import Literal

import geokg
from geokg import cli
from tests.conftest import SHARED, news_results, run_cli

#: More news: 2023 and 2024 events of Iran and Russia, some coarsely dated, one
#: planned, one undated, and an attack by Russia on Ukraine.
LATER = {
    "p1": ("2023-06-01", [("iran", "drilled-with", "russia", None, "moscow")]),
    "p2": ("2024-01-15", [("russia", "condemned", "iran", None, None),
                          ("iran", "rejected", "russia", None, None)]),
    "p3": ("2024-05-02", [("iran", "met-with", "russia", "2024-W10", None)]),
    "p4": ("2024-07-01", [("iran", "agreed-with", "russia", "2024", None)]),
    "p5": ("2024-07-02", [("iran", "met-with", "russia", None, None)]),
    "p6": (None, [("iran", "met-with", "russia", None, None)]),
}


@pytest.fixture
def years():
    """The NEWS graph with the LATER articles: three years of Iran and Russia."""
    results = news_results(LATER)
    planned = news_results({"p7": ("2024-08-01", [
        ("iran", "met-with", "russia", "2024-09-01", None)])})[-1]
    planned = type(planned)(planned.document, planned.entities, tuple(
        type(a)(**{**a.__dict__, "modality": "planned", "id": ""})
        for a in planned.assertions))
    return build_graph([*results, planned])


@pytest.fixture
def years_build(years, tmp_path) -> Path:
    """The `years` graph written as a build (graph.json and the RDF)."""
    geokg.write(years, tmp_path / "out", formats=["json", "turtle", "ontology"])
    return tmp_path / "out"


def counts(t) -> dict[str, tuple]:
    """A timeline as period -> (family counts..., events, net, mentions, articles)."""
    return {p: (*tl.counts, tl.events, tl.net, tl.mentions, tl.articles)
            for p, tl in t.periods}


# ---- periods -------------------------------------------------------------------------


@pytest.mark.parametrize("when, by, period", [
    ("2025-03-07", "year", "2025"),
    ("2025-03-07", "quarter", "2025-Q1"),
    ("2025-03-07", "month", "2025-03"),
    ("2025-03", "quarter", "2025-Q1"),
    ("2025-03", "month", "2025-03"),
    ("2025", "year", "2025"),
    ("2025", "quarter", None),  # too coarse: left out and counted
    ("2025", "month", None),
    ("2024-W10", "month", "2024-03"),
    ("2026-W01", "year", "2026"),  # 2025-12-29 to 2026-01-04: its Thursday is 2026
    (None, "year", "undated"),
])
def test_period_of(when, by, period):
    assert period_of(when, by) == period


def test_an_unknown_period_is_refused():
    with pytest.raises(UsageError, match="choose from year, quarter, month"):
        period_of("2025", "week")


# ---- a dyad --------------------------------------------------------------------------


def test_the_news_timeline_counts_events_not_mentions(news):
    t = timeline(news, "iran", "russia", by="month")
    assert counts(t) == {"2025-03": (2, 0, 0, 0, 2, 2.0, 5, 5)}
    attack = timeline(news, "israel", "iran", by="year")
    assert counts(attack) == {"2025": (0, 0, 0, 1, 1, -9.0, 3, 2)}


def test_the_net_score_is_the_goldstein_weight_of_each_event(years):
    t = timeline(years, "russia", "iran", by="year")
    weights = {r: GOLDSTEIN[RELATIONS[r].cameo] for r in RELATIONS
               if RELATIONS[r].cameo}
    assert counts(t) == {
        "2023": (0, 1, 0, 0, 1, weights["drilled-with"], 1, 1),
        "2024": (3, 0, 2, 0, 5, round(2 * weights["met-with"]
                                      + weights["agreed-with"]
                                      + weights["condemned"]
                                      + weights["rejected"], 1), 5, 4),
        "2025": (2, 0, 0, 0, 2, 2.0, 5, 5),
        "undated": (1, 0, 0, 0, 1, 1.0, 1, 1),
    }
    assert t.total.events == 9 and t.coarse == 0


def test_empty_periods_show_as_zeros_and_coarse_dates_are_counted(years):
    t = timeline(years, "iran", "russia", by="quarter")
    assert [p for p, _ in t.periods] == [
        "2023-Q2", "2023-Q3", "2023-Q4", "2024-Q1", "2024-Q2", "2024-Q3",
        "2024-Q4", "2025-Q1", "undated"]
    assert counts(t)["2023-Q3"] == (0, 0, 0, 0, 0, 0.0, 0, 0)
    assert t.coarse == 1  # the agreement dated only "2024"
    assert "1 events dated only more coarsely than a quarter" in format_timeline(t)


def test_officials_count_for_their_states_unless_exact(news):
    rolled = timeline(news, "abbas-araghchi", "sergey-lavrov")
    assert (rolled.a, rolled.b) == ("iran", "russia")
    assert rolled.total.events == 2
    exact = timeline(news, "abbas-araghchi", "sergey-lavrov", exact=True)
    assert (exact.a, exact.b, exact.total.events) == (
        "abbas-araghchi", "sergey-lavrov", 2)
    assert timeline(news, "iran", "russia", exact=True).total.events == 2  # n2, n7
    assert timeline(news, "abbas-araghchi", "russia", exact=True).total.events == 0
    assert timeline(news, "israel-army", "iran", exact=True).total.events == 1


def test_an_unknown_actor_is_a_clear_error(news):
    with pytest.raises(UsageError, match=r"no entity 'irn'.*did you mean iran"):
        timeline(news, "irn", "russia")


def test_the_table_and_the_csv_hold_the_same_numbers(years):
    t = timeline(years, "iran", "russia")
    rows = list(csv.DictReader(io.StringIO(timeline_csv(t), newline="")))
    assert tuple(rows[0]) == TIMELINE_COLUMNS
    table = format_timeline(t).splitlines()
    for row in rows:
        line = next(x for x in table if x.startswith(row["period"] + " "))
        cells = line.split()[1:]
        numbers = [float(row[c]) for c in TIMELINE_COLUMNS[1:]]
        assert [float(c) for c in cells] == numbers


# ---- partners ------------------------------------------------------------------------


def test_partners_are_ranked_by_events_with_a_net_rank(years):
    p = partners(years, "iran")
    assert [(o, t.events, rank) for o, _, t, rank in p.rows] == [
        ("russia", 9, 1), ("israel", 1, 2)]
    text = format_partners(p)
    assert text.splitlines()[2].split()[:2] == ["russia", "Russia"]
    assert partners_csv(p).splitlines()[1].startswith("russia,Russia,")


def test_exact_partners_are_the_actors_named(news):
    p = partners(news, "abbas-araghchi", exact=True)
    assert [o for o, *_ in p.rows] == ["sergey-lavrov"]


# ---- the chart -----------------------------------------------------------------------


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG, from its IHDR chunk."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_the_png_is_a_readable_chart(years):
    data = timeline_png(timeline(years, "iran", "russia"))
    assert png_size(data) == (1000, 560)
    assert len(data) > 20_000  # bars, a line, labels: not an empty canvas
    assert timeline_png(timeline(years, "iran", "russia")) == data  # deterministic


def test_the_png_size_is_an_option(years):
    data = timeline_png(timeline(years, "iran", "russia"), width=6, height=4, dpi=50)
    assert png_size(data) == (300, 200)


# ---- the command line ----------------------------------------------------------------


def test_cli_prints_the_table_and_writes_csv_and_png(years_build, capsys, tmp_path):
    chart = tmp_path / "chart.png"
    assert cli.main(["timeline", str(years_build), "iran", "russia"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Iran (iran) – Russia (russia): events per year")
    assert cli.main(["timeline", str(years_build), "iran", "russia", "--csv",
                     "--by", "quarter", "--png", str(chart)]) == 0
    t = timeline(geokg.read(years_build), "iran", "russia", by="quarter")
    assert capsys.readouterr().out == timeline_csv(t)
    assert png_size(chart.read_bytes()) == (1000, 560)


def test_cli_ranks_partners_and_refuses_a_chart_of_one(years_build, capsys):
    assert cli.main(["timeline", str(years_build), "iran"]) == 0
    assert "Partners of Iran (iran)" in capsys.readouterr().out
    code = cli.main(["timeline", str(years_build), "iran", "--png", "x.png"])
    assert code == UsageError.exit_code
    assert "name both" in capsys.readouterr().err


def test_the_api_reads_a_build_or_takes_a_graph(years, years_build):
    assert geokg.timeline(years_build, "iran", "russia") == geokg.timeline(
        years, "iran", "russia")
    assert geokg.timeline(years, "iran").actor == "iran"


# ---- SPARQL: the named query counts what the timeline counts -------------------------


def sparql_years(target, a: str, b: str, engine: str = "oxigraph") -> dict:
    """The dyad-timeline query's rows as year -> the timeline's numbers."""
    query = named_queries()["dyad-timeline"]
    found = run_query(load(target, engine=engine), query.text, params={"a": a, "b": b})
    out = {}
    for row in found.rows:
        v = {c: (x.toPython() if isinstance(x, Literal) else x)
             for c, x in zip(found.columns, row, strict=True)}
        out[str(v["year"])] = (
            v["verbalCooperation"], v["materialCooperation"], v["verbalConflict"],
            v["materialConflict"], v["events"], round(float(v["net"]), 1),
            v["mentions"], v["articles"])
    return out


def nonzero(t) -> dict:
    """The periods of a timeline that hold events."""
    return {p: c for p, c in counts(t).items() if c[4]}


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_dyad_timeline_query_counts_what_the_timeline_counts(years_build, engine):
    g = geokg.read(years_build)
    for a, b in (("iran", "russia"), ("russia", "iran"), ("israel", "iran")):
        expected = nonzero(timeline(g, a, b, by="year"))
        assert sparql_years(years_build, a, b, engine) == expected


# ---- on real text: the seeds and a slice of the UN General Debate --------------------


@pytest.mark.model
def test_seeds_timeline_table_csv_png_and_query(seeds_build, tmp_path):
    chart = tmp_path / "seeds.png"
    proc = run_cli("timeline", str(seeds_build), "iran", "united-states",
                   "--png", str(chart))
    assert proc.returncode == 0, proc.stderr
    assert "Iran (iran) – United States (united-states)" in proc.stdout
    assert png_size(chart.read_bytes()) == (1000, 560)
    t = timeline(geokg.read(seeds_build), "iran", "united-states")
    proc = run_cli("timeline", str(seeds_build), "iran", "united-states", "--csv")
    assert proc.stdout == timeline_csv(t).replace("\r\n", "\n")
    for a, b in (("iran", "united-states"), ("iran", "russia")):
        got = timeline(geokg.read(seeds_build), a, b)
        assert got.total.events > 0
        assert sparql_years(seeds_build, a, b) == nonzero(got)


#: Speeches that name Iran and the United States (2015, 2018) or Russia and
#: Ukraine (2015, 2016) as parties of one relation.
UNGD_SLICE = ("TTO_70_2015", "AND_70_2015", "ARE_73_2018", "UKR_70_2015",
              "CAN_70_2015", "EU_71_2016")


@pytest.fixture(scope="module")
def ungd_slice(tmp_path_factory) -> Path:
    """A build of the six UN General Debate speeches of UNGD_SLICE, by the CLI."""
    corpus = SHARED / "corpora" / "ungd_2015_2023.jsonl"
    if not corpus.is_file():
        pytest.skip("../shared/corpora/ungd_2015_2023.jsonl is not beside the repo")
    folder = tmp_path_factory.mktemp("ungd-slice")
    with corpus.open(encoding="utf-8") as lines:
        records = [r for r in map(json.loads, lines) if r["id"] in UNGD_SLICE]
    source = folder / "slice.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    proc = run_cli("build", str(source), "--out", str(folder / "out"), "--quiet")
    assert proc.returncode == 0, proc.stderr
    return folder / "out"


@pytest.mark.model
@pytest.mark.slow
def test_ungd_slice_timeline(ungd_slice, tmp_path):
    chart = tmp_path / "ungd.png"
    proc = run_cli("timeline", str(ungd_slice), "iran", "united-states",
                   "--png", str(chart))
    assert proc.returncode == 0, proc.stderr
    assert png_size(chart.read_bytes()) == (1000, 560)
    rows = {line.split()[0]: line.split()[1:] for line in proc.stdout.splitlines()[2:]}
    assert [rows[year][4] for year in ("2015", "2016", "2017", "2018")] == [
        "2", "0", "0", "1"]  # events: the nuclear deal, the withdrawal
    proc = run_cli("timeline", str(ungd_slice), "iran", "united-states", "--csv")
    g = geokg.read(ungd_slice)
    assert proc.stdout == timeline_csv(timeline(g, "iran", "united-states")).replace(
        "\r\n", "\n")
    for a, b in (("iran", "united-states"), ("russia", "ukraine")):
        got = timeline(g, a, b)
        assert got.total.events > 0, (a, b)
        assert sparql_years(ungd_slice, a, b) == nonzero(got)
