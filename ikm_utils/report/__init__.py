"""What the report shows: the report context, history, narrative and interpretation, tables, plots,
display helpers, saran and privacy masking.

May import ``method``, ``intake``, ``stats`` and ``ikm_utils.params``.
"""
