"""What site tests share: the named caps as a release publishes them, the text of a Dash tree, and the
sections of the accessibility statement (the GOV.UK sample's, in its order)."""

from __future__ import annotations

import polars as pl

from dashboard.address import named_caps

# The named caps as a release publishes them (marts.caps).
CAPS = named_caps(
    pl.DataFrame(
        {
            "scenario_id": ["cap_12", "guarantee_15_12", "target_18", "cap_20"],
            "label": ["Legal cap of 12", "Caseload guarantee 15 / 12", "Council target of 18",
                      "Proposed national cap of 20"],
            "cap_experienced": [12.0, 15.0, 18.0, 20.0],
            "cap_newly_qualified": [12.0, 12.0, 18.0, 20.0],
            "cap": [12.0, 15.0, 18.0, 20.0],
            "sort_order": [1, 2, 3, 4],
        }
    )
)


def texts(component: object) -> list[str]:
    """Every string in a Dash component tree, in order."""
    if isinstance(component, str):
        return [component]
    if isinstance(component, (list, tuple)):
        return [t for c in component for t in texts(c)]
    children = getattr(component, "children", None)
    return texts(children) if children is not None else []


# The GOV.UK sample accessibility statement's sections, in its order (/accessibility's h2 headings).
STATEMENT_SECTIONS = [
    "Using this website",
    "How accessible this website is",
    "Feedback and contact information",
    "Reporting accessibility problems with this website",
    "Enforcement procedure",
    "Technical information about this website's accessibility",
    "Non-accessible content",
    "What we're doing to improve accessibility",
    "Preparation of this accessibility statement",
]
