"""The ``graphkit`` command line: parse arguments, call the library, report errors.

Each command is a thin wrapper. Errors in the user's input are
:class:`graphkit.errors.InputError` and end the command with exit status 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import click
import typer
from rich.console import Console
from typer.core import TyperGroup

from graphkit.errors import GraphkitError
from graphkit.graph import StanceGraph


class _ReportingGroup(TyperGroup):
    """Turns graphkit's input errors into a one-line message and exit status 2."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except GraphkitError as exc:
            err.print(f"error: {exc}", markup=False, highlight=False, soft_wrap=True)
            raise typer.Exit(2) from None


app = typer.Typer(
    cls=_ReportingGroup,
    name="graphkit",
    help="Build geopolitical actor-stance knowledge graphs from news articles.\n\n"
    "Example: `graphkit build examples/venezuela_2019.txt -o graph.ttl --html graph.html`",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="markdown",
)
out = Console()
err = Console(stderr=True)


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print an error to standard error and return the Exit to raise."""
    err.print(f"[bold red]error:[/] {message}", highlight=False, markup=True, soft_wrap=True)
    return typer.Exit(code)


# --- commands --------------------------------------------------------------------------
# (each issue adds its commands below, one function per command)


def _summary_table(graph: StanceGraph, title: str) -> None:
    from rich.table import Table

    from graphkit.stats import summarize

    summary = summarize(graph)
    table = Table(title=title, show_header=False, title_justify="left")
    table.add_row("actors", str(summary.actors))
    table.add_row("stances", str(summary.stances))
    table.add_row("evidence", str(summary.evidence))
    table.add_row("articles", str(summary.articles))
    if summary.first_date:
        table.add_row("dates", f"{summary.first_date} .. {summary.last_date}")
    table.add_row("actor types", ", ".join(f"{k} {v}" for k, v in summary.actor_types.items()))
    table.add_row("polarity", ", ".join(f"{k} {v}" for k, v in summary.polarities.items()))
    table.add_row("stance types", ", ".join(f"{k} {v}" for k, v in summary.predicates.items()))
    out.print(table)


# An article is its own id, else its URL, else a hash of its text; the path only on request.
_PathIds = Annotated[bool, typer.Option("--path-ids", help="Identify articles by the path "
                                        "read (default: own id, else URL, else text hash).")]


def _ids(path_ids: bool) -> str:
    return "path" if path_ids else "auto"


def _write_graph(graph: StanceGraph, output: Path, fmt: str | None) -> None:
    from graphkit import rdf

    rdf.write(graph, output, format=fmt)


@app.command()
def build(
    inputs: Annotated[list[str], typer.Argument(help="Articles, folders, '-', statements "
                                                "(.csv/.yaml) or RDF graphs.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="RDF file to write; the "
                                         "format follows the suffix (.ttl .nt .nq .trig "
                                         ".jsonld .rdf).")],
    fmt: Annotated[str | None, typer.Option("-f", "--format", help="RDF format name, "
                                               "overriding the suffix.")] = None,
    html: Annotated[Path | None, typer.Option("--html", help="Also write the interactive "
                                                 "HTML page here.")] = None,
    gazetteer: Annotated[list[Path] | None, typer.Option("--gazetteer", help="Extra actor "
                                                            "YAML file(s).")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes for "
                                      "extraction.")] = 1,
    skip_bad: Annotated[bool, typer.Option("--skip-bad", help="Warn about and skip unreadable "
                                           "articles.")] = False,
    parser: Annotated[str | None, typer.Option("--parser", help="Installed spaCy pipeline "
                                                  "with a dependency parser.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary, no progress.")] = False,
    path_ids: _PathIds = False,
) -> None:
    """Build the stance graph from articles and curated statements, and write it as RDF.

    Example: `graphkit build examples/venezuela_2019.txt -o graph.ttl --html graph.html`
    """
    from graphkit.build import build_graph

    graph = build_graph(
        inputs,
        gazetteer_files=gazetteer or (),
        jobs=jobs,
        skip_bad=skip_bad,
        parser=parser,
        progress=not quiet,
        warn=lambda message: err.print(f"warning: {message}", markup=False, highlight=False),
        ids=_ids(path_ids),
    )
    from graphkit.progress import step

    with step(not quiet, "writing", "stances", graph.number_of_stances(), "bytes") as bar:
        _write_graph(graph, output, fmt)
        bar.advance(graph.number_of_stances(), output.stat().st_size)
    if html is not None:
        from graphkit.html import to_html

        to_html(graph, html)
    if not quiet:
        _summary_table(graph, f"wrote {output}")


@app.command()
def export(
    graph_file: Annotated[Path, typer.Argument(metavar="GRAPH", help="An RDF file written by "
                                               "graphkit.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="The file to write; the format "
                                         "follows the suffix.")],
    fmt: Annotated[str | None, typer.Option("-f", "--format", help="RDF format name, "
                                               "overriding the suffix.")] = None,
) -> None:
    """Convert a graph to another RDF format (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML).

    Example: `graphkit export graph.ttl -o graph.trig`
    """
    from graphkit import rdf

    _write_graph(rdf.read(graph_file), output, fmt)
    err.print(f"wrote {output}", markup=False, highlight=False)


@app.command()
def stats(
    graph_file: Annotated[Path, typer.Argument(metavar="GRAPH", help="An RDF file written by "
                                               "graphkit.")],
) -> None:
    """Print what a graph holds: actors by type, stances by type and polarity, dates.

    Example: `graphkit stats graph.ttl`
    """
    from graphkit import rdf

    _summary_table(rdf.read(graph_file), str(graph_file))


@app.command()
def validate(
    graph_file: Annotated[Path, typer.Argument(metavar="GRAPH", help="An RDF file.")],
) -> None:
    """Check an RDF file against graphkit's SHACL shapes; exit 1 if it does not conform.

    Example: `graphkit validate graph.ttl`
    """
    from graphkit.validate import validate as shacl_validate

    conforms, report = shacl_validate(graph_file)
    if conforms:
        out.print(f"{graph_file}: conforms to graphkit's SHACL shapes", highlight=False)
        return
    out.print(report, markup=False, highlight=False)
    raise fail(f"{graph_file} does not conform to graphkit's SHACL shapes", code=1)


@app.command("eval")
def eval_command(
    gold: Annotated[Path, typer.Argument(metavar="GOLD", help="Gold stances, JSON Lines.")],
    predicted: Annotated[
        Path, typer.Argument(metavar="PRED", help="Output of `graphkit extract -f jsonl`.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    roles: Annotated[bool, typer.Option("--roles", help="Score role relations too.")] = False,
    details: Annotated[
        bool, typer.Option("--details", help="List missed and spurious stances.")
    ] = False,
    fail_under: Annotated[
        float | None, typer.Option("--fail-under", help="Exit 1 if F1 is below this.")
    ] = None,
) -> None:
    """Precision, recall and F1 of predicted stances against gold, overall and per phenomenon.

    Example: `graphkit extract tests/devset/articles -f jsonl > pred.jsonl;
    graphkit eval tests/devset/gold.jsonl pred.jsonl`
    """
    import json

    from graphkit.evaluate import format_scores, read_gold, read_predictions, score

    scores = score(read_gold(gold), read_predictions(predicted), include_roles=roles)
    if as_json:
        typer.echo(json.dumps(scores.to_dict(), indent=2, ensure_ascii=False))
    else:
        out.print(format_scores(scores, details=details), markup=False, highlight=False)
    if fail_under is not None and scores.f1 < fail_under:
        raise fail(f"F1 {scores.f1:.3f} is below {fail_under}", code=1)


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(help="Articles (.txt .md .html .jsonl), "
                                                "folders, or '-' for standard input.")],
    fmt: Annotated[str, typer.Option("-f", "--format", help="jsonl, json or table.")] = "jsonl",
    roles: Annotated[bool, typer.Option("--roles", help="Also print role facts (who acts "
                                        "for whom).")] = False,
    gazetteer: Annotated[list[Path] | None, typer.Option("--gazetteer", help="Extra actor "
                                                            "YAML file(s).")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes.")] = 1,
    skip_bad: Annotated[bool, typer.Option("--skip-bad", help="Warn about and skip unreadable "
                                           "articles.")] = False,
    parser: Annotated[str | None, typer.Option("--parser", help="Installed spaCy pipeline "
                                                  "with a dependency parser.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    path_ids: _PathIds = False,
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Run on this Dask "
                                                  "cluster (tcp://host:8786).")] = None,
    shards: Annotated[Path | None, typer.Option("--shards", help="With --scheduler: workers "
                                                "write shards into this folder.")] = None,
    shard_format: Annotated[str, typer.Option("--shard-format", help="jsonl or nq (N-Quads, "
                                              "one graph per article).")] = "jsonl",
) -> None:
    """Print the stances found in articles, one JSON object per line (or a table).

    Example: `graphkit extract examples/venezuela_2019.txt -f jsonl`; on a Dask cluster:
    `graphkit extract corpus/ --scheduler tcp://127.0.0.1:8786 --shards out/ --shard-format nq`
    """
    import json

    from graphkit.extract.pipeline import extract_articles, stance_record
    from graphkit.gazetteer import load_gazetteer
    from graphkit.ingest import read_articles

    if fmt not in {"jsonl", "json", "table"}:
        raise fail(f"unknown format {fmt!r}: use jsonl, json or table")
    gaz = load_gazetteer(gazetteer or ())
    def warn(message: str) -> None:
        err.print(f"warning: {message}", markup=False, highlight=False)

    stream = read_articles(inputs, skip_bad=skip_bad, warn=warn, ids=_ids(path_ids))
    records = []
    if scheduler is not None or shards is not None:
        _extract_on_cluster(stream, scheduler, shards, shard_format, gazetteer, parser, roles)
        return
    for result in extract_articles(stream, jobs=jobs, progress=not quiet and fmt == "jsonl",
                                   gazetteer=gaz, parser=parser, skip_bad=skip_bad, warn=warn):
        for stance in result.stances + (result.roles if roles else []):
            record = stance_record(stance, result.actors, result.source)
            if fmt == "jsonl":
                typer.echo(json.dumps(record, ensure_ascii=False))
            else:
                records.append(record)
    if fmt == "json":
        typer.echo(json.dumps(records, ensure_ascii=False, indent=2))
    elif fmt == "table":
        from rich.table import Table

        table = Table("subject", "predicate", "object", "date", "conf.", "speaker", "sentence")
        for r in records:
            ev = r["evidence"]
            table.add_row(r["subject"]["label"], r["predicate"], r["object"]["label"],
                          r["date"] or "", f"{r['confidence']:.2f}", ev["speaker"] or "",
                          ev["sentence"][:80])
        Console().print(table)


def _extract_on_cluster(stream, scheduler: str | None, shards: Path | None, shard_format: str,
                        gazetteer: list[Path] | None, parser: str | None, roles: bool) -> None:
    import json

    from graphkit.distributed import extract_on_cluster

    if scheduler is None:
        raise fail("--shards needs --scheduler ADDRESS (a Dask cluster)")
    for record in extract_on_cluster(stream, scheduler, gazetteer_files=gazetteer or (),
                                     parser=parser, roles=roles, shards=shards,
                                     shard_format=shard_format):
        typer.echo(json.dumps(record, ensure_ascii=False))


# --- triple stores (issue 5) -----------------------------------------------------------

store_app = typer.Typer(help="Load graphs into a triple store (embedded, or a SPARQL server).\n\n"
                        "Example: `graphkit store load graph.nq --db ./kg`",
                        no_args_is_help=True)
app.add_typer(store_app, name="store")

_ResultFormat = typer.Option("--format", "-f", help="table, csv, tsv or json.")
# Options shared by every command that talks to a SPARQL server; secrets are never shown.
_Server = Annotated[str | None, typer.Option("--server", help="oxigraph, fuseki, graphdb or "
                                             "virtuoso (endpoint = base URL).")]
_User = Annotated[str | None, typer.Option("--user", envvar="GRAPHKIT_USER")]
_Password = Annotated[str | None, typer.Option("--password", envvar="GRAPHKIT_PASSWORD",
                                               show_default=False)]
_Token = Annotated[str | None, typer.Option("--token", envvar="GRAPHKIT_TOKEN",
                                            show_default=False)]
_Auth = Annotated[str | None, typer.Option("--auth", help="basic, digest or bearer.")]


def _endpoint(endpoint: str, server: str | None, update_endpoint: str | None, user: str | None,
              password: str | None, token: str | None, auth: str | None, timeout: float,
              retries: int):
    from graphkit.sparql_http import Endpoint

    return Endpoint.from_options(endpoint, server=server, update_url=update_endpoint, user=user,
                                 password=password, token=token, auth=auth, timeout=timeout,
                                 retries=retries)


@store_app.command("load")
def store_load(
    inputs: Annotated[list[str], typer.Argument(metavar="GRAPH...", help="RDF files (.nq/.trig "
                                                "load as they are), or articles, statements "
                                                "and graph files built through the pipeline.")],
    db: Annotated[Path | None, typer.Option("--db", help="Embedded store folder.")] = None,
    endpoint: Annotated[str | None, typer.Option("--endpoint", help="Graph Store Protocol URL "
                                                  "of a SPARQL 1.1 server.")] = None,
    server: _Server = None,
    update_endpoint: Annotated[str | None, typer.Option("--update-endpoint",
                                                        help="SPARQL Update URL.")] = None,
    graph: Annotated[str | None, typer.Option("--graph", help="Named graph (IRI) for the "
                                              "triples of a Turtle/N-Triples file.")] = None,
    fmt: Annotated[str | None, typer.Option("--format", help="RDF format of the files.")] = None,
    no_ontology: Annotated[bool, typer.Option("--no-ontology", help="Do not (re)load the "
                                              "ontology graph.")] = False,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1,
                                            help="Triples per request.")] = 50_000,
    user: _User = None,
    password: _Password = None,
    token: _Token = None,
    auth: _Auth = None,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds per request.")] = 300.0,
    retries: Annotated[int, typer.Option("--retries", min=0)] = 3,
    bulk: Annotated[bool, typer.Option("--bulk", help="Oxigraph server: use its bulk loader "
                                       "(faster; no per-request transaction).")] = False,
    path_ids: _PathIds = False,
    incremental: Annotated[bool, typer.Option("--incremental", help="Articles only: skip "
                                              "those the store holds unchanged, replace the "
                                              "changed.")] = False,
) -> None:
    """Load graphs into the embedded store (`--db`) or a SPARQL 1.1 server (`--endpoint`).

    Each article's named graph is replaced on reload; loading twice duplicates nothing.
    Example: `graphkit store load graph.nq --db ./kg`
    """
    import tempfile

    from rich.table import Table

    from graphkit import store

    if (db is None) == (endpoint is None):
        raise fail("give either --db FOLDER or --endpoint URL")
    with tempfile.TemporaryDirectory(prefix="graphkit-load-") as folder:
        from functools import partial

        from graphkit.build import build_graph

        inputs = store.expand_rdf_folders(inputs)
        if db is not None:
            target = kg = store.open_store(db)
        else:
            target = _endpoint(endpoint, server, update_endpoint, user, password, token, auth,
                               timeout, retries)
            target.bulk = bulk
        increment = None
        if incremental:
            sources, increment = _incremental_sources(inputs, target, Path(folder), path_ids)
        else:
            sources = store.prepare_sources(inputs, Path(folder), graph=graph, format=fmt,
                                            build=partial(build_graph, ids=_ids(path_ids)))
        import sys

        from graphkit.progress import step

        with step(sys.stderr.isatty(), "loading", "files", len(sources), "triples") as bar:
            if db is not None:
                report = store.load(kg, sources, ontology=not no_ontology, target=str(db))
            else:
                from graphkit import sparql_http

                report = sparql_http.load(target, sources, ontology=not no_ontology,
                                          batch_size=batch_size)
            bar.advance(len(sources), report.triples)
    table = Table(title="loaded", show_header=False, title_justify="left")
    for label, value in (increment.rows() if increment else []) + report.rows():
        table.add_row(label, value)
    out.print(table)


def _incremental_sources(inputs: list[str], target, folder: Path, path_ids: bool):
    import sys
    from functools import partial

    from graphkit import store
    from graphkit.build import split_inputs
    from graphkit.extract.pipeline import build_graph
    from graphkit.ingest import read_articles

    statements, graphs, _ = split_inputs(inputs)
    if statements or graphs:
        raise fail("--incremental reads articles only (no statements or RDF files)")
    articles = read_articles(inputs, ids=_ids(path_ids))
    return store.incremental_sources(articles, target, folder,
                                     build=partial(build_graph, progress=sys.stderr.isatty()))


@app.command("query")
def query_command(
    sparql: Annotated[str | None, typer.Argument(help="A SPARQL query (or use --name).")] = None,
    db: Annotated[Path | None, typer.Option("--db", help="Embedded store folder.")] = None,
    endpoint: Annotated[str | None, typer.Option("--endpoint", help="SPARQL query URL of a "
                                                  "server.")] = None,
    server: _Server = None,
    name: Annotated[str | None, typer.Option("--name", "-n", help="A named query.")] = None,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE for "
                                                     "the named query.")] = None,
    list_queries: Annotated[bool, typer.Option("--list", help="List the named queries.")] = False,
    fmt: Annotated[str, _ResultFormat] = "table",
    user: _User = None,
    password: _Password = None,
    token: _Token = None,
    auth: _Auth = None,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds.")] = 300.0,
) -> None:
    """Query the embedded store or a SPARQL server; named queries with `--name`.

    Example: `graphkit query --name opposes --param actor="United States" --db ./kg`
    """
    import sys

    from graphkit import queries, store

    library = queries.load_queries()
    if list_queries:
        for named in library.values():
            out.print(f"[bold]{named.signature()}[/]\n  {named.description}", highlight=False)
            for p in named.parameters:
                flag = "" if p.required else (f" (default {p.default})" if p.default
                                              else " (optional)")
                out.print(f"    {p.name}: {p.kind}{flag} - {p.description}", highlight=False,
                          markup=False)
        return
    if fmt not in ("table", "csv", "tsv", "json"):
        raise fail(f"unknown format {fmt!r}: use table, csv, tsv or json")
    if name is not None:
        if name not in library:
            raise fail(f"no named query {name!r}; see graphkit query --list")
        values = {}
        for item in param or []:
            key, sep, value = item.partition("=")
            if not sep:
                raise fail(f"--param {item!r}: use NAME=VALUE")
            values[key.strip()] = value
        sparql = queries.bind(library[name], values)
    elif sparql is None:
        raise fail("give a SPARQL query, --name NAME or --list")
    if (db is None) == (endpoint is None):
        raise fail("give either --db FOLDER or --endpoint URL")
    if db is not None:
        if not db.is_dir():
            raise fail(f"{db}: no store here; load one with graphkit store load --db {db}")
        result = store.query(store.open_store(db), sparql)
    else:
        from graphkit import sparql_http

        target = _endpoint(endpoint, server, None, user, password, token, auth, timeout, 3)
        result = sparql_http.query(target, sparql)
    if fmt != "table" or result.boolean is not None or result.triples is not None:
        result.write(sys.stdout, "csv" if fmt == "table" else fmt)
        return
    from rich.table import Table

    table = Table(*result.variables)
    for row in result.table_rows():
        table.add_row(*row)
    out.print(table)


@app.command("html")
def html_command(
    inputs: Annotated[list[str], typer.Argument(metavar="GRAPH...", help="RDF files written by "
                                                "graphkit (any format `graphkit export` "
                                                "writes), or articles and statements.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="The HTML file to "
                                         "write.")] = Path("graph.html"),
    title: Annotated[str | None, typer.Option("--title", help="The page title.")] = None,
    physics: Annotated[bool | None, typer.Option("--physics/--no-physics", help="Force the "
                                                 "layout simulation on or off (default: by "
                                                 "graph size).")] = None,
) -> None:
    """Write the interactive graph as one self-contained HTML file that works offline.

    Example: `graphkit html graph.ttl -o graph.html`
    """
    from graphkit.build import build_graph
    from graphkit.html import to_html

    graph = build_graph(inputs)
    to_html(graph, output, title=title, physics=physics)
    err.print(f"wrote {output}: {graph.number_of_actors()} actors, "
              f"{graph.number_of_stances()} stances", markup=False, highlight=False)


def main() -> None:
    """Entry point of the console script."""
    app()


if __name__ == "__main__":
    main()
