"""axe-core in a selenium browser: inject the vendored copy, run the WCAG 2.2 A/AA rules and the
landmark rules, and return each violation with where it is, so a failing assertion names the rule,
its impact, the elements (CSS selectors) and the fix axe suggests.

Nothing is fetched at test time: the script is tests/browser/vendor/axe-core-<version>/axe.min.js
(see the README there for how to update it).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

VERSION = "4.14.1"
SCRIPT = Path(__file__).parents[1] / "browser" / "vendor" / f"axe-core-{VERSION}" / "axe.min.js"

# Every WCAG 2.0, 2.1 and 2.2 success criterion at levels A and AA that axe can check.
TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")

# Rules outside those tags (axe files them as "best-practice") that we hold the site to, because
# each checks a structure a screen-reader user navigates by and the WCAG tags do not cover it
# (1.3.1 and 2.4.1 are met by landmarks only if the landmarks are unambiguous):
BEST_PRACTICE = (
    "landmark-one-main",  # exactly one main: "skip to main" and the main landmark lead to one place
    "landmark-no-duplicate-main",
    "landmark-no-duplicate-banner",  # one page header
    "landmark-no-duplicate-contentinfo",  # one page footer
    "landmark-banner-is-top-level",  # header, main and footer are not nested in another landmark
    "landmark-main-is-top-level",
    "landmark-contentinfo-is-top-level",
    "landmark-unique",  # two landmarks of one role (e.g. nav, region) have different names
    "region",  # all content is inside a landmark, so none is skipped by landmark navigation
    "page-has-heading-one",  # each page has an h1 (the site's focus target after navigating)
)
# Not run: "landmark-complementary-is-top-level" is deprecated and disabled in axe 4.14 (ARIA 1.2
# allows an aside inside main); the site has no complementary landmark.

RUN = """
const done = arguments[arguments.length - 1];
const [tags, extra] = [arguments[0], arguments[1]];
const rules = Object.fromEntries(extra.map(id => [id, {enabled: true}]));
axe.run(document, {runOnly: {type: 'tag', values: tags}, rules: rules, resultTypes: ['violations']})
  .then(r => done({ok: true, violations: r.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, tags: v.tags,
      nodes: v.nodes.map(n => ({target: n.target.map(t => [].concat(t).join(' >> ')).join(' | '),
                                summary: n.failureSummary || ''}))}))}))
  .catch(e => done({ok: false, error: String(e)}));
"""


@dataclass(frozen=True)
class Violation:
    """One rule axe found broken, with every element that breaks it."""

    rule: str
    impact: str
    help: str
    url: str
    targets: tuple[str, ...]
    summaries: tuple[str, ...]

    def __str__(self) -> str:
        where = "\n".join(f"      at {t}\n        {s.replace(chr(10), ' ')}"
                          for t, s in zip(self.targets, self.summaries, strict=True))
        return f"  {self.rule} ({self.impact}): {self.help} <{self.url}>\n{where}"


@cache
def _source() -> str:
    return SCRIPT.read_text(encoding="utf-8")


def run(driver, *, tags: tuple[str, ...] = TAGS, extra: tuple[str, ...] = BEST_PRACTICE) -> list[Violation]:
    """axe on the page `driver` shows now (injected once per document)."""
    if not driver.execute_script("return typeof window.axe === 'object'"):
        driver.execute_script(_source())
    driver.set_script_timeout(60)
    result = driver.execute_async_script(RUN, list(tags), list(extra))
    if not result["ok"]:
        raise RuntimeError(f"axe.run failed: {result['error']}")
    return [
        Violation(
            v["id"], v["impact"] or "", v["help"], v["helpUrl"],
            tuple(n["target"] for n in v["nodes"]), tuple(n["summary"] for n in v["nodes"]),
        )
        for v in result["violations"]
    ]


def report(where: str, violations: list[Violation]) -> str:
    """What a failing assertion prints: the page and state, then each rule and element."""
    return f"axe {VERSION} found {len(violations)} rule(s) broken on {where}:\n" + "\n".join(
        str(v) for v in violations
    )
