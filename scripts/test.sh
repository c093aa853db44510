#!/usr/bin/env bash
# The test command: set up (with the dev tools, a headless Chromium and LibreOffice Calc), lint,
# audit the locked dependencies, run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi
if ! command -v soffice >/dev/null; then  # for the CSV formula test (tests/integration/security/test_csv_libreoffice.py)
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
        libreoffice-calc-nogui >/dev/null
fi
./scripts/setup.sh --extra dev
.venv/bin/ruff check .
./scripts/audit.sh  # fails on a known vulnerability; warns when the advisory service is unreachable
mkdir -p artifacts
.venv/bin/pytest --headless "$@"
