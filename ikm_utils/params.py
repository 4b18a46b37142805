"""The parameter file of one unit and period: a validated model, loaded before anything executes.

``params/<unit-slug>/<periode>.yaml``; relative paths in it are relative to the file. Every
problem is reported at once, each with its key path (``data.berkas``, ``rtl[0].unsur``): papermill
alone would only warn about an unknown parameter.
"""

from __future__ import annotations

import difflib
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
    publikasi: list[Publikasi] = Field(default_factory=list)  # media of publication (a plain string = media)

    _source: Path | None = PrivateAttr(default=None)

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
        """The data file, resolved against the parameter file's folder."""
        return self._resolve(self.data.berkas)

    def documentation(self) -> list[tuple[Path, str]]:
        """The documentation photos (path resolved against the parameter file, caption)."""
        return [(self._resolve(d.berkas), d.keterangan) for d in self.dokumentasi]

    def logo_path(self) -> Path | None:
        """The cover logo, resolved against the parameter file's folder (``None`` without one)."""
        return None if self.unit.logo is None else self._resolve(self.unit.logo)

    def _resolve(self, name: str) -> Path:
        path = Path(name)
        if not path.is_absolute() and self._source is not None:
            path = self._source.parent / path
        return path

    def ingest_options(self) -> Any:
        """The ingestion options (``ikm_utils.intake.ingest.IngestOptions``) these parameters declare."""
        from ikm_utils.intake.ingest import IngestOptions, LongLayout

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
    kind, value = err["type"], err.get("input")
    if kind == "missing":
        return "wajib diisi"
    if kind == "extra_forbidden":
        key = str(err["loc"][-1])
        close = difflib.get_close_matches(key, _allowed_keys(err["loc"]), n=1)
        hint = f"; maksud Anda '{close[0]}'?" if close else ""
        return f"kunci tidak dikenal{hint}"
    if kind in ("int_parsing", "int_type", "int_from_float"):
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
    return str(err["msg"])


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


def _logo_problems(params_file: Path, logo: str) -> list[str]:
    """The logo must be a file inside the unit's parameter folder (no ``..`` or absolute escape)."""
    folder = params_file.resolve().parent
    target = (folder / logo).resolve()
    if not target.is_relative_to(folder):
        return [f"unit.logo: berkas logo harus berada di folder parameter unit ({folder}), bukan {logo}"]
    if not target.is_file():
        return [f"unit.logo: berkas logo tidak ditemukan: {target}"]
    return []


def load_params(path: str | Path, check_files: bool = True) -> Params:
    """Read and validate a parameter file; raise :class:`ParamsError` listing every problem."""
    path = Path(path)
    if not path.exists():
        raise ParamsError(path, ["(berkas): berkas parameter tidak ditemukan"])
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"baris {mark.line + 1}, kolom {mark.column + 1}" if mark else "?"
        reason = getattr(exc, "problem", exc)
        raise ParamsError(path, [f"(berkas): YAML tidak dapat dibaca di {where}: {reason}"]) from exc
    except ValueError as exc:  # e.g. a date like 2024-13-01, rejected by the YAML loader itself
        raise ParamsError(path, [f"(berkas): nilai tidak valid di YAML: {exc}"]) from exc
    if not isinstance(raw, dict):
        raise ParamsError(path, ["(berkas): isi berkas harus berupa pemetaan kunci: nilai"])
    problems: list[str] = []
    params: Params | None = None
    try:
        params = Params.model_validate(raw)
    except ValidationError as exc:
        problems = _problems(exc)
    berkas = raw.get("data", {}).get("berkas") if isinstance(raw.get("data"), dict) else None
    if check_files and isinstance(berkas, str):
        data_path = Path(berkas) if Path(berkas).is_absolute() else path.parent / berkas
        if not data_path.is_file():
            problems.append(f"data.berkas: berkas data tidak ditemukan: {data_path}")
    photos = raw.get("dokumentasi") if check_files else None
    for i, item in enumerate(photos if isinstance(photos, list) else []):
        name = item.get("berkas") if isinstance(item, dict) else None
        if isinstance(name, str) and not (Path(name) if Path(name).is_absolute() else path.parent / name).is_file():
            problems.append(f"dokumentasi[{i}].berkas: berkas gambar tidak ditemukan: {path.parent / name}")
    logo = raw.get("unit", {}).get("logo") if isinstance(raw.get("unit"), dict) else None
    if check_files and isinstance(logo, str):
        problems += _logo_problems(path, logo)
    if problems:
        raise ParamsError(path, problems)
    assert params is not None
    params._source = path.resolve()
    return params
