"""Ingest one published source: find it, fetch, archive, parse, load. No Dagster here.

The bytes come by one of four routes, and the route is recorded with the fetch:
- `local folder`: CASELOAD_SOURCE_DIR, the same file names as ../shared/data;
- `mirror`: CASELOAD_SOURCE_MIRROR, `<mirror>/<file>` (tests, caches);
- `EES content API`: the newest file of the source's publication on Explore Education
  Statistics, found by name (registry `[source.ees]`, pipeline/sources/ees.py);
- `pinned URL`: the registry's byte-exact URL, for the sources not on EES, and as the fallback
  when EES cannot answer and the registry allows it (the route then says why).
From then on the path is the same: archive under the sha256, parse and check, and load the raw
table, the fetch record and (for a series) the new vintage in one transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pipeline.sources import rawstore
from pipeline.sources.ees import EesClient, EesError
from pipeline.sources.fetch import Fetched, FetchError, Validators, fetch_http, read_local
from pipeline.sources.readers import read_source_reporting
from pipeline.sources.registry import Source
from warehouse.build.raw import SourceFile, last_good_fetch, load_source, record_next_update
from warehouse.config import Settings
from warehouse.db import Connection


@dataclass(frozen=True)
class Ingested:
    """What one ingest did, for the asset's metadata."""

    source_id: str
    url: str
    route: str
    sha256: str
    bytes: int
    rows: int
    not_modified: bool
    archive_path: Path
    vintage: str
    added_columns: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Arrived:
    fetched: Fetched
    route: str
    vintage: str
    version_key: str | None = None
    published: str | None = None


def discovery_on(source: Source, settings: Settings) -> bool:
    """EES is asked unless a folder is the source or discovery is switched off. A mirror stands in
    for the pinned URLs, so with a mirror EES is still asked and the mirror is the fallback."""
    return source.ees is not None and settings.source_dir is None and settings.ees_content_api is not None


def ees_client(settings: Settings) -> EesClient:
    return EesClient(settings.ees_content_api, settings.ees_public_api, timeout_s=settings.ees_timeout_s)


def ingest_source(
    source: Source, settings: Settings, con: Connection, url: str | None = None
) -> Ingested:
    previous = last_good_fetch(con, source.id)
    arrived = _arrive(source, settings, con, previous, url)
    fetched = arrived.fetched
    if fetched.not_modified:
        if previous is None:
            raise FetchError(f"{source.id}: the server said 304 but there is no earlier copy")
        content = Path(previous.archive_path).read_bytes()
        if rawstore.sha256(content) != previous.sha256:
            raise FetchError(f"{source.id}: the archived copy {previous.archive_path} is damaged")
    else:
        content = fetched.content
    frame, added = read_source_reporting(source, content)  # refuses a bad file before anything is stored
    path = rawstore.store(settings.raw_dir, source, content)
    record = SourceFile(
        source_id=source.id,
        url=fetched.origin,
        fetched_at=fetched.fetched_at,
        bytes=len(content),
        sha256=rawstore.sha256(content),
        vintage=arrived.vintage,
        etag=fetched.etag,
        last_modified=fetched.last_modified,
        not_modified=fetched.not_modified,
        archive_path=str(path),
        route=arrived.route,
        version_key=arrived.version_key,
        published=arrived.published,
        added_columns=", ".join(added) or None,
    )
    load_source(con, source.table, frame, record, source.series)
    return Ingested(source.id, record.url, arrived.route, record.sha256, record.bytes, frame.height,
                    fetched.not_modified, path, arrived.vintage, tuple(added))


def _arrive(source: Source, settings: Settings, con: Connection, previous: SourceFile | None,
            url: str | None) -> _Arrived:
    if settings.source_dir is not None:
        return _Arrived(read_local(source, settings.source_dir), "local folder", source.vintage)
    if url is not None:
        return _Arrived(_http(source, settings, previous, url), "given URL", source.vintage)
    pinned, route = source.url, "pinned URL"
    if settings.source_mirror:
        pinned, route = f"{settings.source_mirror.rstrip('/')}/{source.file}", "mirror"
    if discovery_on(source, settings):
        try:
            return _from_ees(source, settings, con, previous)
        except EesError as exc:
            if source.ees.fallback != "pinned":
                raise FetchError(f"{source.id}: {exc} (the registry allows no fallback)") from exc
            try:
                fetched = _http(source, settings, previous, pinned)
            except FetchError as pinned_exc:
                raise type(pinned_exc)(f"{pinned_exc} (and EES: {exc})") from None
            return _Arrived(fetched, f"{route} (EES failed: {exc})", source.vintage)
    return _Arrived(_http(source, settings, previous, pinned), route, source.vintage)


def _from_ees(source: Source, settings: Settings, con: Connection,
              previous: SourceFile | None) -> _Arrived:
    """The newest matching file of the publication's latest release, and its next release date."""
    client = ees_client(settings)
    publication = client.publication(source.ees.publication)
    checked = dt.datetime.now(dt.UTC).replace(microsecond=0)
    nxt = publication.next_release
    if nxt is None:
        record_next_update(con, source.id, checked, None, None,
                           f"{settings.ees_content_api}/publications/{source.ees.publication} "
                           "announces no next release (nextReleaseDate is empty)")
    else:
        record_next_update(con, source.id, checked, nxt.text, nxt.date, nxt.source)
    found = client.find_file(source.ees.publication, source.ees.file, publication)
    published = (found.last_updated or found.published)
    published_text = published.isoformat() if published else None
    # Worded as the registry words its pinned vintages ("Reporting year 2025 release (...)").
    vintage = found.release_title if "release" in found.release_title.lower() \
        else f"{found.release_title} release"
    if published_text:
        vintage += f" (published on EES {published_text[:10]})"
    if (previous is not None and previous.version_key == found.version_key
            and Path(previous.archive_path).exists()):
        # The publisher's file version has not changed: reuse the archived copy.
        fetched = Fetched(found.download_url, None, checked, previous.etag, previous.last_modified)
    else:
        fetched = Fetched(found.download_url, client.download(found), checked)
    return _Arrived(fetched, found.route, vintage, found.version_key, published_text)


def _http(source: Source, settings: Settings, previous: SourceFile | None, url: str) -> Fetched:
    validators = None
    if previous is not None and previous.url == url and Path(previous.archive_path).exists():
        validators = Validators(previous.etag, previous.last_modified)
    return fetch_http(
        source,
        url=url,
        previous=validators,
        timeout_s=settings.http_timeout_s,
        retries=settings.http_retries,
        backoff_s=settings.http_backoff_s,
    )
