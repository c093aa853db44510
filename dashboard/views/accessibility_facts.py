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
DRAFT: str | None = (
    "This statement is a draft. The site's developers are testing it now with automated checks (axe-core) "
    "and with a keyboard alone; their results will be added here, and the list of problems updated, when "
    "those tests are finished."
)

# None until the project has an address it controls for reports; the statement then says so plainly.
CONTACT: Contact | None = None

# What a reader can do, each checked (see METHODS); nothing here that has not been.
CAN_DO = (
    "read the figures behind every chart as a table on the same page, and download them as a CSV file",
    "skip from the top of any page straight to its main content",
    "choose a year and a cap with radio buttons that change nothing until you press Show (or Enter in "
    "the custom cap box)",
    "tell councils apart without relying on colour: councils over the cap have a thick outline, and the "
    "cap and England's average are labelled in words on the charts",
    "read the colour scales with the common forms of colour blindness (cividis and purple-orange scales)",
    "read most pages on a screen 390 pixels wide without scrolling sideways (the exceptions are below)",
)

# Most impact first.
ISSUES = (
    Issue(
        "The year and cap choices (on the overview, council pages and Trends) may not be announced "
        "properly by screen readers: automated checks find interactive elements nested inside one "
        "another and a list of options with no name.",
        "4.1.2 Name, Role, Value (A)",
        "the component library the site is built with (Dash 4) puts each radio button inside a list "
        "'option', inside a 'listbox' that has no accessible name.",
        "the same figures for any year and cap can be opened by address, for example "
        "/?year=2024&cap=15-12, and every figure is in the downloads on the Data and downloads page.",
        being_fixed=True,
    ),
    Issue(
        "After you press Show, the page is drawn again and keyboard focus goes back to the top of the "
        "page, not to the form you were using.",
        "2.4.3 Focus Order (A)",
        "the site draws the whole page again for the new address and does not yet move focus back.",
        "use the skip link, then Tab to the form or the chart you were reading.",
        being_fixed=True,
    ),
    Issue(
        "Chart details that appear when you hover over a chart, and the chart's own buttons (zoom, "
        "download as an image), cannot be used with a keyboard.",
        "2.1.1 Keyboard (A)",
        "the charts are drawn by a charting library (Plotly) whose hover labels and buttons respond to a "
        "mouse or touch only.",
        "every chart's figures are in a table under it ('Show the figures as a table') and in its CSV "
        "download.",
    ),
    Issue(
        "The box for adding a council on the Compare page is smaller than the minimum target size: about "
        "20 pixels wide.",
        "2.5.8 Target Size (Minimum) (AA)",
        "the box is drawn too narrow beside its Add button.",
        "open a comparison by its address, for example /compare?councils=leeds,kent.",
        being_fixed=True,
    ),
    Issue(
        "On a screen 390 pixels wide, the submission guide's table of template columns is wider than the "
        "screen and the whole page scrolls sideways with it; the API page scrolls sideways by a few "
        "pixels.",
        "1.4.10 Reflow (AA)",
        "the guide's table is not in a box of its own that scrolls, and a line of code on the API page "
        "does not wrap.",
        "the guide is also a file (GUIDE.md) in the template download on the Data and downloads page.",
    ),
    Issue(
        "Every page has two footer landmarks (the site's footer, and one that only holds the page's "
        "scripts), and the submission guide has its main content marked as main twice, so screen reader "
        "users moving between landmarks meet them twice.",
        None,
        "the page template the site uses has a footer of its own, and the guide's page marks its content "
        "as main inside the site's main. Automated checks report these under best practice, not as a "
        "failure of WCAG 2.2.",
        being_fixed=True,
    ),
    Issue(
        "The hex map shows where councils are by position only, and its hexagons are small on a phone.",
        None,
        "a map's meaning is its layout.",
        "its table lists every council with its region, and the search box finds a council or a town.",
    ),
    Issue(
        "The regional trend chart has nine lines; after six, colours repeat (each line keeps a different "
        "dash pattern).",
        None,
        "there are more regions than colours in a colour-blind-safe set.",
        "the chart's table gives every region's figure for every year.",
    ),
)

# Not checked yet, said so: no claim either way.
NOT_CHECKED = (
    "The submission template for councils (a spreadsheet and a CSV file, with its guide) has not been "
    "checked for accessibility yet.",
)

# How the site was tested, as of LAST_TESTED: only what was done.
METHODS = (
    "Automated checks with axe-core in headless Chromium, by the site's developers, on every page: the "
    "problems it reports are listed above; the full run is being finished.",
    "Keyboard-only tests in a real browser, by the site's developers: under way.",
    "A check on 1 December 2026, in headless Chromium at 390 pixels wide, of every page for sideways "
    "scrolling (the two pages above scroll), one main heading per page and the page's language (en-GB).",
    "Not yet done: testing with a screen reader, with speech recognition or at 400% zoom, testing with "
    "disabled users, and an independent audit.",
)

# What is being done: only what is under way. The other problems above have no fix planned yet.
IMPROVEMENTS = (
    "The problems marked 'being fixed' above are being fixed by the site's developers now.",
    "The automated and keyboard tests are being finished; their results will be added to this statement.",
)
