"""Draw the analysis figure shown in the README from the bundled corpus.

Run by hand from the checkout after the extraction or the corpus changes::

    MPLBACKEND=Agg python benchmarks/figures.py            # writes docs/analysis.png
    python benchmarks/figures.py /tmp/analysis.png         # somewhere else

Three panels, all from ``examples/corpus``: the net stance matrix between the most active
actors (persons and organs folded into their states), stances per month by polarity, and the
relation of the dyad that changed most over the year. Actors are chosen from the data, so
the figure follows whatever the extractor finds.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from graphkit import analysis  # noqa: E402
from graphkit.build import build_graph  # noqa: E402
from graphkit.graph import StanceGraph  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
DEFAULT_OUTPUT = ROOT / "docs" / "analysis.png"
MATRIX_SIZE = 8
COOPERATION, NEUTRAL, CONFLICT = "#2166ac", "#bbbbbb", "#b2182b"


def most_active(graph: StanceGraph, n: int) -> list[str]:
    """The ``n`` actors with the most stance evidence, made or received."""
    table = analysis.signed_centrality(graph)
    activity = table[["support_in", "opposition_in", "support_out", "opposition_out",
                      "neutral_in", "neutral_out"]].sum(axis=1)
    return list(activity[activity > 0].sort_values(ascending=False, kind="stable").index[:n])


def changing_dyad(graph: StanceGraph) -> tuple[str, str] | None:
    """The pair with the most dated evidence of both polarities (else the busiest pair)."""
    events = pd.DataFrame(
        [(tuple(sorted((u, v))), polarity.sign)
         for _, u, _, v, polarity in analysis.dated_stances(graph) if u != v],
        columns=["pair", "sign"],
    )
    if events.empty:
        return None
    per_pair = events.groupby("pair")["sign"].agg(
        total="size", mixed=lambda s: bool((s > 0).any() and (s < 0).any())
    )
    return per_pair.sort_values(["mixed", "total"], ascending=False, kind="stable").index[0]


def draw_matrix(ax: plt.Axes, graph: StanceGraph, actors: list[str]) -> None:
    matrix = analysis.stance_matrix(graph, actors)
    values = matrix.to_numpy()
    limit = max(1, int(np.abs(values).max()))
    image = ax.imshow(values, cmap="RdBu", vmin=-limit, vmax=limit)
    names = [graph.actor(a).label for a in actors]
    ax.set_xticks(range(len(names)), names, rotation=40, ha="right", fontsize=9)
    ax.set_yticks(range(len(names)), names, fontsize=9)
    for (row, col), value in np.ndenumerate(values):
        if value:
            ax.text(col, row, f"{value:+d}", ha="center", va="center", fontsize=9,
                    color="white" if abs(value) > 0.6 * limit else "black")
    ax.set_xlabel("towards")
    ax.set_ylabel("from")
    ax.set_title("Net stance (cooperation - conflict)")
    ax.figure.colorbar(image, ax=ax, shrink=0.7)


def draw_months(ax: plt.Axes, graph: StanceGraph) -> None:
    monthly = analysis.timeline(graph, freq="M")
    x = np.arange(len(monthly))
    bottom = np.zeros(len(monthly))
    for column, colour in (("cooperation", COOPERATION), ("neutral", NEUTRAL),
                           ("conflict", CONFLICT)):
        ax.bar(x, monthly[column], bottom=bottom, color=colour, label=column, width=0.8)
        bottom += monthly[column].to_numpy()
    ax.set_xticks(x, [p.strftime("%b") for p in monthly.index], fontsize=8)
    ax.set_ylabel("stances")
    ax.set_title("Stances per month")
    ax.legend(fontsize=8, frameon=False)


def draw_dyad(ax: plt.Axes, graph: StanceGraph, pair: tuple[str, str] | None) -> None:
    if pair is None:
        ax.set_axis_off()
        return
    a, b = pair
    trend = analysis.dyad_polarity(graph, a, b)
    x = np.arange(len(trend))
    colours = [COOPERATION if v > 0 else CONFLICT if v < 0 else NEUTRAL for v in trend["net"]]
    ax.bar(x, trend["net"], color=colours, width=0.6, label="net per month")
    ax.plot(x, trend["cumulative"], color="black", marker="o", markersize=4,
            label="running net")
    ax.axhline(0, color="grey", linewidth=0.8)
    ax.set_xticks(x, [p.strftime("%b") for p in trend.index], fontsize=8)
    ax.set_title(f"{graph.actor(a).label} and {graph.actor(b).label} over the year")
    ax.legend(fontsize=8, frameon=False)


def draw(output: Path) -> dict[str, float]:
    """Build the corpus graph, draw the figure to ``output``; returns timings in seconds."""
    started = time.perf_counter()
    graph = build_graph([CORPUS])
    built = time.perf_counter()
    states = analysis.roll_up(graph)
    figure = plt.figure(figsize=(13, 6), layout="constrained")
    grid = figure.add_gridspec(2, 2, width_ratios=[1.1, 1])
    draw_matrix(figure.add_subplot(grid[:, 0]), states, most_active(states, MATRIX_SIZE))
    draw_months(figure.add_subplot(grid[0, 1]), graph)
    draw_dyad(figure.add_subplot(grid[1, 1]), states, changing_dyad(states))
    figure.suptitle(f"graphkit: the bundled corpus ({graph.number_of_stances()} stances, "
                    f"{len(graph.articles())} articles)", fontsize=12)
    output.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(output, dpi=110)
    plt.close(figure)
    return {"build": built - started, "analyse and draw": time.perf_counter() - built}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("output", nargs="?", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    timings = draw(args.output)
    print(f"wrote {args.output} ({args.output.stat().st_size:,} bytes)")
    for step, seconds in timings.items():
        print(f"  {step}: {seconds:.2f} s")


if __name__ == "__main__":
    main()
