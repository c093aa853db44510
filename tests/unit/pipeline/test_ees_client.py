"""The EES client against a real HTTP stand-in: finding the newest file, downloading it, failing clearly."""

from __future__ import annotations

import datetime as dt
import json
import socket
import time
from collections.abc import Iterator

import pytest

from pipeline.sources.ees import EesClient, EesError
from tests.support.ees_standin import EesStandin, running_standin

SLUG = "children-s-social-work-workforce"
CSV_2025 = b"time_period,la_code,caseload\n2025,E09000001,14.2\n"
SPRING = dt.datetime(2026, 3, 19, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def standin() -> Iterator[EesStandin]:
    with running_standin() as s:
        s.publish_release(
            slug=SLUG,
            release_slug="2024",
            title="Reporting year 2024",
            files={"csww_indicators_2017_to_2024.csv": b"old\n", "csww_vacancies_2024.csv": b"v\n"},
            published=SPRING - dt.timedelta(days=365),
            next_release=(2026, 3, None),
        )
        yield s


def client(s: EesStandin, **kwargs: float) -> EesClient:
    return EesClient(s.content_base, s.public_base, **({"backoff_s": 0.01} | kwargs))


def test_publication_and_a_month_only_next_release(standin: EesStandin) -> None:
    pub = client(standin).publication(SLUG)
    assert pub.slug == SLUG and pub.id == standin.publications[SLUG].id
    assert pub.latest_release_title == "Reporting year 2024" and pub.latest_release_slug == "2024"
    assert pub.next_release is not None
    assert (pub.next_release.text, pub.next_release.date) == ("March 2026", None)
    assert pub.next_release.source == f"EES content API: /api/publications/{SLUG} (nextReleaseDate)"


def test_a_full_next_release_date_is_a_date(standin: EesStandin) -> None:
    standin.publish_release(
        SLUG, "2025", "Reporting year 2025", {"a.csv": b"a\n"}, next_release=(2027, 3, 19)
    )
    nxt = client(standin).publication(SLUG).next_release
    assert nxt is not None and (nxt.text, nxt.date) == ("19 March 2027", dt.date(2027, 3, 19))


def test_no_next_release_date_when_ees_leaves_it_out(standin: EesStandin) -> None:
    standin.publish_release(SLUG, "2025", "Reporting year 2025", {"a.csv": b"a\n"})
    assert client(standin).publication(SLUG).next_release is None


def test_the_file_is_found_by_glob_across_pages(standin: EesStandin) -> None:
    files = {f"csww_extra_{i:02}.csv": b"x\n" for i in range(7)} | {
        "csww_indicators_2017_to_2025.csv": CSV_2025
    }
    standin.publish_release(SLUG, "2025", "Reporting year 2025", files, published=SPRING)
    ees = client(standin)
    pub = ees.publication(SLUG)
    listed = ees.data_set_files(pub.id, page_size=3)
    assert sorted(f.filename for f in listed) == sorted(files)  # 8 files over 3 pages
    assert len(standin.requests_to("/api/data-set-files?")) == 3
    found = ees.find_file(SLUG, "csww_indicators_*.csv")
    assert found.filename == "csww_indicators_2017_to_2025.csv"
    assert (found.release_slug, found.release_title, found.route) == (
        "2025",
        "Reporting year 2025",
        "EES content API",
    )
    assert found.published == SPRING and found.last_updated == SPRING
    assert found.download_url == f"{standin.content_base}/data-set-files/{found.data_set_file_id}/download"
    assert ees.download(found) == CSV_2025


def test_a_new_release_replaces_the_latest_and_changes_the_version_key(standin: EesStandin) -> None:
    ees = client(standin)
    before = ees.find_file(SLUG, "csww_indicators_*.csv")
    assert before.filename == "csww_indicators_2017_to_2024.csv" and ees.download(before) == b"old\n"
    standin.publish_release(
        SLUG, "2025", "Reporting year 2025", {"csww_indicators_2017_to_2025.csv": CSV_2025}
    )
    after = ees.find_file(SLUG, "csww_indicators_*.csv")
    assert (after.filename, after.release_slug) == ("csww_indicators_2017_to_2025.csv", "2025")
    assert after.version_key != before.version_key and ees.download(after) == CSV_2025
    amended = standin.amend_file(SLUG, "csww_indicators_2017_to_2025.csv", CSV_2025 + b"2025,E1,1\n", SPRING)
    again = ees.find_file(SLUG, "csww_indicators_*.csv")
    assert again.file_id == amended.file_id and again.version_key not in (
        before.version_key,
        after.version_key,
    )
    assert again.data_set_file_id == after.data_set_file_id  # the same data set, a new upload


def test_the_public_api_route_downloads_the_gzipped_csv(standin: EesStandin) -> None:
    big = CSV_2025 * 500
    standin.publish_release(
        SLUG, "2025", "Reporting year 2025", {"csww_indicators_2017_to_2025.csv": big}, api=True
    )
    ees = client(standin)
    content_file = ees.find_file(SLUG, "csww_indicators_*.csv")
    public = ees.public_api_file(content_file)
    assert public.route == "EES public API" and public.api_version == "2.0"
    assert public.download_url.endswith(
        f"/v1/data-sets/{content_file.api_data_set_id}/csv?dataSetVersion=2.0"
    )
    assert public.version_key != content_file.version_key
    assert ees.download(public) == big


def test_a_file_without_an_api_data_set_has_no_public_route(standin: EesStandin) -> None:
    ees = client(standin)
    with pytest.raises(EesError, match=r"csww_vacancies_2024.csv has no public API data set"):
        ees.public_api_file(ees.find_file(SLUG, "csww_vacancies_*.csv"))


def test_no_matching_file_names_the_publication_and_the_files_seen(standin: EesStandin) -> None:
    with pytest.raises(EesError) as err:
        client(standin).find_file(SLUG, "csww_caseloads_*.csv")
    message = str(err.value)
    assert SLUG in message and "'csww_caseloads_*.csv'" in message and "Reporting year 2024" in message
    assert "csww_indicators_2017_to_2024.csv, csww_vacancies_2024.csv" in message and "\n" not in message


def test_down_is_an_error_after_two_quick_retries(standin: EesStandin) -> None:
    standin.fault = "down"
    with pytest.raises(EesError) as err:
        client(standin).publication(SLUG)
    assert str(err.value) == (
        f"{standin.content_base}/publications/{SLUG}: HTTP 503 (3 attempts), "
        "expected JSON with `id`, `title`, `latestRelease` and `nextReleaseDate`"
    )
    assert len(standin.requests_to(f"/api/publications/{SLUG}")) == 3


def test_a_dropped_connection_is_an_error(standin: EesStandin) -> None:
    standin.fault = "drop"
    with pytest.raises(
        EesError, match=r"/publications/.*: the server closed the connection without answering"
    ):
        client(standin).publication(SLUG)


def test_slow_is_a_timeout_error(standin: EesStandin) -> None:
    standin.fault, standin.slow_s = "slow", 1.0
    started = time.monotonic()
    with pytest.raises(
        EesError, match=rf"^{standin.content_base}/publications/{SLUG}: no answer within 0.2 s"
    ):
        client(standin, timeout_s=0.2).publication(SLUG)
    assert time.monotonic() - started < 2.0 and len(standin.log) == 3


def test_an_html_page_is_not_json(standin: EesStandin) -> None:
    standin.fault = "html"
    with pytest.raises(EesError) as err:
        client(standin).publication(SLUG)
    assert str(err.value) == (
        f"{standin.content_base}/publications/{SLUG} answered HTML (text/html), "
        "expected JSON with `id`, `title`, `latestRelease` and `nextReleaseDate`"
    )


def test_an_html_page_is_not_a_download(standin: EesStandin) -> None:
    ees = client(standin)
    found = ees.find_file(SLUG, "csww_indicators_*.csv")
    standin.fault = "html"
    with pytest.raises(EesError, match=r"/download answered HTML \(text/html\), expected a CSV file"):
        ees.download(found)


def test_an_empty_download_is_refused(standin: EesStandin) -> None:
    ees = client(standin)
    found = ees.find_file(SLUG, "csww_indicators_*.csv")
    standin.overrides[f"/api/data-set-files/{found.data_set_file_id}/download"] = (200, "text/csv", b"")
    with pytest.raises(EesError, match=r"/download answered an empty body, expected a CSV file"):
        ees.download(found)


def test_a_download_shorter_than_its_content_length_is_refused(standin: EesStandin) -> None:
    ees = client(standin)
    found = ees.find_file(SLUG, "csww_vacancies_*.csv")
    standin.fault = "truncate"
    with pytest.raises(EesError, match=r"/download: body cut short .*expected a CSV file"):
        ees.download(found)
    with pytest.raises(
        EesError, match=rf"/publications/{SLUG}: body cut short \(\d+ of \d+ bytes\), expected JSON"
    ):
        ees.publication(SLUG)


def test_invalid_json_names_the_address(standin: EesStandin) -> None:
    standin.overrides[f"/api/publications/{SLUG}"] = (200, "application/json", b'{"id": "x", ')
    with pytest.raises(
        EesError,
        match=rf"^{standin.content_base}/publications/{SLUG} answered non-JSON \(application/json\)",
    ):
        client(standin).publication(SLUG)


def test_a_missing_key_is_named(standin: EesStandin) -> None:
    body = {"id": "x", "slug": SLUG, "title": "T", "latestRelease": {"id": "r", "slug": "2024"}}
    standin.overrides[f"/api/publications/{SLUG}"] = (200, "application/json", json.dumps(body).encode())
    with pytest.raises(EesError) as err:
        client(standin).publication(SLUG)
    assert (
        str(err.value)
        == f"{standin.content_base}/publications/{SLUG}: JSON has no `latestRelease.title`, expected a str"
    )


def test_an_odd_type_in_a_page_is_named(standin: EesStandin) -> None:
    pub_id = standin.publications[SLUG].id
    page = {"results": [{"id": 7}], "paging": {"page": 1, "pageSize": 40, "totalResults": 1, "totalPages": 1}}
    standin.overrides["/api/data-set-files"] = (200, "application/json", json.dumps(page).encode())
    with pytest.raises(
        EesError, match=r"data-set-files\?publicationId=.*: `results.0.id` is int 7, expected a str"
    ):
        client(standin).data_set_files(pub_id)


def test_an_unknown_publication_is_a_404_error(standin: EesStandin) -> None:
    with pytest.raises(EesError, match=r"/publications/no-such-thing answered HTTP 404, expected JSON"):
        client(standin).publication("no-such-thing")


def test_connection_refused_is_not_retried() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # free once closed: nothing listens there
    started = time.monotonic()
    with pytest.raises(
        EesError, match=rf"^http://127.0.0.1:{port}/api/publications/x: connection refused, expected"
    ):
        EesClient(f"http://127.0.0.1:{port}/api", backoff_s=5.0).publication("x")
    assert time.monotonic() - started < 2.0  # no 5 s backoff: not retried


def test_a_name_that_does_not_resolve_is_not_retried() -> None:
    with pytest.raises(
        EesError, match=r"^http://ees\.invalid/api/publications/x: the host name does not resolve"
    ):
        EesClient("http://ees.invalid/api", backoff_s=5.0, timeout_s=3.0).publication("x")
