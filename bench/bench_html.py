"""Time until the HTML view of a large graph is interactive in headless Chromium.

Builds reproducible synthetic graphs (the tests' ``synthetic_graph``), renders
them with ``exports.html.to_html``, opens each page from a file with every
network request blocked, and prints, per size: render time in Python (both
views, their communities and layouts), page size, the view the page opens on,
how many entities and labels its first frame draws, and the time from
navigation until ``window.geokg.ready`` (the first frame drawn, labels
included, when the page answers to the mouse). Median of --runs. Then where
that time goes, from the marks the page sets (``performance.mark``): loading
the page (its HTML, the data block, vis-network's script), unpacking the data,
setting up, the filters, vis-network's constructor, the wait for its first
animation frame, the hulls, vis's drawing of the frame, and the labels. The
machine's load average is printed before and after: other work on the machine
slows every figure. With --quiet, each run waits for a second in which the
CPUs were at least 90% idle (Linux: /proc/stat), so that another program's
bursts are not timed with the page. With --cpu, as many runs again are traced
(Chromium's own trace events) for the CPU time the page's main thread spends
until it is interactive: what waiting for other programs does not change, and
about what an idle machine takes, less the navigation itself.

    .venv/bin/python bench/bench_html.py                 # 2,000 and 5,000 nodes
    .venv/bin/python bench/bench_html.py --nodes 500 2000 5000 --runs 3
    .venv/bin/python bench/bench_html.py --runs 7 --quiet --cpu

The targets: interactive in under 1 s at 2,000 entities and under 2 s at 5,000
(each drawn uncapped, and with the default cap of 1,500).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
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
#: Seconds until interactive, by the most entities they apply to.
TARGETS = {2000: 1.0, 5000: 2.0}
#: The page's marks (exports/templates/graph.js), each phase ending at one.
PHASES = (("load", "start"), ("unpack", "data"), ("setup", "setup"),
          ("filters", "filters"), ("network", "network"), ("wait", "frame"),
          ("hulls", "hulls"), ("draw", "drawn"), ("labels", "ready"))


def target(nodes: int) -> float | None:
    """The time to interactive a graph of `nodes` entities should beat."""
    return next((t for n, t in sorted(TARGETS.items()) if nodes <= n), None)


def time_to_interactive(browser, path: Path) -> tuple[float, list, list[float]]:
    """Seconds from navigation until the page says it is ready (network blocked),
    what its first frame drew (entities, labels, view), and its phases' ms."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(
        ("file:", "data:", "about:")) else r.abort())
    start = time.perf_counter()
    page.goto(path.as_uri())
    page.evaluate(READY)
    elapsed = time.perf_counter() - start
    drawn = page.evaluate("[geokg.network.body.nodeIndices.length, geokg.labels.length,"
                          " geokg.state.view]")
    marks = dict(page.evaluate("performance.getEntriesByType('mark')"
                               ".map(m => [m.name, m.startTime])"))
    page.close()
    ends = [marks[f"geokg:{mark}"] for _, mark in PHASES]
    return elapsed, drawn, [b - a for a, b in zip([0.0, *ends], ends, strict=False)]


def main_thread_cpu(browser, path: Path) -> float:
    """Seconds of CPU the page's main thread spends from navigation until the page
    is ready, from a trace of the load (the thread that parses the page)."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(
        ("file:", "data:", "about:")) else r.abort())
    browser.start_tracing(page=page, categories=[
        "disabled-by-default-devtools.timeline", "devtools.timeline",
        "blink.user_timing"])
    page.goto(path.as_uri())
    page.evaluate(READY)
    events = json.loads(browser.stop_tracing())["traceEvents"]
    page.close()
    main = Counter((e["pid"], e["tid"]) for e in events
                   if e.get("name") == "ParseHTML").most_common(1)[0][0]
    ready = next(e["ts"] for e in events if e.get("name") == "geokg:ready")
    tasks = [e for e in events if e.get("name") == "RunTask" and e.get("ph") == "X"
             and (e["pid"], e["tid"]) == main and e["ts"] < ready]
    return sum(e.get("tdur", e["dur"]) for e in tasks) / 1e6


def busy_share(seconds: float = 1.0) -> float:
    """The share of the CPUs' time spent busy over the next `seconds` (Linux)."""
    def ticks() -> tuple[int, int]:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = [int(x) for x in stat.readline().split()[1:]]
        return fields[3] + fields[4], sum(fields)  # idle + iowait, all

    idle0, all0 = ticks()
    time.sleep(seconds)
    idle1, all1 = ticks()
    return 1 - (idle1 - idle0) / max(all1 - all0, 1)


def wait_for_quiet(limit: float = 0.1, patience: float = 600) -> float:
    """Wait (at most `patience` seconds) for a second in which the CPUs were busy
    less than `limit` of the time; the busy share of the last second."""
    deadline = time.monotonic() + patience
    while (share := busy_share()) >= limit and time.monotonic() < deadline:
        pass
    return share


def load_average() -> str:
    """The machine's load average over 1, 5 and 15 minutes."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> int:
    """Run the benchmark and print one line per graph size and cap."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, nargs="+", default=[2000, 5000])
    ap.add_argument("--per-node", type=float, default=2.5, help="assertions per entity")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--quiet", action="store_true",
                    help="start each run after a second of idle CPUs (Linux)")
    ap.add_argument("--cpu", action="store_true",
                    help="also trace as many runs for the main thread's CPU time")
    args = ap.parse_args()
    quiet = (lambda: wait_for_quiet()) if args.quiet else (lambda: 0.0)
    slow, phases = [], []
    print(f"load average {load_average()} ({os.cpu_count()} cores)")
    print(f"{'nodes':>6} {'cap':>6} {'edges':>6} {'render s':>9} {'page MB':>8} "
          f"{'opens on':>8} {'drawn':>6} {'labels':>6} {'interactive s: median':>22} "
          f"{'fastest':>7}" + (f" {'main-thread CPU s':>17}" if args.cpu else ""))
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
                runs = [(quiet(), time_to_interactive(browser, path))[1]
                        for _ in range(args.runs)]
                ready = statistics.median(t for t, _, _ in runs)
                drawn, labels, view = runs[0][1]
                phases.append((n, cap, [statistics.median(r[2][i] for r in runs)
                                        for i in range(len(PHASES))]))
                limit = target(n)
                if limit is not None and ready >= limit:
                    slow.append(f"{n:,} (cap {cap:,}): {ready:.2f} s >= {limit:.0f} s")
                cpu = ""
                if args.cpu:
                    used = [main_thread_cpu(browser, path) for _ in range(args.runs)]
                    cpu = f" {statistics.median(used):>17.2f}"
                print(f"{n:>6} {cap:>6} {g.number_of_edges():>6} {render:>9.2f} "
                      f"{len(page) / 1e6:>8.1f} {view:>8} {drawn:>6} {labels:>6} "
                      f"{ready:>22.2f} {min(t for t, _, _ in runs):>7.2f}{cpu}")
        browser.close()
    print("where the time goes, ms (median): " + " ".join(
        f"{name:>7}" for name, _ in PHASES))
    for n, cap, ms in phases:
        print(f"{n:>6} {cap:>6} {'':>24}" + " ".join(f"{t:>7.0f}" for t in ms))
    print(f"load average {load_average()}")
    goals = ", ".join(f"< {t:.0f} s up to {n:,} entities" for n, t in TARGETS.items())
    verdict = "OK" if not slow else "TOO SLOW: " + "; ".join(slow)
    print(f"targets: {goals}: {verdict}")
    return 0 if not slow else 1


if __name__ == "__main__":
    sys.exit(main())
