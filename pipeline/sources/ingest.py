"""Ingest one published source: fetch, archive, parse, load. No Dagster here.

The bytes come from CASELOAD_SOURCE_DIR or over HTTP; from then on the path is
the same: archive under the sha256, parse and check, load the raw table and
record the fetch in one transaction. A 304 reuses the archived copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.sources import rawstore
from pipeline.sources.fetch import Fetched, FetchError, Validators, fetch_http, read_local
from pipeline.sources.readers import read_source
from pipeline.sources.registry import Source
from warehouse.build.raw import SourceFile, last_good_fetch, load_source
from warehouse.config import Settings
from warehouse.db import Connection


@dataclass(frozen=True)
class Ingested:
    """What one ingest did, for the asset's metadata."""

    source_id: str
    url: str
    sha256: str
    bytes: int
    rows: int
    not_modified: bool
    archive_path: Path


def ingest_source(
    source: Source, settings: Settings, con: Connection, url: str | None = None
) -> Ingested:
    previous = last_good_fetch(con, source.id)
    fetched = _fetch(source, settings, previous, url)
    if fetched.not_modified:
        if previous is None:
            raise FetchError(f"{source.id}: the server said 304 but there is no earlier copy")
        content = Path(previous.archive_path).read_bytes()
        if rawstore.sha256(content) != previous.sha256:
            raise FetchError(f"{source.id}: the archived copy {previous.archive_path} is damaged")
    else:
        content = fetched.content
    frame = read_source(source, content)  # refuses a bad file before anything is stored
    path = rawstore.store(settings.raw_dir, source, content)
    record = SourceFile(
        source_id=source.id,
        url=fetched.origin,
        fetched_at=fetched.fetched_at,
        bytes=len(content),
        sha256=rawstore.sha256(content),
        vintage=source.vintage,
        etag=fetched.etag,
        last_modified=fetched.last_modified,
        not_modified=fetched.not_modified,
        archive_path=str(path),
    )
    load_source(con, source.table, frame, record)
    return Ingested(
        source.id, record.url, record.sha256, record.bytes, frame.height, fetched.not_modified, path
    )


def _fetch(
    source: Source, settings: Settings, previous: SourceFile | None, url: str | None
) -> Fetched:
    if settings.source_dir is not None:
        return read_local(source, settings.source_dir)
    if url is None and settings.source_mirror:
        url = f"{settings.source_mirror.rstrip('/')}/{source.file}"
    validators = None
    if previous is not None and Path(previous.archive_path).exists():
        validators = Validators(previous.etag, previous.last_modified)
    return fetch_http(
        source,
        url=url,
        previous=validators,
        timeout_s=settings.http_timeout_s,
        retries=settings.http_retries,
        backoff_s=settings.http_backoff_s,
    )
