"""Beyond the regulation: intervals, period comparison, reliability, descriptive analysis.

May import ``ikm_utils.method`` (never ``intake``: statistics work on a scores table, wherever it came from).
"""
