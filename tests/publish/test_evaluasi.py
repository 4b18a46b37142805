"""bukti_evaluasi: the checklist of the public-service evaluation (PEKPPP), in ringkasan.json and the lampiran."""

from __future__ import annotations

from conftest import write_unit

from ikm_utils.publish.evaluasi import NO_DATA, bukti_evaluasi, bukti_evaluasi_html, bukti_evaluasi_table
from ikm_utils.publish.ringkasan import build_ringkasan
from ikm_utils.report.context import prepare_report
from ikm_utils.report.display import Captions

MEDIA = [{"media": "Laman resmi", "alamat": "https://contoh.go.id/skm", "tanggal": "2024-07-05"}, "Instagram @uji",
         {"media": "Papan informasi"}]


def test_scheme_scale_sample_period_ikm_and_every_medium_with_its_count(tmp_path):
    ctx = prepare_report(write_unit(tmp_path / "p", publikasi=MEDIA))
    b = bukti_evaluasi(ctx)
    assert b["skema"]["id"] == "permen14_2017" and b["skala"] == "1-4" and b["jumlah_unsur"] == 9
    assert b["sampel"] == {"populasi": 40, "minimum": 36, "diperoleh": 6, "cukup": False}
    s = ctx.summary
    assert (b["periode"], b["ikm_konversi"], b["mutu"]) == ("2024-S1", float(s.ikm_konversi), s.mutu)
    assert [m["media"] for m in b["publikasi"]] == ["Laman resmi", "Instagram @uji", "Papan informasi"]
    assert b["jumlah_media"] == 3 and b["publikasi"][0]["tanggal"] == "2024-07-05"
    table = dict(bukti_evaluasi_table(b).values.tolist())
    assert table["Jumlah sampel"].startswith("belum terpenuhi: 6 responden dari minimal 36")
    assert table["Media publikasi hasil"].startswith("3 media: Laman resmi (https://contoh.go.id/skm), 5 Juli 2024")
    assert table["Realisasi RTL periode sebelumnya"] == NO_DATA


def test_without_media_or_an_earlier_rtl_the_summary_says_so(tmp_path):
    ctx = prepare_report(write_unit(tmp_path / "p"))
    b = bukti_evaluasi(ctx)
    assert b["jumlah_media"] == 0 and b["realisasi_rtl_sebelumnya"] is None
    assert any("belum dicantumkan" in c for c in b["catatan"]) and any(NO_DATA in c for c in b["catatan"])


def test_the_previous_period_rtl_realisation_is_shown_as_the_runner_recorded_it(tmp_path):
    ctx = prepare_report(write_unit(tmp_path / "p"))
    realised = {"periode": "2023-S2", "direncanakan": 4, "selesai": 3, "persen": 75.0, "bulan_sampai_selesai": 2.5}
    b = bukti_evaluasi(ctx, realised)
    assert b["realisasi_rtl_sebelumnya"] == realised
    text = dict(bukti_evaluasi_table(b).values.tolist())["Realisasi RTL periode sebelumnya"]
    assert text == "RTL periode 2023-S2: 3 dari 4 rencana selesai (75,0%); rata-rata 2,5 bulan sampai selesai"


def test_ringkasan_json_and_the_lampiran_carry_the_same_summary(tmp_path):
    ctx = prepare_report(write_unit(tmp_path / "p", publikasi=MEDIA))
    data = build_ringkasan(ctx)
    assert data["bukti_evaluasi"]["jumlah_media"] == 3
    assert data["bukti_evaluasi"]["realisasi_rtl_sebelumnya"] == data.get("realisasi_rtl_sebelumnya")
    page = bukti_evaluasi_html(data["bukti_evaluasi"], Captions())
    assert page.startswith("<h2>Lampiran 6. Bukti untuk Evaluasi Pelayanan Publik</h2>")
    assert "Tabel L6.1" in page and "3 media" in page and "https://contoh.go.id/skm" in page
    # without a Dokumentasi lampiran the evaluation evidence takes the next number, not a gap
    page = bukti_evaluasi_html(data["bukti_evaluasi"], Captions(), nomor=5)
    assert page.startswith("<h2>Lampiran 5. Bukti untuk Evaluasi Pelayanan Publik</h2>") and "Tabel L5.1" in page
