"""The raw archive: every fetched file kept once, immutable, named by its sha256.

A file is written to a temporary name and renamed into place, so a crash
never leaves a partial file under a real name.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from pipeline.sources.registry import Source


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def archive_path(raw_dir: Path, source: Source, digest: str) -> Path:
    return raw_dir / source.id / f"{digest}{source.suffix}"


def store(raw_dir: Path, source: Source, content: bytes) -> Path:
    """Keep `content` under its digest; an existing copy is never rewritten."""
    path = archive_path(raw_dir, source, sha256(content))
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".incoming-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o444)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
