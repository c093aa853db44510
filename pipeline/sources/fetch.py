"""Bring a published file's bytes in: over HTTP, or from a local folder.

Over HTTP: timeouts, bounded retries with exponential backoff on connection
errors, timeouts and 5xx answers, and conditional GET (ETag, Last-Modified) so
an unchanged file is not downloaded again. A body shorter than its
Content-Length is an error, never a file. A name that does not resolve, a refused
connection or an unreachable network is not retried: it fails at once, in one line,
because waiting will not mend it (`unreachable`). From a folder (CASELOAD_SOURCE_DIR):
the same bytes, read from disk. Either way the caller gets a `Fetched` and the
rest of the code path is the same.
"""

from __future__ import annotations

import datetime as dt
import errno
import socket
import time
from dataclasses import dataclass
from pathlib import Path

import requests

from pipeline.sources.registry import Source


class FetchError(RuntimeError):
    """A source could not be fetched within the retry budget."""


class UnreachableError(FetchError):
    """The publisher's host cannot be reached at all (no network, a wrong name, nothing listening)."""


def unreachable(exc: BaseException) -> str | None:
    """Why a connection could not even be made, in words, or None for a fault worth retrying."""
    seen: set[int] = set()
    stack: list[object] = [exc]
    while stack:
        item = stack.pop()
        if not isinstance(item, BaseException) or id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, socket.gaierror):
            return "the name does not resolve (no network, or a wrong address)"
        if isinstance(item, ConnectionRefusedError):
            return "the connection was refused (nothing is listening there)"
        if isinstance(item, OSError) and item.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH):
            return "the network is unreachable"
        stack += [item.__cause__, item.__context__, getattr(item, "reason", None), *item.args]
    return None


@dataclass(frozen=True)
class Validators:
    """What the last good download said about itself, for a conditional GET."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class Fetched:
    """The result of one fetch. `content` is None when the server said 304."""

    origin: str
    content: bytes | None
    fetched_at: dt.datetime
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.content is None


def read_local(source: Source, folder: Path) -> Fetched:
    """Read the file from a folder laid out as `../shared/data` is."""
    path = folder / source.file
    if not path.is_file():
        raise FetchError(f"{source.id}: {path} does not exist (CASELOAD_SOURCE_DIR={folder})")
    return Fetched(origin=path.as_uri(), content=path.read_bytes(), fetched_at=_now())


def fetch_http(
    source: Source,
    *,
    url: str | None = None,
    previous: Validators | None = None,
    timeout_s: float = 30.0,
    retries: int = 4,
    backoff_s: float = 1.0,
    session: requests.Session | None = None,
) -> Fetched:
    """GET the source's URL with retries; 304 when `previous` still holds."""
    url = url or source.url
    headers = {"User-Agent": "caseload-watch/0.1 (+https://github.com/caseload-watch)"}
    if previous and previous.etag:
        headers["If-None-Match"] = previous.etag
    if previous and previous.last_modified:
        headers["If-Modified-Since"] = previous.last_modified
    http = session or requests.Session()
    failures: list[str] = []
    for attempt in range(retries + 1):
        if attempt:
            time.sleep(backoff_s * 2 ** (attempt - 1))
        try:
            response = http.get(url, headers=headers, timeout=(timeout_s, timeout_s))
        except (requests.ConnectionError, requests.Timeout) as exc:
            reason = unreachable(exc)
            if reason is not None:
                raise UnreachableError(f"{source.id}: cannot reach {url}: {reason}") from None
            failures.append(f"attempt {attempt + 1}: {type(exc).__name__}: {exc}")
            continue
        except requests.RequestException as exc:  # e.g. a body cut short mid-stream
            failures.append(f"attempt {attempt + 1}: {type(exc).__name__}: {exc}")
            continue
        if response.status_code == 304:
            return Fetched(url, None, _now(), previous.etag, previous.last_modified)
        if response.status_code >= 500:
            failures.append(f"attempt {attempt + 1}: HTTP {response.status_code}")
            continue
        if response.status_code != 200:
            raise FetchError(f"{source.id}: {url} answered HTTP {response.status_code}")
        expected = response.headers.get("Content-Length")
        if expected is not None and int(expected) != len(response.content):
            failures.append(
                f"attempt {attempt + 1}: truncated body ({len(response.content)} of {expected} bytes)"
            )
            continue
        return Fetched(
            url,
            response.content,
            _now(),
            response.headers.get("ETag"),
            response.headers.get("Last-Modified"),
        )
    raise FetchError(f"{source.id}: {url} failed after {retries + 1} attempts: " + "; ".join(failures))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)
