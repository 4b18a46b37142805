"""The ``ikm`` command: a thin face over ``ikm_utils``."""

from __future__ import annotations

import argparse
import json
import os
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
    p.add_argument("--saring", action="append", default=[], metavar='KOLOM="nilai"',
                   help='hanya baris dengan nilai ini, mis. unit="Bagian Organisasi" (boleh berulang; di luar cakupan '
                        'dihitung, bukan dikecualikan)')
    p.add_argument("--urutan", metavar="NAMA,...",
                   help="urutan unsur di kuesioner menurut nama (persyaratan,prosedur,...,sarana,pengaduan) atau "
                        "'permen'; kolom berkode u1..uN dibaca menurut urutan ini")
    p.add_argument("--english", action="store_true", help="pesan masalah data dalam bahasa Inggris")


def _ingest_from_args(args: argparse.Namespace):
    """(data path, scheme, ingest options, params or None) from the shared options."""
    from pathlib import Path

    from ikm_utils.intake.ingest import options_with, parse_column_options, read_mapping_file

    params = None
    if args.data and not args.params and Path(args.data).suffix.lower() in (".yaml", ".yml"):
        args.params, args.data = args.data, None  # `ikm validate params/x/2024-S1.yaml`: a parameter file
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
    if args.saring:
        from ikm_utils.intake.scope import as_filter

        extra: dict[str, list[str]] = {}
        for item in args.saring:  # one at a time: --saring unit=A --saring unit=B keeps both
            for col, value in parse_column_options([item]).items():
                extra.setdefault(col, []).append(value)
        options.saring = {**as_filter(options.saring), **extra}
    if args.urutan:
        from ikm_utils.method.schemes import form_order

        try:
            options.form_order = form_order(scheme, args.urutan if args.urutan.strip() == "permen"
                                            else [w for w in args.urutan.split(",") if w.strip()])
        except ValueError as exc:
            raise IkmError(f"--urutan: {exc}") from exc
    return Path(data), scheme, options, params


def _print_data_problems(exc: DataValidationError, data, english: bool, first: int | None) -> int:
    from ikm_utils.intake.validate import format_report

    print(format_report(exc.problems, file=data, mapping=exc.mapping, english=english, first=first),
          file=sys.stderr, end="")
    return 1


def _print_notes(responses) -> None:
    """The one-line summary and the notes every data command prints (to stderr, so --json stays clean)."""
    print(f"Data: {responses.summary_line()}", file=sys.stderr)
    for key in ("tanggal_dipilih", "urutan_kuesioner"):
        if responses.info.get(key):
            print(f"Catatan: {responses.info[key]}", file=sys.stderr)
    for p in responses.warnings:
        if p.kind == "urutan_unsur_meragukan":
            print(f"Peringatan: {p.message}", file=sys.stderr)


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
        return _print_data_problems(exc, data, args.english, 5)
    _print_notes(responses)
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
    from ikm_utils.intake.ingest import evaluate

    data, scheme, options, _ = _ingest_from_args(args)
    first = None if args.semua else 5
    try:
        responses, stopped = evaluate(data, scheme, options)
    except DataValidationError as exc:
        return _print_data_problems(exc, data, args.english, first)
    sys.stdout.write(responses.report(english=args.english, first=first, stopped=stopped))
    return 1 if stopped else 0


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
    try:
        if Path(args.params).is_dir():
            results = render_folder(args.params, **options)
        else:
            results = [render_report(args.params, **options)]
    except DataValidationError as exc:  # at most 5 per kind, as validate prints them
        from ikm_utils.intake.validate import format_report

        print(format_report(exc.problems, file=args.params, mapping=exc.mapping, first=5), file=sys.stderr, end="")
        return 1
    last = results[-1]
    seconds = format_number(sum(r.seconds for r in results), 1)
    for fmt, why in last.skipped.items():
        print(f"Peringatan: {fmt.upper()} tidak dibuat: {why}")
    if last.reminders:
        print("Perlu dilengkapi di berkas parameter sebelum laporan ditandatangani:")
        for line in last.reminders:
            print(f"  - {line}")
    if last.dry_run:
        print(f"Siap dirender ke {last.folder}: semua tabel dan gambar laporan dapat dibuat (tanpa kernel, tidak ada "
              f"yang ditulis; pemeriksaan {seconds} detik).")
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
    p.add_argument("--unit", metavar="NAMA", help='nama unit, mis. "Dinas Contoh": berkas awal berkomentar; dengan '
                   "--dari: unit lain dari ekspor yang sama, periode yang sama (data.saring diisi)")
    p.add_argument("--dari", metavar="BERKAS",
                   help="salin berkas parameter periode lalu (atau unit saudara, dengan --unit)")
    p.add_argument("--per-unit", metavar="EKSPOR",
                   help="satu ekspor berisi banyak unit: satu berkas bersama + satu berkas per unit (--kolom)")
    p.add_argument("--periode",
                   help="periode baru: 2024-S1, 2024-TW2 atau 2024 (tidak dipakai dengan --dari dan --unit)")
    p.add_argument(
        "--keluar", "--ke", metavar="FOLDER",
        help="folder parameter (bawaan: params/ untuk --unit, folder sumber untuk --dari, "
        "params/<ekspor> untuk --per-unit)",
    )
    p.add_argument("--kolom", metavar="KOLOM", help="--per-unit: kolom ekspor yang menyebut unit setiap responden")
    p.add_argument("--kolom-nama", metavar="KOLOM",
                   help="--per-unit: kolom berisi nama unit (bila --kolom berisi kode)")
    p.add_argument("--timpa", action="store_true", help="timpa berkas yang sudah ada")
    p.set_defaults(func=_run_new)


def _run_new(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ikm_utils.starter import new_params, new_per_unit, next_params, sibling_params

    if not args.unit and not args.dari and not args.per_unit:
        raise IkmError("Berikan --unit NAMA (berkas baru), --dari BERKAS --periode P (periode berikutnya), "
                       "--dari BERKAS --unit NAMA (unit lain dari ekspor yang sama), atau --per-unit EKSPOR "
                       "--kolom KOLOM --periode P (satu berkas per unit).")
    if not args.periode and not (args.unit and args.dari):
        raise IkmError("--periode wajib diisi (mis. 2024-S1).")
    try:
        if args.per_unit:
            if not args.kolom or not args.periode:
                raise IkmError("--per-unit memerlukan --kolom (kolom ekspor yang menyebut unit) dan --periode.")
            out = args.keluar or f"params/{Path(args.per_unit).stem}"
            made_all = new_per_unit(args.per_unit, args.kolom, args.periode, out, name_column=args.kolom_nama,
                                    overwrite=args.timpa)
        elif args.unit and args.dari:
            if args.periode:
                raise IkmError("--dari dengan --unit membuat berkas unit lain untuk periode yang sama; "
                               "tanpa --periode.")
            made_all = [sibling_params(args.dari, args.unit, args.keluar, overwrite=args.timpa)]
        elif args.unit:
            made_all = [new_params(args.unit, args.periode, args.keluar or "params", overwrite=args.timpa)]
        else:
            made_all = [next_params(args.dari, args.periode, args.keluar, overwrite=args.timpa)]
    except ValueError as exc:  # an unknown period id
        raise IkmError(str(exc)) from exc
    for made in (m for top in made_all for m in (*top.also, top)):
        print(f"Ditulis: {made.path}")
        print("Tinjau:")
        for line in made.review:
            print(f"  - {line}")
    return 0


def _add_batch(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("batch", help="render banyak unit-periode sekaligus (paralel), dengan ringkasan dan lanjutan")
    p.add_argument("params", nargs="+", help="berkas parameter, folder (dicari ke dalam) atau pola glob")
    p.add_argument("--jobs", "-j", type=int, metavar="N", help="render bersamaan (bawaan: jumlah inti prosesor)")
    p.add_argument("--ke", action="append", metavar="FORMAT", help="format keluaran (bawaan: bawaan ikm render)")
    p.add_argument("--keluaran", default="outputs", metavar="FOLDER", help="folder hasil (bawaan: outputs)")
    p.add_argument("--paksa", action="store_true", help="render ulang juga unit yang masukannya tidak berubah")
    p.add_argument("--lanjut-bila-gagal", action="store_true", help="kode keluar 0 walau ada unit yang gagal")
    p.add_argument("--dask", metavar="ALAMAT", help="kirim setiap render ke klaster Dask (mis. tcp://penjadwal:8786)")
    p.add_argument("--tanpa-progres", action="store_true", help="tanpa bilah kemajuan")
    p.add_argument("--notebook", metavar="IPYNB", help="notebook laporan (bawaan: notebooks/laporan_skm.ipynb)")
    p.set_defaults(func=_run_batch)


def _run_batch(args: argparse.Namespace) -> int:
    from ikm_utils.publish.batch import run_batch, summary_table

    formats = [f for item in args.ke for f in item.split(",") if f] if args.ke else None
    extra = {"notebook": args.notebook} if args.notebook else {}
    report = run_batch(args.params, jobs=args.jobs, outputs_root=args.keluaran, formats=formats, force=args.paksa,
                       dask=args.dask, progress=not args.tanpa_progres, **extra)
    sys.stdout.write(summary_table(report))
    if report.failed and args.lanjut_bila_gagal:
        print(f"{len(report.failed)} unit gagal (diabaikan: --lanjut-bila-gagal).")
    return 1 if report.failed and not args.lanjut_bila_gagal else 0


def _add_rekap(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("rekap", help="rekapitulasi wilayah satu periode dari laporan unit-unitnya")
    p.add_argument("masukan", nargs="+",
                   help="berkas parameter/folder/glob unit (seperti ikm batch), atau ringkasan.json / folder laporan")
    p.add_argument("--periode", help="periode (perlu bila masukan memuat beberapa periode)")
    p.add_argument("--judul", help="nama wilayah/instansi di sampul (bawaan: instansi unit-unitnya)")
    p.add_argument("--keluaran", default="outputs", metavar="FOLDER", help="folder laporan unit (bawaan: outputs)")
    p.add_argument("--folder", metavar="FOLDER", help="folder rekap (bawaan: <keluaran>/rekap/<judul>/<periode>)")
    p.set_defaults(func=_run_rekap)


def _run_rekap(args: argparse.Namespace) -> int:
    from ikm_utils.publish.rollup import render_rollup

    result = render_rollup(args.masukan, periode=args.periode, judul=args.judul, outputs_root=args.keluaran,
                           folder=args.folder)
    g = result.summary["gabungan"]
    ikm = "–" if g["ikm_konversi"] is None else format_number(g["ikm_konversi"], 2)
    mean = result.summary["rata_rata_ikm_unit"]
    print(f"IKM gabungan {ikm} ({g['mutu'] or '–'}), {g['n_responden']} responden dari {g['n_unit']} unit; "
          f"rata-rata IKM unit {'–' if mean is None else format_number(mean, 2)}.")
    for m in result.summary["tanpa_laporan"]:
        print(f"Tanpa laporan: {m['unit']} ({m['periode']}): {m['alasan']}")
    print(f"Selesai dalam {format_number(result.seconds, 1)} detik. Rekap: {result.files['html']}")
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
    _add_batch(sub)
    _add_rekap(sub)
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
    except OSError as exc:  # a file that cannot be read or written: say which, without a traceback
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"Galat: {exc.strerror or exc}{where}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Dihentikan.", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: one line, the traceback only on request
        if os.environ.get("IKM_JEJAK"):
            raise
        print(f"Galat tak terduga: {type(exc).__name__}: {str(exc)[:500]}\n(jalankan ulang dengan IKM_JEJAK=1 "
              "untuk jejak galat lengkap, dan laporkan)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
