"""A stand-in for Explore Education Statistics on 127.0.0.1, whose releases a test can change.

It answers the JSON the EES source serialises (camelCase, nulls left out) for the content API
(`/api/publications/{slug}`, `/api/data-set-files`, `/api/data-set-files/{id}/download`) and the
public API (`/statistics/v1/publications`, `/statistics/v1/publications/{id}/data-sets`,
`/statistics/v1/data-sets/{id}` and its gzipped `/csv`). `fault` breaks every route at once;
`overrides` replaces one path's answer (for a body that is not JSON, or a key left out).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import http.server
import json
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

_HTML = b"<!DOCTYPE html><html lang='en'><body><h1>Page not found</h1></body></html>"
_NOT_FOUND = (404, "application/problem+json", b'{"title": "Not Found", "status": 404}')


def _uuid() -> str:
    return str(uuid.uuid4())


@dataclass
class StandinFile:
    data_set_file_id: str
    file_id: str
    filename: str
    body: bytes
    last_updated: dt.datetime
    api_id: str | None = None
    api_version: str | None = None


@dataclass
class StandinRelease:
    version_id: str
    slug: str
    title: str
    published: dt.datetime
    next_release: tuple[int, int | None, int | None] | None
    files: list[StandinFile] = field(default_factory=list)


@dataclass
class StandinPublication:
    id: str
    slug: str
    title: str
    releases: list[StandinRelease] = field(default_factory=list)  # oldest first


class EesStandin:
    """The state the handler serves; a test publishes releases and sets faults while it runs."""

    def __init__(self) -> None:
        self.publications: dict[str, StandinPublication] = {}
        self.fault: str | None = None  # "down" (503), "drop", "slow", "html", "truncate"
        self.slow_s = 2.0
        self.overrides: dict[str, tuple[int, str, bytes]] = {}  # path -> status, Content-Type, body
        self.log: list[str] = []  # every request's path and query, in order
        self.content_base = self.public_base = ""
        self._ids: dict[tuple[str, str], str] = {}  # (publication, filename) -> data set file id
        self.lock = threading.Lock()

    def publish_release(
        self,
        slug: str,
        release_slug: str,
        title: str,
        files: dict[str, bytes],
        *,
        published: dt.datetime | None = None,
        next_release: tuple[int, int | None, int | None] | None = None,
        publication_title: str | None = None,
        api: bool = False,
    ) -> StandinRelease:
        """Publish a release that becomes the latest; with `api`, each file gets a public API data set."""
        when = published or dt.datetime.now(dt.UTC).replace(microsecond=0)
        with self.lock:
            pub = self.publications.setdefault(
                slug, StandinPublication(_uuid(), slug, publication_title or slug.replace("-", " ").title())
            )
            release = StandinRelease(_uuid(), release_slug, title, when, next_release)
            for name, body in files.items():
                dsf_id = self._ids.setdefault((slug, name), _uuid())
                file = StandinFile(dsf_id, _uuid(), name, body, when.replace(tzinfo=None))
                if api:
                    file.api_id, file.api_version = _uuid_for(dsf_id), f"{len(pub.releases) + 1}.0"
                release.files.append(file)
            pub.releases.append(release)
            return release

    def amend_file(self, slug: str, filename: str, body: bytes, when: dt.datetime) -> StandinFile:
        """An amendment: a new release version whose upload of `filename` replaces the old one."""
        with self.lock:
            release = self.publications[slug].releases[-1]
            old = next(f for f in release.files if f.filename == filename)
            new = StandinFile(old.data_set_file_id, _uuid(), filename, body, when.replace(tzinfo=None))
            release.files[release.files.index(old)] = new
            release.version_id = _uuid()
            return new

    def requests_to(self, prefix: str) -> list[str]:
        """The logged requests whose path starts with `prefix`."""
        return [line for line in self.log if line.startswith(prefix)]

    # What each route answers: (status, content type, body).
    def answer(self, path: str, query: dict[str, str]) -> tuple[int, str, bytes]:
        with self.lock:
            parts = path.strip("/").split("/")
            if parts[0] == "api":
                return self._content(parts[1:], query)
            if parts[:2] == ["statistics", "v1"]:
                return self._public(parts[2:], query)
            return _NOT_FOUND

    def _content(self, parts: list[str], query: dict[str, str]) -> tuple[int, str, bytes]:
        if len(parts) == 2 and parts[0] == "publications":
            pub = self.publications.get(parts[1])
            if pub is None or not pub.releases:
                return _NOT_FOUND
            latest = pub.releases[-1]
            body: dict[str, Any] = {
                "id": pub.id,
                "slug": pub.slug,
                "title": pub.title,
                "summary": "",
                "latestRelease": {"id": _uuid_for(latest.slug), "slug": latest.slug, "title": latest.title},
            }
            if latest.next_release:
                year, month, day = latest.next_release
                body["nextReleaseDate"] = _drop_none({"year": year, "month": month, "day": day})
            return _json(body)
        if parts == ["data-set-files"]:
            pub = next((p for p in self.publications.values() if p.id == query.get("publicationId")), None)
            releases = [] if pub is None else pub.releases
            releases = releases[-1:] if query.get("latestOnly", "true") == "true" else releases
            rows = [self._summary(pub, r, f) for r in releases for f in r.files]
            return _page(sorted(rows, key=lambda row: row["title"]), query)  # EES sorts by title
        if len(parts) == 3 and parts[0] == "data-set-files" and parts[2] == "download":
            for pub in self.publications.values():
                for f in pub.releases[-1].files if pub.releases else []:
                    if f.data_set_file_id == parts[1]:
                        return 200, "text/csv", f.body
        return _NOT_FOUND

    def _summary(self, pub: StandinPublication, release: StandinRelease, f: StandinFile) -> dict[str, Any]:
        """`DataSetFileSummaryViewModel` (the keys the client reads, and a few it does not)."""
        row = {"id": f.data_set_file_id, "fileId": f.file_id, "filename": f.filename, "content": ""}
        row |= {"title": f.filename.removesuffix(".csv").replace("_", " ").capitalize(), "fileSize": "1 Kb"}
        row |= {"publication": {"id": pub.id, "title": pub.title, "slug": pub.slug}}
        row |= {"release": {"id": release.version_id, "title": release.title, "slug": release.slug}}
        row |= {"latestData": release is pub.releases[-1], "isSuperseded": False}
        row |= {"published": release.published.isoformat(), "lastUpdated": f.last_updated.isoformat()}
        return row | ({"api": {"id": f.api_id, "version": f.api_version}} if f.api_id else {})

    def _public(self, parts: list[str], query: dict[str, str]) -> tuple[int, str, bytes]:
        pubs = [p for p in self.publications.values() if p.releases]
        if parts == ["publications"]:
            term = query.get("search", "").lower()
            rows = [_pub_summary(p) for p in pubs if term in p.title.lower()]
            return _page(rows, query, default_size=20)
        api_files = [(p, f) for p in pubs for f in p.releases[-1].files if f.api_id]
        if len(parts) == 3 and parts[0] == "publications" and parts[2] == "data-sets":
            return _page([_data_set(p, f) for p, f in api_files if p.id == parts[1]], query, default_size=10)
        pub, f = next(((p, f) for p, f in api_files if parts[:2] == ["data-sets", f.api_id]), (None, None))
        if pub and f and len(parts) == 2:
            return _json(_data_set(pub, f))
        if pub and f and parts[2:] == ["csv"] and query.get("dataSetVersion", f.api_version) == f.api_version:
            return 200, "text/csv+gzip", gzip.compress(f.body)
        return _NOT_FOUND


def _page(
    rows: list[dict[str, Any]], query: dict[str, str], default_size: int = 10
) -> tuple[int, str, bytes]:
    """`PaginatedListViewModel`: `results` and `paging` {page, pageSize, totalResults, totalPages}."""
    page, size = int(query.get("page", "1")), int(query.get("pageSize", str(default_size)))
    if not 1 <= size <= 40 or page < 1:
        return _json({"title": "One or more validation errors occurred.", "status": 400}, 400)
    paging = {
        "page": page,
        "pageSize": size,
        "totalResults": len(rows),
        "totalPages": (len(rows) - 1) // size + 1,
    }
    return _json({"results": rows[(page - 1) * size : page * size], "paging": paging})


def _pub_summary(pub: StandinPublication) -> dict[str, Any]:
    when = pub.releases[-1].published.isoformat()
    return {"id": pub.id, "title": pub.title, "slug": pub.slug, "summary": "", "lastPublished": when}


def _data_set(pub: StandinPublication, f: StandinFile) -> dict[str, Any]:
    """`DataSetViewModel` with its `latestVersion` (openapi-v1.json)."""
    latest = {
        "version": f.api_version,
        "published": pub.releases[-1].published.isoformat(),
        "totalResults": 1,
    }
    latest |= {"file": {"id": f.data_set_file_id}, "timePeriods": {"start": "2017", "end": "2025"}}
    latest |= {"geographicLevels": [], "filters": [], "indicators": []}
    return {
        "id": f.api_id,
        "title": f.filename,
        "summary": "",
        "status": "Published",
        "latestVersion": latest,
    }


def _uuid_for(name: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, name))


def _drop_none(obj: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in obj.items() if v is not None}


def _json(body: Any, status: int = 200) -> tuple[int, str, bytes]:
    return status, "application/json; charset=utf-8", json.dumps(body).encode()


class _Handler(http.server.BaseHTTPRequestHandler):
    standin: EesStandin

    def log_message(self, *args: Any) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
        st = self.standin
        st.log.append(self.path)
        url = urlsplit(self.path)
        if st.fault == "down":
            self.send_error(503, "Service Unavailable")
            return
        if st.fault == "slow":
            time.sleep(st.slow_s)
        if st.fault == "drop":  # close the socket without a word
            self.close_connection = True
            return
        if st.fault == "html":
            status, ctype, body = 200, "text/html; charset=utf-8", _HTML
        elif url.path in st.overrides:
            status, ctype, body = st.overrides[url.path]
        else:
            status, ctype, body = st.answer(url.path, {k: v[-1] for k, v in parse_qs(url.query).items()})
        self.send_response(status)
        self.send_header("Content-Type", "text/csv" if ctype == "text/csv+gzip" else ctype)
        if ctype == "text/csv+gzip":
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if st.fault == "truncate":  # half the body its Content-Length promised, then close
            body, self.close_connection = body[: len(body) // 2], True
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up
            self.wfile.write(body)


@contextlib.contextmanager
def running_standin() -> Iterator[EesStandin]:
    """Serve a fresh stand-in on a free port; `.content_base` and `.public_base` point at it."""
    standin = EesStandin()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), type("H", (_Handler,), {"standin": standin}))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    root = f"http://127.0.0.1:{server.server_address[1]}"
    standin.content_base, standin.public_base = f"{root}/api", f"{root}/statistics"
    try:
        yield standin
    finally:
        server.shutdown()
        server.server_close()
