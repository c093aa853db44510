"""The /guide page shows the same guide councils download, covering every template column."""

from __future__ import annotations

from dashboard.downloads.templates import guide_text
from pipeline.submissions.spec import TEMPLATE_COLUMNS


def test_guide_explains_every_template_column() -> None:
    text = guide_text()
    assert text is not None
    for column in TEMPLATE_COLUMNS:
        assert f"`{column}`" in text, column
