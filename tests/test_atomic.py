"""Outputs are written whole or not at all."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from graphkit.atomic import atomic_write


def test_success_replaces_the_target_with_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    target.write_text("old")
    with atomic_write(target) as handle:
        handle.write("new")
    assert target.read_text() == "new"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    assert [p.name for p in tmp_path.iterdir()] == ["out.ttl"]


def test_failure_leaves_the_target_and_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_write(target) as handle:
        handle.write("half")
        raise RuntimeError("stopped half way")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.ttl"]
