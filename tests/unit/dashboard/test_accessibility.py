"""The accessibility statement says only what its facts say: the GOV.UK sample's sections in order, the
compliance status the known failures allow, a plain 'no contact address yet', each failure with its
WCAG 2.2 criterion, and the draft notice only while the facts call it a draft."""

from __future__ import annotations

import re

from dash import html

from dashboard.views import accessibility as statement
from dashboard.views import accessibility_facts as facts
from dashboard.views.accessibility_facts import Contact, Issue
from tests.support.site import STATEMENT_SECTIONS, texts

CRITERION = re.compile(r"^\d\.\d{1,2}\.\d{1,2} [A-Z][A-Za-z ,()]+ \((A|AA)\)$")
FAILING = Issue("The box is small.", "2.5.8 Target Size (Minimum) (AA)", "it is drawn narrow.",
                "use the address.")
LIMITATION = Issue("The map is small.", None, "a map's meaning is its layout.", being_fixed=True)


def _headings(component: object, tag: type) -> list[str]:
    if isinstance(component, (list, tuple)):
        return [h for c in component for h in _headings(c, tag)]
    found = [component.children] if isinstance(component, tag) else []
    children = getattr(component, "children", None)
    nested = children is not None and not isinstance(children, str)
    return found + (_headings(children, tag) if nested else [])


def test_the_statement_has_the_samples_sections_in_order():
    page = statement.view()
    assert _headings(page, html.H1) == ["Accessibility statement for Caseload Watch"]
    assert _headings(page, html.H2) == STATEMENT_SECTIONS
    assert {"Compliance status", "Non-compliance with the accessibility regulations",
            "Disproportionate burden"} <= set(_headings(page, html.H3))


def test_enforcement_names_the_ehrc_and_eass_and_the_regulations():
    text = " ".join(texts(statement.view()))
    assert "Equality and Human Rights Commission" in text and "Equality Advisory and Support Service" in text
    assert "(No. 2) Accessibility Regulations 2018" in text
    assert "Web Content Accessibility Guidelines version 2.2 AA standard" in text


def test_compliance_follows_the_known_failures():
    assert "partially compliant" in statement.compliance_status([FAILING, LIMITATION], None)
    assert "fully compliant" in statement.compliance_status([LIMITATION], None)
    assert "cannot say yet" in statement.compliance_status([LIMITATION], "a draft")
    assert statement.failures([FAILING, LIMITATION]) == [FAILING]


def test_a_failure_names_its_criterion_and_a_limitation_says_it_is_not_one():
    assert statement.issue_text(FAILING) == (
        "The box is small. This fails WCAG 2.2 success criterion 2.5.8 Target Size (Minimum) (AA): it is "
        "drawn narrow."
    )
    text = statement.issue_text(LIMITATION)
    assert "We do not count this as failing a WCAG 2.2 success criterion" in text
    assert text.endswith("Being fixed.")
    assert statement.reader_text(FAILING) == "The box is small. Instead, use the address."


def test_no_contact_address_is_said_plainly_and_a_real_one_is_linked():
    none = " ".join(texts(statement.contact_paragraph(None, "tell us about a problem")))
    assert "There is no contact address for this website yet" in none
    tracker = Contact("the issue tracker", "https://example.org/issues")
    contact = statement.contact_paragraph(tracker, "tell us")
    link = contact.children[1]
    assert (link.children, link.href) == ("the issue tracker", "https://example.org/issues")


def test_the_facts_today():
    """What is true now, after the axe-core and keyboard runs: every failure has a WCAG 2.2 criterion in
    its usual form; the failures axe found and that were fixed (the form's radio groups, the
    landmarks, the compare box, focus after Show) are no longer listed; the site is partially, not
    fully, compliant while a failure remains; there is no contact yet; the statement is not a draft."""
    for issue in facts.ISSUES:
        assert issue.criterion is None or CRITERION.match(issue.criterion), issue.criterion
        assert issue.summary.endswith(".") and issue.why.endswith(".")
    criteria = {i.criterion for i in facts.ISSUES}
    assert not criteria & {"4.1.2 Name, Role, Value (A)", "2.5.8 Target Size (Minimum) (AA)",
                           "2.4.3 Focus Order (A)"}
    assert "2.1.1 Keyboard (A)" in criteria  # chart hover labels still need a mouse
    text = " ".join(texts(statement.view()))
    assert "two footer landmarks" not in text and "marked as main twice" not in text
    assert "partially compliant" in text and "fully compliant" not in text
    assert "axe-core 4.14.1" in text and "no failures" in text
    assert facts.CONTACT is None and "There is no contact address for this website yet" in text
    assert facts.DRAFT is None and "This statement is a draft" not in text
    assert f"prepared on {statement.day(facts.PREPARED)}" in text
