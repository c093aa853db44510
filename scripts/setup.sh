#!/usr/bin/env bash
# Set up the project's virtual environment from the lock file (uv.lock).
# Needs only Python 3.11 with venv; installs uv into .tools/ and the project into .venv/.
set -euo pipefail
cd "$(dirname "$0")/.."
export UV_PYTHON_DOWNLOADS=never
PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null || PYTHON=python3
if [ ! -x .tools/bin/uv ]; then
    "$PYTHON" -m venv .tools
    .tools/bin/pip install --quiet --disable-pip-version-check "uv==0.13.9"
fi
# Compile bytecode at install time: Python then starts from .pyc files even where
# PYTHONDONTWRITEBYTECODE is set (it is on our machines), instead of compiling
# Dagster's sources on every start (about 6 s of every `caseload run`).
.tools/bin/uv sync --frozen --compile-bytecode --python "$PYTHON" "$@"
# Our own modules too (the __pycache__ folders are ignored by git; a changed source file
# is simply compiled again in memory until the next setup).
.venv/bin/python -m compileall -q caseload pipeline warehouse dashboard >/dev/null
