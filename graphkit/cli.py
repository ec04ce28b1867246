"""The ``graphkit`` command line: parse arguments, call the library, report errors.

Each command is a thin wrapper. Errors in the user's input are
:class:`graphkit.errors.InputError` and end the command with exit status 2.
"""

from __future__ import annotations

import sys

import typer
from rich.console import Console

from graphkit.errors import GraphkitError

app = typer.Typer(
    name="graphkit",
    help="Build geopolitical actor-stance knowledge graphs from news articles.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="markdown",
)
err = Console(stderr=True)


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print an error to standard error and return the Exit to raise."""
    err.print(f"[bold red]error:[/] {message}", highlight=False, markup=True, soft_wrap=True)
    return typer.Exit(code)


# --- commands --------------------------------------------------------------------------
# (each issue adds its commands below, one function per command)


def main() -> None:
    """Entry point of the console script."""
    try:
        app()
    except GraphkitError as exc:
        err.print(f"error: {exc}", markup=False, highlight=False, soft_wrap=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
