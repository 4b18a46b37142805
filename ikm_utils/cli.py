"""The ``ikm`` command: a thin face over ``ikm_utils``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from ikm_utils.errors import DataValidationError, IkmError
from ikm_utils.intake.ingest import load_responses
from ikm_utils.method.compute import compute_ikm
from ikm_utils.method.indonesian import format_number
from ikm_utils.method.schemes import DEFAULT_SCHEME, WEIGHT_MODES, get_scheme, scheme_ids
from ikm_utils.report.text import format_result_table

_DATA_HELP = "berkas data: CSV, XLSX, atau format panjang (bawaan: data.berkas di --params)"


def _add_ingest_options(p: argparse.ArgumentParser) -> None:
    """The data-reading options shared by ``compute`` and ``validate``."""
    p.add_argument("--skema", default=None, choices=scheme_ids(), help=f"skema (bawaan: {DEFAULT_SCHEME})")
    p.add_argument("--params", metavar="P", help="berkas parameter: skema, pemetaan kolom, label, kebijakan, periode")
    p.add_argument("--kolom", action="append", default=[], metavar='U8="Judul"',
                   help="petakan sasaran (kode unsur atau data profil) ke judul kolom; boleh berulang; selalu menang")
    p.add_argument("--mapping", metavar="FILE", help="berkas YAML pemetaan: sasaran: \"judul kolom\"")
    p.add_argument("--sheet", metavar="LEMBAR", help="lembar XLSX (nama atau nomor mulai 0; bawaan: lembar pertama)")
    p.add_argument("--kode-huruf", action="store_true", help="jawaban berupa huruf a-d (a = 1 ... d = 4)")
    p.add_argument("--long-id", metavar="KOLOM", help="format panjang: kolom ID responden")
    p.add_argument("--long-item", metavar="KOLOM", help="format panjang: kolom item/pertanyaan")
    p.add_argument("--long-nilai", metavar="KOLOM", help="format panjang: kolom jawaban")
    p.add_argument("--kebijakan", choices=["stop", "exclude"], help="galat data: stop (bawaan) atau exclude baris")
    p.add_argument("--english", action="store_true", help="pesan masalah data dalam bahasa Inggris")


def _ingest_from_args(args: argparse.Namespace):
    """(data path, scheme, ingest options, params or None) from the shared options."""
    from pathlib import Path

    from ikm_utils.intake.ingest import options_with, parse_column_options, read_mapping_file

    params = None
    if args.params:
        from ikm_utils.params import load_params

        params = load_params(args.params, check_files=args.data is None)
    data = args.data or (params.data_path() if params else None)
    if data is None:
        raise IkmError("Berkas data belum diberikan (DATA atau --params dengan data.berkas).")
    scheme = get_scheme(args.skema or DEFAULT_SCHEME) if args.skema or params is None else params.scheme()
    columns = read_mapping_file(args.mapping) if args.mapping else {}
    columns.update(parse_column_options(args.kolom))
    options = options_with(params.ingest_options() if params else None, columns=columns, sheet=args.sheet,
                           long=(args.long_id, args.long_item, args.long_nilai), policy=args.kebijakan)
    if args.kode_huruf:
        options.letter_codes = True
    return Path(data), scheme, options, params


def _print_data_problems(exc: DataValidationError, data, english: bool, first: int | None) -> int:
    from ikm_utils.intake.validate import format_report

    print(format_report(exc.problems, file=data, mapping=exc.mapping, english=english, first=first),
          file=sys.stderr, end="")
    return 1


def _add_compute(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("compute", help="hitung IKM dari berkas data")
    p.add_argument("data", nargs="?", help=_DATA_HELP)
    p.add_argument("--by", action="append", default=[], metavar="KOLOM", help="kelompokkan per kolom (boleh berulang)")
    p.add_argument("--bobot", default=None, choices=WEIGHT_MODES, help="bobot: exact (bawaan) atau legacy")
    p.add_argument("--json", action="store_true", help="cetak satu objek JSON ke stdout")
    _add_ingest_options(p)
    p.set_defaults(func=_run_compute)


def _run_compute(args: argparse.Namespace) -> int:
    data, scheme, options, params = _ingest_from_args(args)
    try:
        responses = load_responses(data, scheme, options)
    except DataValidationError as exc:
        return _print_data_problems(exc, data, args.english, None)
    by = {b: responses.resolve(b) for b in args.by}
    scores = responses.data.rename(columns={col: b for b, col in by.items() if col != b})
    bobot = args.bobot or (params.bobot if params else "exact")
    result = compute_ikm(scores, scheme, weight_mode=bobot, by=list(by))
    if args.json:
        json.dump(result.to_dict(), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(format_result_table(result))
    return 0


def _add_validate(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="periksa mutu berkas data: masalah per jenis, baris pertama, pemetaan kolom")
    p.add_argument("data", nargs="?", help=_DATA_HELP)
    p.add_argument("--semua", action="store_true", help="tampilkan semua baris bermasalah, bukan 5 pertama per jenis")
    _add_ingest_options(p)
    p.set_defaults(func=_run_validate)


def _run_validate(args: argparse.Namespace) -> int:
    from ikm_utils.intake.ingest import check_file

    data, scheme, options, _ = _ingest_from_args(args)
    first = None if args.semua else 5
    try:
        responses = check_file(data, scheme, options)
    except DataValidationError as exc:
        return _print_data_problems(exc, data, args.english, first)
    sys.stdout.write(responses.report(english=args.english, first=first))
    return 1 if responses.errors else 0


def _add_render(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("render", help="jalankan laporan SKM satu unit dan periode ke outputs/")
    p.add_argument(
        "params",
        help="berkas parameter (params/<unit>/<periode>.yaml), atau folder unit: periode terakhir, "
        "didahului periode sebelumnya yang belum dirender",
    )
    p.add_argument("--ke", action="append", metavar="FORMAT",
                   help="format keluaran, dipisah koma atau berulang: html,pdf,xlsx,png "
                   "(bawaan: semua yang dapat dibuat)")
    p.add_argument("--keluaran", default="outputs", metavar="FOLDER", help="folder hasil (bawaan: outputs)")
    p.add_argument("--dry-run", action="store_true", help="periksa parameter, data dan perangkat saja")
    p.set_defaults(func=_run_render)


def _formats(values: list[str] | None) -> list[str] | None:
    """``--ke html,pdf --ke pdf`` -> ``["html", "pdf"]``; ``None`` when not given (all formats)."""
    if not values:
        return None
    out: list[str] = []
    for v in values:
        out += [f.strip() for f in v.split(",") if f.strip() and f.strip() not in out]
    return out


def _run_render(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ikm_utils.publish.render import render_folder, render_report

    options = {"formats": _formats(args.ke), "outputs_root": args.keluaran, "dry_run": args.dry_run}
    if Path(args.params).is_dir():
        results = render_folder(args.params, **options)
    else:
        results = [render_report(args.params, **options)]
    last = results[-1]
    seconds = format_number(sum(r.seconds for r in results), 1)
    for fmt, why in last.skipped.items():
        print(f"Peringatan: {fmt.upper()} tidak dibuat: {why}")
    if last.reminders:
        print("Perlu dilengkapi di berkas parameter sebelum laporan ditandatangani:")
        for line in last.reminders:
            print(f"  - {line}")
    if last.dry_run:
        print(f"Siap dirender ke {last.folder} (tidak ada yang dijalankan; pemeriksaan {seconds} detik).")
    else:
        made = [str(last.files[k]) for k in ("html", "pdf") if k in last.files] or [str(last.folder)]
        print(f"Selesai dalam {seconds} detik.")
        for key, path in last.files.items():  # every file written; the report last
            if key not in ("html", "pdf"):
                print(f"Berkas: {path}")
        for path in made:  # the last line is the path of the report (PDF when made)
            print(f"Laporan: {path}")
    return 0


def _add_new(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("new", help="buat berkas parameter baru, atau salin periode lalu untuk periode berikutnya")
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--unit", metavar="NAMA", help='nama unit, mis. "Dinas Contoh": berkas awal berkomentar')
    source.add_argument("--dari", metavar="BERKAS", help="salin berkas parameter periode lalu")
    p.add_argument("--periode", required=True, help="periode baru: 2024-S1, 2024-TW2 atau 2024")
    p.add_argument(
        "--keluar", metavar="FOLDER", help="folder parameter (bawaan: params/ untuk --unit, folder sumber untuk --dari)"
    )
    p.add_argument("--timpa", action="store_true", help="timpa berkas yang sudah ada")
    p.set_defaults(func=_run_new)


def _run_new(args: argparse.Namespace) -> int:
    from ikm_utils.starter import new_params, next_params

    try:
        if args.unit:
            made = new_params(args.unit, args.periode, args.keluar or "params", overwrite=args.timpa)
        else:
            made = next_params(args.dari, args.periode, args.keluar, overwrite=args.timpa)
    except ValueError as exc:  # an unknown period id
        raise IkmError(str(exc)) from exc
    print(f"Ditulis: {made.path}")
    print("Tinjau:")
    for line in made.review:
        print(f"  - {line}")
    return 0


def _add_kuesioner(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("kuesioner", help="tulis kuesioner unit (HTML/PDF siap cetak) dan templat CSV isian kosong")
    p.add_argument("params", help="berkas parameter (params/<unit>/<periode>.yaml)")
    p.add_argument("--keluar", metavar="FOLDER", help="folder hasil (bawaan: outputs/<unit>/kuesioner)")
    p.set_defaults(func=_run_kuesioner)


def _run_kuesioner(args: argparse.Namespace) -> int:
    from ikm_utils.params import load_params
    from ikm_utils.publish.kuesioner import write_questionnaire
    from ikm_utils.publish.pdf import pdf_problem

    folder = args.keluar or f"outputs/{load_params(args.params, check_files=False).unit.kode}/kuesioner"
    files = write_questionnaire(args.params, folder)
    if "pdf" not in files and pdf_problem():
        print(f"Peringatan: PDF tidak dibuat: {pdf_problem()}")
    for kind in ("html", "pdf", "csv"):
        if kind in files:
            print(f"Kuesioner ({kind.upper()}): {files[kind]}")
    return 0


def _add_ajar(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ajar", help="jalankan buku ajar metode IKM (dengan kode) pada data kelas: HTML, XLSX, PDF")
    p.add_argument("--data", metavar="BERKAS", help="data kelas CSV/XLSX (bawaan: notebooks/data/kelas_contoh.csv)")
    p.add_argument("--keluar", default="outputs/ajar", metavar="FOLDER", help="folder hasil (bawaan: outputs/ajar)")
    p.add_argument("--populasi", type=int, metavar="N", help="jumlah pengguna layanan N (bawaan: 120)")
    p.add_argument("--seed", type=int, help="seed bootstrap (bawaan: 2017)")
    p.add_argument("--replikasi", type=int, metavar="B", help="replikasi bootstrap (bawaan: 2000)")
    p.add_argument("--varian", type=int, metavar="NOMOR", help="nomor mahasiswa: varian data kelas per mahasiswa")
    _add_ingest_options(p)
    p.set_defaults(func=_run_ajar)


def _run_ajar(args: argparse.Namespace) -> int:
    from ikm_utils.publish.teaching import DEFAULT_POPULATION, EXAMPLE_DATA, render_teaching

    if args.data is None and args.params is None:
        args.data = str(EXAMPLE_DATA)
    data, scheme, options, params = _ingest_from_args(args)
    if params is not None and params.skema_kustom is not None:
        raise IkmError("Buku ajar belum mendukung skema kustom; pakai salah satu skema: " + ", ".join(scheme_ids()))
    population = args.populasi or (params.populasi if params else None) or DEFAULT_POPULATION
    try:
        result = render_teaching(data, args.keluar, scheme_id=scheme.id, population=population, seed=args.seed,
                                 replicates=args.replikasi, varian=args.varian, options=options)
    except DataValidationError as exc:
        return _print_data_problems(exc, data, args.english, None)
    print(f"Selesai dalam {format_number(result.seconds, 1)} detik. Buku ajar: {result.html}")
    print("Juga: " + ", ".join(str(result.files[k]) for k in ("xlsx", "lembar", "kunci")))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``ikm`` command."""
    parser = argparse.ArgumentParser(prog="ikm", description="Indeks Kepuasan Masyarakat (PermenPANRB 14/2017)")
    sub = parser.add_subparsers(dest="command", required=True)
    _add_compute(sub)
    _add_validate(sub)
    _add_render(sub)
    _add_new(sub)
    _add_ajar(sub)
    _add_kuesioner(sub)
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
