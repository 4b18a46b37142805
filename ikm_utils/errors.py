"""The project's exception types.

Every error a user can cause carries enough context to find and fix the problem
(file, row, column, value, key path), in Indonesian by default.
"""

from __future__ import annotations


class IkmError(Exception):
    """Base class of every error raised on purpose by ``ikm_utils``."""


class SchemeError(IkmError):
    """An unknown scheme, or a custom scheme whose unsur or weights are not valid."""


class ScoreError(IkmError):
    """A score table that the computation cannot take (values outside 1-4, missing unsur)."""
