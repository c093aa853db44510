"""The accessibility statement's content (/accessibility), in the structure of the GOV.UK sample
statement, worded from the facts in `accessibility_facts` and nothing else, so it says only what
those facts say and changes when they do."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from dash import dcc, html

from dashboard.views import accessibility_facts as facts
from dashboard.views.accessibility_facts import Contact, Issue

REGULATIONS = "Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018"
EHRC_URL = "https://www.equalityhumanrights.com/"
EASS_URL = "https://www.equalityadvisoryservice.com/"
ABILITYNET_URL = "https://mcmw.abilitynet.org.uk/"
BEING_FIXED = "Being fixed."
UNPLANNED = "No fix is planned yet for the problems above that are not marked 'being fixed'."


def day(d: dt.date) -> str:
    """'1 December 2026'."""
    return f"{d.day} {d:%B %Y}"


def failures(issues: Sequence[Issue]) -> list[Issue]:
    """The issues that fail a WCAG 2.2 success criterion."""
    return [i for i in issues if i.criterion]


def compliance_status(issues: Sequence[Issue], draft: str | None) -> str:
    """The sample's compliance wording: partially compliant while any criterion fails; fully only
    when nothing fails and the testing is finished; otherwise that it cannot be said yet."""
    if failures(issues):
        return (
            f"This website is partially compliant with the {facts.STANDARD}, due to the non-compliances "
            "listed below."
        )
    if draft is None:
        return f"This website is fully compliant with the {facts.STANDARD}."
    return (
        f"We cannot say yet whether this website is compliant with the {facts.STANDARD}: its testing is not "
        "finished."
    )


def issue_text(issue: Issue) -> str:
    """A known problem as the 'Non-accessible content' list words it."""
    text = f"{issue.summary} "
    if issue.criterion:
        text += f"This fails WCAG 2.2 success criterion {issue.criterion}: {issue.why}"
    else:
        text += (
            "We do not count this as failing a WCAG 2.2 success criterion, but it makes the site harder to "
            f"use: {issue.why}"
        )
    return text + (f" {BEING_FIXED}" if issue.being_fixed else "")


def reader_text(issue: Issue) -> str:
    """A known problem as 'How accessible this website is' words it: what you meet and what to do."""
    text = issue.summary
    if issue.workaround:
        text += f" Instead, {issue.workaround}"
    return text + (f" {BEING_FIXED}" if issue.being_fixed else "")


def contact_paragraph(contact: Contact | None, purpose: str) -> html.P:
    """Where to write for `purpose`, or plainly that there is nowhere yet."""
    if contact is None:
        return html.P(
            f"There is no contact address for this website yet, so there is no way yet to {purpose}. We "
            "know this is a gap: when there is an address, it will be here."
        )
    return html.P([f"To {purpose}, contact: ", html.A(contact.label, href=contact.href), "."])


def _list(items: Sequence[str]) -> html.Ul:
    return html.Ul([html.Li(i) for i in items])


def view() -> html.Div:
    """The statement: using the site, how accessible it is, contact and reporting, enforcement,
    technical information and compliance, non-accessible content, improvements, preparation."""
    issues = facts.ISSUES
    failing = failures(issues)
    others = [i for i in issues if not i.criterion]
    unplanned = any(not i.being_fixed for i in issues)
    prepared = f"This statement was prepared on {day(facts.PREPARED)}."
    if facts.REVIEWED:
        prepared += f" It was last reviewed on {day(facts.REVIEWED)}."
    return html.Div(
        className="page prose",
        children=[
            html.H1(f"Accessibility statement for {facts.SITE}", tabIndex="-1"),
            html.P(f"This accessibility statement applies to {facts.SCOPE}."),
            html.P(facts.DRAFT, className="note", id="statement-draft") if facts.DRAFT else None,
            html.H2("Using this website"),
            html.P(
                f"This website is run by {facts.OPERATOR}. We want as many people as possible to be able to "
                "use it. For example, you should be able to:"
            ),
            _list(facts.CAN_DO),
            html.P(
                [
                    html.A("AbilityNet", href=ABILITYNET_URL),
                    " has advice on making your device easier to use if you have a disability.",
                ]
            ),
            html.H2("How accessible this website is"),
            html.P("We know some parts of this website are not fully accessible:"),
            _list([reader_text(i) for i in issues]),
            html.H2("Feedback and contact information"),
            contact_paragraph(
                facts.CONTACT, "ask for information on this website in a different format, such as large "
                "print",
            ),
            html.P(
                [
                    "Every figure on the site is also in a table on its page and in CSV files on the ",
                    dcc.Link("Data and downloads", href="/data"),
                    " page.",
                ]
            ),
            html.H2("Reporting accessibility problems with this website"),
            html.P(
                "We're always looking to improve the accessibility of this website. If you find a problem "
                "not listed on this page, or think we're not meeting accessibility requirements, please tell "
                "us."
            ),
            contact_paragraph(facts.CONTACT, "tell us about a problem"),
            html.H2("Enforcement procedure"),
            html.P(
                [
                    "The Equality and Human Rights Commission (",
                    html.A("EHRC", href=EHRC_URL),
                    f") is responsible for enforcing the {REGULATIONS} (the 'accessibility regulations'). If "
                    "you're not happy with how we respond to your complaint, contact the ",
                    html.A("Equality Advisory and Support Service (EASS)", href=EASS_URL),
                    ".",
                ]
            ),
            html.H2("Technical information about this website's accessibility"),
            html.P(
                f"{facts.OPERATOR[:1].upper()}{facts.OPERATOR[1:]} is committed to making its website "
                f"accessible, in accordance with the {REGULATIONS}."
            ),
            html.H3("Compliance status"),
            html.P(
                [
                    compliance_status(issues, facts.DRAFT),
                    " ",
                    html.A("Read the standard (WCAG 2.2)", href=facts.STANDARD_URL),
                    ".",
                ]
            ),
            html.H2("Non-accessible content"),
            html.P("The content listed below is non-accessible for the following reasons."),
            html.H3("Non-compliance with the accessibility regulations"),
            _list([issue_text(i) for i in failing]) if failing else html.P("We know of none."),
            html.H3("Other problems we know about"),
            _list([issue_text(i) for i in others]) if others else html.P("We know of none."),
            html.H3("Content not checked yet"),
            _list(facts.NOT_CHECKED) if facts.NOT_CHECKED else html.P("None."),
            html.H3("Disproportionate burden"),
            html.P(
                "We are not claiming that fixing any problem on this page would be a disproportionate burden."
            ),
            html.H3("Content that's not within the scope of the accessibility regulations"),
            html.P("We are not claiming that any content on this website is outside their scope."),
            html.H2("What we're doing to improve accessibility"),
            _list(
                [*facts.IMPROVEMENTS, *([UNPLANNED] if unplanned else [])]
            ),
            html.H2("Preparation of this accessibility statement"),
            html.P(
                f"{prepared} This website was last tested on {day(facts.LAST_TESTED)} against the "
                f"{facts.STANDARD}. The tests were carried out by the site's developers. How we tested:"
            ),
            _list(facts.METHODS),
        ],
    )
