"""The cyclic garbage collector switched off while bulk data without cycles is built."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["no_collection"]


@contextlib.contextmanager
def no_collection() -> Iterator[None]:
    """Turn the cyclic garbage collector off for the block, and back on if it was on.

    Writing RDF or a page makes millions of small dicts, tuples and strings that hold no
    cycles; the collector's passes over them would cost about a third of the time.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
