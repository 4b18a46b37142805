"""The questionnaire as respondents see it: Lampiran 1 of the report, and ``ikm kuesioner`` alone.

The form holds the unit and period, the profile questions (jenis kelamin, usia, pendidikan,
pekerjaan, the unit's layanan), the scheme's questions each with its four answer options, and a
saran box. :func:`template_columns` gives the headers of an empty CSV a counter types paper forms
into; ``ikm validate`` recognises every one of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any

import yaml

from ikm_utils.method.schemes import Scheme, ingest_vocabulary
from ikm_utils.report.display import esc

#: Profile questions of the form, in order, with the CSV header that ``ikm validate`` maps to them.
PROFILE_HEADERS = (("tanggal", "Tanggal"), ("jenis_kelamin", "Jenis Kelamin"), ("usia", "Usia"),
                   ("pendidikan", "Pendidikan"), ("pekerjaan", "Pekerjaan"), ("jenis_layanan", "Jenis Layanan"))
SARAN_HEADER = "Saran"
_SEX = {"L": "Laki-laki", "P": "Perempuan"}
_EDU = {"SMA": "SMA/SMK", "Diploma": "Diploma (D1–D3)", "S1": "S1/D4"}

STYLE = """
<style>
.ikm-kuesioner { font-size: 0.86em; line-height: 1.3; }
.ikm-kuesioner .kop { text-align: center; border-bottom: 2px solid #1f2328; padding-bottom: 0.4em;
  margin-bottom: 0.6em; }
.ikm-kuesioner .kop .judul { font-weight: bold; font-size: 1.15em; letter-spacing: 0.03em; }
.ikm-kuesioner .petunjuk { font-size: 0.9em; margin: 0.3em 0 0.6em; }
.ikm-kuesioner table { width: 100%; border-collapse: collapse; margin: 0.3em 0 0.6em; font-size: 0.92em; }
.ikm-kuesioner td, .ikm-kuesioner th { border: 1px solid #8c959f; padding: 0.15em 0.4em; vertical-align: top; }
.ikm-kuesioner tbody tr:nth-child(even) td { background: none; }
.ikm-kuesioner th { background: #eef1f4; text-align: left; }
.ikm-kuesioner tr { break-inside: avoid; page-break-inside: avoid; }
.ikm-kuesioner .opsi { white-space: nowrap; margin-right: 1.1em; display: inline-block; }
.ikm-kuesioner .kotak { display: inline-block; width: 0.8em; height: 0.8em; border: 1px solid #1f2328;
  margin-right: 0.3em; vertical-align: -0.1em; }
.ikm-kuesioner .saran { height: 4.5em; border: 1px solid #8c959f; margin-top: 0.2em; }
.ikm-kuesioner p { margin: 0.2em 0; }
.ikm-kuesioner .no { width: 1.6em; text-align: center; }
</style>
"""


@cache
def _questions() -> dict:
    text = resources.files("ikm_utils.method").joinpath("data/kuesioner.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text) or {}


def question(scheme: Scheme, code: str) -> str:
    """The question respondents read for one unsur (the model questionnaire's text when there is one).

    >>> from ikm_utils.method.schemes import get_scheme
    >>> question(get_scheme("permen14_2017"), "U4")
    'Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?'
    """
    base = scheme.id.split("+")[0]
    text = _questions().get(base, {}).get(code)
    if text:
        return text
    name = next((u.nama for u in scheme.unsur if u.kode == code), code)
    return f"Bagaimana pendapat Saudara tentang {name.lower()}?"


def _options(values: Sequence[str]) -> str:
    return "".join(f'<span class="opsi"><span class="kotak"></span>{esc(v, mask=True)}</span>' for v in values)


def layanan_options(params: Any, data: Any = None) -> list[str]:
    """The unit's layanan: ``unit.layanan`` in the parameters, else the categories in the data (when
    given), else none (a line to write on)."""
    if getattr(params.unit, "layanan", None):
        return list(params.unit.layanan)
    if data is not None and "jenis_layanan" in getattr(data, "columns", []):
        values = data["jenis_layanan"].dropna()
        cats = getattr(values, "cat", None)
        found = list(cats.categories) if cats is not None else sorted(set(values.astype(str)))
        return [str(v) for v in found if str(v).strip()]
    return []


def questionnaire_html(params: Any, scheme: Scheme, layanan: Sequence[str] = (), *, heading: bool = True) -> str:
    """The printable form (escaped HTML): header, profile, the scheme's questions with four options, saran."""
    vocab = ingest_vocabulary()["nilai_profil"]
    u = params.unit
    parts = [STYLE, '<div class="ikm-kuesioner">']
    if heading:
        parts.append(
            '<div class="kop">'
            f'<div class="judul">KUESIONER SURVEI KEPUASAN MASYARAKAT (SKM)</div>'
            f"<div>{esc(u.nama)}</div>"
            + (f"<div>{esc(u.instansi)}</div>" if u.instansi else "")
            + f"<div>{esc(params.period.label)}</div></div>"
        )
    parts.append('<p class="petunjuk">Petunjuk: berilah tanda centang (✓) pada kotak jawaban yang sesuai dengan '
                 "penilaian Saudara. Jawaban Saudara dijaga kerahasiaannya dan hanya dipakai untuk perbaikan "
                 "pelayanan.</p>")
    sex = [_SEX.get(k, k) for k in vocab["jenis_kelamin"]]
    edu = [_EDU.get(k, k) for k in vocab["pendidikan"]]
    job = list(vocab["pekerjaan"])
    rows = [
        ("Tanggal survei", "…… / …… / ………"),
        ("Jenis kelamin", _options(sex)),
        ("Usia", "……… tahun"),
        ("Pendidikan terakhir", _options(edu)),
        ("Pekerjaan", _options(job[:-1]) + _options(["Lainnya: ……………"])),
        ("Jenis layanan yang diterima", _options(layanan) if layanan else "………………………………………………"),
    ]
    parts.append("<table><thead><tr><th colspan=\"2\">Profil responden</th></tr></thead><tbody>"
                 + "".join(f"<tr><td>{esc(k)}</td><td>{v}</td></tr>" for k, v in rows) + "</tbody></table>")
    parts.append('<table><thead><tr><th class="no">No</th><th>Pendapat Saudara tentang pelayanan</th></tr></thead>'
                 "<tbody>")
    for i, unsur in enumerate(scheme.unsur, start=1):
        labels = [f"{'abcd'[v]}. {unsur.label[v]}" for v in range(4)]
        parts.append(f'<tr><td class="no">{i}</td><td><strong>{esc(question(scheme, unsur.kode))}</strong><br>'
                     f"{_options(labels)}</td></tr>")
    parts.append("</tbody></table>")
    parts.append("<p><strong>Saran dan masukan untuk perbaikan pelayanan:</strong></p><div class=\"saran\"></div>")
    parts.append('<p class="petunjuk">Nilai jawaban: a = 1, b = 2, c = 3, d = 4. Terima kasih atas kesediaan '
                 "Saudara mengisi kuesioner ini.</p></div>")
    return "".join(parts)


def template_columns(scheme: Scheme) -> list[str]:
    """Headers of the empty CSV template for typing paper forms: profile, one column per unsur code, saran.

    >>> from ikm_utils.method.schemes import get_scheme
    >>> template_columns(get_scheme("permen14_2017"))[5:8]
    ['Jenis Layanan', 'U1', 'U2']
    """
    return [h for _, h in PROFILE_HEADERS] + list(scheme.codes) + [SARAN_HEADER]


__all__ = ["layanan_options", "question", "questionnaire_html", "template_columns"]
