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
# nginx and Redis for the service tests (tests/integration/service/): the tests start their own on free
# ports, so the system services the packages start on install are switched off again at once.
if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ] || ! command -v redis-server >/dev/null; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
        nginx redis-server >/dev/null
    if [ -d /run/systemd/system ]; then
        $SUDO systemctl disable --now nginx redis-server >/dev/null 2>&1 || true
    else
        for s in nginx redis-server; do $SUDO service "$s" stop >/dev/null 2>&1 || true; done
    fi
fi
./scripts/setup.sh --extra dev
.venv/bin/ruff check .
./scripts/audit.sh  # fails on a known vulnerability; warns when the advisory service is unreachable
mkdir -p artifacts
.venv/bin/pytest --headless "$@"
