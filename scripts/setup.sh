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
.tools/bin/uv sync --frozen --python "$PYTHON" "$@"
