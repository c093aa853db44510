"""Atom feed validation for tests: RFC 4287's RELAX NG schema (atom.rnc, Appendix B, vendored
beside this file) converted with rnc2rng and checked with lxml, plus feedparser's reading."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import feedparser
import rnc2rng
from lxml import etree

RNC = Path(__file__).with_name("atom.rnc")
ATOM = "{http://www.w3.org/2005/Atom}"


@cache
def schema() -> etree.RelaxNG:
    rng = rnc2rng.dumps(rnc2rng.loads(RNC.read_text(encoding="utf-8")))
    # rnc2rng 2.7 declares the schema's `namespace local = ""` as xmlns:local="", which XML
    # namespaces forbid; the grammar itself names that namespace as ns="" and needs no prefix.
    rng = rng.replace(' xmlns:local=""', "")
    return etree.RelaxNG(etree.fromstring(rng.encode("utf-8")))


def schema_errors(body: bytes) -> list[str]:
    """Every way `body` breaks RFC 4287's schema (empty when it is a valid Atom document)."""
    check = schema()
    ok = check.validate(etree.fromstring(body))
    return [] if ok else [str(e) for e in check.error_log]


def parsed(body: bytes) -> feedparser.FeedParserDict:
    """The document as feedparser reads it; `bozo` is 1 when it found the feed malformed."""
    return feedparser.parse(body)
