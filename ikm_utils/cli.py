"""The ``ikm`` command: a thin face over ``ikm_utils``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from ikm_utils.compute import IkmResult, Summary, compute_ikm
from ikm_utils.errors import IkmError
from ikm_utils.ingest import read_tidy_csv
from ikm_utils.schemes import DEFAULT_SCHEME, WEIGHT_MODES, get_scheme, scheme_ids
from ikm_utils.text import format_number


def _add_compute(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("compute", help="hitung IKM dari berkas data")
    p.add_argument("data", help="berkas data (CSV)")
    p.add_argument("--by", action="append", default=[], metavar="KOLOM", help="kelompokkan per kolom (boleh berulang)")
    p.add_argument("--skema", default=DEFAULT_SCHEME, choices=scheme_ids())
    p.add_argument("--bobot", default="exact", choices=WEIGHT_MODES)
    p.add_argument("--json", action="store_true", help="cetak satu objek JSON ke stdout")
    p.set_defaults(func=_run_compute)


def _run_compute(args: argparse.Namespace) -> int:
    scheme = get_scheme(args.skema)
    scores = read_tidy_csv(args.data, scheme)
    result = compute_ikm(scores, scheme, weight_mode=args.bobot, by=args.by)
    if args.json:
        json.dump(result.to_dict(), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(format_result_table(result))
    return 0


def _summary_lines(s: Summary) -> list[str]:
    lines = [f"{'Kode':<5} {'Unsur':<42} {'n':>6} {'Jumlah':>8} {'NRR':>6} {'NRR×bobot':>9} {'Konversi':>8}  Mutu"]
    for u in s.unsur:
        lines.append(
            f"{u.kode:<5} {u.nama[:42]:<42} {u.n:>6} {u.jumlah_nilai:>8} {format_number(u.nrr, 3):>6} "
            f"{format_number(u.nrr_tertimbang, 3):>9} {format_number(u.nilai_konversi):>8}  {u.mutu or '–'}"
        )
    lines.append(
        f"IKM (1–4): {format_number(s.ikm, 3)}   IKM unit (25–100): {format_number(s.ikm_konversi)}   "
        f"Mutu: {s.mutu or '–'} ({s.kinerja or 'tidak dapat dihitung'})   Responden: {format_number(s.n_responden, 0)}"
    )
    if s.n_tanpa_jawaban:
        lines.append(f"Tidak dihitung (tanpa jawaban unsur sama sekali): {s.n_tanpa_jawaban}")
    return lines


def format_result_table(result: IkmResult) -> str:
    """The readable Indonesian table printed by ``ikm compute`` without ``--json``."""
    s = result.skema
    lines = [f"Indeks Kepuasan Masyarakat — skema {s.id} ({s.regulasi}), bobot {result.bobot_mode}", ""]
    lines += _summary_lines(result.total)
    for col, groups in result.kelompok.items():
        for name, s in groups.items():
            lines += ["", f"[{col} = {name}]"] + _summary_lines(s)
    return "\n".join(lines) + "\n"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``ikm`` command."""
    parser = argparse.ArgumentParser(prog="ikm", description="Indeks Kepuasan Masyarakat (PermenPANRB 14/2017)")
    sub = parser.add_subparsers(dest="command", required=True)
    _add_compute(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``ikm`` console script."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except IkmError as exc:
        print(f"Galat: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
