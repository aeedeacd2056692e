"""A timeline (graph/timeline.py) as CSV and as a PNG chart.

The chart (matplotlib, Agg backend: no display needed) stacks each period's
cooperation events above the axis and its conflict events below it (verbal
light, material dark), draws the net Goldstein score as a line on its own axis,
and writes under each period how many articles are behind it. Like the other
exporters these are pure: they return text or bytes and write no file.
"""

from __future__ import annotations

import io

from geokg.exports.event_tables import csv_text
from geokg.graph.timeline import (
    EVENT_FAMILIES,
    UNDATED,
    Partners,
    Tally,
    Timeline,
)

TIMELINE_COLUMNS = ("period", *(f.replace("-", "_") for f in EVENT_FAMILIES),
                    "events", "net", "mentions", "articles")
PARTNER_COLUMNS = ("partner", "label", *TIMELINE_COLUMNS[1:], "net_rank")

#: Colours of the families (cooperation greens, conflict reds; verbal lighter).
COLOURS = {
    "verbal-cooperation": "#8fd18b",
    "material-cooperation": "#2e7d32",
    "verbal-conflict": "#f2a07b",
    "material-conflict": "#b71c1c",
}
NET_COLOUR = "#1f3b73"


def timeline_csv(t: Timeline) -> str:
    """The timeline's table as CSV: one row per period, the numbers it prints."""
    rows = ({"period": p, **tl.row()} for p, tl in t.periods)
    return csv_text(TIMELINE_COLUMNS, rows)


def partners_csv(p: Partners) -> str:
    """The partner ranking as CSV, ranked by events."""
    rows = (
        {"partner": o, "label": label, **tl.row(), "net_rank": rank}
        for o, label, tl, rank in p.rows
    )
    return csv_text(PARTNER_COLUMNS, rows)


def timeline_png(t: Timeline, *, width: float = 10.0, height: float = 5.6,
                 dpi: int = 100) -> bytes:
    """The timeline as a PNG chart of `width` x `height` inches at `dpi`."""
    from matplotlib.figure import Figure  # no pyplot: no global state, no display
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    fig = Figure(figsize=(width, height), dpi=dpi, layout="constrained")
    ax = fig.subplots()
    xs = list(range(len(t.periods)))
    _bars(ax, xs, [tl for _, tl in t.periods])
    ax.axhline(0, color="#333333", linewidth=0.8)
    ax.set_xticks(xs, [_tick(p, tl) for p, tl in t.periods],
                  rotation=0 if len(xs) <= 12 else 90, fontsize=8)
    ax.set_xlim(-0.6 - max(0, 3 - len(xs)) / 2, len(xs) - 0.4 + max(0, 3 - len(xs)) / 2)
    ax.set_xlabel(f"{t.by}, and the number of articles behind its events")
    ax.set_ylabel("events: cooperation above, conflict below")
    top = max([1, *(abs(v) for tl in (x for _, x in t.periods) for v in _sides(tl))])
    ax.set_ylim(-top * 1.15, top * 1.15)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{abs(v):g}"))
    net = ax.twinx()
    points = [(x, tl.net, p == UNDATED)
              for x, (p, tl) in zip(xs, t.periods, strict=True)]
    dated = [(x, y) for x, y, undated in points if not undated]
    if dated:
        net.plot(*zip(*dated, strict=True), color=NET_COLOUR, marker="o",
                 linewidth=2, label="net Goldstein score")
    for x, y, undated in points:
        if undated:  # not on the line: undated events belong to no period
            net.plot([x], [y], color=NET_COLOUR, marker="D", linestyle="none",
                     label="net Goldstein score, undated events")
    reach = max([1.0, *(abs(tl.net) for _, tl in t.periods)])
    net.set_ylim(-reach * 1.15, reach * 1.15)
    net.set_ylabel("net Goldstein score (sum of event weights)", color=NET_COLOUR)
    net.tick_params(axis="y", colors=NET_COLOUR)
    handles = ax.get_legend_handles_labels()[0] + net.get_legend_handles_labels()[0]
    fig.legend(handles=handles, loc="outside lower center", ncols=len(handles),
               fontsize=8, frameon=False)  # below the axes: never over a bar
    how = "exact actors" if t.exact else "officials and sector actors rolled up"
    ax.set_title(f"{t.labels[0]} – {t.labels[1]}: events per {t.by} ({how}; "
                 f"{t.total.events} events, {t.total.mentions} mentions)",
                 fontsize=11)
    out = io.BytesIO()
    fig.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()


def _sides(tl: Tally) -> tuple[int, int]:
    """Cooperation events (up) and conflict events (down) of a period."""
    return tl.counts[0] + tl.counts[1], -(tl.counts[2] + tl.counts[3])


def _bars(ax, xs: list[int], tallies: list[Tally]) -> None:
    """Cooperation stacked up from the axis, conflict stacked down."""
    up = [0] * len(xs)
    down = [0] * len(xs)
    for i, family in enumerate(EVENT_FAMILIES):
        values = [tl.counts[i] for tl in tallies]
        conflict = family.endswith("conflict")
        base = down if conflict else up
        heights = [-v for v in values] if conflict else values
        ax.bar(xs, heights, bottom=list(base), color=COLOURS[family], width=0.7,
               label=family.replace("-", " "))
        for j, h in enumerate(heights):
            base[j] += h


def _tick(period: str, tl: Tally) -> str:
    return f"{period}\n{tl.articles} art."
