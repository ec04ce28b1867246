"""Strip outputs from the notebooks before committing them.

Notebooks are kept in git without outputs (``tests/test_notebooks.py`` checks it): outputs
of a run differ from machine to machine, bloat the history, and CI executes the notebooks
anyway. Run after editing a notebook in Jupyter::

    python scripts/strip_notebooks.py            # strips notebooks/*.ipynb in place
    python scripts/strip_notebooks.py --check    # exit status 1 if any would change
    python scripts/strip_notebooks.py path/to/a.ipynb ...
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
# Per-cell metadata that a run or an editor adds and that says nothing about the notebook.
VOLATILE_CELL_METADATA = ("execution", "collapsed", "scrolled", "ExecuteTime")


def strip(notebook: nbformat.NotebookNode) -> bool:
    """Remove outputs, execution counts and run metadata in place; returns whether any were."""
    changed = False
    for cell in notebook.cells:
        for key in VOLATILE_CELL_METADATA:
            if key in cell.metadata:
                del cell.metadata[key]
                changed = True
        if cell.cell_type != "code":
            continue
        if cell.outputs:
            cell.outputs = []
            changed = True
        if cell.execution_count is not None:
            cell.execution_count = None
            changed = True
    for key in ("widgets", "papermill"):
        if key in notebook.metadata:
            del notebook.metadata[key]
            changed = True
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--check", action="store_true", help="change nothing; report instead")
    args = parser.parse_args(argv)
    paths = args.paths or sorted((ROOT / "notebooks").glob("*.ipynb"))
    dirty = []
    for path in paths:
        notebook = nbformat.read(path, as_version=4)
        if not strip(notebook):
            continue
        dirty.append(path)
        if not args.check:
            nbformat.write(notebook, path)
    for path in dirty:
        print(f"{'has outputs' if args.check else 'stripped'}: {path}")
    return 1 if args.check and dirty else 0


if __name__ == "__main__":
    sys.exit(main())
