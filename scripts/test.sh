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
# nginx and Redis for the service tests (tests/integration/service/; openssl makes the throwaway
# certificate of the nginx -t test). The tests start their own on free ports, so the system services
# of the packages installed here are switched off again at once (none already there is touched).
MISSING=""
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || MISSING="$MISSING nginx"
command -v redis-server >/dev/null || MISSING="$MISSING redis-server"
command -v openssl >/dev/null || MISSING="$MISSING openssl"
if [ -n "$MISSING" ]; then
    $SUDO apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $MISSING >/dev/null
    for s in $MISSING; do
        [ "$s" = openssl ] && continue
        if [ -d /run/systemd/system ]; then
            $SUDO systemctl disable --now "$s" >/dev/null 2>&1 || true
        else
            $SUDO service "$s" stop >/dev/null 2>&1 || true
        fi
    done
fi
./scripts/setup.sh --extra dev
.venv/bin/ruff check .
./scripts/audit.sh  # fails on a known vulnerability; warns when the advisory service is unreachable
mkdir -p artifacts
.venv/bin/pytest --headless "$@"
