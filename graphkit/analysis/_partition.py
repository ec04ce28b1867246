"""Split a signed graph into at most k camps with the least frustration.

A tie is frustrated when it is cooperative across camps or hostile inside one; the cost of a
partition is the total weight of its frustrated ties. For k = 2 the least cost is the
frustration index of structural balance. Small components are searched exhaustively; larger
ones start from a signed spectral split, a greedy split and a few random ones, and improve by
moving one actor at a time, which finds a good partition but cannot prove it is the best.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np

# Exhaustive search looks at k ** (n - 1) partitions of a component of n actors.
EXACT_LIMIT = 2**18
_CHUNK = 2**14
# The dense eigen-decomposition of the spectral start is skipped above this many actors.
SPECTRAL_LIMIT = 1500
RESTARTS = 8


@dataclass(frozen=True)
class Partition:
    labels: dict[str, int]
    cost: float
    exact: bool


def min_frustration(ties: nx.Graph, k: int) -> Partition:
    """The least-frustrated partition of the actors with at least one tie, into at most k camps.

    Each connected component is solved on its own; camp numbers of different components
    are aligned by size only (the largest part of every component is camp 0).
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, not {k}")
    labels: dict[str, int] = {}
    cost = 0.0
    exact = True
    for component in sorted(nx.connected_components(ties), key=lambda c: (-len(c), min(c))):
        if len(component) < 2:
            continue
        nodes = sorted(component)
        sub = _Component(ties, nodes)
        if k ** (len(nodes) - 1) <= EXACT_LIMIT:
            found, found_cost = sub.exhaustive(k)
        else:
            found, found_cost = sub.heuristic(k)
            exact = False
        cost += found_cost
        labels.update(zip(nodes, _by_size(found), strict=True))
    return Partition(labels, cost, exact)


def _by_size(labels: np.ndarray) -> list[int]:
    """Renumber camps so that the largest is 0, then by first member."""
    values, first, sizes = np.unique(labels, return_index=True, return_counts=True)
    ranked = sorted(range(len(values)), key=lambda i: (-sizes[i], first[i]))
    rank = {int(values[i]): r for r, i in enumerate(ranked)}
    return [rank[label] for label in labels.tolist()]


class _Component:
    """One connected component as arrays: ties (i, j) with their cost if kept or cut."""

    def __init__(self, ties: nx.Graph, nodes: list[str]) -> None:
        index = {node: i for i, node in enumerate(nodes)}
        self.n = len(nodes)
        edges = [(index[u], index[v], d["sign"], float(d["weight"]))
                 for u, v, d in ties.subgraph(nodes).edges(data=True)]
        self.i = np.array([e[0] for e in edges], dtype=np.intp)
        self.j = np.array([e[1] for e in edges], dtype=np.intp)
        sign = np.array([e[2] for e in edges])
        weight = np.array([e[3] for e in edges])
        # A tie inside a camp costs its weight if hostile; across camps, if cooperative.
        self.inside = np.where(sign < 0, weight, 0.0)
        self.across = np.where(sign > 0, weight, 0.0)
        self.signed_weight = sign * weight
        # Per actor: its neighbours, and what moving into a neighbour's camp adds to its cost.
        ends = np.concatenate([self.i, self.j])
        others = np.concatenate([self.j, self.i])
        shift = np.concatenate([self.inside - self.across] * 2)
        order = np.argsort(ends, kind="stable")
        bounds = np.searchsorted(ends[order], np.arange(self.n + 1))
        self.neighbours = [others[order[a:b]] for a, b in zip(bounds, bounds[1:], strict=False)]
        self.shift = [shift[order[a:b]] for a, b in zip(bounds, bounds[1:], strict=False)]
        self.base = np.bincount(ends, weights=np.concatenate([self.across] * 2),
                                minlength=self.n)

    def cost(self, labels: np.ndarray) -> float:
        same = labels[self.i] == labels[self.j]
        return float(np.where(same, self.inside, self.across).sum())

    def exhaustive(self, k: int) -> tuple[np.ndarray, float]:
        # The first actor stays in camp 0: renaming camps changes nothing.
        free = self.n - 1
        total = k**free
        radix = k ** np.arange(free, dtype=np.int64)
        best_labels, best_cost = np.zeros(self.n, dtype=np.int64), np.inf
        for start in range(0, total, _CHUNK):
            codes = np.arange(start, min(total, start + _CHUNK), dtype=np.int64)
            labels = np.zeros((len(codes), self.n), dtype=np.int64)
            labels[:, 1:] = (codes[:, None] // radix) % k
            same = labels[:, self.i] == labels[:, self.j]
            costs = np.where(same, self.inside, self.across).sum(axis=1)
            at = int(np.argmin(costs))
            if costs[at] < best_cost - 1e-9:
                best_labels, best_cost = labels[at].copy(), float(costs[at])
        return best_labels, best_cost

    def heuristic(self, k: int) -> tuple[np.ndarray, float]:
        starts = [self._greedy(k)]
        if self.n <= SPECTRAL_LIMIT:
            starts.append(self._spectral(k))
        # A few seeded random starts get the local search out of the others' dead ends.
        rng = np.random.default_rng(0)
        starts.extend(rng.integers(0, k, self.n) for _ in range(RESTARTS))
        best_labels, best_cost = starts[0], np.inf
        for start in starts:
            labels = self._improve(start, k)
            cost = self.cost(labels)
            if cost < best_cost - 1e-9:
                best_labels, best_cost = labels, cost
        return best_labels, best_cost

    def _camp_costs(self, labels: np.ndarray, node: int, k: int) -> np.ndarray:
        """What the node's ties would cost in each camp."""
        return self.base[node] + np.bincount(
            labels[self.neighbours[node]], weights=self.shift[node], minlength=k
        )

    def _improve(self, labels: np.ndarray, k: int) -> np.ndarray:
        labels = labels.copy()
        for _ in range(100):
            moved = False
            for node in range(self.n):
                costs = self._camp_costs(labels, node, k)
                best = int(np.argmin(costs))
                if costs[best] < costs[labels[node]] - 1e-9:
                    labels[node] = best
                    moved = True
            if not moved:
                break
        return labels

    def _greedy(self, k: int) -> np.ndarray:
        """Place actors one by one, most connected first, each where it costs least so far."""
        degree = np.bincount(np.concatenate([self.i, self.j]),
                             weights=np.abs(np.concatenate([self.signed_weight] * 2)),
                             minlength=self.n)
        labels = np.full(self.n, -1, dtype=np.int64)
        for node in sorted(range(self.n), key=lambda x: (-degree[x], x)):
            # The placed neighbours' cooperative ties cost the same in every camp but theirs.
            others = self.neighbours[node]
            placed = labels[others] >= 0
            costs = np.bincount(labels[others][placed], weights=self.shift[node][placed],
                                minlength=k)
            labels[node] = int(np.argmin(costs))
        return labels

    def _spectral(self, k: int) -> np.ndarray:
        """Signed spectral clustering: the low eigenvectors of the signed Laplacian.

        For a balanced graph the smallest eigenvalue of D - A (D the absolute degrees) is 0
        and the signs of its eigenvector are the two camps (Kunegis et al., 2010).
        """
        adjacency = np.zeros((self.n, self.n))
        adjacency[self.i, self.j] = adjacency[self.j, self.i] = self.signed_weight
        laplacian = np.diag(np.abs(adjacency).sum(axis=1)) - adjacency
        _, vectors = np.linalg.eigh(laplacian)
        if k == 1:
            return np.zeros(self.n, dtype=np.int64)
        if k == 2:
            return (vectors[:, 0] < 0).astype(np.int64)
        return _kmeans(vectors[:, : k - 1], k)


def _kmeans(points: np.ndarray, k: int, rounds: int = 50) -> np.ndarray:
    """Plain k-means with a deterministic farthest-point start."""
    centres = [points[int(np.argmax(np.linalg.norm(points, axis=1)))]]
    while len(centres) < k:
        distance = np.min([np.linalg.norm(points - c, axis=1) for c in centres], axis=0)
        centres.append(points[int(np.argmax(distance))])
    centre = np.array(centres)
    labels = np.zeros(len(points), dtype=np.int64)
    for _ in range(rounds):
        distance = np.linalg.norm(points[:, None, :] - centre[None, :, :], axis=2)
        new = np.argmin(distance, axis=1)
        if np.array_equal(new, labels) and _ > 0:
            break
        labels = new
        for c in range(k):
            if (labels == c).any():
                centre[c] = points[labels == c].mean(axis=0)
    return labels
