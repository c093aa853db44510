"""The facts the accessibility statement (/accessibility) is written from, in one place.

Why one module: the statement must stay true as the site changes and as test results come in, so
updating it is an edit here and nowhere else; `dashboard/views/accessibility.py` only words and lays
out what is below. To update it after a test run: set `last_tested` and `methods`, add, change or
remove `ISSUES` (each with its WCAG 2.2 criterion, or none for a limitation that is not a failure),
set `CONTACT` once the project has an address it controls, and set `DRAFT` to None when the tests
it waits for are finished. docs/site.md ("Accessibility") holds the developers' detailed results.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Issue:
    """One thing a disabled reader may meet: what it is, the WCAG 2.2 success criterion it fails
    (None for a limitation that fails none), why it happens, what to do meanwhile, and whether a fix is
    under way."""

    summary: str
    criterion: str | None
    why: str
    workaround: str | None = None
    being_fixed: bool = False


@dataclass(frozen=True)
class Contact:
    """Where to report a problem: an address the project controls (a mailbox or its issue tracker)."""

    label: str
    href: str


SITE = "Caseload Watch"
OPERATOR = "the Caseload Watch project"
SCOPE = (
    "every page of the Caseload Watch website (the overview, council pages, compare, trends, data and "
    "downloads, the API page, about and method, and the submission guide for councils) and the files it "
    "offers for download"
)
STANDARD = "Web Content Accessibility Guidelines version 2.2 AA standard"
STANDARD_URL = "https://www.w3.org/TR/WCAG22/"

PREPARED = dt.date(2026, 12, 1)
REVIEWED: dt.date | None = None
LAST_TESTED = dt.date(2026, 12, 1)

# None once the tests it waits for are finished and their results are below.
DRAFT: str | None = None

# None until the project has an address it controls for reports; the statement then says so plainly.
CONTACT: Contact | None = None

# What a reader can do, each checked (see METHODS); nothing here that has not been.
CAN_DO = (
    "use every page with a keyboard alone: find a council or a town, choose a year and a cap, compare "
    "councils, open a chart's table, download its figures and follow a link to an earlier release; "
    "focus is always visible, and after a choice it moves to the heading of the page you asked for",
    "read the figures behind every chart as a table on the same page, and download them as a CSV file",
    "skip from the top of any page straight to its main content",
    "choose a year and a cap with radio buttons that change nothing until you press Show (or Enter)",
    "tell councils apart without relying on colour: councils over the cap have a thick outline, lines "
    "differ by dash and marker shape, and the cap and England's average are labelled in words",
    "read the colour scales with the common forms of colour blindness (cividis and purple-orange scales)",
    "read every page on a screen 320 pixels wide (or at 400% zoom) without scrolling sideways: only "
    "tables and charts scroll, in boxes of their own",
    "set your own line, letter, word and paragraph spacing without text being cut off",
)

# Most impact first.
ISSUES = (
    Issue(
        "The details that appear when you hover over a point on a chart need a mouse or touch.",
        "2.1.1 Keyboard (A)",
        "the charts are drawn by a charting library (Plotly) whose hover labels respond to a mouse or "
        "touch only. Its buttons (zoom, download as an image) do work with a keyboard.",
        "every chart's figures, with the same notes, are in a table under it ('Show the figures as a "
        "table') and in its CSV download.",
    ),
    Issue(
        "On a screen 390 pixels wide or narrower, the trend charts cut off their vertical axis title and "
        "some year labels.",
        "1.4.10 Reflow (AA)",
        "the charts keep their desktop layout when they shrink.",
        "the chart's table gives every figure with its year, and the text under the chart says what it "
        "shows.",
    ),
    Issue(
        "Screen readers read the text inside a chart (axis labels, legend) as separate words, not as a "
        "described chart.",
        None,
        "the charts are drawings made by a charting library; each has a written summary under it, which "
        "names it, and a table of its figures. This has not been checked with a screen reader yet.",
        "read the summary under the chart and open its table.",
    ),
    Issue(
        "Each chart's buttons (zoom, pan, download as an image) add about ten stops when you move through "
        "a page with the Tab key.",
        None,
        "the charting library shows its buttons on every chart.",
        "use the skip link, and headings, to move between parts of a page.",
    ),
    Issue(
        "The hex map shows where councils are by position only, and its hexagons are small on a phone.",
        None,
        "a map's meaning is its layout.",
        "its table lists every council with its region, and the search box finds a council or a town.",
    ),
    Issue(
        "The regional trend chart has nine lines; after six, colours repeat (each line keeps a different "
        "dash pattern and marker shape).",
        None,
        "there are more regions than colours in a colour-blind-safe set.",
        "the chart's table gives every region's figure for every year.",
    ),
    Issue(
        "Without JavaScript, no page draws.",
        None,
        "the site is built with a framework (Dash) that draws every page in the browser.",
        "every figure is also in the downloads and the API, which need no JavaScript.",
    ),
)

# Not checked yet, said so: no claim either way.
NOT_CHECKED = (
    "The submission template for councils (a spreadsheet and a CSV file, with its guide) has not been "
    "checked for accessibility yet.",
)

# How the site was tested, as of LAST_TESTED: only what was done.
METHODS = (
    "Automated checks with axe-core 4.14.1 in headless Chromium, run with every change by the site's "
    "developers (tests/browser/test_axe.py): every page and its main states (the overview with a named "
    "and a custom cap, a council, a council whose figures are suppressed, compare, trends, data, about, "
    "the guide, the API page, this statement, the error pages, an earlier release's notice, a council's "
    "demo submission, a chart's table opened), at 1366 and 390 pixels wide, against the rules for WCAG "
    "2.0, 2.1 and 2.2 A and AA and the rules for page landmarks: no failures.",
    "Keyboard-only tests in the same browser (tests/browser/test_keyboard.py): the skip link; finding a "
    "council by typing a town; choosing a year and a cap with the arrow keys and Space, applying with "
    "Enter or Show; a chart switch; comparing two councils; opening a chart's table; downloading its "
    "CSV; following a release link. Focus lands on the new page's heading after each, and Tab moves "
    "through five kinds of page with a visible focus ring at every stop, never trapped.",
    "At 320 pixels wide (as at 400% zoom): no page scrolls sideways, and with WCAG 1.4.12 text spacing "
    "no text is cut off. Colour contrast of text typed into fields, chart marks and lines, outlines and "
    "the focus ring computed against what they sit on (tests/unit/dashboard/test_contrast.py).",
    "Not yet done: testing with a screen reader, with speech recognition, at 200% text size, in forced "
    "colours (high contrast) mode or in browsers other than Chromium; testing with disabled users; an "
    "independent audit.",
)

# What is being done: only what is under way. The other problems above have no fix planned yet.
IMPROVEMENTS = (
    "The automated and keyboard checks run with every change to the site, so a new failure stops the "
    "change from being published.",
)
