"""YAML written by users (parameter files, column mappings), read safely and with limits.

``yaml.safe_load`` already refuses arbitrary objects, but not size: a *billion laughs* file
(aliases of aliases) is small on disk and explodes into billions of values once expanded, and a
date like ``2024-13-45`` is rejected by the loader itself, with no key path and hiding every
other problem of the file. Here the node graph is measured before anything is built, and
timestamps stay text so that the parameter model checks them, each under its key path.
"""

from __future__ import annotations

from typing import Any

import yaml

from ikm_utils.intake.limits import MAX_YAML_NODES


class YamlTooLarge(ValueError):
    """A YAML document whose aliases expand to more than :data:`MAX_YAML_NODES` values."""


class _TextDates(yaml.SafeLoader):
    """SafeLoader without the implicit timestamp type: ``2024-01-31`` stays the text it is."""


_TextDates.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def expanded_size(node: yaml.Node | None, limit: int = MAX_YAML_NODES) -> int:
    """How many values ``node`` holds once every alias is expanded (stops counting past ``limit``)."""
    sizes: dict[int, int] = {}

    def size(n: yaml.Node) -> int:
        key = id(n)
        if key in sizes:
            return sizes[key]
        sizes[key] = limit + 1  # a recursive alias counts as too large
        total = 1
        if isinstance(n, yaml.SequenceNode):
            for child in n.value:
                total += size(child)
                if total > limit:
                    break
        elif isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                total += size(k) + size(v)
                if total > limit:
                    break
        sizes[key] = min(total, limit + 1)
        return sizes[key]

    return 0 if node is None else size(node)


def load_yaml(text: str, *, dates_as_text: bool = True, limit: int = MAX_YAML_NODES) -> Any:
    """Parse one YAML document safely; raise :class:`YamlTooLarge` when aliases make it huge.

    >>> load_yaml("mulai: 2024-13-45\\nn: 3")
    {'mulai': '2024-13-45', 'n': 3}
    >>> bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\\n" + "".join(
    ...     f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\\n" for p, c in zip("abcdefgh", "bcdefghi"))
    >>> load_yaml(bomb)
    Traceback (most recent call last):
    ...
    ikm_utils.intake.yaml_input.YamlTooLarge: alias YAML (&/*) mengembang menjadi lebih dari 50000 nilai
    """
    loader = (_TextDates if dates_as_text else yaml.SafeLoader)(text)
    try:
        node = loader.get_single_node()
        if expanded_size(node, limit) > limit:
            raise YamlTooLarge(f"alias YAML (&/*) mengembang menjadi lebih dari {limit} nilai")
        return None if node is None else loader.construct_document(node)
    finally:
        loader.dispose()
