"""Shorten text for one-line displays: cut at a word boundary and mark the cut."""

from __future__ import annotations

__all__ = ["fit", "shorten"]


def shorten(text: str, width: int) -> str:
    """``text`` on one line, at most ``width`` characters, cut after a whole word.

    Examples
    --------
    >>> shorten("Chile   criticised\\nPeru over the border.", 22)
    'Chile criticised Peru…'
    >>> shorten("short", 10)
    'short'
    """
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    cut = flat[: width - 1]
    space = cut.rfind(" ")
    if space > width // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


def fit(text: str, width: int) -> str:
    """``text`` padded or cut (with ``…``) to exactly ``width`` characters.

    Examples
    --------
    >>> fit("United Kingdom", 8), fit("Peru", 6)
    ('United …', 'Peru  ')
    """
    flat = " ".join(text.split())
    if len(flat) > width:
        flat = flat[: width - 1] + "…"
    return flat.ljust(width)
