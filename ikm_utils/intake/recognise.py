"""Headers to targets: which column holds which unsur, and which holds which profile field.

A column is recognised, strongest first, by an explicit mapping; by its code (``U1``, ``u1``,
``U 1``, ``U-01``); by the unsur's name or a synonym from ``data/schemes.yaml`` (also inside a
Google Forms grid bracket: ``Penilaian [Persyaratan]``); or by a question text naming it
("Bagaimana pendapat Saudara tentang kewajaran biaya/tarif ..."). Numbering prefixes such as
``4.`` are ignored and column order never matters. A weaker match never beats a stronger one,
two columns equally strong for one unsur are an error naming both, and an unsur without any
column is an error listing the columns still free.

A bare code header maps by its code: ``u8`` is U8 of the scheme, whatever the questionnaire's
order. Files numbered in questionnaire order (``u8`` = sarana) need an explicit mapping; when a
companion label column (``u8_label``) shows the other unsur's answers, a warning says so.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ikm_utils.intake.validate import Problem, problem
from ikm_utils.method.schemes import Scheme, ingest_vocabulary

PROFILE_FIELDS = (
    "id_responden", "tanggal", "jenis_kelamin", "usia", "usia_kelompok",
    "pendidikan", "pekerjaan", "jenis_layanan", "unit", "saran",
)
#: How a target was recognised, strongest first.
LEVELS = ("pemetaan", "kode", "nama", "teks pertanyaan")

_CODE = re.compile(r"^u\s*[-_.]?\s*0*(\d{1,3})$", re.IGNORECASE)
_CODE_PREFIX = re.compile(r"^u\s*[-_.]?\s*0*(\d{1,3})(?:\s*[.):\-–]+\s*|\s+)(?=\S)", re.IGNORECASE)
_NUMBER_PREFIX = re.compile(
    r"^(?:(?:no|nomor|q|p|pertanyaan|soal)\s*\.?\s*)?\d{1,3}(?:\s*[.):\-–]+\s*|\s+)(?=\D)", re.IGNORECASE
)
_BRACKET = re.compile(r"\[([^\]]+)\]\s*$")


def normalise(text: str) -> str:
    """Lower case, ``&`` read as ``dan``, other non-alphanumerics as spaces, spaces collapsed.

    >>> normalise("  Sarana & Prasarana_(fisik) ")
    'sarana dan prasarana fisik'
    """
    t = str(text).casefold().replace("&", " dan ")
    return " ".join(re.sub(r"[\W_]+", " ", t).split())


@dataclass(frozen=True)
class HeaderKey:
    """What a header says: a bare code, a code prefix, its text (normalised) and a grid bracket."""

    code: str | None
    prefix_code: str | None
    text: str
    bracket: str | None


def header_key(header: str) -> HeaderKey:
    """Split a header into code, numbering and text.

    >>> header_key("4. Bagaimana pendapat Saudara tentang kewajaran biaya/tarif?").text
    'bagaimana pendapat saudara tentang kewajaran biaya tarif'
    >>> header_key("U 8").code, header_key("U8. Sarana").prefix_code
    ('U8', 'U8')
    """
    raw = str(header).strip()
    m = _CODE.match(raw)
    if m:
        return HeaderKey(f"U{int(m.group(1))}", None, normalise(raw), None)
    prefix_code = None
    m = _CODE_PREFIX.match(raw)
    if m:
        prefix_code = f"U{int(m.group(1))}"
        raw = raw[m.end():]
    else:
        m = _NUMBER_PREFIX.match(raw)
        if m:
            raw = raw[m.end():]
    b = _BRACKET.search(raw)
    return HeaderKey(None, prefix_code, normalise(raw), normalise(b.group(1)) if b else None)


@dataclass
class Recognition:
    """The outcome: target -> column index, how each was found, and the problems."""

    columns: dict[str, int] = field(default_factory=dict)
    how: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def mapping(self, headers: Sequence[str]) -> dict[str, str]:
        """Target -> header as written."""
        return {t: headers[j] for t, j in self.columns.items()}


@cache
def _vocab() -> tuple[frozenset[str], dict[str, tuple[str, ...]], tuple[str, ...]]:
    v = ingest_vocabulary()
    blockers = frozenset(normalise(w) for w in v["kata_penghalang"])
    profile = {f: tuple(normalise(s) for s in v["profil"][f]) for f in PROFILE_FIELDS}
    openers = tuple(sorted((normalise(o) for o in v["awalan_pertanyaan"]), key=len, reverse=True))
    return blockers, profile, openers


def _unsur_phrases(scheme: Scheme) -> dict[str, tuple[str, ...]]:
    return {u.kode: tuple(dict.fromkeys(normalise(p) for p in (u.nama, *u.sinonim))) for u in scheme.unsur}


def _contains(text: str, phrase: str) -> bool:
    return f" {phrase} " in f" {text} "


def _candidates(key: HeaderKey, scheme: Scheme) -> list[tuple[int, str]]:
    """(level, target) pairs for one header; level 1 code, 2 exact name, 3 phrase in a question."""
    blockers, profile, openers = _vocab()
    unsur = _unsur_phrases(scheme)
    codes = set(scheme.codes)
    if key.code is not None:
        return [(1, key.code)] if key.code in codes else []
    words = set(key.text.split())
    blocked = bool(words & blockers)
    exact = [t for t, ps in unsur.items() if key.text in ps or (key.bracket is not None and key.bracket in ps)]
    exact += [f for f, ps in profile.items() if key.text in ps or (key.bracket is not None and key.bracket in ps)]
    if exact:
        return [(2, t) for t in exact]
    out: list[tuple[int, str]] = []
    if not blocked:
        best, hits = 0, []
        for t, ps in unsur.items():
            length = max((len(p) for p in ps if _contains(key.text, p)), default=0)
            if length > best:
                best, hits = length, [t]
            elif length and length == best:
                hits.append(t)
        if len(hits) == 1:
            out.append((3, hits[0]))
        text = key.text
        for o in openers:
            if text.startswith(o + " "):
                text = text[len(o) + 1:]
                break
        for f, ps in profile.items():
            if any(text.startswith(p + " ") for p in ps):
                out.append((3, f))
    if not out and key.prefix_code in codes and not blocked:
        out.append((1, key.prefix_code))
    return out


def _lookup(headers: Sequence[str], name: str) -> list[int]:
    exact = [j for j, h in enumerate(headers) if h == name]
    if exact:
        return exact
    loose = [j for j, h in enumerate(headers) if h.strip().casefold() == str(name).strip().casefold()]
    return loose or [j for j, h in enumerate(headers) if normalise(h) == normalise(name)]


def _short(h: str, n: int = 60) -> str:
    return h if len(h) <= n else h[: n - 1] + "…"


def recognise(
    headers: Sequence[str],
    scheme: Scheme,
    file: str | Path,
    explicit: Mapping[str, str] | None = None,
    labels: Sequence[str] | None = None,
) -> Recognition:
    """Map headers to unsur codes and profile fields.

    Parameters
    ----------
    headers
        The headers as written (or, for a long layout, the item names).
    scheme
        The scheme whose codes, names and synonyms are looked for.
    file
        The file named in problems.
    explicit
        Target -> header; always wins.
    labels
        How problems name each column (default: the header).

    Examples
    --------
    >>> from ikm_utils.method.schemes import get_scheme
    >>> r = recognise(["Jenis Kelamin", "u1", "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif?"],
    ...               get_scheme("permen14_2017"), "d.csv")
    >>> r.columns["U4"], r.how["U4"], r.columns["jenis_kelamin"]
    (2, 'teks pertanyaan', 0)
    """
    labels = list(labels or headers)
    rec = Recognition()
    targets = [*scheme.codes, *PROFILE_FIELDS]
    taken: set[int] = set()
    for target, header in (explicit or {}).items():
        if target not in targets:
            rec.problems.append(problem("pemetaan_tidak_valid", file, column=str(header), value=str(target),
                                        expected=f"kode unsur ({', '.join(scheme.codes)}) atau data profil "
                                                 f"({', '.join(PROFILE_FIELDS)})"))
            continue
        found = _lookup(headers, header)
        if len(found) != 1:
            kind = "kolom_tidak_ada" if not found else "pemetaan_tidak_valid"
            rec.problems.append(problem(kind, file, column=str(header), value=str(header),
                                        expected=f"satu kolom untuk {target}",
                                        note=f"kolom yang ada: {', '.join(_short(h) for h in headers)}",
                                        note_en=f"columns present: {', '.join(_short(h) for h in headers)}"))
            continue
        if found[0] in taken:
            rec.problems.append(problem("pemetaan_tidak_valid", file, column=labels[found[0]], value=str(target),
                                        expected="satu sasaran per kolom"))
            continue
        rec.columns[target], rec.how[target] = found[0], LEVELS[0]
        taken.add(found[0])
    keys = [header_key(h) for h in headers]
    by_level: dict[tuple[int, str], list[int]] = {}
    for j, key in enumerate(keys):
        if j in taken:
            continue
        for level, target in _candidates(key, scheme):
            by_level.setdefault((level, target), []).append(j)
    blocked_unsur: set[str] = set()
    for level in (1, 2, 3):
        for target in targets:
            if target in rec.columns or target in blocked_unsur:
                continue
            cols = [j for j in by_level.get((level, target), []) if j not in taken]
            if not cols:
                continue
            if len(cols) > 1 and target in scheme.codes:
                rec.problems.append(problem(
                    "kolom_unsur_ganda", file, column=target, value=" | ".join(_short(labels[j]) for j in cols),
                    expected=f"satu kolom untuk {target}; tetapkan dengan pemetaan kolom (--kolom {target}=\"...\")"))
                blocked_unsur.add(target)
                continue
            if len(cols) > 1:
                rec.problems.append(problem(
                    "kolom_profil_ganda", file, column=target, value=" | ".join(_short(labels[j]) for j in cols),
                    expected=f"satu kolom untuk {target}", note=f"dipakai: '{_short(labels[cols[0]])}'",
                    note_en=f"used: '{_short(labels[cols[0]])}'"))
            rec.columns[target], rec.how[target] = cols[0], LEVELS[level]
            taken.add(cols[0])
            key = keys[cols[0]]
            if level > 1 and key.prefix_code and key.prefix_code != target and target in scheme.codes:
                rec.problems.append(problem(
                    "urutan_unsur_meragukan", file, column=labels[cols[0]], value=key.prefix_code,
                    expected=target, note=f"dipetakan ke {target} menurut teksnya, bukan nomornya",
                    note_en=f"mapped to {target} by its text, not its number"))
    rec.columns = {t: rec.columns[t] for t in targets if t in rec.columns}
    free = [labels[j] for j in range(len(headers)) if j not in taken]
    for code in scheme.codes:
        if code not in rec.columns and code not in blocked_unsur:
            nama = next(u.nama for u in scheme.unsur if u.kode == code)
            rec.problems.append(problem(
                "kolom_unsur_hilang", file, column=code, expected=f"kolom untuk {code} ({nama})",
                note=f"kolom yang belum terpakai: {', '.join(_short(h) for h in free) or '–'}",
                note_en=f"columns not yet used: {', '.join(_short(h) for h in free) or '–'}"))
    return rec


def foreign_unsur(
    headers: Sequence[str],
    taken: set[int] | Sequence[int],
    scheme: Scheme,
    file: str | Path,
    labels: Sequence[str] | None = None,
) -> list[Problem]:
    """Columns left over that look like unsur the scheme does not have: one error naming them all.

    A bare code beyond the scheme (``U10`` … ``U14`` under a 9-unsur scheme) or the name or
    question text of another preset scheme's unsur is an error, never a silently ignored column:
    a 14-unsur KepMenPAN 25/2004 file read as PermenPANRB 14/2017 would otherwise lose five unsur
    and give the other nine the wrong names. The error suggests the schemes that have them all.

    >>> from ikm_utils.method.schemes import get_scheme
    >>> [p.kind for p in foreign_unsur(["U1", "U10", "u14"], {0}, get_scheme("permen14_2017"), "d.csv")]
    ['kolom_unsur_skema_lain']
    """
    from ikm_utils.method.schemes import get_scheme, scheme_ids

    labels = list(labels or headers)
    own_phrases = {p for ps in _unsur_phrases(scheme).values() for p in ps}
    others = [get_scheme(i) for i in scheme_ids() if i != scheme.id]
    found: dict[int, set[str]] = {}
    for j, h in enumerate(headers):
        if j in taken:
            continue
        key = header_key(h)
        if key.code is not None:
            if key.code not in scheme.codes:
                found[j] = {o.id for o in others if key.code in o.codes}
            continue
        if key.text in own_phrases:
            continue
        hits = {o.id for o in others for _, t in _candidates(key, o) if t in o.codes}
        if hits:
            found[j] = hits
    if not found:
        return []
    fits = set.intersection(*found.values()) if all(found.values()) else set()
    names = ", ".join(f"'{_short(labels[j])}'" for j in found)
    hint = (f"pakai skema yang memilikinya: {' atau '.join(f'--skema {s}' for s in sorted(fits))} "
            f"(di berkas parameter: skema: {sorted(fits)[0]})" if fits else
            "pilih skema yang sesuai dengan kuesioner (--skema), atau hapus kolom itu bila memang bukan unsur")
    return [problem(
        "kolom_unsur_skema_lain", file, value=names,
        expected=f"hanya unsur skema {scheme.id} ({len(scheme.codes)} unsur: {', '.join(scheme.codes)})",
        note=hint, note_en=hint.replace("pakai skema yang memilikinya", "use a scheme that has them"))]


def form_order_mapping(headers: Sequence[str], order: Sequence[str], explicit: Mapping[str, str]) -> dict[str, str]:
    """Target -> header for code-headed columns read in the questionnaire's own order.

    ``order`` lists the scheme's unsur codes in the order the questionnaire asks them (from
    ``data.urutan_kuesioner``, given by unsur name): the column ``u8`` is then the eighth
    question, whatever the scheme numbers it. Targets or headers mapped explicitly are left alone.

    >>> form_order_mapping(["u1", "u8", "u9"], ["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U9", "U8"], {})
    {'U1': 'u1', 'U9': 'u8', 'U8': 'u9'}
    """
    used = set(explicit.values())
    out: dict[str, str] = {}
    for h in headers:
        key = header_key(h)
        if key.code is None or h in used:
            continue
        position = int(key.code[1:])
        if 1 <= position <= len(order) and order[position - 1] not in explicit:
            out.setdefault(order[position - 1], h)
    return out
