"""The inbox takes regular files only: a symlink, FIFO, folder or device is refused unread, with a
report naming the entry and why, and what a link points to is never read, moved or deleted."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import dagster as dg
import pytest

from pipeline.submissions.inbox import folders, process_batch, waiting_files
from tests.support.submission_files import KNOWN, TODAY, csv_bytes, good_rows
from warehouse.db import connect

SECRET = "SECRET-7f3a-do-not-quote"


def _texts_under(root: Path) -> dict[Path, str]:
    """Every regular file's text under root, links not followed (a link is not read)."""
    out = {}
    for dirpath, _dirs, names in os.walk(root, followlinks=False):
        for name in names:
            path = Path(dirpath) / name
            if path.is_symlink() or not path.is_file():
                continue
            out[path] = path.read_bytes().decode("utf-8", "replace")
    return out


def _every_cell(con) -> str:
    tables = con.execute(
        "SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = current_database()"
    ).fetchall()
    return "\n".join(str(con.execute(f'SELECT * FROM "{s}"."{t}"').fetchall()) for s, t in tables)


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    """Outside the inbox: a 'submission' whose bad cell is the secret (a report would quote it)."""
    rows = good_rows(6)
    rows[1]["worker_ref"] = SECRET
    rows[2]["fte"] = SECRET
    path = tmp_path / "elsewhere" / "secret.csv"
    path.parent.mkdir()
    path.write_bytes(csv_bytes(rows))
    return path


def test_a_symlink_is_refused_unread_by_the_load_job(settings, secret_file, caplog):
    from pipeline.defs.submissions.assets import submission_inbox, submission_metrics, submissions_published
    from pipeline.defs.submissions.sensors import LOAD_JOB, submissions_inbox_sensor, submissions_load
    from pipeline.lib.resources import WarehouseResource

    before = secret_file.read_bytes()
    inbox = folders(settings)["inbox"]
    (inbox / "looks_fine.csv").symlink_to(secret_file)
    (inbox / "dangling.csv").symlink_to(secret_file.parent / "gone.csv")
    (inbox / "good.csv").write_bytes(csv_bytes(good_rows(6, snapshot_date="2024-09-30")))
    definitions = dg.Definitions(
        assets=[submission_inbox, submission_metrics, submissions_published], jobs=[submissions_load],
        sensors=[submissions_inbox_sensor], resources={"warehouse": WarehouseResource()},
        executor=dg.in_process_executor,
    )
    instance = dg.DagsterInstance.ephemeral()
    with dg.build_sensor_context(instance=instance, definitions=definitions,
                                 resources=definitions.resources) as context:
        request = submissions_inbox_sensor(context)  # a dangling link does not break the sensor
    assert sorted(request.run_config["ops"]["submission_inbox"]["config"]["files"]) == [
        "dangling.csv", "good.csv", "looks_fine.csv"]
    result = definitions.resolve_job_def(LOAD_JOB).execute_in_process(
        run_config=request.run_config, instance=instance)
    assert result.success

    assert secret_file.read_bytes() == before  # the target is where it was, unchanged
    assert not list(inbox.iterdir())
    quarantine = folders(settings)["quarantine"]
    links = sorted(p for p in quarantine.iterdir() if p.is_symlink())
    assert [p.name.split("_", 2)[-1] for p in links] == ["dangling.csv", "looks_fine.csv"]
    assert all(os.readlink(p) in (str(secret_file), str(secret_file.parent / "gone.csv")) for p in links)
    reports = sorted(p.read_text() for p in quarantine.glob("*.report.txt"))
    assert len(reports) == 2 and all("it is a symbolic link, not a regular file" in r for r in reports)
    assert any("Inbox entry looks_fine.csv was refused" in r for r in reports)

    logs = "\n".join(str(e) for e in instance.all_logs(result.run_id)) + caplog.text
    assert "looks_fine.csv: quarantined" in logs
    texts = _texts_under(settings.data_dir)
    assert texts and not [p for p, text in texts.items() if SECRET in text]
    assert SECRET not in logs
    with connect(settings.work_path, read_only=True) as con:
        cells = _every_cell(con)
        assert "E06000001" in cells and SECRET not in cells  # the good file loaded, nothing of the link


def _no_hang(seconds: int = 10):
    def fail(*_args):
        raise TimeoutError("the inbox blocked on an entry it should not have opened")
    signal.signal(signal.SIGALRM, fail)
    signal.alarm(seconds)


def test_fifo_folder_and_device_are_refused_without_reading(settings, tmp_path):
    inbox = folders(settings)["inbox"]
    os.mkfifo(inbox / "pipe.csv")  # opening it for reading would wait for a writer
    (inbox / "folder.csv").mkdir()
    (inbox / "folder.csv" / "inside.csv").write_bytes(csv_bytes(good_rows(3)))
    devices = Path("/dev/null")
    (inbox / "null.csv").symlink_to(devices)
    paths = waiting_files(settings)
    _no_hang()
    try:
        with connect(settings.work_path) as con:
            outcomes = process_batch(paths, settings, con, KNOWN, TODAY)
    finally:
        signal.alarm(0)
    assert {o.file_name: (o.status, o.sha256) for o in outcomes} == {
        "pipe.csv": ("quarantined", ""), "folder.csv": ("quarantined", ""), "null.csv": ("quarantined", "")}
    reports = {p.name: p.read_text() for p in folders(settings)["quarantine"].glob("*.report.txt")}
    kinds = sorted(text.split(": it is ", 1)[1].split(",")[0] for text in reports.values())
    assert kinds == ["a folder", "a named pipe (FIFO)", "a symbolic link"]
    assert devices.exists()
    moved = next(p for p in folders(settings)["quarantine"].iterdir() if p.name.endswith("folder.csv"))
    assert (moved / "inside.csv").exists()  # moved as it was, not opened
