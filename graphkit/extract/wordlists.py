"""Reading the small word-list files of ``ontology/lexicon/`` (references, events, sectors):
their modification time for the caches, their YAML mapping, and a list of words in it, each
failure an :class:`~graphkit.errors.InputError` that names the file (and line)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from graphkit.errors import InputError

__all__ = ["file_mtime", "read_mapping", "word_list"]


def file_mtime(file: Path) -> int:
    """The file's modification time in nanoseconds (a cache key)."""
    try:
        return file.stat().st_mtime_ns
    except OSError as exc:
        raise InputError(file, f"cannot read: {exc.strerror or exc}") from None


def read_mapping(path: Path) -> dict[str, Any]:
    """The YAML mapping at the top of ``path`` (an empty file is an empty mapping)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(path, f"not valid YAML: {getattr(exc, 'problem', exc)}",
                         mark.line + 1 if mark is not None else None) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(path, "expected a mapping at the top", 1)
    return data


def word_list(data: dict[str, Any], key: str, path: Path) -> list[str]:
    """The lower-case words listed under ``key`` (none when the key is absent)."""
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise InputError(path, f"{key}: expected a list of words")
    return [v.strip().lower() for v in value]
