"""The /guide page shows the same guide councils download, covering every template column."""

from __future__ import annotations

from dashboard.downloads.templates import guide_text
from warehouse.submissions.spec import TEMPLATE_COLUMNS


def test_guide_explains_every_template_column() -> None:
    text = guide_text()
    assert text is not None
    for column in TEMPLATE_COLUMNS:
        assert f"`{column}`" in text, column


def test_the_guides_tables_are_cut_out_whole_and_labelled_by_their_heading() -> None:
    from dashboard.views.guide import split_tables

    text = "# Guide\n\nIntro.\n\n## Columns\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nAfter.\n"
    assert split_tables(text) == [
        ("# Guide\n\nIntro.\n\n## Columns\n\n", None),
        ("| a | b |\n|---|---|\n| 1 | 2 |\n", "Table: Columns"),
        ("\nAfter.\n", None),
    ]
    parts = split_tables(guide_text() or "")
    assert "".join(p for p, _ in parts) == guide_text()  # nothing lost or reordered
    assert [label for _, label in parts if label] == ["Table: Columns"]
