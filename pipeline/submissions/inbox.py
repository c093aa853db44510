"""The submissions inbox: validate each file, load it or quarantine it, and move it out of the inbox.

data/submissions/inbox/       files waiting (councils or staff drop them here)
data/submissions/archive/     loaded files: archive/<la_code>/<snapshot_date>/<sha256[:12]>_<name>
data/submissions/quarantine/  refused files, each with <name>.report.txt beside it saying why

A file may follow either template (worker rows, or an FOI answer's band counts: validate.check tells
them apart by the header). A run handles every waiting file as one batch: all are validated
(batch_check.py), refused files are quarantined, and the acceptable ones load together in ONE
transaction. A refused file is never loaded, not even in part; a warehouse error loads nothing of
the batch and leaves its acceptable files in the inbox, to be tried again by the next run.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import stat
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import polars as pl

from warehouse.build.submission_batches import batch_load
from warehouse.config import Settings
from warehouse.db import Connection
from warehouse.submissions import spec
from warehouse.submissions.batch_check import check_stream
from warehouse.submissions.validate import Problem

T = TypeVar("T")
IGNORED_SUFFIXES = (".part", ".tmp", ".crdownload", ".report.txt")


@dataclass(frozen=True)
class Outcome:
    file_name: str
    status: str  # loaded | duplicate | quarantined
    sha256: str
    moved_to: Path
    problems: int = 0


def folders(settings: Settings) -> dict[str, Path]:
    base = settings.submissions_dir
    out = {name: base / name for name in ("inbox", "archive", "quarantine")}
    for path in out.values():
        path.mkdir(parents=True, exist_ok=True)
    return out


def waiting_files(settings: Settings) -> list[Path]:
    """Entries in the inbox, oldest first; hidden and partly-copied files are left alone.

    Links are not followed (lstat): a symlink, FIFO, directory or device is listed as itself, so
    process_batch can refuse it without reading what it points to.
    """
    inbox = folders(settings)["inbox"]
    files = [
        p
        for p in inbox.iterdir()
        if not p.name.startswith(".") and not p.name.lower().endswith(IGNORED_SUFFIXES)
    ]
    return sorted(files, key=lambda p: (p.lstat().st_mtime_ns, p.name))


class NotAFile(OSError):
    """An inbox entry that is not a regular file (its kind is the message); it is never read."""


def entry_kind(mode: int) -> str | None:
    """None for a regular file, else what the entry is, in words."""
    for test, kind in (
        (stat.S_ISREG, None),
        (stat.S_ISLNK, "a symbolic link"),
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    ):
        if test(mode):
            return kind
    return "not a regular file"


def read_limited(path: Path) -> bytes:
    """At most one byte over the size limit: enough to refuse a huge file without reading it all.

    Opened without following a link and without blocking on a pipe, then checked to be a regular
    file, so an entry swapped after it was listed is refused too (NotAFile), unread.
    """
    kind = entry_kind(os.lstat(path).st_mode)
    if kind is not None:
        raise NotAFile(kind)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # replaced by a link since the lstat
            raise NotAFile("a symbolic link") from exc
        raise
    with os.fdopen(fd, "rb") as handle:
        kind = entry_kind(os.fstat(handle.fileno()).st_mode)
        if kind is not None:
            raise NotAFile(kind)
        return handle.read(spec.MAX_FILE_BYTES + 1)


def process_file(
    path: Path,
    settings: Settings,
    con: Connection,
    known_codes: set[str] | None,
    today: dt.date | None = None,
) -> Outcome:
    """One file: a batch of one."""
    return process_batch([path], settings, con, known_codes, today)[0]


def process_batch(
    paths: Sequence[Path],
    settings: Settings,
    con: Connection,
    known_codes: set[str] | None,
    today: dt.date | None = None,
    timings: dict[str, float] | None = None,
) -> list[Outcome]:
    """Validate every file, load the acceptable ones in ONE transaction, then archive them and
    quarantine the refused ones with their reports.

    Files are read, checked and loaded part by part (memory stays bounded), all inside the one
    transaction. Raises only on warehouse errors: then nothing of the batch is loaded and every file
    stays in the inbox for the next run. Outcomes are in the order of `paths`.
    """
    digests: list[str] = []
    not_files: dict[int, str] = {}  # entries refused unread: index -> what they are

    def read() -> Iterator[tuple[int, str, bytes]]:
        for i, path in enumerate(paths):
            try:
                content = read_limited(path)
            except NotAFile as exc:
                not_files[i] = str(exc)
                digests.append("")
                continue
            digests.append(hashlib.sha256(content).hexdigest())
            yield i, path.name, content

    refused: dict[int, list[Problem]] = {}
    places: dict[int, tuple[str, dt.date]] = {}
    spent = {"read_and_check": 0.0, "load": 0.0}
    with batch_load(con, salt=settings.submission_salt) as batch:
        parts = check_stream(read(), known_codes, today)
        while (part := _timed(spent, "read_and_check", lambda: next(parts, None))) is not None:
            refused |= part.refused
            if part.rows.height:
                first = part.rows.group_by("file").agg(pl.col("la_code", "snapshot_date").first())
                places |= {f: (la, d) for f, la, d in first.iter_rows()}
                ids = {f: (digests[f], paths[f].name) for f in first["file"]}
                _timed(spent, "load", lambda: batch.add(part.rows, ids))  # noqa: B023 (called at once)
            if part.bands.height:  # FOI answers' band counts: the same transaction, the same rules
                first = part.bands.group_by("file").agg(pl.col("la_code", "snapshot_date").first())
                places |= {f: (la, d) for f, la, d in first.iter_rows()}
                ids = {f: (digests[f], paths[f].name) for f in first["file"]}
                _timed(spent, "load", lambda: batch.add_bands(part.bands, ids))  # noqa: B023
        finishing = time.perf_counter()
    spent["files_and_commit"] = time.perf_counter() - finishing
    outcomes: dict[int, Outcome] = {}
    for i, kind in not_files.items():
        moved = refuse_entry(paths[i], kind, settings)
        outcomes[i] = Outcome(paths[i].name, "quarantined", "", moved, 1)
    for i, problems in refused.items():
        moved = quarantine(paths[i], digests[i], problems, settings, known_codes is not None)
        outcomes[i] = Outcome(paths[i].name, "quarantined", digests[i], moved, len(problems))
    root = folders(settings)["archive"]
    # One folder per council and date: creating them and moving the files is I/O, done in threads.
    with ThreadPoolExecutor(max_workers=8) as pool:
        targets = pool.map(
            lambda i: archive(paths[i], digests[i], root / places[i][0] / places[i][1].isoformat()), places
        )
        for i, target in zip(places, targets, strict=True):
            status = "loaded" if batch.outcomes[i].loaded else "duplicate"
            outcomes[i] = Outcome(paths[i].name, status, digests[i], target)
    if timings is not None:
        timings |= spent | {"move": time.perf_counter() - finishing - spent["files_and_commit"]}
    return [outcomes[i] for i in range(len(paths))]


def _timed(spent: dict[str, float], key: str, call: Callable[[], T]) -> T:
    start = time.perf_counter()
    try:
        return call()
    finally:
        spent[key] += time.perf_counter() - start


def archive(path: Path, digest: str, folder: Path) -> Path:
    """Move a loaded file to archive/<la_code>/<snapshot_date>/."""
    target = folder / f"{digest[:12]}_{path.name}"
    folder.mkdir(parents=True, exist_ok=True)
    if target.exists():
        path.unlink()  # the same bytes are archived already
    else:
        os.replace(path, target)
    return target


def quarantine(
    path: Path, digest: str, problems: list[Problem], settings: Settings, codes_checked: bool
) -> Path:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = folders(settings)["quarantine"] / f"{stamp}_{digest[:12]}_{path.name}"
    os.replace(path, target)
    target.with_name(target.name + ".report.txt").write_text(
        report(path.name, digest, problems, codes_checked), encoding="utf-8"
    )
    return target


def refuse_entry(path: Path, kind: str, settings: Settings) -> Path:
    """Move an inbox entry that is not a regular file (the link itself, never its target) into
    quarantine, with a report that names it and says why; nothing of it is read."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = folders(settings)["quarantine"] / f"{stamp}_not-a-file_{path.name}"
    os.rename(path, target)  # renames the entry; a link's target is not touched
    target.with_name(target.name + ".report.txt").write_text(
        f"Inbox entry {path.name} was refused: it is {kind}, not a regular file.\n"
        "Only regular files are taken from the inbox; nothing was read from this entry or from\n"
        "anything it points to, and nothing was loaded. Copy the file itself into the inbox.\n",
        encoding="utf-8",
    )
    return target


def report(name: str, digest: str, problems: list[Problem], codes_checked: bool) -> str:
    lines = [
        f"Submission {name} was refused: nothing from it was loaded.",
        f"sha256 {digest}",
        f"{len(problems)} problem(s). Row numbers count the header as row 1, as a spreadsheet shows them.",
        "",
        *(str(p) for p in problems),
        "",
        "Fix the file (data/templates/GUIDE.md explains every column), check it with",
        "`caseload validate FILE`, and submit it again.",
    ]
    if not codes_checked:
        lines.append("Note: council codes were not checked against the list of current councils.")
    return "\n".join(lines) + "\n"
