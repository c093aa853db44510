"""Councils' submission tokens: issue, verify, list, revoke, kept in one small JSON file.

A token is `cw_<id>_<secret>`: the id (8 hex digits) names it in the store, the audit log and
`caseload token list`; the secret is 32 random bytes from `secrets` (43 URL-safe characters),
shown once when it is issued and never stored. The store keeps sha256(secret). A slow hash
(scrypt, bcrypt) protects guessable passwords; a 256-bit random secret cannot be guessed, so a
plain sha256 is as safe and costs nothing per request (a slow hash per request would let anyone
spend the server's CPU). The stored hash is compared with `hmac.compare_digest`.

The store is JSON, not DuckDB: the CLI writes it while the site reads it, and DuckDB's file
locks are per process. It is written whole to a temporary file and `os.replace`d (mode 0600, in a
0700 folder), so a reader sees the old store or the new one; the site re-reads it whenever its
(inode, mtime, size) changes, so a revoke takes effect on the next request without a restart.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import hmac
import json
import os
import re
import secrets
import tempfile
import threading
from collections.abc import Collection, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

PREFIX = "cw"
TOKEN_RE = re.compile(r"^cw_([0-9a-f]{8})_([A-Za-z0-9_-]{43})$")
ID_RE = re.compile(r"^[0-9a-f]{8}$")
DEFAULT_DAYS = 365
MAX_DAYS = 3 * 365


class TokenError(ValueError):
    """A token cannot be issued or revoked; the message says why."""


@dataclass(frozen=True)
class Token:
    """One issued token as stored: never the secret, only its hash."""

    id: str
    council: str
    sha256: str
    created: str
    expires: str
    revoked: str | None = None


@dataclass(frozen=True)
class Verdict:
    """What a presented token is: `ok`, or why not (missing, malformed, unknown, expired, revoked)."""

    status: str
    token_id: str | None = None
    council: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("ascii")).hexdigest()


def secure_dir(path: Path) -> Path:
    """`path` as a folder only its owner can open (created if missing)."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(path, 0o700)
    return path


class TokenStore:
    """The tokens in `path` (e.g. <data_dir>/secrets/tokens.json); safe to share between threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._seen: tuple[int, int, int] | None = None
        self._tokens: dict[str, Token] = {}
        self._lock = threading.Lock()

    # reading
    def _load(self) -> dict[str, Token]:
        """The store as on disk now, re-read only when the file was replaced or changed."""
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return {}
        stamp = (st.st_ino, st.st_mtime_ns, st.st_size)
        with self._lock:
            if stamp != self._seen:
                raw = json.loads(self.path.read_text(encoding="utf-8"))
                self._tokens = {t["id"]: Token(**t) for t in raw.get("tokens", [])}
                self._seen = stamp
            return self._tokens

    def list(self) -> list[Token]:
        return sorted(self._load().values(), key=lambda t: (t.created, t.id))

    def verify(self, presented: str | None, now: dt.datetime | None = None) -> Verdict:
        """Who a presented token belongs to, or why it is refused."""
        if not presented:
            return Verdict("missing")
        match = TOKEN_RE.match(presented)
        if not match:
            return Verdict("malformed")
        token_id, secret = match.groups()
        token = self._load().get(token_id)
        # compared in constant time; an unknown id still costs one comparison
        expected = token.sha256 if token else _digest("")
        if not hmac.compare_digest(expected, _digest(secret)) or token is None:
            return Verdict("unknown", token_id)
        if token.revoked:
            return Verdict("revoked", token_id, token.council)
        if dt.datetime.fromisoformat(token.expires) <= (now or _now()):
            return Verdict("expired", token_id, token.council)
        return Verdict("ok", token_id, token.council)

    # writing (the CLI)
    def issue(self, council: str, known: Collection[str], days: int = DEFAULT_DAYS,
              now: dt.datetime | None = None) -> str:
        """A new token for `council` (a current council code); returns it, the only time it is seen."""
        if council not in known:
            raise TokenError(f"{council!r} is not the code of a current council")
        if not 1 <= days <= MAX_DAYS:
            raise TokenError(f"--days must be from 1 to {MAX_DAYS}")
        created = now or _now()
        secret = secrets.token_urlsafe(32)
        with self._editing() as tokens:
            token_id = secrets.token_hex(4)
            while token_id in tokens:
                token_id = secrets.token_hex(4)
            tokens[token_id] = Token(
                token_id, council, _digest(secret), created.isoformat(),
                (created + dt.timedelta(days=days)).isoformat(),
            )
        return f"{PREFIX}_{token_id}_{secret}"

    def revoke(self, token_id: str, now: dt.datetime | None = None) -> Token:
        if not ID_RE.match(token_id):
            raise TokenError("a token id is 8 hex digits, as `caseload token list` shows")
        with self._editing() as tokens:
            token = tokens.get(token_id)
            if token is None:
                raise TokenError(f"no token with id {token_id}")
            if token.revoked is None:
                token = tokens[token_id] = Token(**{**asdict(token), "revoked": (now or _now()).isoformat()})
        return token

    @contextlib.contextmanager
    def _editing(self) -> Iterator[dict[str, Token]]:
        """Read, change and atomically replace the store, one writer at a time (an flock)."""
        folder = secure_dir(self.path.parent)
        lock_path = folder / (self.path.name + ".lock")
        with open(os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600), "rb") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            tokens = dict(self._load())
            yield tokens
            body = json.dumps({"version": 1, "tokens": [asdict(t) for t in tokens.values()]}, indent=1)
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tokens-", suffix=".tmp")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as out:
                    out.write(body + "\n")
                    out.flush()
                    os.fsync(out.fileno())
                os.chmod(tmp, 0o600)
                os.replace(tmp, self.path)
            except BaseException:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(tmp)
                raise
