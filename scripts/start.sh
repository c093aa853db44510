#!/usr/bin/env bash
# The main command: set up, build the warehouse from the publishers' files, serve the site.
#   ./scripts/start.sh                                    download from the publishers
#   CASELOAD_SOURCE_DIR=../shared/data ./scripts/start.sh read a local folder instead
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
.venv/bin/caseload run
echo "Serving the site on http://127.0.0.1:${PORT:-8050}/ (Ctrl-C to stop)"
exec .venv/bin/caseload serve --host 127.0.0.1 --port "${PORT:-8050}"
