"""The bands: the whole council's table as before, and one table a group kind, a suppressed band
words in each group."""

from __future__ import annotations

from dashboard.views import submission_bands as sb
from dashboard.views.submission_cells import SUPPRESSED
from tests.support import submission_marts as m
from tests.support.site import texts


def test_whole_council_bands_and_each_kind():
    bands = m.bands()
    whole = sb.whole_council(bands)
    assert [b["band"] for b in whole] == ["up to 12", "over 12 to 15"]
    assert whole[0]["workers"] == "36" and whole[0]["share"] == "90.0%" and whole[1]["pct"] is None
    kinds = sb.by_kind(bands)
    assert list(kinds) == ["team", "employment", "experience", "role"]
    values, rows = kinds["employment"]
    assert values == ["permanent", "agency"]
    assert rows[0] == {"band": "up to 12", "permanent": "36 (90.0%)", "agency": "36 (90.0%)"}
    assert rows[1]["agency"] == SUPPRESSED
    assert kinds["team"][1][0]["care leavers"] == SUPPRESSED
    shown = texts(sb.kind_tables(kinds, True))
    assert "Demo data (synthetic). Council submission: case holders by caseload band and employment " \
        "(share of the group)" in shown
    assert sb.kind_tables({}, False) is None
