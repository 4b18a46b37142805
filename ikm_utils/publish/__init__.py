"""Running notebooks and writing files: render (papermill), export (HTML), output folders, ringkasan.json,
the teaching notebook.

May import everything below it: ``report``, ``stats``, ``intake``, ``method`` and ``ikm_utils.params``.
"""
