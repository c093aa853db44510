"""The submissions inbox: validate each file, load it or quarantine it, and move it out of the inbox.

data/submissions/inbox/       files waiting (councils or staff drop them here)
data/submissions/archive/     loaded files: archive/<la_code>/<snapshot_date>/<sha256[:12]>_<name>
data/submissions/quarantine/  refused files, each with <name>.report.txt beside it saying why

A refused file is never loaded, not even in part: validation happens before the
warehouse is touched, and a valid file loads in one transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipeline.submissions import spec
from pipeline.submissions.validate import Problem, check
from warehouse.config import Settings
from warehouse.submissions import load_submission

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
    """Files in the inbox, oldest first; hidden and partly-copied files are left alone."""
    inbox = folders(settings)["inbox"]
    files = [
        p
        for p in inbox.iterdir()
        if p.is_file() and not p.name.startswith(".") and not p.name.lower().endswith(IGNORED_SUFFIXES)
    ]
    return sorted(files, key=lambda p: (p.stat().st_mtime_ns, p.name))


def read_limited(path: Path) -> bytes:
    """At most one byte over the size limit: enough to refuse a huge file without reading it all."""
    with path.open("rb") as handle:
        return handle.read(spec.MAX_FILE_BYTES + 1)


def process_file(
    path: Path,
    settings: Settings,
    con: duckdb.DuckDBPyConnection,
    known_codes: set[str] | None,
    today: dt.date | None = None,
) -> Outcome:
    """Validate, then load and archive, or quarantine with a report. Raises only on warehouse errors."""
    content = read_limited(path)
    digest = hashlib.sha256(content).hexdigest()
    result = check(content, path.name, known_codes, today)
    if not result.ok:
        moved = quarantine(path, digest, result.problems, settings, known_codes is not None)
        return Outcome(path.name, "quarantined", digest, moved, len(result.problems))
    assert result.rows is not None
    outcome = load_submission(
        con,
        result.rows,
        submission_id=digest,
        file_name=path.name,
        salt=settings.submission_salt,
        template_version=spec.TEMPLATE_VERSION,
    )
    la_code, snapshot = result.rows["la_code"][0], result.rows["snapshot_date"][0]
    target = folders(settings)["archive"] / la_code / snapshot.isoformat() / f"{digest[:12]}_{path.name}"
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        path.unlink()  # the same bytes are archived already
    else:
        os.replace(path, target)
    return Outcome(path.name, "loaded" if outcome.loaded else "duplicate", digest, target)


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
