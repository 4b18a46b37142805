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


class StatsError(IkmError):
    """Arguments the additional statistics cannot take (a population smaller than the sample, a bad level)."""


class DataValidationError(IkmError):
    """A data file with problems that stop the run; ``.problems`` holds every one of them.

    ``str()`` lists each problem's message on its own line, so one run names them all.
    """

    def __init__(self, problems, mapping: dict[str, str] | None = None) -> None:
        self.problems = list(problems)
        self.mapping = dict(mapping or {})
        n = len(self.problems)
        head = f"Data tidak valid: {n} masalah ditemukan."
        super().__init__("\n".join([head, *(f"- {p.message}" for p in self.problems)]))

    @property
    def errors(self) -> list:
        """The problems of severity ``error``."""
        return [p for p in self.problems if p.severity == "error"]


class RenderError(IkmError):
    """A report that could not be rendered: a failing notebook cell, a timeout, a dead kernel, an export.

    ``ename``/``evalue`` are the cell error's name and value, ``cell`` the 1-based position of the
    failing code cell in the executed notebook (``None`` when no cell is to blame) and ``cell_source``
    its first line; ``failed_notebook`` is where the partly executed notebook was saved.
    """

    def __init__(
        self,
        message: str,
        *,
        ename: str | None = None,
        evalue: str | None = None,
        cell: int | None = None,
        cell_source: str | None = None,
        failed_notebook: str | None = None,
    ) -> None:
        self.ename = ename
        self.evalue = evalue
        self.cell = cell
        self.cell_source = cell_source
        self.failed_notebook = failed_notebook
        super().__init__(message)
