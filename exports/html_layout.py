"""Where the HTML view puts each entity: communities apart, their members together.

Each community gets a disc whose area grows with its number of members. A seeded,
vectorised Fruchterman-Reingold places the discs' centres (pulled together by
the claims between communities), then the discs are pushed apart until none
overlap; the same algorithm places each community's members inside its disc.
Entities with no relation in the view wait on a grid below the drawing (they
are hidden until asked for). The same input gives the same integers.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

import numpy as np

LAYOUT_SEED = 7
#: Above this many entities, repulsion is estimated from a fixed sample of them.
LAYOUT_PIVOTS = 1000
#: A community's disc radius per square root of its members, in pixels.
SPACING = 40.0
#: The least space between two community discs, in pixels.
GAP = 50.0
#: The least space between two entities of a small community, in pixels.
GAP_NODES = 14.0
#: Members of communities up to this size are also pushed apart one by one.
SEPARATE_MAX = 400
#: Communities up to this size are drawn as a wheel: the most involved member
#: in the middle, the others around it.
WHEEL_MAX = 9


def layout(
    keep: list[str], edges: list[dict[str, Any]], communities: list[list[str]],
    sizes: dict[str, float],
) -> dict[str, tuple[int, int]]:
    """Integer pixel positions: each community a disc of its members, discs apart.

    `sizes` are the entities' radii as drawn: entities of a community do not
    overlap, and in a small one a line's middle lies outside both its ends.
    """
    weights = _weights(edges)
    linked = {n for pair in weights for n in pair}
    groups = [[n for n in c if n in linked] for c in communities]
    groups = [group for group in groups if group]
    home = {n: c for c, group in enumerate(groups) for n in group}
    inside: list[Counter[tuple[str, str]]] = [Counter() for _ in groups]
    between: Counter[tuple[str, str]] = Counter()
    for (a, b), w in weights.items():
        if home[a] == home[b]:
            inside[home[a]][(a, b)] = w
        else:
            between[(home[a], home[b])] += w
    local = [_place_members(group, inside[c], sizes) for c, group in enumerate(groups)]
    radii = np.array([max(math.hypot(x, y) + sizes[n] for n, (x, y) in spots.items())
                      + 12.0 for spots in local])
    centres = _place_discs(len(groups), between, radii)
    pos: dict[str, tuple[float, float]] = {}
    for spots, (cx, cy) in zip(local, centres, strict=True):
        pos.update((n, (cx + x, cy + y)) for n, (x, y) in spots.items())
    pos.update(_grid_below([n for n in keep if n not in home], pos))
    return {n: (round(pos[n][0]), round(pos[n][1])) for n in keep}


def _weights(edges: list[dict[str, Any]]) -> Counter[tuple[str, str]]:
    """Claims between each two different entities, whatever the relation."""
    weights: Counter[tuple[str, str]] = Counter()
    for e in edges:
        a, b = sorted((e["from"], e["to"]))
        if a != b:
            weights[(a, b)] += len(e["support"])
    return weights


def _pairs(index: dict, weights: Counter) -> np.ndarray:
    """Rows (i, j, weight) of `weights` with its keys' parts numbered by `index`."""
    rows = sorted((index[a], index[b], w) for (a, b), w in weights.items())
    return np.array(rows, dtype=np.float64).reshape(-1, 3)


def _place_discs(
    count: int, between: Counter[tuple[int, int]], radii: np.ndarray
) -> np.ndarray:
    """Centres of the community discs: linked communities near, none overlapping."""
    if not count:
        return np.zeros((0, 2))
    index = {c: c for c in range(count)}
    pos = _fruchterman_reingold(count, _pairs(index, between), 80)
    side = math.sqrt(float(np.sum(np.pi * radii**2))) * 1.2
    pos = _normalise(pos, side / 2)
    return _separate(pos, radii, GAP)


def _place_members(
    group: list[str], pairs: Counter[tuple[str, str]], sizes: dict[str, float]
) -> dict[str, tuple[float, float]]:
    """Positions of one community's members around (0, 0)."""
    if len(group) <= WHEEL_MAX:
        return _wheel(group, sizes)
    index = {n: i for i, n in enumerate(group)}
    pos = _fruchterman_reingold(len(group), _pairs(index, pairs), 60)
    pos = _normalise(pos, SPACING * math.sqrt(len(group)))
    if len(group) <= SEPARATE_MAX:
        radii = np.array([sizes[n] + 8.0 for n in group])
        pos = _separate(pos, radii, 0.0, iterations=40)
    return {n: (float(x), float(y)) for n, (x, y) in zip(group, pos, strict=True)}


def _wheel(group: list[str], sizes: dict[str, float]) -> dict[str, tuple[float, float]]:
    """The first member in the middle, the others around it (two side by side).

    The ring keeps its members apart from the middle one and from each other
    by their sizes. An even number around gets one slot more, so that no two of
    them face each other across the middle (their line would run under it).
    """
    if len(group) == 1:
        return {group[0]: (0.0, 0.0)}
    hub, rim = group[0], group[1:]
    widest = max(sizes[n] for n in rim)
    if len(group) == 2:
        half = max(SPACING, 2 * max(sizes[hub], widest) + GAP_NODES) / 2
        return {hub: (-half, 0.0), rim[0]: (half, 0.0)}
    turn = 2 * math.pi / (len(rim) + (len(rim) + 1) % 2)
    radius = max(SPACING * math.sqrt(len(group)),
                 2 * max(sizes[hub], widest) + GAP_NODES,
                 (widest + GAP_NODES) / math.sin(turn / 2))
    return {hub: (0.0, 0.0)} | {
        n: (radius * math.sin(i * turn), -radius * math.cos(i * turn))
        for i, n in enumerate(rim)
    }


def _normalise(pos: np.ndarray, radius: float) -> np.ndarray:
    """Centred on (0, 0), the farthest point at `radius`."""
    pos = pos - pos.mean(axis=0)
    reach = float(np.linalg.norm(pos, axis=1).max()) or 1.0
    return pos / reach * radius


def _separate(
    pos: np.ndarray, radii: np.ndarray, gap: float, iterations: int = 200
) -> np.ndarray:
    """Push overlapping discs apart, each pair by half its overlap, until none do."""
    pos = pos.copy()
    n = len(pos)
    if n < 2:
        return pos
    need = radii[:, None] + radii[None, :] + gap
    np.fill_diagonal(need, 0.0)
    # A fixed nudge so that discs on the same spot have a direction to move in.
    pos += np.random.default_rng(LAYOUT_SEED).random((n, 2)) * 1e-3
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.maximum(np.linalg.norm(delta, axis=2), 1e-9)
        overlap = np.maximum(need - dist, 0.0)
        if overlap.max() < 0.5:
            break
        push = delta / dist[:, :, None] * (overlap / 2)[:, :, None]
        pos += push.sum(axis=1)
    return pos


def _grid_below(
    nodes: list[str], placed: dict[str, tuple[float, float]]
) -> dict[str, tuple[float, float]]:
    """Entities with no relation on a square grid under the drawing, in order."""
    if not nodes:
        return {}
    xs = [x for x, _ in placed.values()] or [0.0]
    ys = [y for _, y in placed.values()] or [0.0]
    columns = math.ceil(math.sqrt(len(nodes)))
    step = SPACING * 1.5
    left = (min(xs) + max(xs)) / 2 - (columns - 1) * step / 2
    top = max(ys) + (2 * GAP if placed else 0.0)
    return {n: (left + (i % columns) * step, top + (i // columns) * step)
            for i, n in enumerate(nodes)}


def _fruchterman_reingold(n: int, pairs: np.ndarray, iterations: int) -> np.ndarray:
    """Seeded positions in about the unit square; `pairs` rows are (i, j, weight)."""
    rng = np.random.default_rng(LAYOUT_SEED)
    pos = rng.random((n, 2)) - 0.5
    k = 1.0 / math.sqrt(max(n, 1))
    temperature = 0.1
    pivots = np.arange(n)
    if n > LAYOUT_PIVOTS:
        pivots = np.sort(rng.choice(n, LAYOUT_PIVOTS, replace=False))
    ends = pairs[:, :2].astype(np.int64)
    weight = np.log2(1.0 + pairs[:, 2])[:, None]
    for step in range(iterations):
        disp = _repulsion(pos, pivots, k) * (n / max(len(pivots), 1))
        if len(ends):
            delta = pos[ends[:, 0]] - pos[ends[:, 1]]
            pull = delta * np.linalg.norm(delta, axis=1)[:, None] / k * weight
            np.subtract.at(disp, ends[:, 0], pull)
            np.add.at(disp, ends[:, 1], pull)
        disp -= pos * (3.0 * n * k)  # gravity keeps components on screen
        length = np.maximum(np.linalg.norm(disp, axis=1), 1e-9)
        pos += disp * (np.minimum(length, temperature) / length)[:, None]
        temperature = 0.1 * (1 - (step + 1) / (iterations + 1))
    return pos


def _repulsion(
    pos: np.ndarray, pivots: np.ndarray, k: float, block: int = 1024
) -> np.ndarray:
    """k²/d repulsion of every entity from the pivots, in row blocks."""
    x, y = pos[:, 0].astype(np.float32), pos[:, 1].astype(np.float32)
    px, py = x[pivots], y[pivots]
    disp = np.zeros_like(pos)
    for start in range(0, len(pos), block):
        dx = x[start:start + block, None] - px[None, :]
        dy = y[start:start + block, None] - py[None, :]
        w = dx * dx
        w += dy * dy
        np.maximum(w, 1e-6, out=w)
        np.divide(np.float32(k * k), w, out=w)
        disp[start:start + block, 0] = np.einsum("ij,ij->i", dx, w)
        disp[start:start + block, 1] = np.einsum("ij,ij->i", dy, w)
    return disp
