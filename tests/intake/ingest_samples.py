"""One small SKM sample written in every layout the ingest tests read (generated, never stored)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np

from ikm_utils.method.schemes import get_scheme

SCHEME = get_scheme("permen14_2017")
CODES = SCHEME.codes
#: The model questionnaire's questions, in the order of 14/2017, numbered as a form does.
QUESTIONS = {
    "U1": "1. Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
    "U2": "2. Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
    "U3": "3. Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
    "U4": "4. Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
    "U5": "5. Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam "
    "standar pelayanan dengan hasil yang diberikan?",
    "U6": "6. Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
    "U7": "7. Bagaimana pendapat saudara perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
    "U8": "8. Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
    "U9": "9. Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
}
PROFILE = ["Laki-laki", "Perempuan", "Laki - Laki", "P", "L"]


def sample(n: int = 15, seed: int = 3) -> dict[str, list]:
    """n respondents: scores 1-4 with a few blanks, a timestamp, jenis kelamin, usia, layanan."""
    rng = np.random.default_rng(seed)
    scores = rng.choice([1, 2, 3, 4], size=(n, len(CODES)), p=[0.1, 0.2, 0.4, 0.3]).astype(object)
    scores[rng.random((n, len(CODES))) < 0.05] = None
    return {
        "scores": scores.tolist(),
        "stamp": [f"{15 + i // 5:02d}/07/2020 {8 + i % 9:02d}.{(7 * i) % 60:02d}.{(13 * i) % 60:02d}"
                  for i in range(n)],
        "jk": [PROFILE[i % len(PROFILE)] for i in range(n)],
        "usia": [str(18 + (7 * i) % 50) for i in range(n)],
        "layanan": ["KTP" if i % 3 else "KK" for i in range(n)],
    }


def _label(code: str, score: int | None, style: int) -> str:
    if score is None:
        return ""
    text = SCHEME.unsur[CODES.index(code)].label[score - 1]
    return [text, text.upper(), text.lower(), f" {text.title()} "][style % 4]


def _write(path: Path, rows: list[list[str]], sep: str, encoding: str, bom: bool, crlf: bool) -> Path:
    buf = io.StringIO()
    csv.writer(buf, delimiter=sep, lineterminator="\r\n" if crlf else "\n").writerows(rows)
    data = buf.getvalue().encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def tidy_rows(s: dict) -> list[list[str]]:
    """Header ``Cap waktu, Jenis Kelamin, Usia, layanan, U1..U9`` and numbers."""
    rows = [["Cap waktu", "Jenis Kelamin", "Usia", "layanan", *CODES]]
    for i, sc in enumerate(s["scores"]):
        answers = ["" if v is None else str(v) for v in sc]
        rows.append([s["stamp"][i], s["jk"][i], s["usia"][i], s["layanan"][i], *answers])
    return rows


def write_tidy(path: Path, s: dict, sep: str = ",", encoding: str = "utf-8", bom: bool = False,
               crlf: bool = False) -> Path:
    """The tidy file: unsur columns headed ``U1..U9`` holding 1-4."""
    return _write(path, tidy_rows(s), sep, encoding, bom, crlf)


def forms_rows(s: dict, order: list[str] | None = None) -> list[list[str]]:
    """A Google-Forms-like table: question headers, answer text in mixed case, profile first."""
    order = order or CODES
    rows = [["Cap waktu", "Jenis Kelamin", "Usia (tahun)", "Jenis layanan yang diterima",
             *(QUESTIONS[c] for c in order), "Saran dan masukan"]]
    for i, sc in enumerate(s["scores"]):
        answers = [_label(c, sc[CODES.index(c)], i + k) for k, c in enumerate(order)]
        rows.append([s["stamp"][i], s["jk"][i], s["usia"][i], s["layanan"][i], *answers, "Terima kasih; pertahankan"])
    return rows


def write_forms(path: Path, s: dict, sep: str = ";", encoding: str = "utf-8", bom: bool = True, crlf: bool = True,
                order: list[str] | None = None) -> Path:
    """The Google Forms export of the done-when: question headers, text answers, ``;``, BOM."""
    return _write(path, forms_rows(s, order), sep, encoding, bom, crlf)


def write_long(path: Path, s: dict, sep: str = ",") -> Path:
    """A kiosk-app long layout: ``id_responden, item, jawaban, tanggal`` (one row per respondent x item)."""
    rows = [["no", "id_responden", "item", "jawaban", "tanggal"]]
    k = 0
    for i, sc in enumerate(s["scores"]):
        items = [("jenis_kelamin", s["jk"][i]), ("usia", s["usia"][i]), ("layanan", s["layanan"][i])]
        items += [(c.lower(), "" if v is None else str(v)) for c, v in zip(CODES, sc, strict=True)]
        for item, value in items:
            k += 1
            rows.append([str(k), f"R{i + 1:03d}", item, value, s["stamp"][i]])
    return _write(path, rows, sep, "utf-8", False, False)


def write_xlsx(path: Path, s: dict, sheet: str = "Data", decoy_first: bool = False, title: bool = False) -> Path:
    """An XLSX workbook typed at the counter: numbers as numbers, optionally a title row and a decoy first sheet."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    if decoy_first:
        ws.title = "Petunjuk"
        ws.append(["Isi lembar Data", "jangan ubah judul kolom"])
        ws = wb.create_sheet(sheet)
    else:
        ws.title = sheet
    if title:
        ws.append(["SURVEI KEPUASAN MASYARAKAT 2020"])
        ws.append([])
    rows = tidy_rows(s)
    ws.append(rows[0])
    for row in rows[1:]:
        ws.append([int(v) if v.isdigit() else (v or None) for v in row])
    wb.save(path)
    return path
