"""Find a publication's newest file on Explore Education Statistics (EES) and download it.

So the pipeline follows the Department for Education's releases instead of a pinned URL. Routes and
fields are as the EES source has them (explore-education-statistics at eefd0b68c9; docs/sources-ees.md):
content API `GET /api/publications/{slug}` (PublicationDto: `latestRelease` {id, slug, title} and
`nextReleaseDate` {year, month?, day?} as integers; there is no `latestReleaseId`, and
`/releases/latest` was removed in May 2026), `GET /api/data-set-files?publicationId=&latestOnly=
&page=&pageSize=` (`paging` + `results`, pageSize 1-40) and `GET /api/data-set-files/{id}/download`,
where `id` is the data set file id, not `fileId`; public API `GET /v1/data-sets/{id}` and
`GET /v1/data-sets/{id}/csv?dataSetVersion=` (sent with `Content-Encoding: gzip`). Both APIs leave
nulls out of their JSON, so an absent optional key reads as null.
"""

from __future__ import annotations

import calendar
import datetime as dt
import fnmatch
import gzip
import json
import time
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

import requests

CONTENT_BASE = "https://content.explore-education-statistics.service.gov.uk/api"
PUBLIC_BASE = "https://api.education.gov.uk/statistics"
_PAGE_SIZE = 40  # DataSetFileListRequest.Validator: PageSize 1..40


class EesError(RuntimeError):
    """One line naming the address and what was expected of it."""


@dataclass(frozen=True)
class NextRelease:
    """When the publisher says the next release is due, as precisely as they say it."""

    text: str
    date: dt.date | None
    source: str


@dataclass(frozen=True)
class Publication:
    """The publication and its latest release, as the content API describes them."""

    id: str
    slug: str
    title: str
    latest_release_title: str | None
    next_release: NextRelease | None
    latest_release_slug: str | None = None
    latest_release_id: str | None = None


@dataclass(frozen=True)
class EesFile:
    """A data file in a release, with where to download it from."""

    publication_slug: str
    release_id: str  # the release *version* id (DataSetFileSummaryViewModel.release.id)
    release_slug: str
    release_title: str
    file_id: str  # `fileId`: new on every upload
    filename: str
    title: str
    published: dt.datetime | None
    last_updated: dt.datetime | None
    download_url: str
    route: str  # "EES content API" | "EES public API"
    data_set_file_id: str = ""  # `id`: the download route's key, the same across releases
    latest_data: bool = True
    api_data_set_id: str | None = None
    api_version: str | None = None

    @property
    def version_key(self) -> str:
        """Changes when the publisher uploads a new file or republishes one."""
        stamp = self.last_updated or self.published
        return f"{self.file_id}@{stamp.isoformat() if stamp else '-'}" + (
            f"#api{self.api_version}" if self.route == "EES public API" else ""
        )


class EesClient:
    """Read EES over HTTP: one-line errors, at most `retries` quick retries on 5xx and timeouts."""

    def __init__(
        self,
        content_base: str = CONTENT_BASE,
        public_base: str | None = PUBLIC_BASE,
        *,
        timeout_s: float = 20.0,
        session: requests.Session | None = None,
        retries: int = 2,
        backoff_s: float = 0.3,
    ) -> None:
        self.content_base = content_base.rstrip("/")
        self.public_base = public_base.rstrip("/") if public_base else None
        self.timeout_s = timeout_s
        self.retries = retries
        self.backoff_s = backoff_s
        self.http = session or requests.Session()
        self.http.headers.setdefault("User-Agent", "caseload-watch/0.1 (EES client)")

    def publication(self, slug: str) -> Publication:
        """The publication, its latest release and the next release date."""
        url = f"{self.content_base}/publications/{quote(slug, safe='')}"
        body = self._json(url, "JSON with `id`, `title`, `latestRelease` and `nextReleaseDate`")
        latest = _need_opt(body, "latestRelease", dict, url)
        next_date = _need_opt(body, "nextReleaseDate", dict, url)
        source = f"EES content API: {urlsplit(url).path} (nextReleaseDate)"
        return Publication(
            id=_need(body, "id", str, url),
            slug=_need(body, "slug", str, url),
            title=_need(body, "title", str, url),
            latest_release_title=_need(body, "latestRelease.title", str, url) if latest else None,
            next_release=_next_release(body, url, source) if next_date is not None else None,
            latest_release_slug=_need(body, "latestRelease.slug", str, url) if latest else None,
            latest_release_id=_need(body, "latestRelease.id", str, url) if latest else None,
        )

    def data_set_files(
        self, publication_id: str, *, latest_only: bool = True, page_size: int = _PAGE_SIZE
    ) -> list[EesFile]:
        """Every data file of the publication, following `paging` to the last page."""
        files: list[EesFile] = []
        page, pages = 1, 1
        while page <= pages:
            query = {"publicationId": publication_id, "latestOnly": str(latest_only).lower()}
            query |= {"page": str(page), "pageSize": str(page_size)}
            url = f"{self.content_base}/data-set-files?{urlencode(query)}"
            body = self._json(url, "JSON with `paging` and `results` (data set files)")
            pages = _need(body, "paging.totalPages", int, url)
            rows = _need(body, "results", list, url)
            files += [self._content_file(body, f"results.{i}", url) for i in range(len(rows))]
            page += 1
        return files

    def find_file(self, slug: str, filename_glob: str, publication: Publication | None = None) -> EesFile:
        """The newest file in the publication's latest release whose `filename` matches the glob
        (`publication`: the answer of `publication(slug)` when the caller has it already)."""
        pub = publication or self.publication(slug)
        files = [f for f in self.data_set_files(pub.id) if f.latest_data]
        if pub.latest_release_slug:
            files = [f for f in files if f.release_slug == pub.latest_release_slug]
        hits = [f for f in files if fnmatch.fnmatchcase(f.filename, filename_glob)]
        if not hits:
            seen = ", ".join(sorted({f.filename for f in files})) or "none"
            raise EesError(
                f"EES publication {slug!r} ({pub.latest_release_title or 'no latest release'}) has no "
                f"data file matching {filename_glob!r} at {self.content_base}/data-set-files; seen: {seen}"
            )
        floor = dt.datetime.min.replace(tzinfo=dt.UTC)
        return max(hits, key=lambda f: (f.last_updated or f.published or floor, f.filename))

    def public_api_file(self, file: EesFile) -> EesFile:
        """The same file through the public API's gzip CSV route, at its latest API version."""
        if not self.public_base or not file.api_data_set_id:
            raise EesError(f"{file.download_url}: {file.filename} has no public API data set (no `api`)")
        url = f"{self.public_base}/v1/data-sets/{quote(file.api_data_set_id, safe='')}"
        body = self._json(url, "JSON with `id` and `latestVersion` {`version`, `published`, `file.id`}")
        version = _need(body, "latestVersion.version", str, url)
        file_ref = _need(body, "latestVersion.file.id", str, url)
        if file.data_set_file_id and file_ref.lower() != file.data_set_file_id.lower():
            raise EesError(f"{url}: latestVersion.file.id is {file_ref}, expected {file.data_set_file_id}")
        csv_url = f"{url}/csv?" + urlencode({"dataSetVersion": version})
        published = _when(_need(body, "latestVersion.published", str, url), url, "latestVersion.published")
        return replace(
            file, route="EES public API", download_url=csv_url, api_version=version, published=published
        )

    def download(self, file: EesFile) -> bytes:
        """The file's bytes, gunzipped if sent gzipped; never an HTML page, an empty or a short body."""
        url = file.download_url
        response = self._get(url, "a CSV file", stream=True)
        try:
            raw = response.raw.read(decode_content=False)
        except Exception as exc:  # noqa: BLE001 (urllib3 and http.client raise their own kinds)
            raise EesError(f"{url}: body cut short ({type(exc).__name__}), expected a CSV file") from exc
        finally:
            response.close()
        expected = response.headers.get("Content-Length")
        if expected is not None and expected.isdigit() and int(expected) != len(raw):
            raise EesError(f"{url}: body cut short ({len(raw)} of {expected} bytes), expected a CSV file")
        body = raw
        if "gzip" in response.headers.get("Content-Encoding", "").lower() or raw[:2] == b"\x1f\x8b":
            try:
                body = gzip.decompress(raw)
            except (OSError, EOFError) as exc:
                raise EesError(f"{url}: gzip body does not decompress ({exc}), expected a CSV") from exc
        if not body.strip():
            raise EesError(f"{url} answered an empty body, expected a CSV file ({file.filename})")
        if _looks_html(response, body):
            raise EesError(f"{url} answered HTML ({_ctype(response)}), expected a CSV file ({file.filename})")
        return body

    def _content_file(self, body: dict[str, Any], row: str, url: str) -> EesFile:
        """One `DataSetFileSummaryViewModel`; `row` is its dotted path in the page, e.g. results.3."""

        def get(key: str, kind: type = str, required: bool = True) -> Any:
            return (_need if required else _need_opt)(body, f"{row}.{key}", kind, url)

        dsf_id, api = get("id"), get("api", dict, required=False)
        return EesFile(
            publication_slug=get("publication.slug"),
            release_id=get("release.id"),
            release_slug=get("release.slug"),
            release_title=get("release.title"),
            file_id=get("fileId"),
            filename=get("filename"),
            title=get("title"),
            published=_when(get("published"), url, f"{row}.published"),
            last_updated=_when(get("lastUpdated", required=False), url, f"{row}.lastUpdated"),
            download_url=f"{self.content_base}/data-set-files/{quote(dsf_id, safe='')}/download",
            route="EES content API",
            data_set_file_id=dsf_id,
            latest_data=get("latestData", bool),
            api_data_set_id=get("api.id") if api else None,
            api_version=get("api.version") if api else None,
        )

    def _json(self, url: str, expected: str) -> dict[str, Any]:
        response = self._get(url, expected)
        size, plain = response.headers.get("Content-Length", ""), not response.headers.get("Content-Encoding")
        if plain and size.isdigit() and int(size) != len(response.content):
            raise EesError(
                f"{url}: body cut short ({len(response.content)} of {size} bytes), expected {expected}"
            )
        if _looks_html(response, response.content):
            raise EesError(f"{url} answered HTML ({_ctype(response)}), expected {expected}")
        try:
            body = json.loads(response.content)
        except ValueError as exc:
            raise EesError(f"{url} answered non-JSON ({_ctype(response)}), expected {expected}") from exc
        if not isinstance(body, dict):
            raise EesError(f"{url} answered a JSON {type(body).__name__}, expected {expected}")
        return body

    def _get(self, url: str, expected: str, *, stream: bool = False) -> requests.Response:
        failures: list[str] = []
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff_s * attempt)
            try:
                response = self.http.get(url, timeout=self.timeout_s, stream=stream)
            except requests.Timeout:
                failures.append(f"no answer within {self.timeout_s:g} s")
                continue
            except requests.ConnectionError as exc:
                raise EesError(f"{url}: {_connection_problem(exc)}, expected {expected}") from exc
            except requests.RequestException as exc:
                raise EesError(f"{url}: {type(exc).__name__}, expected {expected}") from exc
            if response.status_code >= 500:
                failures.append(f"HTTP {response.status_code}")
                response.close()
                continue
            if response.status_code != 200:
                raise EesError(f"{url} answered HTTP {response.status_code}, expected {expected}")
            return response
        tries = f"{self.retries + 1} attempt" + ("s" if self.retries else "")
        raise EesError(f"{url}: {'; '.join(dict.fromkeys(failures))} ({tries}), expected {expected}")


def _next_release(body: dict[str, Any], url: str, source: str) -> NextRelease:
    """`nextReleaseDate` is {year, month?, day?}: a date only when all three are there."""
    year = _need(body, "nextReleaseDate.year", int, url)
    month = _need_opt(body, "nextReleaseDate.month", int, url)
    day = _need_opt(body, "nextReleaseDate.day", int, url)
    try:
        date = dt.date(year, month or 1, day or 1)
    except ValueError as exc:
        raise EesError(f"{url}: `nextReleaseDate` {body['nextReleaseDate']} is not a date ({exc})") from exc
    if month is None:
        return NextRelease(text=str(year), date=None, source=source)
    text = f"{calendar.month_name[month]} {year}"
    return NextRelease(text=f"{day} {text}" if day else text, date=date if day else None, source=source)


def _need(obj: Any, path: str, kind: type, url: str) -> Any:
    """The value at a dotted path (`results.3.release.slug`), of the right type, or an EesError."""
    value = _need_opt(obj, path, kind, url)
    if value is None:
        raise EesError(f"{url}: JSON has no `{path}`, expected a {kind.__name__}")
    return value


def _need_opt(obj: Any, path: str, kind: type, url: str) -> Any:
    """As `_need`, but an absent or null value (EES leaves nulls out) is None."""
    value, done = obj, []
    for part in path.split("."):
        if isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        elif isinstance(value, dict):
            value = value.get(part)
        else:
            raise EesError(f"{url}: `{'.'.join(done)}` is {type(value).__name__}, expected an object")
        done.append(part)
        if value is None:
            return None
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise EesError(f"{url}: `{path}` is {type(value).__name__} {value!r:.40}, expected a {kind.__name__}")
    return value


def _when(value: str | None, url: str, key: str) -> dt.datetime | None:
    """ISO 8601 as .NET writes it (up to 7 decimals); no offset is taken as UTC."""
    if value is None:
        return None
    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError as exc:
        raise EesError(f"{url}: `{key}` is {value!r}, expected an ISO 8601 date-time") from exc
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def _ctype(response: requests.Response) -> str:
    return response.headers.get("Content-Type", "no Content-Type").split(";")[0].strip() or "no Content-Type"


def _looks_html(response: requests.Response, body: bytes) -> bool:
    head = body[:200].lstrip().lower()
    return "html" in _ctype(response).lower() or head.startswith((b"<!doctype", b"<html"))


def _connection_problem(exc: requests.ConnectionError) -> str:
    text = str(exc)
    if any(s in text for s in ("NameResolution", "not known", "getaddrinfo", "name resolution")):
        return "the host name does not resolve"
    if "refused" in text.lower():
        return "connection refused"
    if "RemoteDisconnected" in text or "aborted" in text:
        return "the server closed the connection without answering"
    return f"connection failed ({type(exc).__name__})"
