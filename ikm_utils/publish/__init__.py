"""Running notebooks and writing files: render (papermill), export (HTML), output folders, ringkasan.json,
the teaching notebook, and what a render publishes beside the report: workbook (olah_data.xlsx),
infographic, public (ringkasan_publik.html), facts (their shared figures), evaluasi (bukti_evaluasi),
publication (the formats xlsx and png).

May import everything below it: ``report``, ``stats``, ``intake``, ``method`` and ``ikm_utils.params``.
"""
