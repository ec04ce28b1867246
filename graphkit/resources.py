"""Where the ontology data files live, in a source checkout and in an installed wheel."""

from __future__ import annotations

from functools import cache
from pathlib import Path

__all__ = ["ontology_dir", "ontology_file"]


@cache
def ontology_dir() -> Path:
    """The folder holding ``graphkit.ttl``, ``shapes.ttl``, ``actors/``, ``lexicon/`` ...

    A built wheel carries the files as ``graphkit/_ontology``; a source checkout (or an
    editable install) reads the top-level ``ontology/`` folder beside the package.
    """
    package = Path(__file__).resolve().parent
    for candidate in (package / "_ontology", package.parent / "ontology"):
        if (candidate / "graphkit.ttl").is_file():
            return candidate
    raise FileNotFoundError(
        f"graphkit's ontology files are missing: looked in {package / '_ontology'} and "
        f"{package.parent / 'ontology'}; reinstall graphkit-geo"
    )


def ontology_file(*parts: str) -> Path:
    """A file under the ontology folder, e.g. ``ontology_file("actors", "states.yaml")``."""
    return ontology_dir().joinpath(*parts)
