"""Time until the HTML view of a large graph is interactive in headless Chromium.

Builds reproducible synthetic graphs (the tests' ``synthetic_graph``), renders
them with ``exports.html.to_html``, opens each page from a file with every
network request blocked, and prints, per size: render time in Python, page
size, and the time from navigation until ``window.geokg.ready`` (the first frame
drawn after layout, when the page answers to the mouse). Median of --runs.

    .venv/bin/python bench/bench_html.py            # 2,000 nodes (+ the default cap)
    .venv/bin/python bench/bench_html.py --nodes 500 2000 5000 --runs 3

The target is under 10 s for 2,000 nodes.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

# geokg is the installed package; only the test helpers (the synthetic graph and
# the page-ready probe) come from the checkout's tests/.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from geokg.exports.html import DEFAULT_MAX_NODES, to_html  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from tests.conftest import synthetic_graph  # noqa: E402
from tests.exports.test_html_browser import READY  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
TARGET_S = 10.0


def time_to_interactive(browser, path: Path) -> float:
    """Seconds from navigation until the page says it is ready (network blocked)."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(
        ("file:", "data:", "about:")) else r.abort())
    start = time.perf_counter()
    page.goto(path.as_uri())
    page.evaluate(READY)
    elapsed = time.perf_counter() - start
    drawn = page.evaluate("geokg.network.body.nodeIndices.length")
    page.close()
    return elapsed, drawn


def main() -> int:
    """Run the benchmark and print one line per graph size."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, nargs="+", default=[2000])
    ap.add_argument("--per-node", type=float, default=2.5, help="assertions per entity")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    worst = 0.0
    print(f"{'nodes':>6} {'cap':>6} {'drawn':>6} {'edges':>6} {'render s':>9} "
          f"{'page MB':>8} {'interactive s (median)':>23}")
    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        for n in args.nodes:
            g = synthetic_graph(n, int(n * args.per_node))
            for cap in sorted({n, min(n, DEFAULT_MAX_NODES)}):
                start = time.perf_counter()
                page = to_html(g, max_nodes=cap)
                render = time.perf_counter() - start
                path = Path(tmp) / f"graph-{n}-{cap}.html"
                path.write_text(page, encoding="utf-8")
                runs = [time_to_interactive(browser, path) for _ in range(args.runs)]
                ready = statistics.median(t for t, _ in runs)
                worst = max(worst, ready) if n <= 2000 else worst
                print(f"{n:>6} {cap:>6} {runs[0][1]:>6} {g.number_of_edges():>6} "
                      f"{render:>9.2f} {len(page) / 1e6:>8.1f} {ready:>23.2f}")
        browser.close()
    verdict = "OK" if worst < TARGET_S else "TOO SLOW"
    print(f"worst time to interactive up to 2,000 nodes: {worst:.2f} s "
          f"(target < {TARGET_S:.0f} s): {verdict}")
    return 0 if worst < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
