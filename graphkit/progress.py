"""Progress bars on standard error for the long steps: extraction, graph assembly, writing and
loading. Each shows how many items are done, how much text or how many triples, and the rates;
a bar that is off costs nothing."""

from __future__ import annotations

import time
from typing import Any

__all__ = ["Progress"]


class Progress:
    """A rich progress display of ``label``: items done, their size, and both rates.

    Parameters
    ----------
    enabled : bool
        Off, every method does nothing.
    label : str
        What is being done ("extracting", "assembling", "writing", "loading").
    unit : str
        What an item is ("articles", "stances", "graphs").
    size_unit : str, optional
        What ``size`` counts ("chars", "triples"); no size column without it.
    total : int, optional
        Items expected, when known.
    """

    def __init__(self, enabled: bool, label: str, unit: str = "articles",
                 size_unit: str | None = "chars", total: int | None = None) -> None:
        self._bar: Any = None
        self._size = 0
        self._started = time.perf_counter()
        if not enabled:
            return
        from rich.console import Console
        from rich.progress import BarColumn, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as Bar

        columns: list[Any] = [TextColumn(f"{label:<11}"), BarColumn(bar_width=24),
                              TextColumn("{task.completed:,} " + unit),
                              TextColumn("{task.fields[rate]:,.0f} " + unit + "/s")]
        if size_unit is not None:
            columns += [TextColumn("{task.fields[size]:,} " + size_unit),
                        TextColumn("{task.fields[size_rate]:,.0f} " + size_unit + "/s")]
        columns.append(TimeElapsedColumn())
        self._bar = Bar(*columns, console=Console(stderr=True), transient=True)
        self._task = self._bar.add_task(label, total=total, rate=0.0, size=0, size_rate=0.0)
        self._bar.start()

    def advance(self, count: int = 1, size: int = 0) -> None:
        """``count`` more items done, of ``size`` more characters or triples."""
        if self._bar is None:
            return
        self._size += size
        seconds = max(time.perf_counter() - self._started, 1e-9)
        done = self._bar.tasks[0].completed + count
        self._bar.update(self._task, advance=count, size=self._size,
                         rate=done / seconds, size_rate=self._size / seconds)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
