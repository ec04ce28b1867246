"""Node positions for large networks in a fraction of a second, with numpy alone.

networkx's force layouts loop over the nodes in Python per iteration (and need scipy beyond
a few hundred nodes), which costs tens of seconds for pages of 20,000 stances. This module
places nodes in two steps, both linear in the number of edges:

1. **Pivot MDS** (Brandes and Pich, *Eigensolver methods for progressive multidimensional
   scaling of large data*, 2007): breadth-first distances from a few dozen pivot nodes,
   double centred, and the two leading singular vectors give the global shape.
2. **Force refinement** (Fruchterman and Reingold, 1991) for a few dozen steps: springs
   along the edges, and repulsion from a random sample of nodes instead of all of them
   (scaled up to stand for the rest), which spreads out nodes that pivot MDS puts at the
   same spot (such as the leaves of one hub), and a weak gravity that keeps the
   components of a graph together.

The result is deterministic for a given seed.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence

import numpy as np

__all__ = ["layout"]

_PIVOTS = 40
_ITERATIONS = 60
# Pairs of (node, sampled node) per repulsion step: bounds memory and time on huge graphs.
_SAMPLE_PAIRS = 250_000
_GRAVITY = 3.0


def _csr(n: int, src: np.ndarray, dst: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Undirected adjacency in compressed rows: ``indices[indptr[i]:indptr[i + 1]]``."""
    heads = np.concatenate([src, dst])
    tails = np.concatenate([dst, src])
    order = np.argsort(heads, kind="stable")
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(heads, minlength=n), out=indptr[1:])
    return indptr, tails[order]


def _bfs(indptr: np.ndarray, indices: np.ndarray, source: int) -> np.ndarray:
    """Hop distances from ``source`` (-1 where unreachable), one numpy pass per level."""
    n = len(indptr) - 1
    dist = np.full(n, -1, dtype=np.int64)
    dist[source] = 0
    frontier = np.array([source], dtype=np.int64)
    level = 0
    while frontier.size:
        level += 1
        starts, ends = indptr[frontier], indptr[frontier + 1]
        counts = ends - starts
        total = int(counts.sum())
        if total == 0:
            break
        # The concatenated ranges starts[i]:ends[i], without a Python loop.
        offsets = np.repeat(starts - np.cumsum(counts) + counts, counts)
        neighbours = indices[offsets + np.arange(total)]
        neighbours = np.unique(neighbours[dist[neighbours] < 0])
        dist[neighbours] = level
        frontier = neighbours
    return dist


def _components(indptr: np.ndarray, indices: np.ndarray) -> list[np.ndarray]:
    """The connected components as arrays of nodes, largest first."""
    n = len(indptr) - 1
    label = np.full(n, -1, dtype=np.int64)
    isolated = np.flatnonzero(indptr[1:] == indptr[:-1])
    label[isolated] = np.arange(len(isolated))
    count = len(isolated)
    for node in np.flatnonzero(label < 0):
        if label[node] >= 0:
            continue
        label[_bfs(indptr, indices, int(node)) >= 0] = count
        count += 1
    order = np.argsort(label, kind="stable")
    parts = np.split(order, np.flatnonzero(np.diff(label[order])) + 1)
    return sorted(parts, key=len, reverse=True)


def _pivot_mds(
    indptr: np.ndarray, indices: np.ndarray, nodes: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Coordinates of one connected component ``nodes``, in the order of ``nodes``."""
    n = len(nodes)
    if n <= 2:
        return np.array([[0.0, 0.0], [1.0, 0.0]][:n])
    k = min(_PIVOTS, n)
    columns = []
    # Max-min pivots: each next pivot is the node farthest from those chosen so far.
    nearest = np.full(n, np.inf)
    pivot = int(nodes[rng.integers(n)])
    for _ in range(k):
        dist = _bfs(indptr, indices, pivot)[nodes].astype(float)
        columns.append(dist)
        nearest = np.minimum(nearest, dist)
        pivot = int(nodes[np.argmax(nearest)])
    squared = np.column_stack(columns) ** 2
    centred = squared - squared.mean(axis=0) - squared.mean(axis=1, keepdims=True)
    centred += squared.mean()
    centred *= -0.5
    # The leading eigenvectors of the small k x k matrix C^T C give the two axes.
    _, vectors = np.linalg.eigh(centred.T @ centred)
    coords = centred @ vectors[:, ::-1][:, :2]
    if coords.shape[1] < 2:
        coords = np.column_stack([coords, np.zeros(n)])
    return coords


def _pack(indptr: np.ndarray, indices: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Each component laid out alone in a square cell (its side grows with the square root
    of its size), the cells packed in rows, largest first, into about the unit square."""
    n = len(indptr) - 1
    parts = _components(indptr, indices)
    sides = np.array([np.sqrt(len(p)) for p in parts])
    width = max(float(sides[0]), float(np.sqrt(np.sum(sides ** 2))))
    pos = np.zeros((n, 2))
    x = y = row = 0.0
    for part, side in zip(parts, sides, strict=True):
        if x > 0 and x + side > width:
            x, y, row = 0.0, y + row, 0.0
        coords = _pivot_mds(indptr, indices, part, rng)
        span = np.ptp(coords, axis=0)
        coords = (coords - coords.min(axis=0)) / np.where(span > 0, span, 1.0)
        pos[part] = (x, y) + (0.1 + 0.8 * coords) * side
        x += side
        row = max(row, side)
    extent = max(width, y + row)
    return pos / extent - 0.5


def _refine(
    pos: np.ndarray, src: np.ndarray, dst: np.ndarray, weight: np.ndarray,
    rng: np.random.Generator, iterations: int,
) -> np.ndarray:
    n = len(pos)
    k = 1.0 / np.sqrt(n)  # the ideal edge length in the unit square
    sample = max(1, min(n, _SAMPLE_PAIRS // n))
    scale = n / sample
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        picked = rng.choice(n, size=sample, replace=False) if sample < n else np.arange(n)
        x, y = pos[:, 0], pos[:, 1]
        dx = x[:, None] - x[picked][None, :]
        dy = y[:, None] - y[picked][None, :]
        force = dx * dx
        force += dy * dy
        np.maximum(force, 1e-9, out=force)
        np.divide(k * k * scale, force, out=force)
        move_x = (dx * force).sum(axis=1)
        move_y = (dy * force).sum(axis=1)
        if len(src):
            ex, ey = x[src] - x[dst], y[src] - y[dst]
            pull = np.sqrt(ex * ex + ey * ey) * weight / k
            ex *= pull
            ey *= pull
            move_x += np.bincount(dst, ex, minlength=n) - np.bincount(src, ex, minlength=n)
            move_y += np.bincount(dst, ey, minlength=n) - np.bincount(src, ey, minlength=n)
        # Gravity: balances the repulsion of the whole at about half the unit square from
        # the centre, so that small components and lone nodes do not drift away.
        move_x -= _GRAVITY * (x - x.mean())
        move_y -= _GRAVITY * (y - y.mean())
        norm = np.sqrt(move_x * move_x + move_y * move_y)
        np.maximum(norm, 1e-12, out=norm)
        step = np.minimum(norm, temperature) / norm
        pos[:, 0] += move_x * step
        pos[:, 1] += move_y * step
        temperature -= cooling
    return pos


def layout(
    nodes: Sequence[Hashable],
    edges: Iterable[tuple[Hashable, Hashable, float]],
    *,
    scale: float = 1.0,
    seed: int = 7,
    iterations: int = _ITERATIONS,
) -> dict[Hashable, tuple[float, float]]:
    """Positions of ``nodes`` in ``[-scale, scale]²`` from weighted, undirected ``edges``.

    Parameters
    ----------
    nodes : sequence
        The node ids, each once.
    edges : iterable of (u, v, weight)
        Both ends must be in ``nodes``; a higher weight pulls the two closer.
    scale : float
        Half the width of the square the positions fill.
    seed : int
        The same seed gives the same positions.
    iterations : int
        Force refinement steps after pivot MDS.

    Returns
    -------
    dict
        Node id -> (x, y).

    Examples
    --------
    >>> pos = layout(["a", "b", "c"], [("a", "b", 1.0), ("b", "c", 1.0)], scale=100)
    >>> sorted(pos) == ["a", "b", "c"] and max(abs(v) for p in pos.values() for v in p) <= 100
    True
    """
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    index = {node: i for i, node in enumerate(nodes)}
    rows = [(index[u], index[v], w) for u, v, w in edges if u != v]
    src = np.array([r[0] for r in rows], dtype=np.int64)
    dst = np.array([r[1] for r in rows], dtype=np.int64)
    weight = np.array([r[2] for r in rows], dtype=float)
    rng = np.random.default_rng(seed)
    indptr, indices = _csr(n, src, dst)
    pos = _pack(indptr, indices, rng)
    # A little jitter, so that no two nodes coincide.
    pos += rng.normal(scale=0.2 / np.sqrt(n), size=pos.shape)
    if len(weight):
        weight = weight / weight.mean()
    pos = _refine(pos, src, dst, weight, rng, iterations)
    pos -= pos.mean(axis=0)
    extent = np.abs(pos).max()
    pos *= scale / (extent if extent > 0 else 1.0)
    return {node: (float(x), float(y)) for node, (x, y) in zip(nodes, pos, strict=True)}
