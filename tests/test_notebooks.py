"""The notebooks: saved without outputs, and each runs top to bottom in a fresh kernel.

Each notebook is executed with nbclient in a new kernel of the interpreter running the tests,
from the ``notebooks/`` folder, with the checkout first on the import path and a
non-interactive matplotlib backend. A cell that raises fails the test.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
EXPECTED = ["01_quickstart.ipynb", "02_analysis.ipynb", "03_sparql.ipynb"]
CELL_TIMEOUT = 120
# The issue asks for "well under a minute here"; CI machines are slower, so allow some slack.
NOTEBOOK_BUDGET = 120.0


def _ids(paths: list[Path]) -> list[str]:
    return [p.stem for p in paths]


@pytest.fixture(scope="module")
def kernel_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A ``python3`` kernelspec for this very interpreter, and the kernel's environment.

    A fresh virtualenv may have no kernelspec, or one that starts another Python; installing
    one under a temporary prefix and putting it first on JUPYTER_PATH settles both.
    """
    from ipykernel.kernelspec import install

    prefix = tmp_path_factory.mktemp("kernel")
    install(prefix=str(prefix), kernel_name="python3")
    jupyter_path = str(prefix / "share" / "jupyter")
    env = dict(os.environ)
    env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [jupyter_path,
                                                       env.get("JUPYTER_PATH")]))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["MPLBACKEND"] = "Agg"
    return env


def test_every_notebook_is_there() -> None:
    assert [p.name for p in NOTEBOOKS] == EXPECTED


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_saved_without_outputs(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert code, f"{path.name} has no code cells"
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        assert cell.outputs == [], f"{path.name} cell {index} keeps outputs"
        assert cell.execution_count is None, f"{path.name} cell {index} keeps its count"
    assert notebook.metadata.get("kernelspec", {}).get("name") == "python3"


# A last cell, added only for the run: which interpreter ran, and how many figures are open
# (under the Agg backend, figures stay open after plt.show()).
PROBE = """import sys
import matplotlib.pyplot as plt
print(sys.executable)
print(len(plt.get_fignums()))"""


def _rich_outputs(notebook: nbformat.NotebookNode, mime: str) -> list[str]:
    return [
        output["data"][mime]
        for cell in notebook.cells if cell.cell_type == "code"
        for output in cell.outputs
        if output.output_type in ("display_data", "execute_result") and mime in output["data"]
    ]


def _check_quickstart(notebook: nbformat.NotebookNode, figures: int) -> None:
    html = _rich_outputs(notebook, "text/html")
    assert sum("<iframe srcdoc=" in h for h in html) == 1, "the graph is shown inline once"
    assert sum("<table" in h for h in html) >= 4, "actors, stances, slices as DataFrames"
    # The analyst's first questions: a net-stance picture and a pair over time.
    assert figures >= 2, f"only {figures} figures drawn"
    text = "".join(c.source for c in notebook.cells)
    for call in ("analysis.relations(", "analysis.dyad_polarity(", "analysis.plot_dyad(",
                 "analysis.sentences("):
        assert call in text, call


def _check_analysis(notebook: nbformat.NotebookNode, figures: int) -> None:
    assert figures >= 5, f"only {figures} figures drawn"
    assert sum("<table" in h for h in _rich_outputs(notebook, "text/html")) >= 4


def _check_sparql(notebook: nbformat.NotebookNode, figures: int) -> None:
    assert sum("<table" in h for h in _rich_outputs(notebook, "text/html")) >= 5


CHECKS = {
    "01_quickstart": _check_quickstart,
    "02_analysis": _check_analysis,
    "03_sparql": _check_sparql,
}


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_notebook_runs(
    path: Path, kernel_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The kernelspec is looked up in this process; the kernel itself gets ``kernel_env``.
    monkeypatch.setenv("JUPYTER_PATH", kernel_env["JUPYTER_PATH"])
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(PROBE))
    client = nbclient.NotebookClient(
        notebook,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK_DIR)}},
    )
    started = time.perf_counter()
    # A raising cell raises CellExecutionError here, naming the cell and its traceback.
    client.execute(env=kernel_env)
    elapsed = time.perf_counter() - started

    cells = [c for c in notebook.cells if c.cell_type == "code"]
    assert all(c.execution_count is not None for c in cells)
    assert not [o for c in cells for o in c.outputs if o.output_type == "error"]
    probe = "".join(o.get("text", "") for o in cells[-1].outputs if o.output_type == "stream")
    executable, figures = probe.split()
    assert Path(executable).resolve() == Path(sys.executable).resolve()
    assert elapsed < NOTEBOOK_BUDGET, f"{path.name} took {elapsed:.0f} s"
    notebook.cells.pop()
    CHECKS[path.stem](notebook, int(figures))


@pytest.mark.slow
def test_figure_script_draws_a_png(tmp_path: Path) -> None:
    out = tmp_path / "analysis.png"
    env = dict(os.environ, MPLBACKEND="Agg",
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "figures.py"), str(out)],
                   check=True, env=env, cwd=tmp_path, timeout=300)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert out.stat().st_size > 20_000


def test_readme_figure_is_committed() -> None:
    figure = ROOT / "docs" / "analysis.png"
    assert figure.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
