"""The infographic kit: sizes, content and the report's grade colours."""

from __future__ import annotations

import re
import struct

import pytest
from conftest import write_unit
from matplotlib.colors import to_hex

from ikm_utils.method.schemes import get_scheme
from ikm_utils.publish.facts import PublicFacts, TrendPoint, UnsurFact, public_facts
from ikm_utils.publish.infographic import FILES, draw_infographic, write_infographics
from ikm_utils.report.context import prepare_report
from ikm_utils.report.plots import grade_colours


def png_size(path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def texts(fig) -> str:
    found = [t.get_text() for t in fig.texts]
    for ax in fig.axes:
        found += [t.get_text() for t in ax.texts] + [t.get_text() for t in ax.get_yticklabels()]
        found += [t.get_text() for t in ax.get_xticklabels()]
    return "\n".join(found)


@pytest.fixture(scope="module")
def kit(tmp_path_factory):
    root = tmp_path_factory.mktemp("kit")
    ctx = prepare_report(write_unit(root / "params"))
    facts = public_facts(ctx)
    return facts, ctx, write_infographics(facts, ctx.scheme.tabel_mutu, root)


def test_the_images_have_the_stated_pixel_sizes_and_the_poster_is_one_a4_page(kit):
    _, _, files = kit
    assert {k: p.name for k, p in files.items()} == FILES
    assert png_size(files["potret"]) == (1080, 1350)
    assert png_size(files["kotak"]) == (1080, 1080)
    pdf = files["a4"].read_bytes()
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type /Page\b", pdf)) == 1
    box = [float(v) for v in re.search(rb"/MediaBox \[ *([\d. ]+)\]", pdf).group(1).split()]
    assert box[2] == pytest.approx(595.3, abs=1) and box[3] == pytest.approx(841.9, abs=1)  # A4 in points


@pytest.mark.parametrize("kind", ["potret", "kotak", "a4"])
def test_each_layout_shows_unit_period_ikm_grade_n_weakest_unsur_rtl_trend_and_contact(kit, kind):
    facts, ctx, _ = kit
    shown = texts(draw_infographic(facts, ctx.scheme.tabel_mutu, kind)).replace("\n", " ")
    assert 'Dinas <Uji> & "Kawan"' in shown and "Semester I 2024" in shown
    assert facts.ikm_text in shown and re.search(r"\d\d,\d\d", facts.ikm_text)
    assert facts.mutu in shown and (facts.kinerja in shown) and "6 responden (minimal 36)" in shown
    assert f"Unsur terendah: {facts.terlemah.kode}" in shown
    assert "Telp (0271) 123" in shown and "Tren IKM" in shown
    assert all(f"{u.kode} " in shown for u in facts.unsur)


def test_the_bars_have_the_grade_colours_of_the_report_charts(kit):
    facts, ctx, _ = kit
    fig = draw_infographic(facts, ctx.scheme.tabel_mutu)
    bars = [p for ax in fig.axes for p in ax.patches if p.get_width() > 0 and p.get_height() < 1]
    colours = grade_colours(ctx.scheme.tabel_mutu)
    assert [to_hex(b.get_facecolor()) for b in bars] == [colours[u.mutu] for u in facts.unsur]
    assert len({colours[u.mutu] for u in facts.unsur}) > 1  # the unit's unsur fall in more than one grade


def test_the_weakest_unsur_line_names_its_rtl_from_the_parameters(kit):
    facts, _, _ = kit
    assert facts.terlemah.kode == "U8"  # answers 2,2,3,2,3,2: the lowest NRR
    assert facts.weakest_line().endswith("Tindak lanjut: Petugas <script>pengaduan</script> (Juli 2024)")


def test_a_first_period_without_history_and_a_14_unsur_scheme_still_draw():
    table = get_scheme("kepmenpan25_2004").tabel_mutu
    unsur = tuple(UnsurFact(f"U{i}", "Unsur dengan nama yang cukup panjang sekali", 70.0 + i, "B")
                  for i in range(1, 15))
    facts = PublicFacts("Unit " * 20, None, "2024", "Tahun 2024", 80.0, "B", "Baik", 2, None, "KepMenPAN 25/2004",
                        unsur, unsur[0], None, (TrendPoint("2024", "Tahun 2024", 80.0, "B"),), None)
    for kind in ("potret", "kotak", "a4"):
        shown = texts(draw_infographic(facts, table, kind))
        assert "Belum ada periode sebelumnya" in shown and "U14" in shown


def test_an_unsur_nobody_answered_is_said_not_drawn():
    unsur = (UnsurFact("U1", "Persyaratan", 80.0, "B"), UnsurFact("U2", "Prosedur", None, None))
    facts = PublicFacts("Unit", None, "2024-S1", "Semester I 2024", None, None, None, 3, None, "r", unsur,
                        unsur[0], None)
    shown = texts(draw_infographic(facts, get_scheme().tabel_mutu))
    assert "tidak ada jawaban" in shown and "–" in shown


def test_the_publication_files_do_not_import_seaborn_or_scipy():
    """The kit runs in the render's own process: seaborn and scipy.stats would add seconds to it."""
    import subprocess
    import sys

    code = ("import sys; import ikm_utils.publish.infographic, ikm_utils.publish.public, ikm_utils.publish.workbook; "
            "print(sorted(m for m in ('seaborn', 'scipy.stats') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
