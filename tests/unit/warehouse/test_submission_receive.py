"""Receiving a file through the site: the same check as the inbox, the token's council only, a
server-chosen name placed atomically, the same bytes twice answered 'already received'; and the
audit log, one line per attempt from many threads."""

from __future__ import annotations

import hashlib
import json
import stat
import threading

from tests.support.submission_files import KNOWN, csv_bytes, good_rows
from warehouse.audit import AuditLog
from warehouse.submissions import spec
from warehouse.submissions.receive import receive, report, suffix_of
from warehouse.submissions.validate import check

GOOD = csv_bytes(good_rows(12))


def test_accepted_file_is_placed_under_a_server_name(tmp_path):
    got = receive(GOOD, "csv", "E06000001", KNOWN, tmp_path)
    digest = hashlib.sha256(GOOD).hexdigest()
    assert (got.outcome, got.status, got.sha256, got.council, got.workers) == (
        "accepted", 202, digest, "E06000001", 12)
    assert [p.name for p in (tmp_path / "inbox").iterdir()] == [f"E06000001_{digest}.csv"]
    assert (tmp_path / "inbox" / f"E06000001_{digest}.csv").read_bytes() == GOOD
    # again: waiting in the inbox
    assert receive(GOOD, "csv", "E06000001", KNOWN, tmp_path).outcome == "duplicate"
    # loaded and archived as the inbox does (archive/<la>/<date>/<sha12>_<name>): still received
    folder = tmp_path / "archive" / "E06000001" / "2025-09-30"
    folder.mkdir(parents=True)
    (tmp_path / "inbox" / f"E06000001_{digest}.csv").rename(folder / f"{digest[:12]}_E06000001_{digest}.csv")
    assert receive(GOOD, "csv", "E06000001", KNOWN, tmp_path).status == 200
    assert list((tmp_path / "inbox").iterdir()) == []


def test_refused_other_council_and_too_large_keep_nothing(tmp_path):
    bad = csv_bytes(good_rows(3, fte="2"))
    got = receive(bad, "csv", "E06000001", KNOWN, tmp_path)
    assert (got.outcome, got.status) == ("refused", 422)
    assert report(check(bad, "x.csv", KNOWN)) == {
        "acceptable": False, "problems": [
            {"row": p.row, "column": p.column, "found": p.value, "expected": p.expected}
            for p in got.problems],
        "summary": "3 problems; nothing was kept. Fix the file and submit it again."}
    other = receive(GOOD, "csv", "E08000025", KNOWN, tmp_path)
    assert (other.outcome, other.status, other.file_councils) == ("forbidden", 403, ("E06000001",))
    big = receive(b"x" * (spec.MAX_FILE_BYTES + 1), "csv", "E06000001", KNOWN, tmp_path)
    assert (big.outcome, big.status) == ("too_large", 413)
    assert not (tmp_path / "inbox").exists() or list((tmp_path / "inbox").iterdir()) == []


def test_two_identical_uploads_at_once_accept_one(tmp_path):
    results: list[str] = []
    threads = [threading.Thread(target=lambda: results.append(
        receive(GOOD, "csv", "E06000001", KNOWN, tmp_path).outcome)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["accepted"] + ["duplicate"] * 7
    assert len(list((tmp_path / "inbox").iterdir())) == 1  # no .part left behind


def test_suffix_never_carries_the_client_name():
    assert suffix_of("../../etc/passwd") == "csv"
    assert suffix_of("caseload.XLSX") == "xlsx"
    assert suffix_of("a.csv\x00.sh") == "csv"
    assert suffix_of("<script>.xls") == "xls"
    assert suffix_of(None) == "csv"


def test_audit_log_one_line_per_append_from_many_threads(tmp_path):
    log = AuditLog(tmp_path / "secrets" / "audit.jsonl")

    def many(i: int) -> None:
        for j in range(50):
            log.append(route="api", outcome="accepted", status=202, token_id=f"{i:08x}", sha256=f"{j:064x}")

    threads = [threading.Thread(target=many, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    lines = log.path.read_text().splitlines()
    assert len(lines) == 400 and all(json.loads(x)["outcome"] == "accepted" for x in lines)
    assert stat.S_IMODE(log.path.stat().st_mode) == 0o600


def test_an_foi_band_file_is_received_by_its_rows_council(tmp_path):
    from tests.support.band_files import band_csv, band_rows

    content = band_csv(band_rows(la_code="E06000001"))
    got = receive(content, "csv", "E06000001", KNOWN, tmp_path)
    digest = hashlib.sha256(content).hexdigest()
    assert (got.outcome, got.status, got.council, got.workers) == ("accepted", 202, "E06000001", 75)
    assert [p.name for p in (tmp_path / "inbox").iterdir()] == [f"E06000001_{digest}.csv"]
    other = receive(band_csv(band_rows(la_code="E09000033")), "csv", "E06000001", KNOWN, tmp_path)
    assert (other.outcome, other.status, other.file_councils) == ("forbidden", 403, ("E09000033",))
    bad = receive(band_csv(band_rows(((0, 10, 5), (12, None, 5)))), "csv", "E06000001", KNOWN, tmp_path)
    assert bad.status == 422 and [(p.row, p.column) for p in bad.problems] == [(3, "children_from")]
