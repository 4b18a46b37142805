"""``ikm kuesioner P.yaml``: the questionnaire alone, for counters that still use paper.

Writes ``kuesioner.html`` (printable A4, the same form as Lampiran 1 of the report),
``kuesioner.pdf`` (when WeasyPrint is available) and ``kuesioner_isian.csv``: an empty template
(headers only) to type the paper forms into, whose headers ``ikm validate`` recognises.
"""

from __future__ import annotations

import csv
import html
from pathlib import Path

from ikm_utils.params import load_params
from ikm_utils.publish.export import page_css
from ikm_utils.publish.pdf import html_to_pdf, pdf_problem
from ikm_utils.report.questionnaire import layanan_options, questionnaire_html, template_columns

_PAGE = """<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
{css}
@page {{ size: A4; margin: 1.6cm 1.8cm; @top-left {{ content: none; }} @top-right {{ content: none; }}
  @bottom-center {{ content: none; }} }}
</style>
</head>
<body><main class="laporan">{form}</main></body>
</html>
"""


def write_questionnaire(params_path: str | Path, folder: str | Path, *, pdf: bool = True) -> dict[str, Path]:
    """Write the unit's questionnaire (HTML, PDF when possible) and the empty CSV template into ``folder``.

    Returns the files written by kind (``html``, ``pdf``, ``csv``); a PDF that cannot be made here is
    left out (``pdf_problem()`` says why).
    """
    params = load_params(params_path, check_files=False)
    scheme = params.scheme()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    form = questionnaire_html(params, scheme, layanan_options(params))
    title = f"Kuesioner SKM {params.unit.nama} {params.period.label}"
    page = _PAGE.format(title=html.escape(title), css=page_css(), form=form)
    files = {"html": folder / "kuesioner.html", "csv": folder / "kuesioner_isian.csv"}
    files["html"].write_text(page, encoding="utf-8")
    with open(files["csv"], "w", encoding="utf-8-sig", newline="") as fh:  # BOM: Excel opens it as UTF-8
        csv.writer(fh).writerow(template_columns(scheme))
    if pdf and pdf_problem() is None:
        files["pdf"] = html_to_pdf(files["html"], folder / "kuesioner.pdf")
    return files


__all__ = ["write_questionnaire"]
