"""The one date rule: which column dates the responses, and when a date is a timestamp.

Exports often carry a date-only column (``tanggal``) beside the full timestamp (``waktu``,
``created_at``). The timestamp is what tells a double submission (same second, same answers)
from two people answering alike on one day, so when the recognised date column has no time of
day and a companion column holds the same days with their times, the companion is used and the
choice is recorded (``info["tanggal_dipilih"]``) for ``ikm validate`` to say.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from ikm_utils.intake.profile import dates
from ikm_utils.intake.readers import RawTable
from ikm_utils.intake.recognise import Recognition, normalise
from ikm_utils.method.schemes import ingest_vocabulary


def companion_columns(table: RawTable, rec: Recognition) -> list[int]:
    """Columns not yet used whose header names a date or a time (``waktu``, ``timestamp``, ...)."""
    vocab = ingest_vocabulary()
    words = {normalise(w) for w in (*vocab["cap_waktu_pendamping"], *vocab["profil"]["tanggal"])}
    used = set(rec.columns.values())
    return [j for j, h in enumerate(table.headers) if j not in used and normalise(h) in words]


def choose_timestamp(table: RawTable, rec: Recognition, explicit: Mapping[str, str]) -> str | None:
    """Use a timestamp column over a date-only one (in ``rec``); returns the sentence saying so, or None.

    The companion must hold a time of day and agree with the date column on the day of every
    row both fill; a mapping given for ``tanggal`` is never overridden.
    """
    j = rec.columns.get("tanggal")
    if j is None or "tanggal" in explicit:
        return None
    companions = companion_columns(table, rec)
    if not companions:
        return None
    current = dates(table.columns[j])
    if current.has_time:
        return None
    days = current.values.dt.normalize().to_numpy()
    for k in companions:
        other = dates(table.columns[k])
        if not other.has_time or other.invalid.mean() > 0.5:
            continue
        both = ~np.isnat(days) & ~np.isnat(other.values.to_numpy())
        if both.any() and not (other.values.dt.normalize().to_numpy()[both] == days[both]).all():
            continue
        rec.columns["tanggal"] = k
        rec.how["tanggal"] = "cap waktu"
        return (f"tanggal: kolom '{table.labels[k]}' dipakai (tanggal dan jam), bukan '{table.labels[j]}' "
                f"(tanggal saja), karena kiriman ganda hanya dapat dikenali dari jam yang sebenarnya")
    return None
