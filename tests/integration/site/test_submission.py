"""The profile's submission section: suppression in words, the chosen cap, demo rows labelled and hidden."""

from __future__ import annotations

import dash
import pytest

from tests.support.site import texts
from warehouse.config import Settings


@pytest.mark.shared_data
def test_profile_hides_the_demo_submission_unless_demo_mode(demo_warehouse: Settings):
    """The same published release: default settings show no demo row; demo mode shows it, labelled."""
    import dataclasses

    from dashboard.app import create_app

    create_app(dataclasses.replace(demo_warehouse, show_demo=False))
    page = dash.page_registry["dashboard.pages.council"]["layout"]
    text = " ".join(texts(page(code="birmingham", year="2025", cap="18")))
    assert "No worker-level submission from this council yet" in text and "Demo" not in text
    create_app(demo_warehouse)
    text = " ".join(texts(page(code="birmingham", year="2025", cap="18")))
    assert "Demo data (synthetic): Birmingham, snapshot of 30 September 2025" in text
    assert "Above the cap of 18 children" in text
