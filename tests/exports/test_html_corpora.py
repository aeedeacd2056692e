"""The HTML view of real corpora in headless Chromium: the VOA stories and every
third UN General Debate speech (582 speeches), each built once per session by
the CLI with the trained model. Screenshots go to test-artifacts/ for a person
to look at."""

from __future__ import annotations

from itertools import islice
from pathlib import Path

import pytest
from geokg.exports.html_views import rollup, states_graph
from geokg.exports.nodelink import from_node_link_json

from tests.conftest import run_cli
from tests.exports.test_html_browser import (
    View,
    assert_labels_never_pile_up,
    chromium,
    overlaps,
)

pytestmark = [pytest.mark.browser, pytest.mark.model]


@pytest.fixture(scope="module")
def browser():
    """Debian's headless Chromium driven by Playwright (skipped when not installed)."""
    yield from chromium()


def build(corpus: Path, out: Path) -> Path:
    """`geokg build CORPUS --out OUT` by the CLI; the output folder."""
    proc = run_cli("build", str(corpus), "--out", str(out), "--quiet", timeout=3600)
    assert proc.returncode == 0, proc.stderr
    return out


@pytest.fixture(scope="session")
def voa_build(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 45 VOA development stories, built by the CLI (about half a minute)."""
    return build(shared_dir / "corpora" / "voa_dev.jsonl",
                 tmp_path_factory.mktemp("voa-build"))


@pytest.fixture(scope="session")
def ungd_build(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every third UN General Debate speech (lines 1, 4, 7 …: 582 speeches, as
    ``bench/bench_scale.py --every 3``), built by the CLI: a few minutes on two
    cores, once per session."""
    folder = tmp_path_factory.mktemp("ungd-every3")
    corpus = folder / "ungd_every3.jsonl"
    speeches = shared_dir / "corpora" / "ungd_2015_2023.jsonl"
    with speeches.open(encoding="utf-8") as src:
        corpus.write_text("".join(islice(src, 0, None, 3)), encoding="utf-8")
    return build(corpus, folder / "out")


def linked(g) -> set[str]:
    """The entities of a graph that take part in a claim."""
    return {n for n in g if g.degree(n)}


def top_actors_labelled(view: View) -> list[str]:
    """The side panel's most involved actors whose label the canvas does not draw."""
    drawn = {d["text"] for d in view.drawn_text()}
    top = view.page.locator("#top-actors button").all_inner_texts()
    assert len(top) == 10
    return [name for name in top if name not in drawn]


def test_voa_opens_on_the_states_view_and_folds_as_the_rollup_says(
    browser, voa_build
):
    g = from_node_link_json((voa_build / "graph.json").read_text(encoding="utf-8"))
    folded = states_graph(g, rollup(g))
    view = View(browser, voa_build / "graph.html")
    assert view.js("geokg.state.view") == "states"
    assert "Opened in the states view" in view.page.inner_text("#view-note")
    assert view.visible_ids() == linked(folded)
    assert top_actors_labelled(view) == []
    view.screenshot("html-voa-states.png")
    view.page.locator("#states-view").uncheck()
    view.settle()
    assert view.visible_ids() == linked(g)
    assert len(linked(g)) > len(linked(folded))
    assert top_actors_labelled(view) == []
    view.screenshot("html-voa-people.png")
    view.close()


@pytest.mark.slow
def test_ungd_labels_never_pile_up_and_the_top_actors_are_labelled(
    browser, ungd_build
):
    view = View(browser, ungd_build / "graph.html")
    assert view.js("geokg.state.view") == "states"
    assert view.js("geokg.data.stats.entities") >= 2000
    assert top_actors_labelled(view) == []
    view.screenshot("html-ungd-states.png")
    assert_labels_never_pile_up(view, least=60)
    view.js("geokg.setView('people')")
    assert top_actors_labelled(view) == []
    view.screenshot("html-ungd-people.png")
    assert_labels_never_pile_up(view, least=60)
    view.close()


@pytest.mark.slow
def test_ungd_neighbourhood_of_an_actor_found_by_search(browser, ungd_build):
    view = View(browser, ungd_build / "graph.html")
    view.page.fill("#search", "Iran")
    view.page.press("#search", "Enter")
    assert view.js("geokg.focused") == "iran"
    view.page.locator("#details button", has_text="1 step").click()
    view.settle()
    one = view.visible_ids()
    assert "iran" in one and 10 < len(one) < 100
    assert "Neighbourhood of Iran, 1 step out" in view.page.inner_text("#hood-bar")
    assert overlaps(view.drawn_text()) == []
    view.screenshot("html-ungd-iran.png")
    view.page.locator("#hood-2").click()
    view.settle()
    assert view.visible_ids() > one
    view.page.locator("#hood-exit").click()
    view.settle()
    assert view.js("geokg.state.hood") is None
    view.close()
