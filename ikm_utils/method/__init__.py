"""The regulation as data and arithmetic: schemes (``data/schemes.yaml``), grading, sample size, periods,
the IKM computation and the Indonesian number format.

Imports nothing of the project but itself and ``ikm_utils.errors``.
"""
