"""The vendored partial plotly.js (dashboard/assets/vendor) is the version the installed plotly expects."""

from __future__ import annotations

import re

from plotly.offline import get_plotlyjs_version

from warehouse.config import PROJECT_ROOT

VENDOR = PROJECT_ROOT / "dashboard" / "assets" / "vendor"


def test_partial_bundle_matches_the_installed_plotly_js_and_has_its_licence():
    bundles = sorted(VENDOR.glob("plotly-*.min.js"))
    assert len(bundles) == 1, bundles  # two bundles would both load, and the last would win
    head = bundles[0].read_text(encoding="utf-8")[:200]
    version = re.search(r"plotly\.js \(cartesian - minified\) v(\S+)", head)
    assert version and version.group(1) == get_plotlyjs_version()
    assert bundles[0].name == f"plotly-cartesian-{get_plotlyjs_version()}.min.js"
    assert "MIT License" in (VENDOR / "plotly.js-LICENSE.txt").read_text(encoding="utf-8")
