"""Atom feeds (RFC 4287) of what each kept release changed (docs/site.md, "Feeds").

    routes.py   /feeds/releases.atom and /feeds/council/<key>.atom; `register(server)`; the
                <link rel="alternate"> tags every page's head carries
    atom.py     the XML, from plain entries (xml.etree: every value escaped)

What changed is computed in warehouse.read.feeds; this package only words the addresses and
renders them.
"""

from __future__ import annotations

RELEASES_PATH = "/feeds/releases.atom"
RELEASES_TITLE = "Caseload Watch: new releases"


def council_path(slug: str) -> str:
    """The address of a council's feed (its slug, as in marts.dim_la)."""
    return f"/feeds/council/{slug}.atom"


def council_title(name: str) -> str:
    return f"Caseload Watch: changes to {name}'s figures"
