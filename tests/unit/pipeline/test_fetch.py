"""The HTTP fetcher against a real server on 127.0.0.1: retries, 304, faults."""

from __future__ import annotations

import pytest

from pipeline.sources.fetch import FetchError, UnreachableError, Validators, fetch_http
from pipeline.sources.registry import Source
from tests.support.http_server import Route, serve

SOURCE = Source(
    id="tiny", title="t", publisher="p", vintage="v", landing_page="l", url="unused",
    file="tiny.csv", format="csv", licence="OGL", attribution="a", reference_date="r",
    columns=("a", "b"), numeric=("b",),
)
BODY = b"a,b\nx,1\ny,2\n"
FAST = {"timeout_s": 1.0, "retries": 3, "backoff_s": 0.01}


def test_plain_download_records_validators() -> None:
    route = Route(BODY)
    with serve({"/f.csv": route}) as base:
        got = fetch_http(SOURCE, url=f"{base}/f.csv", **FAST)
    assert got.content == BODY
    assert got.etag == route.etag
    assert got.last_modified == "Thu, 19 Mar 2026 09:30:00 GMT"
    assert route.requests == 1


@pytest.mark.parametrize("fault", ["500", "hang", "drop", "truncate"])
def test_transient_faults_are_retried(fault: str) -> None:
    route = Route(BODY, faults=[fault, fault])
    with serve({"/f.csv": route}, hang_s=2.0) as base:
        got = fetch_http(SOURCE, url=f"{base}/f.csv", **FAST)
    assert got.content == BODY, "after two faults the third attempt gets the whole file"
    assert route.requests == 3


@pytest.mark.parametrize("fault", ["500", "truncate"])
def test_retries_are_bounded_and_name_the_source(fault: str) -> None:
    route = Route(BODY, faults=[fault] * 10)
    with serve({"/f.csv": route}) as base, pytest.raises(FetchError) as error:
        fetch_http(SOURCE, url=f"{base}/f.csv", **FAST)
    assert route.requests == 4  # one try and three retries, no more
    assert "tiny" in str(error.value) and "4 attempts" in str(error.value)


def test_conditional_get_answers_304_without_a_body() -> None:
    route = Route(BODY)
    with serve({"/f.csv": route}) as base:
        first = fetch_http(SOURCE, url=f"{base}/f.csv", **FAST)
        again = fetch_http(
            SOURCE, url=f"{base}/f.csv", previous=Validators(first.etag, first.last_modified), **FAST
        )
    assert again.not_modified and again.content is None
    assert route.conditional_requests == 1


def test_a_404_is_not_retried() -> None:
    with serve({}) as base, pytest.raises(FetchError, match="HTTP 404"):
        fetch_http(SOURCE, url=f"{base}/missing.csv", **FAST)


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://caseload-watch-test.invalid/f.csv", "the name does not resolve"),
        (f"http://127.0.0.1:{_free_port()}/f.csv", "the connection was refused"),
    ],
)
def test_an_unreachable_host_fails_at_once_in_one_line(url: str, reason: str) -> None:
    import time

    started = time.monotonic()
    with pytest.raises(UnreachableError) as error:
        fetch_http(SOURCE, url=url, timeout_s=5.0, retries=4, backoff_s=2.0)
    assert time.monotonic() - started < 2.0, "no retries with a 2 s backoff"
    message = str(error.value)
    assert message == f"tiny: cannot reach {url}: {message.split(': ', 2)[2]}"
    assert reason in message and "\n" not in message
