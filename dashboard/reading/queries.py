"""The site's reads of the release a request reads, cached per release.

Every function reads the published snapshot through `warehouse.read.site`; the cache key
includes the snapshot's file and version, so a new release is picked up at once and nothing
stale is ever served. A page drawn for `?release=<id>` reads that kept release instead, inside
`reading(...)` (dashboard.reading.page_release): the pages call the same functions either way.
Nothing here computes a figure, and no cost comes from this process's settings: a cap is priced
at the cost per FTE stored in the release being read, and the named caps are the release's own
(marts.caps).

The settings come from the app factory (`dashboard.app.create_app` calls `configure`): this
module never reads the environment, so a test or a second app in one process says which
warehouse it reads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import Any, TypeVar

import polars as pl

from dashboard.address import named_caps
from warehouse.config import Settings
from warehouse.db import Connection
from warehouse.domain import Cap
from warehouse.read import benchmarks as qb
from warehouse.read import site as q
from warehouse.read import sources as release_inputs
from warehouse.read import submissions as qs
from warehouse.read import submissions_foi as qf
from warehouse.read.snapshot import Snapshot

T = TypeVar("T")
_state: dict[str, Any] = {"snapshot": None, "settings": None}
_cache: dict[tuple, Any] = {}
_cache_lock = threading.Lock()
_CACHE_MAX = 512
# The release this request reads when it is not the served one (set per page draw, per thread).
_reading: ContextVar[Snapshot | None] = ContextVar("caseload_reading", default=None)


def configure(settings: Settings) -> None:
    """Read the release served at `settings.warehouse_path` from now on (and forget every cached read)."""
    old = _state["snapshot"]
    if old is not None:
        old.close()
    _state["settings"] = settings
    _state["snapshot"] = Snapshot(settings.warehouse_path)
    _cache.clear()


def settings() -> Settings:
    """The settings the app factory was given."""
    if _state["settings"] is None:
        raise RuntimeError("The site's reads are not configured: create the app with create_app(settings).")
    return _state["settings"]


def served() -> Snapshot:
    """The served (latest) release, whatever this request reads."""
    settings()
    return _state["snapshot"]


def snapshot() -> Snapshot:
    """The release this request reads: a pinned one inside `reading(...)`, else the served one."""
    return _reading.get() or served()


@contextmanager
def reading(snap: Snapshot | None) -> Iterator[None]:
    """Every function here reads `snap` (None: the served release) until the block ends."""
    token = _reading.set(snap)
    try:
        yield
    finally:
        _reading.reset(token)


def cached(fn: Callable[..., T]) -> Callable[..., T]:
    """Run `fn(cursor, *args)` once per release and arguments."""

    @wraps(fn)
    def wrapper(*args: Any) -> T:
        snap = snapshot()
        key = (fn.__name__, str(snap.path), snap.version(), args)
        with _cache_lock:
            if key in _cache:
                return _cache[key]
        with snap.cursor() as cur:
            value = fn(cur, *args)
        with _cache_lock:
            if len(_cache) > _CACHE_MAX:
                _cache.clear()
            _cache[key] = value
        return value

    return wrapper


@cached
def years(cur) -> list[int]:
    return q.years(cur)


@cached
def release(cur) -> dict:
    return q.release(cur)


@cached
def tables(cur) -> list[tuple[str, str]]:
    return q.tables(cur)


@cached
def table(cur, schema: str, name: str) -> pl.DataFrame:
    return q.table(cur, schema, name)


@cached
def councils(cur) -> pl.DataFrame:
    return q.councils(cur)


@cached
def search_index(cur) -> pl.DataFrame:
    return q.search_index(cur)


@cached
def hex_layout(cur) -> pl.DataFrame:
    return q.hex_layout(cur)


def named_caps_in(cur: Connection) -> Mapping[str, Cap]:
    """The cap scenarios of the release `cur` reads (marts.caps), by address key: for the API and the
    downloads, which read through a cursor of their own."""
    return named_caps(q.caps(cur))


@cached
def cap_scenarios(cur) -> Mapping[str, Cap]:
    """The named caps of the release this request reads, by address key ('12', '15-12', '18', '20')."""
    return named_caps_in(cur)


@cached
def council_caps(cur, year: int, cap: Cap) -> pl.DataFrame:
    return q.council_caps(cur, year, cap)


@cached
def area_year(cur, year: int | None = None) -> pl.DataFrame:
    return q.area_year(cur, year)


@cached
def council(cur, key: str) -> dict | None:
    return q.council(cur, key)


@cached
def council_history(cur, series_code: str) -> pl.DataFrame:
    return q.council_history(cur, series_code)


@cached
def councils_history(cur, series_codes: tuple[str, ...]) -> pl.DataFrame:
    return q.councils_history(cur, list(series_codes))


@cached
def optional(cur, name: str) -> pl.DataFrame | None:
    """A whole mart (la_year_position, la_year_context, revisions, trend_digest), or None for a kept
    release made before it was published, so that release's pages still draw."""
    return q.optional_rows(cur, name)


@cached
def england_variation(cur, year: int) -> dict | None:
    """The range between councils in `year` (marts.variation_year, England row)."""
    return q.england_variation(cur, year)


@cached
def nearby_gaps(cur, year: int) -> pl.DataFrame | None:
    """The widest gaps between councils within 50 miles in `year` (marts.nearby_gaps); None for a
    release made before it."""
    return q.nearby_gaps(cur, year)


@cached
def england_named_caps(cur, year: int) -> pl.DataFrame:
    """Councils over each named cap in `year` (marts.area_year_cap, England rows)."""
    return q.england_named_caps(cur, year)


@cached
def notes(cur, series_codes: tuple[str, ...]) -> pl.DataFrame:
    """marts.la_year_notes for these council series, every year."""
    return q.notes(cur, list(series_codes))


@cached
def dictionary(cur) -> pl.DataFrame:
    return q.dictionary(cur)


@cached
def sources(cur) -> pl.DataFrame:
    return release_inputs.sources(cur)


@cached
def vintages(cur) -> pl.DataFrame:
    """Every vintage of the workforce table in this release, the current first."""
    return release_inputs.vintages(cur)


@cached
def england_cap_summary(cur, year: int, cap: Cap) -> dict:
    return q.england_cap_summary(cur, year, cap)


@cached
def _submission(cur, codes: tuple[str, ...], include_demo: bool) -> tuple[pl.DataFrame, ...]:
    args = (list(codes), include_demo)
    return qs.submission_snapshot(cur, *args), qs.submission_caps(cur, *args), qs.submission_bands(cur, *args)


def submission(codes: tuple[str, ...]) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """(snapshot, caps, bands) of the councils' latest submissions; demo rows only in demo mode."""
    return _submission(codes, settings().show_demo)


@cached
def _submission_series(cur, codes: tuple[str, ...], include_demo: bool) -> tuple[pl.DataFrame, pl.DataFrame]:
    return qs.submission_series(cur, list(codes), include_demo)


def submission_series(codes: tuple[str, ...]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(snapshot, caps) rows of every snapshot of the councils, whole council; demo only in demo mode."""
    return _submission_series(codes, settings().show_demo)


@cached
def _submission_across(cur, include_demo: bool) -> pl.DataFrame:
    return qs.submission_across(cur, include_demo)


def submission_across() -> pl.DataFrame:
    """marts.submission_across: councils that submitted for a date, pooled; demo only in demo mode."""
    return _submission_across(settings().show_demo)


@cached
def submission_foi(cur, codes: tuple[str, ...]) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """(answer, bands, caps) of the councils' latest FOI answers (band counts), never demo data."""
    return qf.submission_foi(cur, list(codes))


@cached
def council_benchmarks(cur, la_code: str, year: int) -> pl.DataFrame:
    return qb.council_benchmarks(cur, la_code, year)


@cached
def funnel_points(cur, year: int) -> pl.DataFrame:
    return qb.funnel_points(cur, year)


@cached
def funnel_curve(cur, year: int) -> pl.DataFrame | None:
    return qb.funnel_curve(cur, year)


@cached
def lottery_size(cur) -> pl.DataFrame:
    return qb.lottery_size(cur)


@cached
def council_neighbours(cur, series_code: str) -> pl.DataFrame:
    return qb.council_neighbours(cur, series_code)
