"""Faults a careless user causes: unwritable outputs, killed runs, odd unit names; messages, never tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
import yaml
from hostile_samples import row, write_unit

from ikm_utils.cli import main
from ikm_utils.errors import RenderError
from ikm_utils.publish.outputs import OWNER_FILE, STALE_SECONDS, clean_stale, replace_dir, staging_dir
from ikm_utils.publish.render import render_report


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_staging_folder_of_a_killed_run_is_removed_by_the_next_run(tmp_path):
    target = tmp_path / "uji" / "2024-S1"
    killed = tmp_path / "uji" / ".2024-S1.baru-mati"
    killed.mkdir(parents=True)
    (killed / "laporan.ipynb").write_text("{}", encoding="utf-8")
    (killed / OWNER_FILE).write_text(f"{dead_pid()} {os.uname().nodename}\n", encoding="utf-8")
    running = tmp_path / "uji" / ".2024-S1.baru-jalan"
    running.mkdir()
    (running / OWNER_FILE).write_text(f"{os.getpid()} {os.uname().nodename}\n", encoding="utf-8")
    fresh = tmp_path / "uji" / ".2024-S1.baru-baru"  # just made, owner not written yet
    fresh.mkdir()
    new = staging_dir(target)
    assert not killed.exists() and running.exists() and fresh.exists()
    replace_dir(new, target)
    assert not (target / OWNER_FILE).exists()  # the owner file is never published


def test_old_staging_folder_without_owner_is_removed(tmp_path):
    old = tmp_path / ".2024-S1.baru-lama"
    old.mkdir()
    past = time.time() - STALE_SECONDS - 60
    os.utime(old, (past, past))
    assert clean_stale(tmp_path / "2024-S1") == [old]


def test_previous_report_left_aside_by_a_killed_swap_is_put_back(tmp_path):
    aside = tmp_path / ".2024-S1.lama-x"
    (aside / "2024-S1").mkdir(parents=True)
    (aside / "2024-S1" / "laporan.html").write_text("laporan lama", encoding="utf-8")
    past = time.time() - STALE_SECONDS - 60
    os.utime(aside, (past, past))
    clean_stale(tmp_path / "2024-S1")
    assert (tmp_path / "2024-S1" / "laporan.html").read_text(encoding="utf-8") == "laporan lama"
    assert not aside.exists()


def test_outputs_that_are_a_file_give_a_message(tmp_path, capsys):
    params = write_unit(tmp_path / "unit", [row()] * 3)
    (tmp_path / "keluaran").write_text("bukan folder", encoding="utf-8")
    with pytest.raises(RenderError, match="tidak dapat ditulisi"):
        render_report(params, outputs_root=tmp_path / "keluaran", progress=lambda s: None)
    assert main(["render", str(params), "--keluaran", str(tmp_path / "keluaran")]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "keluaran" in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_outputs_folder_gives_a_message(tmp_path, capsys):
    params = write_unit(tmp_path / "unit", [row()] * 3)
    out = tmp_path / "keluaran"
    out.mkdir()
    out.chmod(0o555)
    try:
        assert main(["render", str(params), "--keluaran", str(out)]) == 1
    finally:
        out.chmod(0o755)
    err = capsys.readouterr().err
    assert "tidak dapat ditulisi" in err and "Traceback" not in err


def test_permission_denied_on_the_outputs_folder_gives_a_message(tmp_path, capsys, monkeypatch):
    """What a read-only outputs folder does for an ordinary user (root ignores the mode bits)."""
    import ikm_utils.publish.outputs as outputs

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied", kwargs.get("dir"))

    monkeypatch.setattr(outputs.tempfile, "mkdtemp", denied)
    params = write_unit(tmp_path / "unit", [row()] * 3)
    assert main(["render", str(params), "--keluaran", str(tmp_path / "keluaran")]) == 1
    err = capsys.readouterr().err
    assert "tidak dapat ditulisi (Permission denied)" in err and "Traceback" not in err


def test_ikm_new_refuses_a_unit_name_with_a_newline(tmp_path, capsys):
    assert main(["new", "--unit", "Dinas X\nperiode: 1999", "--periode", "2024-S1", "--keluar", str(tmp_path)]) == 1
    assert "baris baru" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ['Dinas "Kutip" \\ Miring', "Dinas $HOME ${x} #bukan-komentar", "Dinas: Contoh"])
def test_ikm_new_writes_odd_unit_names_that_read_back(tmp_path, name):
    assert main(["new", "--unit", name, "--periode", "2024-S1", "--keluar", str(tmp_path)]) == 0
    (written,) = tmp_path.rglob("2024-S1.yaml")
    assert yaml.safe_load(written.read_text(encoding="utf-8"))["unit"]["nama"] == name


def test_unexpected_oserror_is_one_line(tmp_path, capsys, monkeypatch):
    import ikm_utils.cli as cli

    def boom(args):
        raise PermissionError(13, "Izin ditolak", str(tmp_path / "x.csv"))

    monkeypatch.setattr(cli, "_run_validate", boom)
    monkeypatch.setattr(cli, "_add_validate", cli._add_validate)
    parser = cli.build_parser()
    args = parser.parse_args(["validate", "x.csv"])
    args.func = boom
    monkeypatch.setattr(cli.argparse.ArgumentParser, "parse_args", lambda self, argv=None: args)
    assert main(["validate", "x.csv"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Galat: Izin ditolak") and "x.csv" in err and "Traceback" not in err
