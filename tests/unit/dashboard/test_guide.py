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
    assert [label for _, label in parts if label] == [
        "Table: Columns",
        "Table: What each answer means",
        "Table: An FOI answer instead: the band template (for councils and journalists)",
    ]


def test_the_guide_gives_the_submit_form_and_the_curl_command() -> None:
    text = guide_text() or ""
    assert "[Submit a file](/submit)" in text
    command = 'curl -H "Authorization: Bearer $TOKEN" -F file=@caseload.csv https://<site>/api/v1/submissions'
    assert command in text
    for status in ("202", "200", "422", "401", "403", "413"):
        assert f"| {status} |" in text, status
