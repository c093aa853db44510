"""What each kept release changed, for the Atom feeds: the whole release and each council's figures.

A release is compared with the kept release before it, from what the two files hold (opened
read-only, warehouse.db.open_snapshot): the sources' vintages and the revision counts (worded by
warehouse.read.releases.changes, as on /data), every `marts.la_year` figure by council series and
year (value and status), and the councils over each named cap (`marts.caps`) in each release's
latest year of `marts.la_year_cap`. Release files never change once published, so a pair's answer
is cached by the two files' paths (one directory, so one id each).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import polars as pl

from warehouse.checks.statuses import STATUS_SUFFIX, value_column
from warehouse.db import WarehouseError, open_snapshot
from warehouse.domain import PUBLISHED
from warehouse.read import releases
from warehouse.read.site import frame, has_table

KEY = ("series_code", "year")
MAX_NAMED = 10  # more councils than this are counted, not named
MAX_COUNCIL_LINES = 30  # a council's entry lists at most this many changed figures
# How a la_year measure reads in a sentence ("2024 caseload revised 17.1 → 17.3").
WORDS = {
    "caseload_fte": "caseload",
    "cases": "cases",
    "case_holders_fte": "case-holding social workers (FTE)",
    "inpost_fte": "social workers in post (FTE)",
    "agency_fte": "agency workers (FTE)",
    "agency_rate_fte": "agency worker rate",
    "vacancy_fte": "vacancies (FTE)",
    "vacancy_rate_fte": "vacancy rate",
    "turnover_rate_fte": "turnover rate",
    "absence_rate_fte": "sickness absence rate",
}


@dataclass(frozen=True)
class CouncilChange:
    name: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class ReleaseEntry:
    """One kept release against the one before it (`previous_id` None for the first kept)."""

    release_id: str
    built_at: dt.datetime | None
    previous_id: str | None
    sentences: tuple[str, ...]
    councils: dict[str, CouncilChange] = field(default_factory=dict)  # series_code -> its changes


@dataclass(frozen=True)
class _Facts:
    """What one release file holds that the comparison needs, read once."""

    summary: releases.ReleaseSummary
    la_year: pl.DataFrame
    caps: tuple[tuple[str, str], ...]  # (scenario_id, label) in sort_order
    cap_year: int | None
    over: dict[str, frozenset[str]]  # scenario_id -> series codes over it in cap_year


@lru_cache(maxsize=32)
def _facts(path: Path) -> _Facts:
    summary = releases.summarise(path)
    con = open_snapshot(path)
    try:
        la_year = frame(con, "SELECT * FROM marts.la_year ORDER BY series_code, year")
        caps = tuple(
            (sid, label)
            for sid, label in con.execute(
                "SELECT scenario_id, label FROM marts.caps WHERE cap IS NOT NULL ORDER BY sort_order"
            ).fetchall()
        ) if has_table(con, "marts", "caps") else ()
        over: dict[str, frozenset[str]] = {}
        cap_year = None
        if has_table(con, "marts", "la_year_cap"):
            cap_year = con.execute("SELECT max(year) FROM marts.la_year_cap").fetchall()[0][0]
            rows = con.execute(
                "SELECT scenario_id, list(DISTINCT series_code) FROM marts.la_year_cap "
                "WHERE year = $y AND over_cap GROUP BY scenario_id",
                {"y": cap_year},
            ).fetchall()
            over = {sid: frozenset(codes) for sid, codes in rows}
    finally:
        con.close()
    return _Facts(summary, la_year, caps, cap_year, over)


def entries(releases_dir: Path) -> list[ReleaseEntry]:
    """Every kept release with what it changed, newest first; a file pruned meanwhile is left out."""
    paths = [p for rid in releases.release_ids(releases_dir)
             if (p := releases.release_path(releases_dir, rid)) is not None]
    out: list[ReleaseEntry] = []
    previous: Path | None = None
    for path in paths:
        try:
            out.append(compare(previous, path))
        except (WarehouseError, IndexError, OSError):
            continue
        previous = path
    return out[::-1]


@lru_cache(maxsize=64)
def compare(old_path: Path | None, new_path: Path) -> ReleaseEntry:
    """The release at `new_path` against the one at `old_path` (None: it is the first kept)."""
    new = _facts(new_path)
    if old_path is None:
        first = releases.changes(None, new.summary)
        return ReleaseEntry(new.summary.release_id, new.summary.built_at, None,
                            (*first, *_revision_sentences(new.summary)))
    old = _facts(old_path)
    councils = council_changes(old.la_year, new.la_year)
    sources = [s for s in releases.changes(old.summary, new.summary) if s != releases.NO_CHANGE]
    new_years = sorted(set(new.la_year["year"]) - set(old.la_year["year"]))
    caps = cap_sentences(old, new)
    sentences = [*sources, *_revision_sentences(new.summary)]
    if new_years:
        sentences.append(f"New year of figures: {_and([str(y) for y in new_years])}.")
    if councils:
        sentences.append(_named("Figures changed for", sorted(c.name for c in councils.values()),
                                "since the release before"))
    if not (sources or new_years or councils or caps):
        sentences.insert(0, releases.NO_CHANGE)
    elif new.caps:
        sentences += caps or ["No council is newly over a named cap."]
    return ReleaseEntry(new.summary.release_id, new.summary.built_at, old.summary.release_id,
                        tuple(sentences), councils)


def _revision_sentences(summary: releases.ReleaseSummary) -> list[str]:
    """How many published figures the publisher revised, by kind (marts.revisions of this release)."""
    if not summary.revisions:
        return []
    total = sum(summary.revisions.values())
    kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(summary.revisions.items()))
    return [f"Revisions recorded in this release: {total} published figures ({kinds})."]


def cap_sentences(old: _Facts, new: _Facts) -> list[str]:
    """Councils over each named cap in the new release's latest year that were not over it in the
    previous release's latest year."""
    names = dict(new.la_year.select("series_code", "la_name").unique("series_code", keep="last").iter_rows())
    out = []
    for sid, label in new.caps:
        before, now = old.over.get(sid, frozenset()), new.over.get(sid, frozenset())
        newly = sorted(names.get(c, c) for c in now - before)
        if not newly:
            continue
        when = (f"in {new.cap_year}" if new.cap_year == old.cap_year
                else f"in {new.cap_year} (not over it in {old.cap_year})")
        out.append(_named(f"Newly over {label} {when}:", newly))
    return out


def council_changes(old: pl.DataFrame, new: pl.DataFrame) -> dict[str, CouncilChange]:
    """Each council series whose `marts.la_year` figures differ: a year added or withdrawn, a value
    revised, a figure newly suppressed or newly published. Councils with no change are absent."""
    measures = [(value_column(c), c) for c in new.columns
                if c.endswith(STATUS_SUFFIX) and value_column(c) in new.columns and c in old.columns]
    cols = [*KEY, "la_name", *[c for pair in measures for c in pair]]
    joined = new.select(cols).join(old.select(cols), on=list(KEY), how="full", suffix="_old", coalesce=True)
    lines: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for row in joined.sort(list(KEY)).iter_rows(named=True):
        code, year = row["series_code"], row["year"]
        names[code] = row["la_name"] or row["la_name_old"] or code
        if row["la_name"] is None:
            lines.setdefault(code, []).append(f"{year} figures withdrawn.")
            continue
        if row["la_name_old"] is None:
            lines.setdefault(code, []).append(f"{year} figures added: caseload "
                                              f"{_shown(row['caseload_fte'], row['caseload_status'])}.")
            continue
        for value, status in measures:
            line = figure_change(f"{year} {WORDS.get(value, value)}", row[f"{value}_old"],
                                 row[f"{status}_old"], row[value], row[status])
            if line:
                lines.setdefault(code, []).append(line)
    out = {}
    for code, found in lines.items():
        more = len(found) - MAX_COUNCIL_LINES
        kept = found[:MAX_COUNCIL_LINES] + ([f"And {more} more changed figures."] if more > 0 else [])
        out[code] = CouncilChange(names[code], tuple(kept))
    return out


def figure_change(what: str, old: object, old_status: str | None, new: object,
                  new_status: str | None) -> str | None:
    """One figure's change in words, or None when it is the same."""
    if old_status == new_status and (new_status != PUBLISHED or _same(old, new)):
        return None
    if old_status == PUBLISHED and new_status == PUBLISHED:
        return f"{what} revised {_num(old)} → {_num(new)}."
    if old_status == PUBLISHED:
        return f"{what} newly suppressed ({new_status}; was {_num(old)})."
    if new_status == PUBLISHED:
        return f"{what} now published: {_num(new)} (was {old_status})."
    return f"{what} changed from {old_status} to {new_status}."


def _same(a: object, b: object) -> bool:
    if a is None or b is None:
        return a is b
    return abs(float(a) - float(b)) < 1e-9


def _num(v: object) -> str:
    if isinstance(v, float):
        text = f"{v:.10g}"
        return text if any(ch in text for ch in ".e") else f"{text}.0"
    return str(v)


def _shown(value: object, status: str | None) -> str:
    return _num(value) if status == PUBLISHED else str(status)


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _named(lead: str, names: list[str], tail: str = "") -> str:
    """'<lead> A, B and C <tail>.' up to MAX_NAMED names, else '<lead> 14 councils <tail>.'"""
    shown = _and(names) if len(names) <= MAX_NAMED else f"{len(names)} councils"
    return " ".join(p for p in (lead, shown, tail) if p) + "."
