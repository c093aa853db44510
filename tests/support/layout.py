"""Checks of a drawn page that axe does not make: reflow (WCAG 1.4.10: no page-wide horizontal
scrolling at 320 CSS px, i.e. 1280 px at 400% zoom), text spacing (1.4.12: the spacing a reader may
set loses no text) and every chart keeping its text alternatives. Each returns what is wrong, in
words, or an empty list."""

from __future__ import annotations

# Where content may be wider than the page: the labelled, focusable table regions
# (components/table.py) and the charts (their tables carry the same figures).
SCROLL_REGIONS = ".table-wrap[role=region], .js-plotly-plot"

OVERFLOW = """
const root = document.documentElement, width = root.clientWidth, allowed = arguments[0];
const out = [];
if (root.scrollWidth > width) {
  out.push('the page scrolls sideways: ' + root.scrollWidth + ' > ' + width + ' px');
}
for (const el of document.querySelectorAll('body *')) {
  if ((el.parentElement && el.parentElement.closest(allowed)) || el.closest('.skip-link')) { continue; }
  const r = el.getBoundingClientRect();
  if (r.width > 0 && r.right > width + 1 && getComputedStyle(el).position !== 'fixed') {
    out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + '.' + el.className +
             ' ends at ' + Math.round(r.right) + ' px: "' + (el.textContent || '').trim().slice(0, 40) + '"');
  }
}
return out.slice(0, 20);
"""

# WCAG 1.4.12's four properties, as its own test bookmarklet sets them.
TEXT_SPACING = """
const style = document.createElement('style');
style.id = 'wcag-text-spacing';
style.textContent = '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; ' +
                    'word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }';
document.head.appendChild(style);
"""
NO_TEXT_SPACING = "const s = document.getElementById('wcag-text-spacing'); if (s) { s.remove(); }"

# Text cut off: an element that hides its overflow (not a scroll region) with more text than room.
CLIPPED = """
const out = [];
for (const el of document.querySelectorAll('body *')) {
  if (el.closest('.js-plotly-plot') || !(el.innerText || '').trim()) { continue; }
  const s = getComputedStyle(el);
  const hides = v => v === 'hidden' || v === 'clip';
  if ((hides(s.overflowY) && el.scrollHeight > el.clientHeight + 1) ||
      (hides(s.overflowX) && el.scrollWidth > el.clientWidth + 1) ||
      (s.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1)) {
    out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + '.' + el.className + ': "' +
             el.innerText.trim().slice(0, 40) + '" (' + el.scrollWidth + 'x' + el.scrollHeight + ' in ' +
             el.clientWidth + 'x' + el.clientHeight + ')');
  }
}
return out.slice(0, 20);
"""

CHARTS = """
const out = [];
const blocks = Array.from(document.querySelectorAll('.chart-block'));
for (const b of blocks) {
  const name = b.id || '(a chart block without an id)';
  const caption = b.querySelector('figure figcaption');
  if (!b.querySelector('figure .dash-graph')) { out.push(name + ': no chart'); }
  if (!caption || !caption.textContent.trim()) { out.push(name + ': no text summary (figcaption)'); }
  if (!b.querySelector('details > summary')) { out.push(name + ': no <details> table'); }
  const button = Array.from(b.querySelectorAll('.chart-actions button'))
    .find(x => x.textContent.includes('Download CSV'));
  if (!button) { out.push(name + ': no Download CSV button'); }
}
const loose = Array.from(document.querySelectorAll('.dash-graph')).filter(g => !g.closest('.chart-block'));
if (loose.length) { out.push(loose.length + ' chart(s) outside a chart block'); }
return {problems: out, charts: blocks.length};
"""


# The text typed into a field (and its placeholder) against the field's own background: axe checks
# text nodes, not what a reader types, so white-on-white typing passes it (WCAG 1.4.3 needs 4.5:1).
FIELD_TEXT = """
const lum = c => {
  const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(v => {
    v = v / 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const ratio = (a, b) => {
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};
const fields = 'input:not([type=radio]):not([type=checkbox]):not([type=hidden]), select, textarea';
const out = [];
for (const el of document.querySelectorAll(fields)) {
  const s = getComputedStyle(el);
  if (s.display === 'none' || s.visibility === 'hidden') { continue; }
  const bg = s.backgroundColor;
  if (bg.startsWith('rgba') && bg.endsWith(', 0)')) {
    out.push('#' + el.id + ': no background of its own');
    continue;
  }
  const texts = [['text', s.color]];
  if (el.placeholder) { texts.push(['placeholder', getComputedStyle(el, '::placeholder').color]); }
  for (const [what, colour] of texts) {
    const r = ratio(colour, bg);
    if (r < 4.5) {
      out.push('#' + el.id + ' ' + what + ' ' + colour + ' on ' + bg + ': ' + r.toFixed(2) + ':1');
    }
  }
}
return out;
"""


def field_text_contrast(driver) -> list[str]:
    """Fields whose typed text or placeholder is under 4.5:1 against the field."""
    return driver.execute_script(FIELD_TEXT)


def overflow(driver) -> list[str]:
    """What makes the page wider than the viewport, outside the designed scroll regions."""
    return driver.execute_script(OVERFLOW, SCROLL_REGIONS)


def clipped_with_text_spacing(driver) -> list[str]:
    """Text cut off once WCAG 1.4.12's spacing is applied (the style is removed again after)."""
    driver.execute_script(TEXT_SPACING)
    try:
        driver.execute_script("return document.body.offsetHeight")  # lay the page out again
        return driver.execute_script(CLIPPED)
    finally:
        driver.execute_script(NO_TEXT_SPACING)


def incomplete_charts(driver) -> tuple[list[str], int]:
    """Every chart block must hold a chart, its text summary, a <details> table and a CSV button;
    returns what is missing and how many chart blocks the page has."""
    result = driver.execute_script(CHARTS)
    return result["problems"], result["charts"]
