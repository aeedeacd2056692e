"""The HTML view in a real headless Chromium with every network request blocked.

The views of real corpora (VOA, the UN General Debate): test_html_corpora.py.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import networkx as nx
import pytest
from geokg.exports.html import to_html

from tests.conftest import HOSTILE, ROOT, hostile_graph, synthetic_graph
from tests.exports.test_html_timeline import timeline_graph
from tests.exports.test_html_views import FOLDED, officials_graph

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
ARTIFACTS = ROOT / "test-artifacts"
LOCAL = ("file:", "data:", "about:")
#: Waits for the page to be drawn. Not wait_for_function: its polling uses eval,
#: which the page's Content-Security-Policy rightly forbids.
READY = """new Promise((resolve, reject) => {
  const until = Date.now() + 60000;
  const poll = () => window.geokg && geokg.ready ? resolve(true)
    : Date.now() > until ? reject(new Error('page never became ready'))
    : setTimeout(poll, 10);
  poll();
})"""
#: Records every text the next frame draws on a canvas, with its box in page
#: pixels: the ink's width and the font's height, from the canvas's own metrics
#: and transform (whatever drew it: geokg's labels or vis-network).
DRAWN_TEXT = """() => new Promise((resolve) => {
  const proto = CanvasRenderingContext2D.prototype;
  const fill = proto.fillText, stroke = proto.strokeText;
  const drawn = new Map();
  let on = false;
  function record(text, x, y) {
    if (!on) return;
    const m = this.measureText(text), t = this.getTransform();
    const ratio = this.canvas.width / this.canvas.clientWidth;
    const corners = [[x - m.actualBoundingBoxLeft, y - m.fontBoundingBoxAscent],
                     [x + m.actualBoundingBoxRight, y + m.fontBoundingBoxDescent]]
      .map(([cx, cy]) => [(t.a * cx + t.c * cy + t.e) / ratio,
                          (t.b * cx + t.d * cy + t.f) / ratio]);
    const box = [corners[0][0], corners[0][1], corners[1][0], corners[1][1]];
    drawn.set(text + '|' + box.join(','), { text: String(text), box: box });
  }
  proto.fillText = function (...a) {
    record.apply(this, a);
    return fill.apply(this, a);
  };
  proto.strokeText = function (...a) {
    record.apply(this, a);
    return stroke.apply(this, a);
  };
  geokg.network.once('beforeDrawing', () => { on = true; });
  geokg.network.once('afterDrawing', () => {
    on = false;
    proto.fillText = fill;
    proto.strokeText = stroke;
    resolve([...drawn.values()]);
  });
  geokg.network.redraw();
})"""


def chromium():
    """Debian's headless Chromium driven by Playwright (skipped when not installed)."""
    if not shutil.which(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is missing; run `make browser`")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def browser():
    """Debian's headless Chromium driven by Playwright (skipped when not installed)."""
    yield from chromium()


class View:
    """One page of the view, with what it tried to fetch, alert or throw."""

    def __init__(self, browser, path: Path) -> None:
        self.blocked: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route("**/*", self._route)
        self.page.goto(path.as_uri())
        self.js(READY)

    def _route(self, route) -> None:
        if route.request.url.startswith(LOCAL):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def js(self, expression: str, arg=None):
        """Evaluate JavaScript in the page."""
        return self.page.evaluate(expression, arg)

    def counts(self) -> dict[str, int]:
        """How many nodes and edges the page currently draws."""
        return self.js("geokg.counts()")

    def click_box(self, attr: str, value: str) -> None:
        """Toggle one legend checkbox and wait for the view to update."""
        self.page.locator(f'input[data-{attr}="{value}"]').click()
        self.settle()

    def settle(self) -> None:
        """Wait two animation frames (filters are applied on the next one)."""
        self.js("new Promise(r => requestAnimationFrame("
                "() => requestAnimationFrame(r)))")

    def point(self, kind: str, item_id: str) -> tuple[float, float]:
        """Where a node, or the middle of an edge, is on the page."""
        return tuple(self.js(
            """([kind, id]) => {
              const net = geokg.network;
              const p = kind === 'node' ? net.getPositions([id])[id]
                : net.body.edges[id].edgeType.getPoint(0.5);
              const dom = net.canvasToDOM(p);
              const box = document.getElementById('graph').getBoundingClientRect();
              return [box.left + dom.x, box.top + dom.y];
            }""",
            [kind, item_id],
        ))

    def hover(self, kind: str, item_id: str) -> str:
        """Move the mouse onto a node or edge; the tooltip's text."""
        x, y = self.point(kind, item_id)
        self.page.mouse.move(x - 30, y - 30)
        self.page.mouse.move(x, y, steps=4)
        self.page.wait_for_selector("#tip:not([hidden])", timeout=5_000)
        return self.page.inner_text("#tip")

    def details(self, kind: str, item_id: str) -> list[str | None]:
        """Click a node or edge; the hrefs of the links its details panel shows."""
        self.page.mouse.click(*self.point(kind, item_id))
        self.page.wait_for_selector("#details:not([hidden])", timeout=5_000)
        return self.js("[...document.querySelectorAll('#details a')]"
                       ".map(a => a.getAttribute('href'))")

    def drawn_text(self) -> list[dict]:
        """The texts the next frame draws, each with its box [x0, y0, x1, y1]."""
        return self.js(DRAWN_TEXT)

    def zoom(self, factor: float) -> None:
        """Zoom in `factor` times on the middle of what is shown."""
        self.js("f => geokg.network.moveTo({scale: geokg.network.getScale() * f})",
                factor)

    def visible_ids(self) -> set[str]:
        """The ids of the entities drawn now."""
        return set(self.js("geokg.nodes.get({filter: n => !n.hidden}).map(n => n.id)"))

    def screenshot(self, name: str) -> Path:
        """Save a screenshot under test-artifacts/."""
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / name
        self.page.screenshot(path=str(path))
        return path

    def close(self) -> None:
        """Close the page; nothing may have been fetched from the network, and
        nothing may have thrown."""
        self.page.close()
        assert self.blocked == []
        assert self.errors == []


def overlaps(drawn: list[dict]) -> list[tuple[str, str]]:
    """The pairs of drawn texts whose boxes overlap (touching is not overlapping)."""
    boxes = sorted((d["box"], d["text"]) for d in drawn)
    found = []
    for i, ((_, ay0, ax1, ay1), a) in enumerate(boxes):
        for (bx0, by0, _, by1), b in boxes[i + 1:]:
            if bx0 >= ax1:
                break  # sorted by left edge: no later box reaches back
            if ay0 < by1 and by0 < ay1:
                found.append((a, b))
    return found


def assert_labels_never_pile_up(view: View, *, least: int) -> None:
    """At the opening view and zoomed in 2.5 and 6 times: no two drawn labels
    overlap, and at least `least` are drawn at the opening view."""
    counts = []
    for factor in (1, 2.5, 6 / 2.5):
        view.zoom(factor)
        drawn = view.drawn_text()
        assert overlaps(drawn) == []
        counts.append(len(drawn))
    assert counts[0] >= least, counts


def open_view(browser, tmp_path: Path, g, **options) -> View:
    """Render a graph to a file and open it."""
    path = tmp_path / "graph.html"
    path.write_text(to_html(g, **options), encoding="utf-8")
    return View(browser, path)


@pytest.fixture
def hostile_view(browser, tmp_path):
    """The hostile graph, open in the browser."""
    title = "Build " + HOSTILE["img"]
    view = open_view(browser, tmp_path, hostile_graph(), title=title)
    yield view
    view.close()


@pytest.fixture(scope="module")
def capped_view(browser, tmp_path_factory):
    """A 400-entity graph drawn with a cap of 300, on its people view."""
    g = synthetic_graph(400, 900, seed=3)
    view = open_view(browser, tmp_path_factory.mktemp("capped"), g, max_nodes=300,
                     view="people")
    yield view
    view.close()


@pytest.fixture
def officials_view(browser, tmp_path):
    """Iran, Russia, Israel and the UN with their officials (tests/exports/
    test_html_views.py), open in the browser on its people view."""
    view = open_view(browser, tmp_path, officials_graph())
    yield view
    view.close()


def test_small_graph_draws_every_entity_and_relation(hostile_view):
    data = hostile_view.js("[geokg.data.nodes.length, geokg.data.edges.length]")
    assert data == [4, 4]
    assert hostile_view.counts() == {"nodes": 3, "edges": 4}  # the outlet has none
    lonely = hostile_view.page.locator(".isolated")
    assert "also show entities with no relation" in lonely.inner_text()
    assert lonely.locator(".count").inner_text() == "1"
    hostile_view.page.locator("#isolated").check()
    hostile_view.settle()
    assert hostile_view.counts() == {"nodes": 4, "edges": 4}
    assert hostile_view.js("geokg.network.body.nodeIndices.length") == 4


def test_capped_graph_draws_the_stated_cap(capped_view):
    stats = capped_view.js("geokg.data.stats.views.people")
    assert capped_view.counts() == {"nodes": 300, "edges": stats["shownEdges"]}
    drawn = capped_view.js("geokg.network.body.edgeIndices.length")
    assert drawn == stats["shownEdges"]
    notice = capped_view.page.inner_text("#cap")
    assert "300 most involved of 400 entities of this view" in notice
    assert capped_view.js("geokg.network.physics.options.enabled") is False
    capped_view.screenshot("html-capped.png")


def test_relation_and_entity_filters_change_what_is_visible(hostile_view):
    view = hostile_view
    view.click_box("family", "verbal-conflict")  # condemned, threatened
    assert view.counts() == {"nodes": 3, "edges": 2}
    view.click_box("relation", "met-with")  # Evil's last relation goes
    assert view.counts() == {"nodes": 2, "edges": 1}
    view.click_box("family", "verbal-conflict")
    view.click_box("type", "Person")
    assert view.counts() == {"nodes": 2, "edges": 2}


@pytest.mark.parametrize(
    ("attr", "value", "left"),
    [("status", "negated", 3), ("status", "maybe", 3), ("status", "fact", 2)],
)
def test_claim_status_filters(hostile_view, attr, value, left):
    hostile_view.click_box(attr, value)
    assert hostile_view.counts()["edges"] == left


def test_support_and_date_filters(hostile_view):
    view = hostile_view
    view.page.locator("#min-support").fill("2")
    view.settle()
    assert view.counts() == {"nodes": 2, "edges": 1}  # drilled-with, twice
    view.page.locator("#min-support").fill("1")
    view.page.locator("#date-from").fill("2024-06-01")
    view.settle()
    assert view.counts() == {"nodes": 2, "edges": 2}  # the second article's claims
    view.page.locator("#date-to").fill("2024-06-01")
    view.settle()
    assert view.counts() == {"nodes": 2, "edges": 1}


def test_search_focuses_an_actor(hostile_view):
    hostile_view.page.fill("#search", "russ")
    hostile_view.page.press("#search", "Enter")
    assert hostile_view.js("geokg.focused") == "russia"
    assert hostile_view.js("geokg.network.getSelectedNodes()") == ["russia"]
    assert "Russia" in hostile_view.page.inner_text("#details")


def test_physics_toggle(capped_view):
    capped_view.page.locator("#physics").check()
    assert capped_view.js("geokg.network.physics.options.enabled") is True
    capped_view.page.locator("#physics").uncheck()
    assert capped_view.js("geokg.network.physics.options.enabled") is False


def test_hostile_article_runs_no_script_at_load_or_on_hover(hostile_view):
    view = hostile_view
    view.page.locator("#isolated").check()
    view.settle()
    texts = [view.hover("node", n) for n in view.js("geokg.nodes.getIds()")]
    texts += [view.hover("edge", e) for e in view.js("geokg.edges.getIds()")]
    assert any(HOSTILE["img"] in t for t in texts)  # shown as text, not run
    assert any(HOSTILE["script"] in t for t in texts)
    edges = view.js("geokg.edges.getIds()")
    hrefs = [h for e in edges for h in view.details("edge", e)]
    # Only the second article's link, twice (drilled-with, condemned), url-encoded.
    assert hrefs == ["https://news.example/a?b=%3Ci%3E&c=1"] * 2
    view.page.locator("#top-dyads button").first.click()  # a pair: its timeline
    assert view.js("document.querySelectorAll('#details svg.timeline').length") == 1
    assert HOSTILE["script"] in view.page.inner_text("#details h3")
    view.screenshot("html-hostile.png")
    assert view.js("typeof window.__pwned") == "undefined"
    assert view.dialogs == [] and view.errors == []
    assert view.js("geokg.cspViolations") == []
    embedded = "document.querySelectorAll('img, iframe, object, embed').length"
    assert view.js(embedded) == 0
    assert view.page.title() == "Build " + HOSTILE["img"]


@pytest.mark.parametrize("entities", [0, 1])
def test_graphs_without_relations_still_draw(browser, tmp_path, entities):
    g = nx.MultiDiGraph(documents=[])
    for i in range(entities):
        g.add_node(f"n{i}", label=f"E{i}", type="Country", aliases=[], documents=1)
    view = open_view(browser, tmp_path, g)
    assert view.counts() == {"nodes": entities, "edges": 0}
    assert view.errors == []
    view.close()


@pytest.mark.model
def test_seeds_page_draws_the_articles(browser, seeds_build):
    view = View(browser, seeds_build / "graph.html")
    pairs = view.js("""geokg.data.edges.filter(e => geokg.kept.has(e.id))
      .map(e => [geokg.data.nodes.find(n => n.id === e.from).label, e.relation,
                 geokg.data.nodes.find(n => n.id === e.to).label].join(' '))""")
    araghchi, xi = "Abbas Araghchi", "Xi Jinping"
    either_way = {f"{araghchi} met-with {xi}", f"{xi} met-with {araghchi}"}
    assert either_way & set(pairs)
    assert view.counts()["edges"] == len(pairs)
    assert view.js("geokg.state.view") == "people"  # small: no folding needed
    view.screenshot("html-seeds.png")
    view.page.locator("#states-view").check()
    view.settle()
    view.screenshot("html-seeds-states.png")
    view.close()


def test_show_draws_inside_a_notebook_like_page_with_the_csp_intact(browser, tmp_path):
    """geokg.show's iframe in a host page: the graph draws, its CSP still holds
    (an inline script added later is refused), and it cannot reach the host."""
    import geokg

    g = hostile_graph()
    host = tmp_path / "notebook.html"
    host.write_text(
        "<!doctype html><html><head><title>notebook</title></head><body>"
        "<h1>cell output</h1>" + geokg.show(g)._repr_html_() + "</body></html>",
        encoding="utf-8",
    )
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(LOCAL)
               else r.abort())
    page.goto(host.as_uri())
    frame = page.frames[1]
    frame.evaluate(READY)
    alone = open_view(browser, tmp_path, g)
    assert frame.evaluate("geokg.counts()") == alone.counts()
    assert alone.counts()["nodes"] > 0
    alone.close()
    csp = frame.evaluate("document.querySelector("
                         "'meta[http-equiv=\"Content-Security-Policy\"]').content")
    assert re.search(r"script-src 'sha256-[^;]*;", csp) and "default-src 'none'" in csp
    assert "unsafe" not in re.search(r"script-src [^;]*", csp).group(0)
    frame.evaluate("""() => { const s = document.createElement('script');
      s.textContent = 'window.__injected = 1'; document.body.appendChild(s); }""")
    assert frame.evaluate("typeof window.__injected") == "undefined"
    assert frame.evaluate("geokg.cspViolations.length") >= 1
    assert frame.evaluate("""() => { try { return window.parent.document.title; }
      catch (e) { return 'blocked'; } }""") == "blocked"
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert errors == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "html-show-iframe.png"))
    page.close()


def test_states_view_folds_members_into_their_states_and_back(officials_view):
    view = officials_view
    g = officials_graph()
    assert view.js("geokg.state.view") == "people"
    assert view.visible_ids() == set(g)  # every entity takes part in a claim
    assert view.counts() == {"nodes": 11, "edges": 13}
    view.page.locator("#states-view").check()
    view.settle()
    assert view.visible_ids() == set(g) - set(FOLDED)
    assert view.counts() == {"nodes": 6, "edges": 8}
    note = view.page.inner_text("#view-note")
    assert "5 officials, ministries, forces and other members are folded" in note
    assert "Opened in the states view" not in note  # it opened on the people view
    drills = view.js("""geokg.data.edges.filter(e => geokg.kept.has(e.id)
      && e.relation === 'drilled-with').map(e => e.support.length)""")
    assert drills == [2]  # the army's drill and Iran's own, as one line
    view.page.get_by_role("button", name="Show people").click()
    view.settle()
    assert view.counts() == {"nodes": 11, "edges": 13}
    assert view.page.locator("#states-view").is_checked() is False


def test_the_details_list_relations_by_partner_with_counts(officials_view):
    view = officials_view
    view.page.locator("#states-view").check()
    view.settle()
    view.details("node", "iran")
    partners = view.page.locator("#details ul.partners > li").all_inner_texts()
    assert [p.split("\n") for p in partners] == [
        ["Russia ×3", "drilled-with ×2 · met-with"],  # ties by label
        ["A Pundit ×1", "accused (by)"],
        ["Israel ×1", "condemned"],
        ["United Nations ×1", "urged (by)"],
    ]
    assert "Folds in 3: Abbas Araghchi; Iranian foreign ministry; Iranian armed " \
           "forces" in view.page.inner_text("#details")


def test_the_side_panel_lists_who_matters_and_each_focuses_the_view(officials_view):
    view = officials_view
    actors = view.page.locator("#top-actors li").all_inner_texts()
    # Russia: Lavrov's two offices, the pundit's, two drills; Lavrov: two offices
    # in Russia, one denied in Israel, one meeting.
    assert actors[:3] == ["1.\nRussia\n5", "2.\nSergei Lavrov\n4", "3.\nIran\n3"]
    assert len(actors) == 10
    view.page.locator("#top-actors button", has_text="Sergei Lavrov").click()
    assert view.js("geokg.network.getSelectedNodes()") == ["lavrov"]
    assert view.page.inner_text("#details h3") == "Sergei Lavrov"
    dyads = view.page.locator("#top-dyads li").all_inner_texts()
    assert dyads[0] == "1.\nSergei Lavrov — Russia\n2"
    view.page.locator("#top-dyads button").first.click()
    assert sorted(view.js("geokg.network.getSelectedNodes()")) == ["lavrov", "russia"]
    assert "Sergei Lavrov — Russia" in view.page.inner_text("#details")


@pytest.fixture(scope="module")
def timeline_view(browser, tmp_path_factory):
    """Iran, Russia and China over three years (tests/exports/test_html_timeline.py),
    open in the browser on its states view."""
    view = open_view(browser, tmp_path_factory.mktemp("timeline"), timeline_graph(),
                     view="states")
    yield view
    view.close()


#: The lines the page draws now, as "from relation to".
DRAWN_LINES = """geokg.data.edges.filter(e => geokg.kept.has(e.id))
  .map(e => [e.from, e.relation, e.to].join(' ')).sort()"""
#: Per period of the details panel's timeline: its name, its bars' heights.
CHART = """[...document.querySelectorAll('#details svg.timeline g.period')].map(g =>
  [g.dataset.period, [...g.querySelectorAll('rect.bar')]
    .map(r => Math.round(Number(r.getAttribute('height'))))])"""


def test_a_pair_and_its_lines_show_their_timeline(timeline_view):
    view = timeline_view
    view.page.locator("#top-dyads button", has_text="Iran — Russia").click()
    assert "5 events · 6 mentions in 3 relations" in view.page.inner_text("#details")
    chart = view.js(CHART)
    # 2022: a meeting (cooperation, up) and a condemnation (conflict, down);
    # 2023: nothing; 2024: two meetings, one bar twice as high, and sanctions.
    assert [(name, len(bars)) for name, bars in chart] == [
        ("2022", 2), ("2023", 0), ("2024", 2)]
    (one, down), (two, down_again) = chart[0][1], chart[2][1]
    assert two == 2 * one and down == down_again == one
    view.screenshot("html-timeline.png")
    met = view.js("""geokg.data.edges.find(e => e.relation === 'met-with'
      && e.curves.states !== undefined && e.to === 'russia').id""")
    view.details("edge", met)
    assert "3 events · 4 mentions in 4 articles" in view.page.inner_text("#details")
    assert [name for name, _ in view.js(CHART)] == ["2022", "2023", "2024"]


def test_the_time_filter_shows_one_year_at_a_time_and_plays(timeline_view):
    view = timeline_view
    whole = view.js(DRAWN_LINES)
    shown = {}
    for step, year in enumerate(["2022", "2023", "2024"], start=1):
        view.page.locator("#period").fill(str(step))
        view.settle()
        assert view.page.inner_text("#period-value") == year
        shown[year] = view.js(DRAWN_LINES)
    assert shown == {
        "2022": ["iran condemned russia", "iran met-with russia"],
        "2023": [],
        "2024": ["china cooperated-with iran", "china met-with iran",  # planned
                 "iran met-with russia", "russia sanctioned iran"],
    }
    assert view.counts() == {"nodes": 3, "edges": 4}
    view.page.locator("#period").fill("0")
    view.settle()
    assert view.js(DRAWN_LINES) == whole
    view.page.locator("#play").click()  # the first year at once, then one a second
    view.settle()
    assert view.page.inner_text("#period-value") == "2022"
    assert view.js("document.getElementById('play').getAttribute('aria-pressed')") \
        == "true"
    view.page.locator("#play").click()
    assert view.page.locator("#play").inner_text() == "\u25b6 Play"
    view.page.locator("#period").fill("0")
    view.settle()


#: For the last entity and line: whether they took the label options the page
#: shares between items (graph.js sharedLabels), and whether vis's own working
#: out of them (Label.update, on the same options) gives the same.
SHARED_LABELS = """() => {
  const body = geokg.network.body;
  const items = [['node', body.nodes[geokg.nodes.getIds().at(-1)]],
                 ['edge', body.edges[geokg.edges.getIds().at(-1)]]];
  return items.map(([kind, item]) => {
    const label = item.labelModule, own = label.constructor.prototype.geokgOwnUpdate;
    const pile = kind === 'node'
      ? [{}, item.options, item.grouplist.get(item.options.group, false),
         item.globalOptions, item.defaultOptions]
      : [{}, item.options, item.globalOptions, item.defaultOptions];
    const was = [label.fontOptions, label.baseSize, label.elementOptions];
    const shared = JSON.stringify(was.slice(0, 2));
    own.call(label, item.options, pile);
    const same = JSON.stringify([label.fontOptions, label.baseSize]) === shared
      && label.fontOptions.chooser === was[0].chooser
      && label.elementOptions === was[2];
    [label.fontOptions, label.baseSize] = was;
    return [kind, label.geokgShared === true, same];
  });
}"""


def test_label_options_shared_between_items_are_what_vis_works_out(timeline_view):
    shared = timeline_view.js(SHARED_LABELS)
    assert shared == [["node", True, True], ["edge", True, True]]


def neighbours(g, actor: str, steps: int, keep=lambda d: True) -> set[str]:
    """Entities within `steps` claims of `actor`, over the claims `keep` accepts."""
    links = nx.Graph()
    links.add_node(actor)
    links.add_edges_from((u, v) for u, v, d in g.edges(data=True) if keep(d))
    return set(nx.single_source_shortest_path_length(links, actor, cutoff=steps))


def test_the_neighbourhood_view_shows_exactly_the_steps_out(browser, tmp_path):
    g = synthetic_graph(150, 260, seed=5)
    view = open_view(browser, tmp_path, g, view="people", max_nodes=1000)
    whole = view.counts()
    actor = "e00020"
    view.details("node", actor)
    view.page.locator("#details button", has_text="1 step").click()
    view.settle()
    assert view.visible_ids() == neighbours(g, actor, 1)
    view.page.locator("#hood-2").click()
    view.settle()
    two = neighbours(g, actor, 2)
    assert view.visible_ids() == two and len(two) > 20
    assert f"{len(two)} entities" in view.page.inner_text("#hood-bar")
    view.screenshot("html-neighbourhood.png")
    # The filters still apply: no verbal cooperation, nothing before July.
    view.click_box("family", "verbal-cooperation")
    assert view.visible_ids() == neighbours(
        g, actor, 2, lambda d: d["family"] != "verbal-cooperation")
    view.page.locator("#date-from").fill("2024-07-01")
    view.settle()
    published = {m["id"]: m["published"] for m in g.graph["documents"]}
    assert view.visible_ids() == neighbours(
        g, actor, 2, lambda d: d["family"] != "verbal-cooperation"
        and published[d["doc_id"]] >= "2024-07-01")
    view.page.locator("#date-from").fill("")
    view.click_box("family", "verbal-cooperation")
    view.page.locator("#hood-exit").click()
    view.settle()
    assert view.counts() == whole
    view.close()


def test_search_finds_an_official_in_the_state_it_is_folded_into(officials_view):
    view = officials_view
    view.page.locator("#states-view").check()
    view.page.fill("#search", "Araghchi")
    view.page.press("#search", "Enter")
    assert view.js("geokg.focused") == "iran"
    status = view.page.inner_text("#search-status")
    assert status == "Found Iran (Country). Abbas Araghchi is folded into it in the " \
                     "states view."


@pytest.mark.slow
def test_labels_never_pile_up_on_5000_entities(browser, tmp_path):
    g = synthetic_graph(5000, 12500)
    view = open_view(browser, tmp_path, g, max_nodes=5000)
    assert view.counts()["nodes"] > 4500
    view.screenshot("html-synthetic-5000.png")
    assert_labels_never_pile_up(view, least=50)
    view.js("geokg.setView('people')")
    assert_labels_never_pile_up(view, least=50)
    assert view.errors == []
    view.close()
