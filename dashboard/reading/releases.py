"""One release, one cursor: what a download or an API response reads from.

A response reads its release id and its rows through the same cursor, so it is entirely one
release even while the pipeline swaps in a new one. `release=<id>` pins an old release: the
id must be one that `releases/` lists (warehouse.read.releases), and its file is opened read-only.
`kept_snapshot` is the one place where a release id becomes a snapshot: downloads, the API and the
pages (dashboard.reading.page_release) all go through it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from dashboard.reading import queries
from warehouse.db import Connection, WarehouseError
from warehouse.read import releases as kept
from warehouse.read import site as q
from warehouse.read.snapshot import Snapshot

_pinned: OrderedDict[str, Snapshot] = OrderedDict()
_pinned_lock = threading.Lock()
_PINNED_MAX = 4


class UnknownRelease(LookupError):
    """A release id that is malformed or no longer kept; the message is safe to show."""


@dataclass(frozen=True)
class Opened:
    cursor: Connection
    release_id: str
    built_at: object
    pinned: bool  # True when the reader asked for this release by id (immutable: cache for long)


def kept_snapshot(release_id: str) -> Snapshot:
    """A kept release's read-only snapshot; the id is matched against the directory listing only."""
    path = kept.release_path(queries.settings().releases_dir, release_id)
    if path is None:
        raise UnknownRelease("There is no release with that id. /api/v1/releases lists those kept.")
    with _pinned_lock:
        snap = _pinned.pop(release_id, None) or Snapshot(path)
        _pinned[release_id] = snap
        while len(_pinned) > _PINNED_MAX:
            _pinned.popitem(last=False)  # dropped, not closed: a reader may still hold a cursor
    return snap


@contextmanager
def open_release(release_id: str | None = None) -> Iterator[Opened]:
    """The release this request reads (or a kept one by id), with its id, through one cursor."""
    snap = queries.snapshot() if release_id is None else kept_snapshot(release_id)
    with snap.cursor() as cur:
        info = q.release(cur)
        yield Opened(cur, info.get("release_id", "unknown"), info.get("built_at"), release_id is not None)


def kept_releases() -> list[dict]:
    """Every kept release, newest first, with what changed since the one before (cached by listing)."""
    ids = tuple(kept.release_ids(queries.settings().releases_dir))
    return _changelog(ids)


_changelog_cache: dict[tuple[str, ...], list[dict]] = {}


def _changelog(ids: tuple[str, ...]) -> list[dict]:
    if ids not in _changelog_cache:
        folder = queries.settings().releases_dir
        summaries = []
        for rid in ids:
            path = kept.release_path(folder, rid)
            if path is not None:
                try:
                    summaries.append(kept.summarise(path))
                except (WarehouseError, IndexError):  # pruned or half-written meanwhile: leave it out
                    continue
        _changelog_cache.clear()
        _changelog_cache[ids] = kept.changelog(summaries)
    return _changelog_cache[ids]
