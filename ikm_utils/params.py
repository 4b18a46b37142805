"""The parameter file of one unit and period: a validated model, loaded before anything executes.

``params/<unit-slug>/<periode>.yaml``; relative paths in it are relative to the file. Every
problem is reported at once, each with its key path (``data.berkas``, ``rtl[0].unsur``): papermill
alone would only warn about an unknown parameter.
"""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from ikm_utils.errors import IkmError, SchemeError
from ikm_utils.intake.limits import MAX_PARAMS_BYTES, shorten
from ikm_utils.intake.paths import PathOutside, resolve_inside
from ikm_utils.intake.yaml_input import YamlTooLarge, load_yaml
from ikm_utils.method.periods import Period, parse_period
from ikm_utils.method.schemes import DEFAULT_SCHEME, Scheme, Unsur, custom_scheme, get_scheme, parse_weights, scheme_ids


class ParamsError(IkmError):
    """A parameter file with problems; ``problems`` holds one ``key.path: message`` line each."""

    def __init__(self, path: str | Path, problems: list[str]):
        self.path = str(path)
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"Berkas parameter {path} bermasalah ({len(problems)}):\n{lines}")


def _period_id(value: str) -> str:
    return parse_period(value).id


def _scheme_id(value: str) -> str:
    if value not in scheme_ids():
        raise ValueError(f"skema '{value}' tidak dikenal; pilihan: {', '.join(scheme_ids())}")
    return value


PeriodId = Annotated[str, AfterValidator(_period_id)]
SchemeId = Annotated[str, AfterValidator(_scheme_id)]


_SLUG = re.compile(r"[a-z0-9][a-z0-9_-]{0,99}")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class KepalaUnit(_Strict):
    nama: str
    nip: str | None = None
    jabatan: str | None = None  # printed exactly as written ("Kapolres Gianyar"), never joined with the unit
    label_id: str = "NIP"  # the label of the id number under the signature: NIP, NRP, NIK ...


class Unit(_Strict):
    nama: str
    instansi: str | None = None
    kabupaten_kota: str | None = None
    alamat: str | None = None
    kepala_unit: KepalaUnit | None = None
    slug: str | None = None
    logo: str | None = None  # picture file for the cover, inside the parameter file's folder
    layanan: list[str] = Field(default_factory=list)  # the unit's services, listed on the questionnaire

    @field_validator("logo")
    @classmethod
    def _logo_image(cls, value: str | None) -> str | None:
        if value is not None and Path(value).suffix.lower() not in IMAGE_TYPES:
            raise ValueError(f"'{value}' bukan gambar ({', '.join(IMAGE_TYPES)})")
        return value
    kontak: str | None = None  # contact line of the infographic and the public summary (telepon, WA, surel, laman)

    @field_validator("slug")
    @classmethod
    def _folder_name(cls, value: str | None) -> str | None:
        # the slug names a folder under outputs/: one plain name, never a path ("../x", "a/b")
        if value is not None and not _SLUG.fullmatch(value):
            raise ValueError(f"slug harus satu nama folder dari huruf kecil, angka, '-' atau '_' "
                             f"(mis. 'dinas-contoh'), bukan {shorten(value)}")
        return value

    @property
    def kode(self) -> str:
        """The folder name of the unit under ``outputs/`` (``slug`` or derived from ``nama``)."""
        return self.slug or slugify(self.nama)


class LongSpec(_Strict):
    id: str
    item: str
    nilai: str


class DataSpec(_Strict):
    berkas: str
    sheet: str | int | None = None
    long: LongSpec | None = None
    kolom: dict[str, str] = Field(default_factory=dict)
    label: dict[str, dict[str, int]] = Field(default_factory=dict)
    kode_huruf: bool = False
    kebijakan: Literal["stop", "exclude"] = "stop"
    id_responden: str | None = None
    kelompok_usia: list[tuple[int, int | None]] | None = None
    encoding: str | None = None
    nilai_bawaan_formulir: dict[str, Any] | None = None
    # unit filter of a multi-unit export: {kolom: nilai atau [nilai, ...]}; other rows are outside the scope
    saring: dict[str, str | int | list[str | int]] | None = None
    # the questionnaire's unsur order by unsur name ([persyaratan, ..., sarana, pengaduan]) or "permen"
    urutan_kuesioner: Literal["permen"] | list[str] | None = None
    # rows equal to nilai_bawaan_formulir are excluded (listed with their reason), not only warned about
    kecualikan_bawaan_formulir: bool = False

    @field_validator("label")
    @classmethod
    def _scores_1_to_4(cls, value: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
        bad = [f"{k}: '{t}' = {v}" for k, m in value.items() for t, v in m.items() if v not in (1, 2, 3, 4)]
        if bad:
            raise ValueError(f"nilai label harus 1-4 ({'; '.join(bad)})")
        return value

    @field_validator("kelompok_usia")
    @classmethod
    def _bands_in_order(cls, value: list[tuple[int, int | None]] | None) -> list[tuple[int, int | None]] | None:
        if value is None:
            return value
        for i, (lo, hi) in enumerate(value):
            if hi is not None and hi < lo:
                raise ValueError(f"kelompok ke-{i + 1}: batas atas {hi} lebih kecil dari batas bawah {lo}")
            if hi is None and i != len(value) - 1:
                raise ValueError("hanya kelompok terakhir yang boleh tanpa batas atas (null)")
            if i and value[i - 1][1] is not None and lo <= value[i - 1][1]:
                raise ValueError(f"kelompok ke-{i + 1} tumpang tindih dengan kelompok sebelumnya")
        return value


class UnsurSpec(_Strict):
    kode: str
    nama: str
    label: tuple[str, str, str, str] | None = None
    sinonim: list[str] = Field(default_factory=list)


class CustomSchemeSpec(_Strict):
    unsur: list[str | UnsurSpec]
    bobot: list[float | str] | None = None

    @model_validator(mode="after")
    def _weights(self) -> CustomSchemeSpec:
        if not self.unsur:
            raise ValueError("paling sedikit 1 unsur")
        if self.bobot is not None:
            codes = [u if isinstance(u, str) else u.kode for u in self.unsur]
            try:
                parse_weights(self.bobot, codes)
            except SchemeError as exc:
                raise ValueError(str(exc)) from exc
        return self


class Tahap(_Strict):
    tahap: str
    mulai: date
    selesai: date

    @model_validator(mode="after")
    def _ordered(self) -> Tahap:
        if self.selesai < self.mulai:
            raise ValueError(f"selesai ({self.selesai}) sebelum mulai ({self.mulai})")
        return self


class Anggota(_Strict):
    """One member of the survey team."""

    nama: str
    peran: str | None = None  # e.g. "Ketua", "Anggota", "Sekretaris"
    jabatan: str | None = None


class Survei(_Strict):
    pelaksana: str | None = None
    metode: str | None = None
    lokasi: str | None = None
    mulai: date | None = None
    selesai: date | None = None
    jadwal: list[Tahap] = Field(default_factory=list)
    tim: list[Anggota] = Field(default_factory=list)  # the survey team, listed in 2.1
    pengambilan_sampel: str | None = None  # how respondents were chosen (2.2); a default sentence otherwise

    @model_validator(mode="after")
    def _ordered(self) -> Survei:
        if self.mulai and self.selesai and self.selesai < self.mulai:
            raise ValueError(f"selesai ({self.selesai}) sebelum mulai ({self.mulai})")
        return self


class Rtl(_Strict):
    unsur: str
    program: str
    waktu: str
    penanggung_jawab: str
    status: Literal["rencana", "proses", "selesai"] = "rencana"  # realisation, followed up next period
    selesai: str | None = None  # month the item was completed, YYYY-MM

    @field_validator("selesai")
    @classmethod
    def _month(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", str(value)):
            raise ValueError(f"harus bulan YYYY-MM, bukan {value!r}")
        return None if value is None else str(value)


class Narasi(_Strict):
    kata_pengantar: str | None = None
    latar_belakang: str | None = None
    maksud_tujuan: str | None = None
    metode: str | None = None
    kesimpulan_tambahan: str | None = None
    penutup: str | None = None
    analisis: str | None = None  # the unit's own analysis, added to 4.1


#: Picture formats a documentation photo may have (embedded in the HTML report).
IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".svg": "image/svg+xml"}


class Dokumentasi(_Strict):
    """One photo of the survey's activity (Lampiran 3 Dokumentasi)."""

    berkas: str
    keterangan: str

    @field_validator("berkas")
    @classmethod
    def _image(cls, value: str) -> str:
        if Path(value).suffix.lower() not in IMAGE_TYPES:
            raise ValueError(f"'{value}' bukan gambar ({', '.join(IMAGE_TYPES)})")
        return value


class Publikasi(_Strict):
    """One medium the period's result is published on (counted in the evaluation summary)."""

    media: str
    alamat: str | None = None
    tanggal: date | None = None


class Riwayat(_Strict):
    periode: PeriodId
    ikm_konversi: float = Field(ge=25, le=100)
    mutu: Literal["A", "B", "C", "D"] | None = None
    skema: SchemeId = DEFAULT_SCHEME
    n_responden: int | None = Field(default=None, ge=1)
    catatan: str | None = None


class Pengesahan(_Strict):
    """Where and when the report is signed (default: the unit's town, the last day of the timeline)."""

    tempat: str | None = None
    tanggal: date | None = None


class Params(_Strict):
    """The validated parameters of one unit and period."""

    unit: Unit
    periode: PeriodId
    skema: SchemeId = DEFAULT_SCHEME
    skema_kustom: CustomSchemeSpec | None = None
    bobot: Literal["exact", "legacy"] = "exact"
    data: DataSpec
    populasi: int | None = Field(default=None, ge=1)
    survei: Survei = Field(default_factory=Survei)
    kelompok: list[str] = Field(default_factory=lambda: ["jenis_layanan"])
    rtl: list[Rtl] = Field(default_factory=list)
    narasi: Narasi = Field(default_factory=Narasi)
    riwayat: list[Riwayat] = Field(default_factory=list)
    dokumentasi: list[Dokumentasi] = Field(default_factory=list)
    ringkas: bool = False  # the head's copy: without Analisis Tambahan and the Catatan Teknis lampiran
    pengesahan: Pengesahan = Field(default_factory=lambda: Pengesahan())  # place and date of the Lembar Pengesahan
    # The common parameter file this one extends (keys here override it), as written (contract 6).
    dasar: str | None = None
    publikasi: list[Publikasi] = Field(default_factory=list)  # media of publication (a plain string = media)

    _source: Path | None = PrivateAttr(default=None)
    _root: Path | None = PrivateAttr(default=None)  # files named here must lie under it (see load_params)

    @field_validator("rtl")
    @classmethod
    def _rtl_unsur_in_scheme(cls, value: list[Rtl], info: ValidationInfo) -> list[Rtl]:
        custom = info.data.get("skema_kustom")
        if "skema" not in info.data or ("skema_kustom" not in info.data):
            return value  # the scheme itself is invalid: reported on its own key
        if custom is not None:
            codes = [u if isinstance(u, str) else u.kode for u in custom.unsur]
        else:
            codes = get_scheme(info.data["skema"]).codes
        bad = [f"[{i}] '{r.unsur}'" for i, r in enumerate(value) if r.unsur not in codes]
        if bad:
            raise ValueError(f"unsur tidak ada di skema ({', '.join(codes)}): {', '.join(bad)}")
        return value

    @field_validator("publikasi", mode="before")
    @classmethod
    def _publikasi_shorthand(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [{"media": v} if isinstance(v, str) else v for v in value]
        return value

    @model_validator(mode="after")
    def _custom_scheme_builds(self) -> Params:
        self.scheme()  # a custom unsur code unknown to the base scheme fails here
        return self

    @model_validator(mode="after")
    def _form_order_names_unsur(self) -> Params:
        if self.data.urutan_kuesioner is not None:
            try:
                self.form_order()
            except ValueError as exc:
                raise ValueError(f"data.urutan_kuesioner: {exc}") from exc
        if self.data.kecualikan_bawaan_formulir and not self.data.nilai_bawaan_formulir:
            raise ValueError("data.kecualikan_bawaan_formulir: nyatakan juga data.nilai_bawaan_formulir")
        return self

    def form_order(self) -> list[str] | None:
        """The scheme's unsur codes in the questionnaire's order (``data.urutan_kuesioner``), or None."""
        from ikm_utils.method.schemes import form_order

        order = self.data.urutan_kuesioner
        return None if order is None else form_order(self.scheme(), order)

    @property
    def period(self) -> Period:
        return parse_period(self.periode)

    @property
    def source(self) -> Path | None:
        """The YAML file these parameters were read from."""
        return self._source

    def scheme(self) -> Scheme:
        """The computation scheme: the preset, or the unit's custom unsur and weights."""
        if self.skema_kustom is None:
            return get_scheme(self.skema)
        items: list[Unsur | str] = []
        for u in self.skema_kustom.unsur:
            if isinstance(u, str):
                items.append(u)
            else:
                label = u.label or ("Tidak baik", "Kurang baik", "Baik", "Sangat baik")
                items.append(Unsur(kode=u.kode, nama=u.nama, sinonim=tuple(u.sinonim), label=label))
        try:
            return custom_scheme(items, self.skema_kustom.bobot, base=self.skema, scheme_id=f"{self.skema}+kustom")
        except SchemeError as exc:
            raise ValueError(str(exc)) from exc

    def data_path(self) -> Path:
        """The data file, resolved against the parameter file's folder (it may lie outside it)."""
        return Path(self.data.berkas) if self._source is None else _data_file(self.data.berkas, self._source.parent)

    def documentation(self) -> list[tuple[Path, str]]:
        """The documentation photos (path resolved against the parameter file, caption)."""
        return [(self.resolve_file(d.berkas), d.keterangan) for d in self.dokumentasi]

    def logo_path(self) -> Path | None:
        """The cover logo, resolved against the parameter file's folder (``None`` without one)."""
        return None if self.unit.logo is None else self.resolve_file(self.unit.logo)

    def resolve_file(self, name: str) -> Path:
        """A file named in the parameters, resolved against the parameter file's folder.

        Raises :class:`ValueError` (``PathOutside``) when it lies outside that folder (``..``, an
        absolute path elsewhere, a symlink pointing out): a report only reads the unit's files.
        """
        if self._source is None:
            return Path(name)
        return resolve_inside(name, self._root or self._source.parent, base=self._source.parent)

    def ingest_options(self) -> Any:
        """The ingestion options (``ikm_utils.intake.ingest.IngestOptions``) these parameters declare."""
        from ikm_utils.intake.ingest import IngestOptions, LongLayout
        from ikm_utils.intake.scope import as_filter

        d = self.data
        period = None
        if self.survei.mulai or self.survei.selesai:
            period = (self.survei.mulai or self.period.start, self.survei.selesai or self.period.end)
        return IngestOptions(
            columns=dict(d.kolom),
            labels={k: dict(v) for k, v in d.label.items()},
            letter_codes=d.kode_huruf,
            sheet=d.sheet,
            long=None if d.long is None else LongLayout(id=d.long.id, item=d.long.item, value=d.long.nilai),
            policy=d.kebijakan,
            period=period,
            id_column=d.id_responden,
            age_bands=None if d.kelompok_usia is None else [tuple(b) for b in d.kelompok_usia],
            encoding=d.encoding,
            form_defaults=d.nilai_bawaan_formulir,
            saring=None if d.saring is None else as_filter(d.saring),
            form_order=self.form_order(),
            exclude_form_defaults=d.kecualikan_bawaan_formulir,
        )


def slugify(text: str) -> str:
    """A folder-safe name: ``Dinas Contoh Kab. X`` -> ``dinas-contoh-kab-x``.

    >>> slugify("Dinas Kependudukan & Pencatatan Sipil")
    'dinas-kependudukan-pencatatan-sipil'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "unit"


def _key_path(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(berkas)"


def _allowed_keys(loc: tuple) -> list[str]:
    model: Any = Params
    for part in loc[:-1]:
        if isinstance(part, int) or model is None:
            continue
        field = model.model_fields.get(part) if hasattr(model, "model_fields") else None
        if field is None:
            return []
        ann = field.annotation
        candidates = [ann, *getattr(ann, "__args__", ())]
        for c in list(candidates):
            candidates += list(getattr(c, "__args__", ()))
        model = next((c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)), None)
    return list(model.model_fields) if model is not None else []


def _message(err: dict) -> str:
    kind, value = err["type"], _Quoted(err.get("input"))
    if kind == "missing":
        return "wajib diisi"
    if kind == "extra_forbidden":
        key = str(err["loc"][-1])
        close = difflib.get_close_matches(key, _allowed_keys(err["loc"]), n=1)
        hint = f"; maksud Anda '{close[0]}'?" if close else ""
        return f"kunci tidak dikenal{hint}"
    if kind.startswith("int_"):
        return f"harus bilangan bulat, bukan {value!r}"
    if kind in ("float_parsing", "float_type"):
        return f"harus angka, bukan {value!r}"
    if kind in ("string_type",):
        return f"harus teks, bukan {value!r}"
    if kind in ("bool_parsing", "bool_type"):
        return f"harus true/false, bukan {value!r}"
    if kind.startswith("date"):
        return f"harus tanggal (YYYY-MM-DD), bukan {value!r}"
    if kind == "literal_error":
        expected = str(err["ctx"]["expected"]).replace(" or ", " atau ")
        return f"harus salah satu dari {expected}, bukan {value!r}"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        limit = next(iter(err["ctx"].values()))
        op = {"greater_than_equal": ">=", "less_than_equal": "<=", "greater_than": ">", "less_than": "<"}[kind]
        return f"harus {op} {limit}, bukan {value!r}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"harus berupa pemetaan (kunci: nilai), bukan {value!r}"
    if kind in ("list_type", "tuple_type"):
        return f"harus berupa daftar, bukan {value!r}"
    if kind == "value_error":
        return str(err["msg"]).removeprefix("Value error, ")
    return str(err["msg"])[:300]


class _Quoted:
    """A value as messages quote it: ``{value!r}`` gives a shortened repr (a huge value stays short)."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def __repr__(self) -> str:
        return shorten(self.value)


_UNION_PARTS = {"str", "int", "float", "bool", "none", "date", "list", "dict", "tuple", "UnsurSpec"}


def _problems(exc: ValidationError) -> list[str]:
    seen: list[str] = []
    for err in exc.errors():
        # A union (str | int ...) reports once per member, with the member's type in the path:
        # drop those parts and keep the first message per key path.
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and (p in _UNION_PARTS or "[" in p)))
        line = f"{_key_path(loc)}: {_message(err)}"
        if not any(s.split(":")[0] == line.split(":")[0] for s in seen):
            seen.append(line)
    return seen


#: Keys that name a file besides ``data.berkas`` and ``dokumentasi[].berkas`` (the cover logo):
LOGO_KEYS = (("unit", "logo"),)
#: Keys whose values are paths relative to the file that holds them (rebased when a base is merged).
_PATH_KEYS = (("data", "berkas"),)


def _read_yaml(path: Path, named: Path) -> dict:
    """The mapping in one YAML file, with size limits, or :class:`ParamsError` (under ``named``)."""
    try:
        size = path.stat().st_size
        if size > MAX_PARAMS_BYTES:
            raise ParamsError(named, [f"(berkas): berkas parameter terlalu besar ({size} byte; batas "
                                     f"{MAX_PARAMS_BYTES} byte)"])
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ParamsError(named, [f"(berkas): bukan teks UTF-8 (byte ke-{exc.start})"]) from exc
    except IsADirectoryError as exc:
        raise ParamsError(named, ["(berkas): ini folder, bukan berkas parameter"]) from exc
    except OSError as exc:
        raise ParamsError(named, [f"(berkas): tidak dapat dibaca ({exc.strerror})"]) from exc
    try:
        raw = load_yaml(text)
    except YamlTooLarge as exc:
        raise ParamsError(named, [f"(berkas): {exc}"]) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"baris {mark.line + 1}, kolom {mark.column + 1}" if mark else "?"
        reason = getattr(exc, "problem", None) or shorten(str(exc))
        raise ParamsError(named, [f"(berkas): YAML tidak dapat dibaca di {where}: {reason}"]) from exc
    except (ValueError, RecursionError) as exc:
        raise ParamsError(named, [f"(berkas): nilai tidak valid di YAML: {shorten(str(exc))}"]) from exc
    if not isinstance(raw, dict):
        raise ParamsError(named, ["(berkas): isi berkas harus berupa pemetaan kunci: nilai"])
    return raw


def _named_files(raw: dict) -> list[tuple[str, str, str]]:
    """(key path, file name, kind) of every file the raw parameters name."""
    out = []
    data = raw.get("data")
    if isinstance(data, dict) and isinstance(data.get("berkas"), str):
        out.append(("data.berkas", data["berkas"], "data"))
    photos = raw.get("dokumentasi")
    for i, item in enumerate(photos if isinstance(photos, list) else []):
        if isinstance(item, dict) and isinstance(item.get("berkas"), str):
            out.append((f"dokumentasi[{i}].berkas", item["berkas"], "gambar"))
    for keys in LOGO_KEYS:
        node: Any = raw
        for k in keys:
            node = node.get(k) if isinstance(node, dict) else None
        if isinstance(node, str):
            out.append((".".join(keys), node, "gambar"))
    return out


def _data_file(name: str, folder: Path) -> Path:
    """The data file, relative to the parameter file's folder. Unlike pictures it may lie anywhere: one
    export often serves many units (``dasar``, ``data.saring``) or sits in an ignored folder of real data
    (``data_pribadi/``); its bytes are never published, only the values read from it, masked."""
    path = Path(name)
    return path if path.is_absolute() else folder / path


def _file_problems(raw: dict, folder: Path, root: Path) -> list[str]:
    """Files named in the parameters: inside ``root`` (the parameter folder, or the folder that holds
    the whole ``dasar`` chain), present, and images that decode. Relative names start at ``folder``."""
    from ikm_utils.intake.images import ImageRejected, check_image

    problems = []
    for key, name, kind in _named_files(raw):
        try:
            path = _data_file(name, folder) if kind == "data" else resolve_inside(name, root, base=folder)
        except PathOutside as exc:
            problems.append(f"{key}: {exc} ({root}); letakkan berkas di folder berkas parameter")
            continue
        if not path.is_file():
            what = "berkas data" if kind == "data" else "berkas gambar"
            problems.append(f"{key}: {what} tidak ditemukan: {path}")
        elif kind == "gambar" and Path(name).suffix.lower() in IMAGE_TYPES:
            try:
                check_image(path)
            except ImageRejected as exc:
                problems.append(f"{key}: {exc}")
    return problems




def merge_params(base: dict, override: dict) -> dict:
    """``override`` laid over ``base``: mappings merge key by key, everything else (lists too) is replaced.

    >>> merge_params({"unit": {"nama": "A", "instansi": "Kab"}, "rtl": [1]}, {"unit": {"nama": "B"}, "rtl": []})
    {'unit': {'nama': 'B', 'instansi': 'Kab'}, 'rtl': []}
    """
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge_params(out[key], value)
        else:
            out[key] = value
    return out


def _rebase_paths(raw: dict, source_dir: Path, target_dir: Path) -> dict:
    """Paths in ``raw`` (written relative to ``source_dir``) made relative to ``target_dir``."""
    raw = dict(raw)
    for section, key in _PATH_KEYS:
        part = raw.get(section)
        if isinstance(part, dict) and isinstance(part.get(key), str) and not Path(part[key]).is_absolute():
            part = dict(part)
            part[key] = Path(os.path.relpath(source_dir / part[key], target_dir)).as_posix()
            raw[section] = part
    photos = raw.get("dokumentasi")
    if isinstance(photos, list):
        raw["dokumentasi"] = [
            {**d, "berkas": Path(os.path.relpath(source_dir / d["berkas"], target_dir)).as_posix()}
            if isinstance(d, dict) and isinstance(d.get("berkas"), str) and not Path(d["berkas"]).is_absolute()
            else d
            for d in photos
        ]
    return raw


def read_raw_params(path: str | Path) -> tuple[dict, list[Path]]:
    """The raw mapping of a parameter file with its ``dasar`` chain merged in, and the files read.

    ``dasar: ../_umum.yaml`` names a common file (relative to this one) whose keys this file
    extends: mappings merge key by key, other values here replace the base's. A base may have its own
    ``dasar``. Paths written in a base (``data.berkas``, ``dokumentasi[].berkas``) are relative to the
    base and are rewritten relative to this file. The files come nearest first (this file, its base...).
    """
    path = Path(path)
    return _merged(path.resolve(), [], path)


def _merged(path: Path, below: list[Path], top: Path) -> tuple[dict, list[Path]]:
    raw = _read_yaml(path, top if not below else path)
    if not isinstance(raw.get("dasar"), str):
        return raw, [path]
    base_path = (path.parent / raw["dasar"]).resolve()
    if base_path in (*below, path):
        chain = " -> ".join(f.name for f in [*below, path, base_path])
        raise ParamsError(top, [f"dasar: rantai berkas dasar berputar ({chain})"])
    if not base_path.is_file():
        raise ParamsError(path, [f"dasar: berkas dasar tidak ditemukan: {base_path}"])
    base, files = _merged(base_path, [*below, path], top)
    base = _rebase_paths({k: v for k, v in base.items() if k != "dasar"}, base_path.parent, path.parent)
    return merge_params(base, raw), [path, *files]


def load_params(path: str | Path, check_files: bool = True) -> Params:
    """Read and validate a parameter file; raise :class:`ParamsError` listing every problem.

    A file with ``dasar`` is merged over its common file first (:func:`read_raw_params`).
    """
    path = Path(path)
    if not path.exists():
        raise ParamsError(path, ["(berkas): berkas parameter tidak ditemukan"])
    raw, chain = read_raw_params(path)
    problems: list[str] = []
    params: Params | None = None
    try:
        params = Params.model_validate(raw)
    except ValidationError as exc:
        problems = _problems(exc)
    folder = path.resolve().parent
    # files may lie anywhere under the folder that holds the file and its common files (``dasar``)
    root = Path(os.path.commonpath([f.parent for f in chain])) if chain else folder
    if check_files:
        problems += _file_problems(raw, folder, root)
    else:
        for key, name, kind in _named_files(raw):
            if kind == "data":
                continue
            try:
                resolve_inside(name, root, base=folder)
            except PathOutside as exc:
                problems.append(f"{key}: {exc} ({root})")
    if problems:
        raise ParamsError(path, problems)
    assert params is not None
    params._source, params._root = path.resolve(), root
    return params
