"""Exports in, validated scores and problems out: readers, column recognition, answer labels, profile
columns, validation records and ingestion.

May import ``ikm_utils.method``.
"""
