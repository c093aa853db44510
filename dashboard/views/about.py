"""The About and method page's content: what each figure means and cannot mean, in plain English."""

from __future__ import annotations

from dash import dcc, html

from dashboard.views import words

TEXT = f"""
## What the average caseload is

For each council the Department for Education publishes the number of cases held by children and family
social workers who hold cases, and how many of those workers there are (full-time equivalent, FTE), at 30
September each year. The average caseload is cases divided by workers, published to one decimal place. We
compare that published figure with a cap, so a council published at 15.0 is *at* a cap of 15, not over it.

**What every caseload figure here counts.** {words.CASELOAD_COUNTS}

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

## Compared with England: funnel plots, labels, ranks

A plain funnel plot draws limits from chance alone, so a large council has narrow limits. But councils
differ for real reasons (need, practice, local labour markets), by much more than chance: in 2025 the
plain limits flag most councils, which says little beyond "councils differ". So the funnel plots and the
labels here **allow for real variation between councils**: following Spiegelhalter (2005), each year's
spread between councils that chance does not explain (tau) is estimated robustly (Winsorised z-scores)
and added to each council's chance variation; the limits are England's value plus or minus 1.96 (95%) or
3.09 (99.8%) times the combined standard deviation. A switch on each funnel plot shows the plain
(chance-alone) limits instead, and the chart says which limits it draws.

Each council page compares six measures with England (caseload; agency, vacancy, turnover and sickness
absence rates; children in need per 10,000): **similar to England**, or **higher** or **lower than
England** at 95% or 99.8%. These words say higher or lower, never better or worse; the colours (orange
for higher, purple for lower) only repeat them. Rank 1 is the lowest value; quartile A holds the quarter
of councils with the lowest values. For caseload and the workforce rates lower is generally better; for
children in need there is no direction, and the bands only order councils.

**The size of the postcode lottery** (Trends page) is tau for caseload each year, in cases per FTE, with a
95% interval from resampling councils (400 resamples). Because Winsorising trims some real spread, it is
if anything an underestimate. The plain range and the highest-to-lowest ratio are shown beside it.

## Statistical neighbours

Statistical neighbours are the ten councils the Department for Education judges most similar. A council
page can use the DfE's **2025 model** or its **April 2021 model** (both applied to every year), and the
**mean** or the **median** of the neighbours' published averages; the chart says which. Neighbours whose
figure was suppressed are left out, never counted as zero.

## Council submissions

Where a council has sent its own caseload snapshot (one anonymised row per social worker), its page shows
the spread behind the average: the median, the 90th percentile, the share of workers above the chosen cap
and how many fall in each caseload band, beside the published average. Any figure resting on fewer than 5
workers is suppressed. Demo (synthetic) submissions are not shown, except on a demo site, where
they are labelled "Demo data (synthetic)".

## Where things come from

Workforce, children in need and children looked after statistics: Department for Education. Population:
Office for National Statistics. Inspections: Ofsted. Statistical neighbours: DfE's 2025 and April 2021
models. Hex map layout: Open Innovations. Distances between councils: mySociety's council and district
points, a county council's centre being the mean of its districts' points weighted by population (each
centre and where it comes from is in the table marts.la_centres). Everything is on the Data and downloads
page.

## Accessibility

We aim at WCAG 2.2 AA. Every chart has a text summary, a table of its figures and a CSV download. The
[accessibility statement](/accessibility) says how accessible the site is, what is known not to work and
how the site was tested.
"""


def view() -> html.Div:
    """The method in words (TEXT), then a link to the data."""
    return html.Div(
        [
            html.H1("About the figures and the method", tabIndex="-1"),
            dcc.Markdown(TEXT),
            html.P(dcc.Link("Data and downloads", href="/data")),
        ]
    )
