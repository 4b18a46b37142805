"""Survey periods: ``2024`` (tahunan), ``2024-S1``/``S2`` (semester), ``2024-TW1``..``TW4`` (triwulan)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_PATTERN = re.compile(r"^(?P<year>\d{4})(?:-(?P<kind>S|TW)(?P<num>\d))?$")
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True)
class Period:
    """A survey period; periods order by their end date, then their start."""

    year: int
    start_month: int
    months: int
    id: str

    @property
    def label(self) -> str:
        """Indonesian label: ``Semester I 2024``, ``Triwulan II 2024``, ``Tahun 2024``."""
        if self.months == 12:
            return f"Tahun {self.year}"
        kind = "Semester" if self.months == 6 else "Triwulan"
        return f"{kind} {_ROMAN[(self.start_month - 1) // self.months + 1]} {self.year}"

    def __lt__(self, other: Period) -> bool:
        return (self.end, self.start) < (other.end, other.start)

    @property
    def start(self) -> date:
        return date(self.year, self.start_month, 1)

    @property
    def end(self) -> date:
        last_month = self.start_month + self.months - 1
        following = date(self.year + 1, 1, 1) if last_month == 12 else date(self.year, last_month + 1, 1)
        return date.fromordinal(following.toordinal() - 1)


def parse_period(text: str) -> Period:
    """Parse a period id.

    >>> p = parse_period("2024-S2"); (p.label, str(p.start), str(p.end))
    ('Semester II 2024', '2024-07-01', '2024-12-31')
    >>> sorted(["2024", "2024-S1", "2023-TW4"], key=lambda s: parse_period(s))
    ['2023-TW4', '2024-S1', '2024']
    """
    m = _PATTERN.match(str(text).strip())
    if not m:
        raise ValueError(f"periode '{text}' tidak dikenal; gunakan 2024, 2024-S1/S2 atau 2024-TW1..TW4")
    year, kind, num = int(m["year"]), m["kind"], m["num"]
    if kind is None:
        return Period(year, 1, 12, f"{year}")
    n = int(num)
    if kind == "S" and n in (1, 2):
        return Period(year, 1 + 6 * (n - 1), 6, f"{year}-S{n}")
    if kind == "TW" and 1 <= n <= 4:
        return Period(year, 1 + 3 * (n - 1), 3, f"{year}-TW{n}")
    raise ValueError(f"periode '{text}' tidak dikenal; semester 1-2, triwulan 1-4")
