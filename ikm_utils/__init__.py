"""ikm-report: the Indeks Kepuasan Masyarakat (PermenPANRB 14/2017), computed and reported.

The public API used by the notebooks and the ``ikm`` command.
"""

from ikm_utils.compute import IkmResult, Summary, UnsurResult, compute_ikm
from ikm_utils.errors import IkmError, SchemeError, ScoreError
from ikm_utils.grading import grade, round_half_up
from ikm_utils.sample import check_sample, krejcie_morgan
from ikm_utils.schemes import DEFAULT_SCHEME, Scheme, Unsur, custom_scheme, get_scheme, scheme_ids
from ikm_utils.text import format_number, format_percent

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_SCHEME",
    "IkmError",
    "IkmResult",
    "Scheme",
    "SchemeError",
    "ScoreError",
    "Summary",
    "Unsur",
    "UnsurResult",
    "check_sample",
    "compute_ikm",
    "custom_scheme",
    "format_number",
    "format_percent",
    "get_scheme",
    "grade",
    "krejcie_morgan",
    "round_half_up",
    "scheme_ids",
]
