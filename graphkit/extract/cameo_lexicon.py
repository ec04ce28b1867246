"""The stance triggers of ``ontology/lexicon/cameo/``: one file per CAMEO root, grouped by code.

``codebook.tsv`` lists every CAMEO 1.1b3 event code with its name, its Goldstein scale value
and the graphkit stance type it maps to by default. Each ``NN_name.yaml`` holds the triggers of
root ``NN``::

    root: "19"
    name: Fight
    codes:
      "195":
        name: Employ aerial weapons
        entries:
          - type: attacks
            phrases: [bomb, launch an airstrike on]

An entry uses the keys of a ``stances*.yaml`` entry (see ``graphkit.extract.lexicon``) and
inherits its CAMEO code from its group; ``type`` may be left out, for the codebook's default.
This module reads and checks the files and yields flat entry dicts with a ``cameo`` key; the
lexicon loader turns them into triggers.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from graphkit.errors import InputError
from graphkit.extract.lexicon import _TRIGGER_KEYS, _read
from graphkit.ontology import CameoCode, Ontology, cameo_codebook

__all__ = ["CameoCode", "cameo_entries", "codebook", "load_codebook"]

CODEBOOK = "codebook.tsv"
_FILE_KEYS = {"root", "name", "codes"}
_GROUP_KEYS = {"name", "entries"}


def load_codebook(path: str | Path | None = None) -> dict[str, CameoCode]:
    """The CAMEO codebook (graphkit's ``ontology/lexicon/cameo/codebook.tsv`` by default);
    see :func:`graphkit.ontology.cameo_codebook`, which reads it.

    Examples
    --------
    >>> book = load_codebook()
    >>> book["195"].name, book["195"].goldstein, book["195"].stance_type
    ('Employ aerial weapons', -10.0, 'attacks')
    """
    return cameo_codebook(path)


def codebook() -> dict[str, CameoCode]:
    """graphkit's CAMEO codebook, read once: code ("195") -> name, Goldstein value, type."""
    return cameo_codebook()


def _check_codebook(book: dict[str, CameoCode], path: Path, ontology: Ontology) -> None:
    for code in book.values():
        if code.stance_type not in ontology:
            raise InputError(path, f"code {code.code}: {code.stance_type!r} is not a stance type")
        if code.root not in ontology[code.stance_type].cameo_roots:
            raise InputError(path, f"code {code.code}: stance type {code.stance_type} does not "
                             f"cover CAMEO root {code.root}")


def cameo_entries(folder: Path, ontology: Ontology) -> Iterator[tuple[Path, int, dict[str, Any]]]:
    """The trigger entries of a CAMEO lexicon folder, as (file, entry number, entry) with the
    entry's ``cameo`` code, its ``goldstein`` value and its ``type`` filled in, file by file in
    root order.

    Raises
    ------
    InputError
        For an unknown code, a code of another root, a stance type that does not cover the
        code's root, or an unknown key, naming the file and the line.
    """
    book_path = folder / CODEBOOK
    book = cameo_codebook(book_path)
    _check_codebook(book, book_path, ontology)
    files = sorted(folder.glob("[0-2][0-9]_*.yaml"))
    if not files:
        raise InputError(folder, "no NN_*.yaml file of CAMEO triggers in the folder")
    for path in files:
        yield from _file_entries(path, book, ontology)


def _file_entries(path: Path, book: dict[str, CameoCode],
                  ontology: Ontology) -> Iterator[tuple[Path, int, dict[str, Any]]]:
    data = _read(path)
    if not isinstance(data, dict):
        raise InputError(path, "a CAMEO trigger file is a mapping with root, name and codes", 1)
    line = data.get("__line__")
    unknown = sorted(set(data) - _FILE_KEYS - {"__line__"})
    if unknown:
        raise InputError(path, f"unknown key(s) {', '.join(unknown)}", line)
    root = str(data.get("root", ""))
    if root != path.name[:2]:
        raise InputError(path, f"root {root!r} does not match the file name", line)
    codes = data.get("codes")
    if not isinstance(codes, dict):
        raise InputError(path, "'codes' maps CAMEO codes to {name, entries}", line)
    index = 0
    for code, group in codes.items():
        if code == "__line__":
            continue
        code = str(code)
        group_line = group.get("__line__") if isinstance(group, dict) else codes.get("__line__")
        if code not in book:
            raise InputError(path, f"code {code!r} is not in the codebook", group_line)
        if not code.startswith(root):
            raise InputError(path, f"code {code} is not of CAMEO root {root}", group_line)
        if not isinstance(group, dict) or not isinstance(group.get("entries"), list):
            raise InputError(path, f"code {code}: expected a mapping with a list of entries",
                             group_line)
        unknown = sorted(set(group) - _GROUP_KEYS - {"__line__"})
        if unknown:
            raise InputError(path, f"code {code}: unknown key(s) {', '.join(unknown)}",
                             group_line)
        for entry in group["entries"]:
            index += 1
            entry_line = entry.get("__line__") if isinstance(entry, dict) else group_line
            if not isinstance(entry, dict):
                raise InputError(path, f"code {code}: entry {index} is not a mapping",
                                 entry_line)
            unknown = sorted(set(entry) - _TRIGGER_KEYS - {"__line__"})
            if unknown:
                raise InputError(path, f"entry {index}: unknown key(s) {', '.join(unknown)}",
                                 entry_line)
            kind = entry.get("type", book[code].stance_type)
            if kind not in ontology:
                raise InputError(path, f"entry {index}: {kind!r} is not a stance type",
                                 entry_line)
            if code[:2] not in ontology[kind].cameo_roots:
                raise InputError(path, f"entry {index}: code {code} is not of a CAMEO root of "
                                 f"{kind} ({', '.join(sorted(ontology[kind].cameo_roots))})",
                                 entry_line)
            yield path, index, {**entry, "type": kind, "cameo": code,
                                "goldstein": book[code].goldstein}
