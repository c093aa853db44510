#!/usr/bin/env bash
# Audit the locked dependencies (uv.lock) for known vulnerabilities with pip-audit.
# A known vulnerability fails the run. When the advisory service (PyPI's JSON API) cannot be
# reached, pip-audit skips every package: that prints a clear WARNING and does not fail the run.
set -uo pipefail
cd "$(dirname "$0")/.."
UV=.tools/bin/uv; [ -x "$UV" ] || UV=uv
REQ="$(mktemp)"; OUT="$(mktemp)"
trap 'rm -f "$REQ" "$OUT"' EXIT
"$UV" export --frozen --no-hashes --extra dev --no-emit-project > "$REQ" || exit 1
.venv/bin/pip-audit -r "$REQ" --no-deps --disable-pip --progress-spinner off --timeout 20 \
    --format json --output "$OUT" 2>/dev/null
.venv/bin/python - "$OUT" <<'PY'
import json, sys
try:
    deps = json.load(open(sys.argv[1]))["dependencies"]
except (OSError, ValueError, KeyError):
    print("WARNING: pip-audit gave no report (advisory service unreachable?); dependencies NOT audited.")
    sys.exit(0)
vulnerable = [d for d in deps if d.get("vulns")]
skipped = [d for d in deps if d.get("skip_reason")]
for d in vulnerable:
    ids = ", ".join(v["id"] for v in d["vulns"])
    print(f"VULNERABLE: {d['name']} {d.get('version')}: {ids}")
if vulnerable:
    print(f"pip-audit: {len(vulnerable)} locked dependencies have known vulnerabilities: update uv.lock.")
    sys.exit(1)
if skipped:
    print(f"WARNING: pip-audit could not check {len(skipped)} of {len(deps)} locked dependencies "
          "(the advisory service was not reachable); they are NOT audited.")
    sys.exit(0)
print(f"pip-audit: no known vulnerabilities in {len(deps)} locked dependencies.")
PY
