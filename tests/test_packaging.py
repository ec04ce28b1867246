"""The built wheel carries the ontology files and graphkit reads them from the installed place."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        check=True,
    )
    (built,) = out.glob("graphkit_geo-*.whl")
    return built


def test_wheel_carries_the_ontology(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("graphkit/_ontology/graphkit.ttl", "graphkit/_ontology/shapes.ttl",
                   "graphkit/_ontology/actors/states.yaml"):
        assert needed in names
    assert any(n.startswith("graphkit/_ontology/lexicon/") for n in names)
    assert any(n.startswith("graphkit/_ontology/queries/") for n in names)


def test_installed_package_reads_its_own_ontology(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    script = (
        "import graphkit.resources as r, graphkit.ontology as o, graphkit.gazetteer as g;"
        "print(r.ontology_dir());"
        "print(len(o.load_ontology().types), len(g.load_gazetteer().actors))"
    )
    # run from an empty folder so that nothing of the source tree is on the path
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    where, counts = done.stdout.strip().splitlines()
    assert Path(where) == site / "graphkit" / "_ontology"
    types, actors = map(int, counts.split())
    assert types >= 30
    assert actors >= 200
