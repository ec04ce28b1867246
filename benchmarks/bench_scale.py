"""Scale, side by side in one run: linear building, build against extract, a million stances in
bounded memory, a huge one-line article, and extraction in one process, with --jobs and on a
Dask LocalCluster (run by hand).

    python benchmarks/bench_scale.py [--sizes 1000,10000,100000] [--million 1000000]
                                     [--huge-mb 50] [--engines-mb 3] [--skip huge,engines]

Articles are generated from the sentence templates of ``bench_extract.py`` (gazetteer names and
stance verbs), so the same few hundred edges collect evidence from every article: the case
that made building quadratic. Each part that reports peak memory runs in a process of its own.
Figures go to standard output, one line each.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from bench_extract import DAYS, FIRST, LAST, TEMPLATES, VERBS, make_articles

from graphkit.gazetteer import load_gazetteer
from graphkit.ingest import Article
from graphkit.model import ActorType


def rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f}"


def small_articles(count: int, seed: int = 11) -> list[Article]:
    """``count`` short wire items of two to four template sentences each, dated."""
    return list(wire_items(count, seed))


def wire_items(count: int, seed: int = 11) -> Iterator[Article]:
    """Short wire items, generated one by one."""
    rng = random.Random(seed)
    gaz = load_gazetteer()
    states = [a for a in gaz.of_type(ActorType.STATE) if gaz.demonyms(a.id)][:40]
    start = date(2024, 1, 1)
    for number in range(count):
        lines = []
        for _ in range(rng.randint(2, 4)):
            a, b, c = rng.sample(states, 3)
            lines.append(rng.choice(TEMPLATES).format(
                A=a.label, B=b.label, C=c.label, DemA=gaz.demonyms(a.id)[0],
                demA=gaz.demonyms(a.id)[0], verb=rng.choice(VERBS), day=rng.choice(DAYS),
                First=rng.choice(FIRST), Last=rng.choice(LAST)))
        yield Article(id=f"wire-{number}", text=" ".join(lines),
                      date=start + timedelta(days=number % 365))


def words(articles: list[Article]) -> int:
    return sum(len(a.text.split()) for a in articles)


# -- parts ----------------------------------------------------------------------------------


def part_scaling(sizes: list[int]) -> None:
    from graphkit.extract.pipeline import Extractor, build_graph

    Extractor()  # load once, outside the timings
    times = {}
    for size in sizes:
        articles = small_articles(size)
        started = time.perf_counter()
        graph = build_graph(articles)
        seconds = time.perf_counter() - started
        times[size] = seconds
        evidence = sum(d["count"] for *_, d in graph.nx.edges(data=True))
        most = max(d["count"] for *_, d in graph.nx.edges(data=True))
        print(f"build {size:>7,} articles: {seconds:7.2f} s, {words(articles) / seconds:,.0f} "
              f"words/s, {graph.number_of_stances():,} edges, {evidence:,} evidence "
              f"(up to {most:,} on one edge)")
    for small, large in zip(sizes, sizes[1:], strict=False):
        print(f"build time ratio {large:,}/{small:,} articles: "
              f"{times[large] / times[small]:.2f} (linear: {large / small:.0f})")


def part_build_vs_extract(count: int) -> None:
    from graphkit import rdf
    from graphkit.extract.pipeline import Extractor, build_graph, extract_articles, stance_record

    Extractor()
    long_text = "\n".join(a.text for a in small_articles(12_000, seed=5))
    inputs = {f"{count:,} articles": small_articles(count, seed=3),
              f"one article of {len(long_text.split()):,} words": [
                  Article(id="long", text=long_text, date=date(2024, 5, 1))]}
    for name, articles in inputs.items():
        started = time.perf_counter()
        lines = 0
        for result in extract_articles(articles):
            for stance in result.stances:
                lines += len(json.dumps(stance_record(stance, result.actors, result.source),
                                        ensure_ascii=False)) > 0
        extract = time.perf_counter() - started
        started = time.perf_counter()
        graph = build_graph(articles)
        build = time.perf_counter() - started
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            rdf.write(graph, Path(folder) / "g.ttl")
            write = time.perf_counter() - started
        print(f"{name}: extract (JSON Lines) {extract:.2f} s, build (graph) {build:.2f} s = "
              f"{build / extract:.2f}x extract; writing Turtle {write:.2f} s more "
              f"(build + write {(build + write) / extract:.2f}x)")


def part_million(count: int) -> None:
    """A graph of ``count`` stances with one evidence each, built and written as N-Triples."""
    from graphkit import rdf
    from graphkit.graph import StanceGraph
    from graphkit.model import Actor, Evidence, Polarity, Stance

    base = rss_mb()
    actors = 1_100
    predicates = [("criticizes", Polarity.CONFLICT, -2.0), ("praises", Polarity.COOPERATION, 3.4)]
    graph = StanceGraph(Actor(f"actor_{i}", f"Actor {i}", ActorType.STATE)
                        for i in range(actors))
    day = date(2024, 1, 1)
    started = time.perf_counter()
    for i in range(count):
        u = i % actors
        v = (u + 1 + (i // actors) % (actors - 1)) % actors
        name, polarity, intensity = predicates[(i // (actors * (actors - 1))) % 2]
        sentence = f"Actor {u} {name} actor {v} in statement {i}."
        evidence = Evidence(article=f"text-{i // 20:08x}", sentence=sentence,
                            date=day + timedelta(days=i % 700), start=0, end=len(sentence),
                            trigger=name, confidence=0.8)
        graph.add_stance(Stance(f"actor_{u}", name, f"actor_{v}", polarity, intensity,
                                evidence=(evidence,)))
    built = time.perf_counter() - started
    peak_built = rss_mb()
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "million.nt"
        started = time.perf_counter()
        rdf.write(graph, target)
        written = time.perf_counter() - started
        size = target.stat().st_size
    print(f"{graph.number_of_stances():,} stances with one evidence each: built in {built:.1f} s "
          f"({count / built:,.0f} stances/s), N-Triples written in {written:.1f} s "
          f"({size / 1e9:.2f} GB); peak RSS {rss_mb():,.0f} MB (after building {peak_built:,.0f} "
          f"MB, at start {base:,.0f} MB)")


def part_huge(megabytes: float) -> None:
    """One article on one line, ``megabytes`` long, extracted once."""
    from graphkit.extract.nlp import make_nlp
    from graphkit.extract.pipeline import Extractor

    extractor = Extractor()
    parts, size = [], 0
    for article in wire_items(10**9, seed=9):
        parts.append(article.text)
        size += len(article.text) + 1
        if size >= megabytes * 1e6:
            break
    text = " ".join(parts)
    count = len(text.split())
    base = rss_mb()
    started = time.perf_counter()
    result = extractor.extract(Article(id="huge", text=text, date=date(2024, 5, 1)))
    seconds = time.perf_counter() - started
    sample = Article(id="sample", text="\n".join(parts[:3_000]), date=date(2024, 5, 1))
    started = time.perf_counter()
    extractor.extract(sample)
    normal = len(sample.text.split()) / (time.perf_counter() - started)
    print(f"one-line article of {len(text) / 1e6:.1f} MB ({count:,} words, "
          f"{len(text) / make_nlp().max_length:.0f}x spaCy's max_length): {seconds:.1f} s, "
          f"{count / seconds:,.0f} words/s (the same sentences as paragraphs: {normal:,.0f} "
          f"words/s), {len(result.stances):,} stances; peak RSS {rss_mb():,.0f} MB "
          f"(before {base:,.0f} MB)")


def part_engines(megabytes: float) -> None:
    """Words per second with one process, --jobs 2 and a LocalCluster of two workers."""
    from graphkit.extract.pipeline import extract_articles

    articles = make_articles(megabytes)
    total = words(articles)
    print(f"engines input: {len(articles):,} articles, {total:,} words")
    for jobs in (1, 2):
        started = time.perf_counter()
        stances = sum(len(r.stances) for r in extract_articles(articles, jobs=jobs))
        seconds = time.perf_counter() - started
        print(f"  --jobs {jobs}: {total / seconds:,.0f} words/s incl. start-up "
              f"({seconds:.1f} s, {stances:,} stances)")
    small = articles[:20]
    started = time.perf_counter()
    list(extract_articles(small, jobs=2))
    print(f"  --jobs 2 on {words(small):,} words (runs in one process): "
          f"{words(small) / (time.perf_counter() - started):,.0f} words/s")
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        print("  LocalCluster: dask[distributed] is not installed")
        return
    from graphkit.distributed import extract_on_cluster

    started = time.perf_counter()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None, silence_logs=40) as cluster, \
            Client(cluster) as client:
        up = time.perf_counter() - started
        started = time.perf_counter()
        records = sum(1 for _ in extract_on_cluster(iter(articles), client))
        seconds = time.perf_counter() - started
    print(f"  LocalCluster, 2 workers: {total / seconds:,.0f} words/s incl. worker loading "
          f"({seconds:.1f} s, {records:,} stances; cluster start {up:.1f} s more)")


PARTS = ("scaling", "build_vs_extract", "million", "huge", "engines")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--compare", type=int, default=10_000,
                        help="articles for build against extract")
    parser.add_argument("--million", type=int, default=1_000_000)
    parser.add_argument("--huge-mb", type=float, default=50.0)
    parser.add_argument("--engines-mb", type=float, default=3.0)
    parser.add_argument("--skip", default="", help="parts to leave out: " + ",".join(PARTS))
    parser.add_argument("--part", help=argparse.SUPPRESS)  # one part, in a child process
    args = parser.parse_args()
    if args.part:
        {"scaling": lambda: part_scaling([int(s) for s in args.sizes.split(",")]),
         "build_vs_extract": lambda: part_build_vs_extract(args.compare),
         "million": lambda: part_million(args.million),
         "huge": lambda: part_huge(args.huge_mb),
         "engines": lambda: part_engines(args.engines_mb)}[args.part]()
        return
    skipped = set(filter(None, args.skip.split(",")))
    print(f"bench_scale on {os.cpu_count()} cores, {load()}", flush=True)
    for part in PARTS:
        if part in skipped:
            continue
        started = time.perf_counter()
        subprocess.run([sys.executable, __file__, "--part", part, *sys.argv[1:]], check=True)
        print(f"  ({part}: {time.perf_counter() - started:.0f} s, {load()})", flush=True)


if __name__ == "__main__":
    main()
