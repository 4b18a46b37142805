"""ikm-report: the Indeks Kepuasan Masyarakat (PermenPANRB 14/2017), computed and reported.

The public API used by the notebooks and the ``ikm`` command.
"""

from ikm_utils.additional import AdditionalAnalysis, additional_analysis
from ikm_utils.compare import compare_periods
from ikm_utils.compute import IkmResult, Summary, UnsurResult, compute_ikm
from ikm_utils.errors import DataValidationError, IkmError, SchemeError, ScoreError, StatsError
from ikm_utils.grading import grade, round_half_up
from ikm_utils.ingest import IngestOptions, LongLayout, Responses, check_file, load_responses
from ikm_utils.reliability import cronbach_alpha
from ikm_utils.sample import check_sample, krejcie_morgan
from ikm_utils.schemes import DEFAULT_SCHEME, Scheme, Unsur, custom_scheme, get_scheme, scheme_ids
from ikm_utils.stats import bootstrap_ci, boundary_check, t_interval
from ikm_utils.text import format_number, format_percent

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_SCHEME",
    "AdditionalAnalysis",
    "DataValidationError",
    "IkmError",
    "IkmResult",
    "IngestOptions",
    "LongLayout",
    "Responses",
    "Scheme",
    "SchemeError",
    "ScoreError",
    "StatsError",
    "Summary",
    "Unsur",
    "UnsurResult",
    "additional_analysis",
    "bootstrap_ci",
    "check_file",
    "boundary_check",
    "check_sample",
    "compare_periods",
    "compute_ikm",
    "cronbach_alpha",
    "custom_scheme",
    "format_number",
    "format_percent",
    "get_scheme",
    "grade",
    "krejcie_morgan",
    "load_responses",
    "round_half_up",
    "scheme_ids",
    "t_interval",
]
