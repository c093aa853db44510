"""The submissions audit log: one JSON line per attempt to submit with a token.

Who (token id, council), when, what (sha256 of the bytes) and how it ended (accepted, duplicate,
refused, too_large, unauthorised, forbidden); never the rows, the token or the file name the
client gave. Append-only: each line is one `write` on a file opened with O_APPEND (atomic for a
line this size, also between processes), behind a lock for the threads of one server. The file
lives in the secrets folder (0600 in a 0700 folder), which no release or download reads.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
from pathlib import Path

from warehouse.tokens import secure_dir

OUTCOMES = ("accepted", "duplicate", "refused", "too_large", "unauthorised", "forbidden")
FIELDS = ("time", "route", "token_id", "council", "sha256", "outcome", "status", "reason")


class AuditLog:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def append(self, *, route: str, outcome: str, status: int, token_id: str | None = None,
               council: str | None = None, sha256: str | None = None, reason: str | None = None) -> dict:
        """Add one line; returns it as written."""
        if outcome not in OUTCOMES:
            raise ValueError(f"unknown outcome {outcome!r}")
        line = {
            "time": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds"), "route": route,
            "token_id": token_id, "council": council, "sha256": sha256, "outcome": outcome,
            "status": status, "reason": reason,
        }
        data = (json.dumps(line, ensure_ascii=True) + "\n").encode("ascii")
        with self._lock:
            secure_dir(self.path.parent)
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, data)
            finally:
                os.close(fd)
        return line

    def lines(self) -> list[dict]:
        """Every line so far (for operators and tests)."""
        if not self.path.exists():
            return []
        return [json.loads(x) for x in self.path.read_text(encoding="ascii").splitlines() if x]
