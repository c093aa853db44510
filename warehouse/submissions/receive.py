"""Receiving a council's file through the site: check it, match it to the token's council, and
put it in the inbox for the pipeline, or say why not.

The file is checked by `validate.check`, the same function as `caseload validate` and the inbox,
so the answer here is the one the pipeline would give. An accepted file is written under a name
chosen here, `<la_code>_<sha256>.<csv|xlsx>` (the client's file name never reaches a path), first
as a hidden `.part` file, then linked into place: the inbox sensor ignores hidden and `.part` files,
so it never sees half a file, and of two identical uploads at once only one is accepted.

"Already received" is decided without the pipeline's working file: the same bytes are waiting in
the inbox (their name holds the sha256), or were loaded and archived under
archive/<la_code>/<snapshot_date>/<sha256[:12]>_<name> (confirmed by hashing that file).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from warehouse.submissions import spec
from warehouse.submissions.report import problem_rows
from warehouse.submissions.validate import Checked, Problem, check

SUFFIXES = ("csv", "xlsx", "xls", "ods", "numbers", "txt")  # told apart by check(); anything else: csv
CODE = re.compile(r"^[EWSN]\d{8}$")
NEXT_STEP = (
    "The inbox is read about every 30 seconds: the file is loaded within about a minute, and its "
    "figures appear on the council's page with the next published release."
)


@dataclass(frozen=True)
class Receipt:
    """What happened to one upload, for the API's JSON, the /submit page and the audit log."""

    outcome: str  # accepted | duplicate | refused | too_large | forbidden
    status: int
    sha256: str | None = None
    council: str | None = None  # the file's council
    snapshot_date: str | None = None
    workers: int | None = None  # rows of a worker file; for an FOI band file, the case holders it counts
    problems: list[Problem] = field(default_factory=list)
    file_councils: tuple[str, ...] = ()


def suffix_of(client_name: str | None) -> str:
    """The kind of file, from the client's name: one of SUFFIXES, never the name itself."""
    ext = (client_name or "").rsplit(".", 1)[-1].strip().lower() if "." in (client_name or "") else ""
    return ext if ext in SUFFIXES else "csv"


def report(checked: Checked) -> dict:
    """The check API's report of a file: acceptable, every problem, a summary in words."""
    n = len(checked.problems)
    summary = (
        "The file is acceptable." if checked.ok else
        f"{n} problem{'s' if n != 1 else ''}; nothing was kept. Fix the file and submit it again."
    )
    return {"acceptable": checked.ok, "problems": problem_rows(checked.problems), "summary": summary}


def receive(
    content: bytes, suffix: str, token_council: str, known_codes: Collection[str] | None,
    submissions_dir: Path,
) -> Receipt:
    """Check `content` and, if it is acceptable and the token's council's, put it in the inbox."""
    if len(content) > spec.MAX_FILE_BYTES:
        return Receipt("too_large", 413)
    digest = hashlib.sha256(content).hexdigest()
    checked = check(content, f"submission.{suffix}", known_codes)
    if not checked.ok:
        return Receipt("refused", 422, digest, problems=checked.problems)
    assert checked.rows is not None
    codes = tuple(sorted(set(checked.rows["la_code"].to_list())))
    la_code, snapshot = codes[0], checked.rows["snapshot_date"][0].isoformat()
    facts = {"sha256": digest, "council": la_code, "snapshot_date": snapshot,
             "workers": checked.workers, "file_councils": codes}
    if codes != (token_council,):
        return Receipt("forbidden", 403, **facts)
    if already_received(digest, la_code, snapshot, submissions_dir):
        return Receipt("duplicate", 200, **facts)
    name = f"{la_code if CODE.match(la_code) else 'council'}_{digest}.{suffix}"
    placed = place(content, submissions_dir / "inbox", name)
    return Receipt("accepted" if placed else "duplicate", 202 if placed else 200, **facts)


def already_received(digest: str, la_code: str, snapshot: str, submissions_dir: Path) -> bool:
    """The same bytes are waiting in the inbox or were loaded (archived)."""
    inbox = submissions_dir / "inbox"
    if inbox.is_dir() and any(
        digest in p.name and not p.name.startswith(".") and not p.name.endswith(".part")
        for p in inbox.iterdir()
    ):
        return True
    folder = submissions_dir / "archive" / la_code / snapshot
    if not folder.is_dir():
        return False
    return any(_sha256(p) == digest for p in folder.glob(f"{digest[:12]}_*") if p.is_file())


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def place(content: bytes, inbox: Path, name: str) -> bool:
    """Write `content` to inbox/name atomically; False when that name is already there."""
    inbox.mkdir(parents=True, exist_ok=True)
    part = inbox / f".{name}.{secrets.token_hex(4)}.part"
    try:
        fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
        with os.fdopen(fd, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        try:
            os.link(part, inbox / name)  # fails if it exists: one of two identical uploads wins
        except FileExistsError:
            return False
        return True
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(part)
