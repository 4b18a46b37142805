"""Headers to unsur and profile fields: code, name, synonym, question text; explicit mapping wins."""

from __future__ import annotations

import pytest
from ingest_samples import CODES, QUESTIONS, SCHEME

from ikm_utils.errors import DataValidationError
from ikm_utils.intake.ingest import IngestOptions, load_responses
from ikm_utils.intake.recognise import header_key, recognise
from ikm_utils.method.schemes import get_scheme


def mapped(headers, explicit=None, scheme=SCHEME):
    r = recognise(headers, scheme, "d.csv", explicit)
    return {t: headers[j] for t, j in r.columns.items()}, r


@pytest.mark.parametrize("header", ["U1", "u1", "U 1", "u_1", "U-01", " U.1 "])
def test_code_headers_map_by_code(header):
    m, r = mapped([header, "U2"])
    assert m["U1"] == header and r.how["U1"] == "kode"


@pytest.mark.parametrize(
    ("header", "code"),
    [
        ("Persyaratan", "U1"),
        ("Prosedur", "U2"),
        ("Sistem, Mekanisme, dan Prosedur", "U2"),
        ("Waktu pelayanan", "U3"),
        ("BIAYA / TARIF", "U4"),
        ("Produk layanan", "U5"),
        ("Kompetensi petugas", "U6"),
        ("Perilaku Pelaksana", "U7"),
        ("Penanganan Pengaduan, Saran dan Masukan", "U8"),
        ("Sarana dan Prasarana", "U9"),
        ("Sarana & Prasarana", "U9"),
        ("4. Biaya/Tarif", "U4"),
        ("Penilaian Anda terhadap layanan [Kompetensi petugas]", "U6"),
    ],
)
def test_names_and_synonyms(header, code):
    m, r = mapped([header])
    assert m.get(code) == header and r.how[code] == "nama"


def test_every_model_question_text_names_its_unsur_in_any_order():
    order = ["U9", "U4", "U1", "U8", "U3", "U7", "U2", "U6", "U5"]
    headers = ["Cap waktu", *(QUESTIONS[c] for c in order), "Saran dan masukan untuk kami"]
    m, r = mapped(headers)
    assert {c: m[c] for c in CODES} == QUESTIONS
    assert all(r.how[c] == "teks pertanyaan" for c in CODES) and r.problems == []
    assert m["tanggal"] == "Cap waktu" and m["saran"] == "Saran dan masukan untuk kami"


def test_question_without_numbering_and_with_other_wording():
    m, _ = mapped(["Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?"])
    assert "U4" in m


def test_stronger_match_wins_over_weaker_one():
    # "waktu" is a synonym of U3, but the code column u3 is stronger; "waktu" stays an ordinary column
    m, r = mapped(["u3", "waktu", "tanggal"])
    assert m["U3"] == "u3" and "waktu" not in m.values() and m["tanggal"] == "tanggal"


def test_two_equally_good_columns_are_an_error_naming_both():
    m, r = mapped(["Prosedur", "Prosedur pelayanan", *(c for c in CODES if c != "U2")])
    assert "U2" not in m
    (p,) = [p for p in r.problems if p.severity == "error"]
    assert p.kind == "kolom_unsur_ganda" and p.column == "U2"
    assert "Prosedur | Prosedur pelayanan" in p.value and "--kolom U2=" in p.expected


def test_missing_unsur_lists_the_columns_still_free():
    headers = ["Responden", "Catatan petugas", *(c for c in CODES if c != "U4")]
    _, r = mapped(headers)
    (p,) = r.problems
    assert (p.kind, p.column, p.severity) == ("kolom_unsur_hilang", "U4", "error")
    assert "Biaya/Tarif" in p.expected and "Responden, Catatan petugas" in p.message


def test_explicit_mapping_always_wins_and_is_reported():
    # a questionnaire numbered in its own order: column "u8" holds sarana, "u9" pengaduan
    headers = [f"u{i}" for i in range(1, 10)]
    m, r = mapped(headers, {"U8": "u9", "U9": "u8"})
    assert (m["U8"], m["U9"], r.how["U8"]) == ("u9", "u8", "pemetaan")
    assert m["U1"] == "u1" and r.problems == []


def test_explicit_mapping_matches_headers_loosely_but_uniquely():
    m, _ = mapped(["Kualitas Sarana ", *(c for c in CODES if c != "U9")], {"U9": "kualitas sarana"})
    assert m["U9"] == "Kualitas Sarana "


def test_explicit_mapping_to_a_missing_header_names_the_columns():
    _, r = mapped(list(CODES), {"U8": "Pengaduan"})
    (p,) = [p for p in r.problems if p.kind == "kolom_tidak_ada"]
    assert p.column == "Pengaduan" and "U1, U2" in p.message


def test_explicit_mapping_to_an_unknown_target_is_an_error():
    _, r = mapped(list(CODES), {"U10": "U9"})
    assert [p.kind for p in r.problems] == ["pemetaan_tidak_valid"]


def test_label_columns_are_not_unsur_columns():
    headers = [*(f"u{i}" for i in range(1, 10)), *(f"u{i}_label" for i in range(1, 10)), "usia_code", "unit_code"]
    m, r = mapped(headers)
    assert {m[c] for c in CODES} == {f"u{i}" for i in range(1, 10)}
    assert not any(h in m.values() for h in headers[9:])
    assert r.problems == []


def test_numbered_header_whose_text_names_another_unsur_follows_the_text():
    headers = [*(c for c in CODES if c not in ("U8", "U9")), "U8. Sarana dan prasarana", "U9. Penanganan pengaduan"]
    m, r = mapped(headers)
    assert m["U9"] == "U8. Sarana dan prasarana" and m["U8"] == "U9. Penanganan pengaduan"
    assert sorted(p.kind for p in r.problems) == ["urutan_unsur_meragukan"] * 2


@pytest.mark.parametrize(
    ("header", "target"),
    [
        ("Jenis Kelamin", "jenis_kelamin"),
        ("Apa jenis kelamin Anda?", "jenis_kelamin"),
        ("Usia (tahun)", "usia"),
        ("Umur", "usia"),
        ("Kelompok usia", "usia_kelompok"),
        ("Pendidikan terakhir Anda", "pendidikan"),
        ("Pekerjaan", "pekerjaan"),
        ("Jenis layanan yang diterima", "jenis_layanan"),
        ("Unit layanan", "unit"),
        ("Timestamp", "tanggal"),
        ("Cap waktu", "tanggal"),
        ("created_at", "tanggal"),
        ("Saran dan masukan untuk perbaikan pelayanan", "saran"),
        ("respondent_id", "id_responden"),
    ],
)
def test_profile_headers(header, target):
    m, _ = mapped([header, *CODES])
    assert m.get(target) == header


def test_a_code_column_is_not_taken_for_an_age():
    m, _ = mapped(["usia_code", "usia_kelompok", *CODES])
    assert "usia" not in m and m["usia_kelompok"] == "usia_kelompok"


def test_header_key_strips_numbering():
    assert header_key("12) Pendapat tentang biaya").text == "pendapat tentang biaya"
    assert header_key("No. 3 - Waktu").text == "waktu"
    assert header_key("u9_label").code is None


def test_schemes_with_more_unsur_recognise_their_own_names():
    scheme = get_scheme("kepmenpan25_2004")
    headers = [u.nama.upper() for u in reversed(scheme.unsur)]
    m, r = mapped(headers, scheme=scheme)
    assert m["U14"] == "KEAMANAN PELAYANAN" and m["U1"] == "PROSEDUR PELAYANAN" and r.problems == []


def test_the_mapping_used_is_reported_by_load_responses(tmp_path):
    path = tmp_path / "d.csv"
    headers = ["Sarana", *(c for c in CODES if c != "U9")]
    path.write_text(",".join(headers) + "\n" + ",".join(["4"] * 9) + "\n")
    r = load_responses(path, SCHEME, IngestOptions(columns={"U9": "Sarana"}))
    assert r.mapping["U9"] == "Sarana" and r.info["cara"]["U9"] == "pemetaan"
    assert "Sarana" in r.report() and "U9               ← Sarana" in r.report()


def test_missing_unsur_stops_even_under_exclude(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("U1,U2,U3\n4,4,4\n")
    with pytest.raises(DataValidationError) as err:
        load_responses(path, SCHEME, IngestOptions(policy="exclude"))
    assert sorted(p.column for p in err.value.problems) == ["U4", "U5", "U6", "U7", "U8", "U9"]
