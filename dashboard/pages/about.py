"""About and method (`/about`): what each figure means and cannot mean, in plain English."""

from __future__ import annotations

import dash
from dash import dcc, html

dash.register_page(__name__, path="/about", name="About and method", title="About and method: Caseload Watch")

TEXT = """
## What the average caseload is

For each council the Department for Education publishes the number of cases held by children and family
social workers who hold cases, and how many of those workers there are (full-time equivalent, FTE), at 30
September each year. The average caseload is cases divided by workers, published to one decimal place. We
compare that published figure with a cap, so a council published at 15.0 is *at* a cap of 15, not over it.

## What it cannot tell you

- **An average hides spread.** A council with an average of 16 will have social workers carrying 10 cases
  and others carrying 25. Being under a cap on average does not mean every social worker is.
- **Cases differ.** A child protection case with court proceedings takes far more time than a case about to
  close. Councils with more complex work can need lower caseloads.
- **No number is "right".** Directors of children's services have said there is no single right caseload:
  it depends on the work, the experience of the social worker and the support around them. The caps here
  (12; 15 for experienced and 12 for newly qualified workers; 18; 20) are proposals made by others, shown so
  you can see what each would mean.
- **Suppressed figures stay unknown.** Where the publisher withheld a figure (x, u, c...), we show
  "not published" and never count the council as under or over a cap.

## The cap figures

- *Councils over the cap*: councils whose published average is above it, out of those with a
published average.
- *Children living in them*: children aged 0 to 17 (ONS mid-year estimates; 2024 is the latest, used for 2025)
  in those councils. It is not the number of children who have a social worker.
- *More social workers needed*: for each council over the cap, cases divided by the cap minus its case-holding
  FTE, added up. It is a lower bound, so we say "at least": it only brings each council's *average* to the
  cap, and a council whose average is at the cap still has workers above it (cases are not shared evenly).
  Councils whose figures are not published add nothing.
- *Their cost*: those FTE times an assumed annual cost per social worker (salary plus on-costs).
- *15 / 12*: published averages cannot be split by experience, so this scenario is tested at 15.

## Where things come from

Workforce, children in need and children looked after statistics: Department for Education. Population:
Office for National Statistics. Inspections: Ofsted. Statistical neighbours: DfE's 2025 model. Hex map layout:
Open Innovations. Distances between councils: mySociety. Everything is on the Data and downloads page.

## Accessibility

We aim at WCAG 2.2 AA. Every chart has a text summary, a table of its figures and a CSV download. The colour
scales (cividis, purple-orange) are readable with common colour-vision deficiencies, and the cap and England
lines are labelled, not only coloured. Known gaps: the charts' hover details are not reachable by keyboard
(the tables carry the same figures), and the hex map relies on position to show geography.
"""


def layout(**_query: object) -> html.Div:
    return html.Div(
        [
            html.H1("About the figures and the method", tabIndex="-1"),
            dcc.Markdown(TEXT),
            html.P(dcc.Link("Data and downloads", href="/data")),
        ]
    )
