"""The ``graphkit`` command line: parse arguments, call the library, report errors.

Each command is a thin wrapper. Errors end the command with a one-line message and no
traceback (``graphkit --debug ...`` shows it): exit status 2 for bad input
(:class:`graphkit.errors.InputError`), 1 for an operation that failed (a server, a disk),
130 for an interrupt. A closed pipe (``graphkit extract ... | head -1``) ends it quietly.
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import click
import typer
from rich.console import Console
from typer._click import exceptions as _click_exceptions
from typer.core import TyperGroup

from graphkit.errors import GraphkitError, InputError
from graphkit.graph import StanceGraph

#: Set by ``--debug``: show the traceback of an error.
_DEBUG = {"on": False}


def _tidy_help(command: Any, ctx: Any = None) -> Any:
    """Plain metavars (``PATH``, ``N``; nothing for a flag) instead of typer's ``<bool>``."""
    params = list(getattr(command, "params", []))
    if ctx is not None and hasattr(command, "get_help_option"):
        help_option = command.get_help_option(ctx)
        if help_option is not None:
            params.append(help_option)
    for param in params:
        if getattr(param, "param_type_name", "") == "argument":
            if getattr(param, "_graphkit_tidy", False):
                continue
            name = param.metavar or (param.name or "arg").upper()
            name = name.removesuffix("...")
            shown = name + ("..." if param.nargs != 1 else "")
            usage = shown if param.required else f"[{shown}]"
            # typer shows the Python type beside an argument and braces in the usage line
            param.display_type_rich = lambda ctx=None: None
            param._usage_display_name = lambda usage=usage: usage
            param._rich_display_name = lambda shown=shown: shown
            param.metavar = shown
            param._graphkit_tidy = True
            continue
        if param.metavar is not None:
            continue
        if getattr(param, "is_flag", False) or getattr(param, "count", False):
            param.metavar = ""
        else:
            kind = param.bare_type() if hasattr(param, "bare_type") else "str"
            kind = kind.removeprefix("list[").removesuffix("]")
            param.metavar = {"Path": "PATH", "int": "N", "float": "NUMBER"}.get(kind, "TEXT")
    return command


def _quiet_broken_pipe() -> None:
    """The reader went away (``| head``): send what is left to /dev/null and stop quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _report(exc: BaseException) -> typer.Exit:
    """The message and exit status for an error that reached the command line."""
    if _DEBUG["on"]:
        import traceback

        traceback.print_exception(exc, file=sys.stderr)
    if isinstance(exc, KeyboardInterrupt):
        err.print("interrupted", markup=False, highlight=False)
        return typer.Exit(130)
    if isinstance(exc, GraphkitError):
        message, status = str(exc), exc.exit_status
    elif isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        reason = exc.strerror or str(exc)
        if exc.errno == errno.ENOSPC:
            reason = "no space left on the device; nothing was replaced"
        elif exc.errno == errno.EROFS:
            reason = "read-only file system"
        message, status = f"{where}{reason}", 1
    elif isinstance(exc, RecursionError):
        message, status = "the input is nested too deeply", 2
    elif isinstance(exc, MemoryError):
        message, status = "out of memory", 1
    else:
        message = (f"internal error: {type(exc).__name__}: {exc} "
                   "(run graphkit --debug ... for the traceback)")
        status = 1
    err.print(f"error: {message}", markup=False, highlight=False, soft_wrap=True)
    return typer.Exit(status)


class _ReportingGroup(TyperGroup):
    """Turns every error into a one-line message and its exit status; tidies the help."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        return _tidy_help(command, ctx) if command is not None else None

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        _tidy_help(self, ctx)
        super().format_help(ctx, formatter)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, _click_exceptions.ClickException):
            raise
        except BrokenPipeError:
            _quiet_broken_pipe()
            raise typer.Exit(0) from None
        except (Exception, KeyboardInterrupt) as exc:
            raise _report(exc) from None


_CONTEXT = {"help_option_names": ["-h", "--help"]}

app = typer.Typer(
    cls=_ReportingGroup,
    name="graphkit",
    help="Build geopolitical actor-stance knowledge graphs from news articles.\n\n"
    "Example: `graphkit build examples/venezuela_2019.txt -o graph.ttl --html graph.html`",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="markdown",
    context_settings=_CONTEXT,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)


def _version(value: bool) -> None:
    if value:
        from graphkit import __version__

        typer.echo(f"graphkit {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[bool, typer.Option("--version", "-V", is_eager=True, callback=_version,
                                          help="Print the version and exit.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show the traceback of an "
                                        "error.")] = False,
) -> None:
    """Build geopolitical actor-stance knowledge graphs from news articles.

    Example: `graphkit build examples/venezuela_2019.txt -o graph.ttl --html graph.html`
    """
    _DEBUG["on"] = debug


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print an error to standard error and return the Exit to raise."""
    err.print(f"[bold red]error:[/] {message}", highlight=False, markup=True, soft_wrap=True)
    return typer.Exit(code)


def _is_stdout(path: Path | str | None) -> bool:
    return str(path) == "-"


def _output_spec(output: Path, fmt: str | None, what: str = "RDF") -> Any:
    """The RDF format for ``output`` (checked before any work is done)."""
    from graphkit import rdf

    if not _is_stdout(output) and output.is_dir():
        raise InputError(output, "is a directory; give a file name (e.g. graph.ttl)")
    try:
        return rdf.get_format(fmt if fmt is not None else
                              ("turtle" if _is_stdout(output) else output))
    except ValueError as exc:
        raise InputError(output, str(exc)) from None


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

    spec = _output_spec(output, fmt)
    try:
        if _is_stdout(output):
            rdf.write(graph, sys.stdout.buffer, format=spec)
            sys.stdout.buffer.flush()
        else:
            rdf.write(graph, output, format=spec)
    except ValueError as exc:
        raise InputError(output, str(exc)) from None


def _read_graph_file(graph_file: Path, command: str) -> StanceGraph:
    """A graph file for ``stats``/``export``: RDF written by graphkit, or a clear error."""
    from graphkit import rdf

    if not graph_file.exists():
        raise InputError(graph_file, "no such file")
    if graph_file.is_dir():
        raise InputError(graph_file, f"is a directory; {command} reads one RDF file")
    try:
        rdf.get_format(graph_file)
    except ValueError:
        raise InputError(graph_file, f"not an RDF file (suffix {graph_file.suffix or 'none'!r});"
                         f" {command} reads a graph; build one first: graphkit build "
                         f"{graph_file} -o graph.ttl") from None
    return rdf.read(graph_file)


def _no_stances_message(graph_file: Path, triples: int) -> str:
    return (f"holds {triples} RDF triple(s) but no graphkit actors or stances "
            "(it is RDF that graphkit did not write)")


@app.command()
def build(
    inputs: Annotated[list[str], typer.Argument(metavar="INPUT...", help="Articles, folders, "
                                                "'-', statements (.csv/.yaml) or RDF graphs.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="RDF file to write ('-' for "
                                         "standard output); the format follows the suffix "
                                         "(.ttl .nt .nq .trig .jsonld .rdf).")],
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

    Every input is read and checked before extraction starts; the outputs (RDF and HTML)
    are written to temporary files and replace their targets together at the end.

    Example: `graphkit build examples/venezuela_2019.txt -o graph.ttl --html graph.html`
    """
    from graphkit import rdf
    from graphkit.atomic import atomic_paths
    from graphkit.build import build_graph

    spec = _output_spec(output, fmt)
    if html is not None:
        if html.is_dir():
            raise InputError(html, "is a directory; give the HTML file name "
                             "(e.g. --html graph.html)")
        if html.resolve() == (None if _is_stdout(output) else output.resolve()):
            raise InputError(html, "the HTML page and the RDF file would be the same file")
    graph = build_graph(
        inputs,
        gazetteer_files=gazetteer or (),
        jobs=jobs,
        skip_bad=skip_bad,
        parser=parser,
        progress=not quiet,
        check_first=True,
        warn=lambda message: err.print(f"warning: {message}", markup=False, highlight=False),
        ids=_ids(path_ids),
    )
    targets = ([] if _is_stdout(output) else [output]) + ([html] if html is not None else [])
    with atomic_paths(targets) as temporaries:
        slots = iter(temporaries)
        if _is_stdout(output):
            rdf.write(graph, sys.stdout.buffer, format=spec)
        else:
            try:
                rdf.write(graph, next(slots), format=spec)
            except ValueError as exc:
                raise InputError(output, str(exc)) from None
        if html is not None:
            from graphkit.html import to_html

            to_html(graph, next(slots))
    if not quiet:
        names = ([] if _is_stdout(output) else [str(output)]) + ([str(html)] if html else [])
        _summary_table(graph, f"wrote {' and '.join(names) or 'standard output'}")


@app.command()
def export(
    graph_file: Annotated[Path, typer.Argument(metavar="GRAPH", help="An RDF file (graphkit's "
                                               "or any other).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="The file to write ('-' for "
                                         "standard output); the format follows the suffix.")],
    fmt: Annotated[str | None, typer.Option("-f", "--format", help="RDF format name, "
                                               "overriding the suffix.")] = None,
) -> None:
    """Convert a graph to another RDF format (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML).

    A graph graphkit wrote is rewritten from its stances; any other RDF is converted triple
    for triple (named graphs are kept by N-Quads and TriG, merged by the other formats).
    Example: `graphkit export graph.ttl -o graph.trig`
    """
    from graphkit.rdf_convert import convert_plain

    spec = _output_spec(output, fmt)
    graph = _read_graph_file(graph_file, "export")
    if graph.number_of_actors() == 0 and graph.number_of_stances() == 0:
        count = convert_plain(graph_file, output, spec)
        if count == 0:
            raise InputError(graph_file, "holds no RDF triples: nothing to export")
        err.print(f"wrote {output}: {count} triple(s) converted (plain RDF, no graphkit "
                  "stances)", markup=False, highlight=False)
        return
    _write_graph(graph, output, fmt)
    if not _is_stdout(output):
        err.print(f"wrote {output}: {graph.number_of_actors()} actors, "
                  f"{graph.number_of_stances()} stances", markup=False, highlight=False)


@app.command()
def stats(
    graph_file: Annotated[Path, typer.Argument(metavar="GRAPH", help="An RDF file written by "
                                               "graphkit.")],
) -> None:
    """Print what a graph holds: actors by type, stances by type and polarity, dates.

    Example: `graphkit stats graph.ttl`
    """
    from graphkit.rdf_convert import count_triples

    graph = _read_graph_file(graph_file, "stats")
    if graph.number_of_actors() == 0:
        raise InputError(graph_file, _no_stances_message(graph_file, count_triples(graph_file)))
    _summary_table(graph, str(graph_file))


@app.command()
def validate(
    graph_file: Annotated[Path, typer.Argument(metavar="GRAPH", help="An RDF file.")],
) -> None:
    """Check an RDF file against graphkit's SHACL shapes; exit 1 if it does not conform.

    Example: `graphkit validate graph.ttl`
    """
    from graphkit import rdf
    from graphkit.rdf_convert import count_triples, uses_graphkit_vocabulary
    from graphkit.validate import validate as shacl_validate

    if not graph_file.is_file():
        raise InputError(graph_file, "no such file" if not graph_file.exists()
                         else "not a file; validate reads one RDF file")
    try:
        rdf.get_format(graph_file)
    except ValueError as exc:
        raise InputError(graph_file, str(exc)) from None
    if not uses_graphkit_vocabulary(graph_file):
        raise fail(f"{graph_file}: {_no_stances_message(graph_file, count_triples(graph_file))}"
                   "; there is nothing of graphkit's to validate", code=1)
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
    from graphkit.build import check_articles

    def warn(message: str) -> None:
        err.print(f"warning: {message}", markup=False, highlight=False)

    check_articles(inputs, skip_bad=skip_bad, ids=_ids(path_ids))
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
                speaker = record["evidence"]["speaker"]
                if speaker and speaker in result.actors:
                    record["evidence"]["speaker_label"] = result.actors[speaker].label
                records.append(record)
    if fmt == "json":
        typer.echo(json.dumps(records, ensure_ascii=False, indent=2))
    elif fmt == "table":
        _stance_table(records)


def _stance_table(records: list[dict[str, Any]]) -> None:
    """Stances as a table that stays readable at 80 columns, in a pipe too: one line of
    columns per stance, then its confidence and sentence (cut at a word) indented below."""
    from graphkit.textcut import fit, shorten

    width = max(out.width if sys.stdout.isatty() else 80, 60)
    fixed = {"article": 12, "subject": 14, "stance": 14, "object": 14, "date": 10}
    speaker_width = max(width - sum(fixed.values()) - len(fixed), 8)
    header = " ".join(fit(name, size) for name, size in fixed.items()) + " speaker"
    lines = [header.rstrip(), "-" * min(width, len(header) + speaker_width - 7)]
    for r in records:
        ev = r["evidence"]
        cells = [Path(str(ev["article"] or "")).name, r["subject"]["label"], r["predicate"],
                 r["object"]["label"], r["date"] or ""]
        speaker = ev.get("speaker_label") or ev["speaker"] or ""
        row = " ".join(fit(c, size) for c, size in zip(cells, fixed.values(), strict=True))
        lines.append((row + " " + fit(speaker, speaker_width)).rstrip())
        lead = f"    {r['confidence']:.2f}  "
        lines.append(lead + shorten(ev["sentence"] or "", width - len(lead)))
    typer.echo("\n".join(lines))


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
                        no_args_is_help=True, cls=_ReportingGroup, context_settings=_CONTEXT,
                        rich_markup_mode="markdown")
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
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds for each call to the "
                                           "server, its retries included.")] = 300.0,
    retries: Annotated[int, typer.Option("--retries", min=0, help="Tries after a failed "
                                         "call.")] = 3,
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
    if not timeout > 0:
        raise InputError("--timeout", f"{timeout:g}: give a number of seconds above 0")
    from contextlib import nullcontext
    from functools import partial

    from graphkit.build import build_graph

    inputs = store.expand_rdf_folders(inputs)
    target = None
    if endpoint is not None:
        target = _endpoint(endpoint, server, update_endpoint, user, password, token, auth,
                           timeout, retries)
        target.bulk = bulk
    lock = store.store_lock(db) if db is not None else nullcontext()
    with tempfile.TemporaryDirectory(prefix="graphkit-load-") as folder, \
            _InterruptAtSafePoint() as interrupt, lock:
        if db is not None:
            target = store.open_store(db)
        increment = None
        if incremental:
            sources, increment = _incremental_sources(inputs, target, Path(folder), path_ids)
        else:
            sources = store.prepare_sources(inputs, Path(folder), graph=graph, format=fmt,
                                            build=partial(build_graph, ids=_ids(path_ids)))
        if db is not None:
            report = _load_embedded(store, target, db, sources, not no_ontology, interrupt)
        else:
            from graphkit import sparql_http

            report = sparql_http.load(target, sources, ontology=not no_ontology,
                                      batch_size=batch_size, should_stop=interrupt.asked)
    table = Table(title="loaded", show_header=False, title_justify="left")
    for label, value in (increment.rows() if increment else []) + report.rows():
        table.add_row(label, value)
    out.print(table)
    if interrupt.asked():
        err.print("interrupted after the load had completed: everything above was loaded",
                  markup=False, highlight=False)


class _InterruptAtSafePoint:
    """During a load, the first Ctrl-C asks the load to stop at its next safe point (between
    requests, between files); a second one stops at once."""

    def __init__(self) -> None:
        self.count = 0
        self.previous: Any = None

    def asked(self) -> bool:
        return self.count > 0

    def _handler(self, signum: int, frame: Any) -> None:
        self.count += 1
        if self.count > 1:
            raise KeyboardInterrupt
        err.print("stopping at the next safe point (Ctrl-C again to stop at once)",
                  markup=False, highlight=False)

    def __enter__(self) -> _InterruptAtSafePoint:
        import signal
        import threading

        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGINT, self._handler)
        return self

    def __exit__(self, *exc: object) -> None:
        import signal

        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)


def _load_embedded(store_module: Any, handle: Any, db: Path, sources: list[Any],
                   ontology: bool, interrupt: _InterruptAtSafePoint) -> Any:
    """Load file by file, so that an interrupt stops between two whole files."""
    from graphkit.sparql_http import LoadInterrupted

    report = None
    items = [*([store_module.ontology_source()] if ontology else []), *sources]
    for index, source in enumerate(items):
        if interrupt.asked():
            done = len(report.new_graphs) + len(report.replaced_graphs) if report else 0
            raise LoadInterrupted(f"{db}: load interrupted after {index} of {len(items)} "
                                  f"file(s); {done} named graph(s) were loaded whole, the "
                                  "rest of the store is as it was")
        part = store_module.load(handle, [source], ontology=False, target=str(db))
        if report is None:
            report = part
        else:
            report.sources += part.sources
            report.new_graphs += part.new_graphs
            report.replaced_graphs += part.replaced_graphs
            report.default_triples += part.default_triples
            report.triples += part.triples
            report.seconds += part.seconds
    if report is None:  # nothing to load (an incremental load that skipped everything)
        report = store_module.load(handle, [], ontology=False, target=str(db))
    return report


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
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds for the whole query, "
                                           "retries included.")] = 300.0,
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
        handle = store.open_store(db)

        def run(text: str) -> Any:
            return store.query(handle, text)
    else:
        from graphkit import sparql_http

        target = _endpoint(endpoint, server, None, user, password, token, auth, timeout, 3)

        def run(text: str) -> Any:
            return sparql_http.query(target, text)
    if name is not None:
        _check_actor_parameters(library[name], values, run)
    result = run(sparql)
    if fmt != "table" or result.boolean is not None or result.triples is not None:
        result.write(sys.stdout, "csv" if fmt == "table" else fmt)
        return
    from rich.table import Table

    table = Table(*result.variables)
    for row in result.table_rows():
        table.add_row(*row)
    out.print(table)


def _check_actor_parameters(named: Any, values: dict[str, str], run: Any) -> None:
    """An actor parameter that names no actor in the store is a mistake (a typo, most
    often): say so with the nearest names instead of printing an empty table."""
    from graphkit import queries

    for parameter, value, iri in queries.actor_arguments(named, values):
        if run(queries.ask_actor(iri)).boolean:
            continue
        labels = [label for label in run(queries.ACTOR_LABELS).column("label") if label]
        near = queries.nearest_names(value, labels)
        hint = f"; did you mean {', '.join(repr(n) for n in near)}?" if near else ""
        raise InputError(f"--param {parameter}", f"no actor {value!r} in the store "
                         f"(looked for <{iri.value}>){hint}")


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
    """Entry point of the console script (and of ``python -m graphkit``)."""
    try:
        app(prog_name="graphkit")
    except BrokenPipeError:
        _quiet_broken_pipe()
        sys.exit(0)
    finally:
        # a reader that left (``| head -1``) must not turn the final flush into an error
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            _quiet_broken_pipe()


if __name__ == "__main__":
    main()
