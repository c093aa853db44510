#!/usr/bin/env bash
# The test command: set up (with the dev tools and a headless Chromium), lint, run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi
./scripts/setup.sh --extra dev
.venv/bin/ruff check .
mkdir -p artifacts
.venv/bin/pytest --headless "$@"
