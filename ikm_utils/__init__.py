"""ikm-report: the Indeks Kepuasan Masyarakat (PermenPANRB 14/2017), computed and reported.

The public API used by the notebooks and the ``ikm`` command.
"""

import sys

from ikm_utils.errors import DataValidationError, IkmError, SchemeError, ScoreError, StatsError
from ikm_utils.intake.ingest import IngestOptions, LongLayout, Responses, check_file, load_responses
from ikm_utils.method.compute import IkmResult, Summary, UnsurResult, compute_ikm
from ikm_utils.method.grading import grade, round_half_up
from ikm_utils.method.indonesian import format_number, format_percent
from ikm_utils.method.sample import check_sample, krejcie_morgan
from ikm_utils.method.schemes import DEFAULT_SCHEME, Scheme, Unsur, custom_scheme, get_scheme, scheme_ids
from ikm_utils.stats.additional import AdditionalAnalysis, additional_analysis
from ikm_utils.stats.compare import compare_periods
from ikm_utils.stats.intervals import bootstrap_ci, boundary_check, t_interval
from ikm_utils.stats.reliability import cronbach_alpha

# nbformat validates notebooks with jsonschema, whose format checkers import ``rfc3987_syntax`` when
# it is installed (jupyterlab brings it in): that package builds ~35 Earley grammars at import, 2.3 s
# of every ``ikm`` command that reads or writes a notebook. Only the "iri" formats use it and no
# notebook schema does, so it is marked absent (jsonschema skips those two checkers). See
# python-jsonschema/jsonschema#1428.
sys.modules.setdefault("rfc3987_syntax", None)

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
