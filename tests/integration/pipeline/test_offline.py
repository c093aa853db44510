"""`caseload run` with no network: it fails in seconds, one line per source and one closing line.

Real sockets, nothing mocked: every address is a port on 127.0.0.1 where nothing listens (a
refused connection), and EES discovery points at another. A name that does not resolve is the
same path (tests/unit/pipeline/test_fetch.py covers it at the fetcher).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from pipeline.sources.registry import load_registry
from warehouse.config import REGISTRY_PATH


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_offline_fails_in_seconds_with_one_line_per_source(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASELOAD_")}
    env |= {"CASELOAD_DATA_DIR": str(tmp_path),
            "CASELOAD_SOURCE_MIRROR": f"http://127.0.0.1:{_closed_port()}",
            "CASELOAD_EES_CONTENT_API": f"http://127.0.0.1:{_closed_port()}/api"}
    caseload = Path(sys.executable).with_name("caseload")
    started = time.monotonic()
    done = subprocess.run([str(caseload), "run"], env=env, capture_output=True, text=True, timeout=120)
    took = time.monotonic() - started
    assert done.returncode == 1
    assert took < 30, f"took {took:.0f} s"
    lines = done.stdout.strip().splitlines()
    sources = load_registry(REGISTRY_PATH)
    assert len(lines) == len(sources) + 2, done.stdout
    for source, line in zip(sorted(sources, key=lambda s: s.id), lines, strict=False):
        assert line.startswith(f"FAILED raw_{source.id}: {source.id}: cannot reach http://127.0.0.1:")
        assert "the connection was refused" in line
    workforce = next(line for line in lines if line.startswith("FAILED raw_workforce:"))
    assert "(and EES: " in workforce, "the EES discovery's failure is named too"
    assert lines[-2] == "Run did not publish: the site keeps serving the last good release."
    assert lines[-1].startswith("Cannot reach the publishers (no network?)")
    assert "CASELOAD_SOURCE_DIR" in lines[-1]
    assert "Traceback" not in done.stderr and len(done.stderr.splitlines()) <= 2, done.stderr
