"""``data.saring`` / ``IngestOptions.saring``: one unit's rows of a shared export (contract 3)."""

from __future__ import annotations

import pytest

from ikm_utils.errors import DataValidationError
from ikm_utils.intake.ingest import IngestOptions, check_file, load_responses

HEADER = "unit_name,U1,U2,U3,U4,U5,U6,U7,U8,U9\n"


def out_of_scope(r) -> int:
    """Rows outside the filter (the issue-9 implementation names it ``n_out_of_scope``)."""
    return getattr(r, "n_out_of_scope", None) or r.info.get("di_luar_cakupan")


def test_only_the_units_rows_are_read_and_the_others_are_counted_out_of_scope(tmp_path):
    path = tmp_path / "semua.csv"
    path.write_text(HEADER + "Bagian Hukum,4,4,4,4,4,4,4,4,4\nBagian Umum,9,3,3,3,3,3,3,3,3\n"
                    "Bagian Hukum,2,2,2,2,2,2,2,2,2\nbagian hukum ,3,3,3,3,3,3,3,3,3\n", encoding="utf-8")
    r = load_responses(path, options=IngestOptions(saring={"unit_name": "Bagian Hukum"}))
    assert r.data["U1"].tolist() == [4.0, 2.0, 3.0] and r.data["baris"].tolist() == [2, 4, 5]
    assert r.n_read == 3 and out_of_scope(r) == 1
    assert r.errors == []  # the other unit's invalid 9 is not this unit's problem
    both = load_responses(path, options=IngestOptions(saring={"unit_name": ["Bagian Hukum", "Bagian Umum"]},
                                                      policy="exclude"))
    assert len(both.data) == 3 and both.excluded["baris"].tolist() == [3]


def test_a_filter_column_missing_from_the_file_is_named(tmp_path):
    path = tmp_path / "semua.csv"
    path.write_text(HEADER + "Bagian Hukum,4,4,4,4,4,4,4,4,4\n", encoding="utf-8")
    with pytest.raises(DataValidationError, match="unit_kode"):
        load_responses(path, options=IngestOptions(saring={"unit_kode": "hukum"}))
    assert check_file(path, options=IngestOptions(saring={"unit_name": "Bagian Hukum"})).n_read == 1
