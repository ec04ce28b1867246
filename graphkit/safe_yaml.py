"""YAML from untrusted files: no aliases (no "billion laughs"), bounded nesting.

A YAML alias (``*name``) repeats a node; nested aliases make a kilobyte file expand to
gigabytes when loaded. graphkit's YAML inputs (statements, article front matter) never need
them, so an alias is refused with the line it is on.
"""

from __future__ import annotations

from typing import Any

import yaml

__all__ = ["MAX_DEPTH", "NoAliasLoader", "YamlRefused", "compose", "load"]

#: The deepest nesting of lists and mappings accepted.
MAX_DEPTH = 50


class YamlRefused(yaml.YAMLError):
    """YAML that is well formed but refused (an alias, too deep); ``line`` is 1-based."""

    def __init__(self, problem: str, line: int | None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line


class NoAliasLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing aliases and nesting deeper than :data:`MAX_DEPTH`."""

    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise YamlRefused("YAML aliases (*name) are not allowed in graphkit's inputs",
                              mark.line + 1)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark
                raise YamlRefused(f"nested more than {MAX_DEPTH} levels deep", mark.line + 1)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def load(text: str) -> Any:
    """The data of a YAML document, like ``yaml.safe_load`` but without aliases.

    Raises
    ------
    yaml.YAMLError
        For malformed YAML; :class:`YamlRefused` for an alias or deep nesting.

    Examples
    --------
    >>> load("a: [1, 2]")
    {'a': [1, 2]}
    >>> load("a: &x [1]\\nb: *x")
    Traceback (most recent call last):
    ...
    graphkit.safe_yaml.YamlRefused: YAML aliases (*name) are not allowed in graphkit's inputs
    """
    return yaml.load(text, Loader=NoAliasLoader)  # noqa: S506 - a SafeLoader subclass


def compose(text: str) -> Any:
    """The node tree of a YAML document (for line numbers), without aliases."""
    return yaml.compose(text, Loader=NoAliasLoader)
