"""What axe cannot see, checked with the keyboard alone (selenium sends keys, never clicks): a
reader finds a council, changes the year and cap, compares councils, opens a chart's table,
downloads its CSV and follows a release link; focus is always visible, never trapped, and after
a navigation it lands on the new page's h1."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from tests.support.browser import wait_drawn

pytestmark = [pytest.mark.browser, pytest.mark.shared_data]

# What the focused element looks like: is it :focus-visible, does it draw an outline or a ring, is
# it on screen and not see-through (plotly's mode bar is transparent until focus is inside it).
FOCUSED = """
const el = document.activeElement;
if (!el || el === document.body || el === document.documentElement) { return null; }
const cs = getComputedStyle(el);
let opacity = 1;
for (let e = el; e; e = e.parentElement) { opacity *= parseFloat(getComputedStyle(e).opacity); }
const r = el.getBoundingClientRect();
// An ancestor that clips its overflow must leave room for the ring (3 px of it at least).
let clipped_by = '';
for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
  const s = getComputedStyle(e);
  if (s.overflowX === 'visible' && s.overflowY === 'visible') { continue; }
  const b = e.getBoundingClientRect();
  if (r.left - 3 < b.left || r.right + 3 > b.right || r.top - 3 < b.top || r.bottom + 3 > b.bottom) {
    clipped_by = e.tagName.toLowerCase() + '.' + e.className;
  }
  break;
}
return {
  clipped_by: clipped_by,
  what: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' "' +
        (el.getAttribute('aria-label') || el.textContent || el.value || '').trim().slice(0, 50) + '"',
  visible: el.matches(':focus-visible'),
  outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 1,
  ring: cs.boxShadow !== 'none',
  opacity: opacity,
  on_screen: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight && r.right > 0
             && r.left < innerWidth,
};
"""


def _press(driver, *keys: str) -> None:
    ActionChains(driver).send_keys(*keys).perform()


def _shift_tab(driver) -> None:
    ActionChains(driver).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()


def _focused(driver) -> dict | None:
    return driver.execute_script(FOCUSED)


def _tab_to(driver, selector: str, limit: int = 150) -> None:
    """Tab until the element matching `selector` has focus, checking each stop on the way is visibly
    focused."""
    for _ in range(limit):
        _press(driver, Keys.TAB)
        state = _focused(driver)
        assert state is not None, f"focus left the page before reaching {selector}"
        _assert_visible(state)
        if driver.execute_script("return document.activeElement.matches(arguments[0])", selector):
            return
    raise AssertionError(f"{selector} not reached in {limit} presses of Tab")


def _assert_visible(state: dict) -> None:
    assert state["visible"] and (state["outline"] or state["ring"]), f"focus not visible on {state['what']}"
    assert state["opacity"] > 0.5 and state["on_screen"], f"focused but hidden: {state}"
    assert not state["clipped_by"], f"the focus ring of {state['what']} is cut off by {state['clipped_by']}"


def _wait(condition, what: str, timeout: float = 15) -> None:
    end = time.time() + timeout
    while time.time() < end:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(what)


def _wait_url(driver, fragment: str) -> None:
    _wait(lambda: fragment in driver.current_url, f"{fragment!r} not in {driver.current_url}")


def _assert_h1_focused(driver) -> None:
    """After a navigation, focus is on the new page's h1 (not left at the top of the document)."""
    on_h1 = "return document.activeElement === document.querySelector('#main h1')"
    _wait(lambda: driver.execute_script(on_h1),
          f"focus is on {_focused(driver)}, not the page's h1, after moving to {driver.current_url}",
          timeout=5)


def _checked(driver, group: str) -> str:
    return driver.execute_script(f"return document.querySelector('#{group} input:checked').value")


def test_a_reader_uses_the_site_with_the_keyboard_alone(dash_duo, site):
    dash_duo.start_server(site)
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + "/")
    wait_drawn(driver, "2025")
    # The skip link comes first, is visible when focused, and leads into the main content.
    _press(driver, Keys.TAB)
    assert "Skip to main content" in _focused(driver)["what"]
    _assert_visible(_focused(driver))
    _press(driver, Keys.ENTER)
    assert driver.execute_script("return document.activeElement.id") == "main"

    # Find a council by a town: Harrogate is in North Yorkshire.
    driver.get(dash_duo.server_url + "/")
    wait_drawn(driver, "2025")
    _tab_to(driver, "#search-input")
    _press(driver, "Harrogate", Keys.ENTER)
    _wait_url(driver, "/council/north-yorkshire")
    wait_drawn(driver, "North Yorkshire")
    _assert_h1_focused(driver)

    # Year and cap with the arrow keys and Space, applied with Enter.
    assert (_checked(driver, "ctl-year"), _checked(driver, "ctl-cap")) == ("2025", "18")
    _tab_to(driver, "#ctl-year input")  # Tab enters a radio group at its checked button
    assert driver.execute_script("return document.activeElement.value") == "2025"
    _press(driver, Keys.ARROW_LEFT)
    _press(driver, Keys.SPACE)
    assert _checked(driver, "ctl-year") == "2024"
    _press(driver, Keys.TAB)  # the next group, at its checked button
    assert driver.execute_script("return document.activeElement.value") == "18"
    _press(driver, Keys.ARROW_RIGHT)
    assert _checked(driver, "ctl-cap") == "20"
    _press(driver, Keys.ENTER)  # Enter on a radio button presses the form's Show
    _wait_url(driver, "year=2024&cap=20")
    wait_drawn(driver, "North Yorkshire")
    _assert_h1_focused(driver)
    assert (_checked(driver, "ctl-year"), _checked(driver, "ctl-cap")) == ("2024", "20")

    # A custom cap typed in, applied with the Show button.
    _tab_to(driver, "#ctl-cap input")
    _press(driver, Keys.ARROW_RIGHT)  # 20 -> Custom
    assert _checked(driver, "ctl-cap") == "custom"
    _press(driver, Keys.TAB)
    assert driver.execute_script("return document.activeElement.id") == "ctl-custom"
    _press(driver, "16.5")
    _tab_to(driver, "#ctl-apply")
    _press(driver, Keys.SPACE)
    _wait_url(driver, "cap=16.5")
    wait_drawn(driver, "North Yorkshire")
    _assert_h1_focused(driver)

    # A chart switch: the arrow keys choose within its own group, and the chart follows.
    limits = "[id*='\"council-funnel\"'][id*='\"limits\"']"
    _tab_to(driver, f"{limits} input")
    assert driver.execute_script("return document.activeElement.value") == "adjusted"
    _press(driver, Keys.ARROW_RIGHT)
    dash_duo.wait_for_contains_text("#graph-council-funnel .gtitle", "chance alone")
    _press(driver, Keys.ARROW_RIGHT)  # past the last button: back to the first of the same group
    assert driver.execute_script("return document.activeElement.closest('fieldset').id").endswith(
        '"limits","type":"chart-switch"}')
    dash_duo.wait_for_contains_text("#graph-council-funnel .gtitle", "allowing for real variation")

    # Compare two councils, each typed into "Add a council" and added with Enter.
    driver.get(dash_duo.server_url + "/compare")
    wait_drawn(driver, "Compare councils")
    for name, code in (("Leeds", "E08000035"), ("Bolton", "E08000001")):
        _tab_to(driver, "#compare-input")
        _press(driver, name, Keys.ENTER)
        _wait_url(driver, code)
        wait_drawn(driver, "Compare councils")
        _assert_h1_focused(driver)
    dash_duo.wait_for_contains_text("table", "Bolton", timeout=15)
    assert "Leeds" in dash_duo.find_element("table").text

    # A chart's CSV (the button, by keyboard) and its table (Enter on its summary).
    driver.get(dash_duo.server_url + "/?year=2025&cap=18")
    wait_drawn(driver, "2025")
    _tab_to(driver, "#section-ranked .chart-actions button")
    _press(driver, Keys.ENTER)
    target = Path(dash_duo.download_path) / "caseload-ranked-2025-cap-18.csv"
    _wait(target.exists, f"{target.name} did not arrive")
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("position,la_name,region_name,caseload_fte") and len(lines) - 1 == 149
    _tab_to(driver, "#section-ranked details summary")
    _press(driver, Keys.ENTER)
    dash_duo.wait_for_contains_text("#section-ranked table", "Leeds", timeout=15)
    _press(driver, Keys.TAB)  # the table's scrolling region is the next stop, so it scrolls by keyboard
    assert driver.execute_script(
        "return document.activeElement.matches('#section-ranked .table-wrap[role=region]')")
    _assert_visible(_focused(driver))

    # A release link: the data page's "the site then".
    driver.get(dash_duo.server_url + "/data")
    wait_drawn(driver, "Data and downloads")
    _tab_to(driver, "a[href^='/?release=']")
    _press(driver, Keys.ENTER)
    _wait_url(driver, "/?release=")
    wait_drawn(driver, "2025")
    _assert_h1_focused(driver)
    assert dash_duo.get_logs() == []


# Every page type; on each, Tab from the top must visit every stop visibly and leave the page.
WALKS = (
    ("/?year=2025&cap=18", "2025"),
    ("/council/leeds?year=2025&cap=18", "Leeds"),
    ("/compare?councils=bolton,liverpool,leeds", "Compare councils"),
    ("/trends", "Trends"),
    ("/data", "Data and downloads"),
)


def test_focus_is_visible_at_every_stop_and_never_trapped(dash_duo, site):
    dash_duo.start_server(site)
    driver = dash_duo.driver
    for path, heading in WALKS:
        driver.get(dash_duo.server_url + path)
        wait_drawn(driver, heading)
        seen: list[str] = []
        for _ in range(400):
            _press(driver, Keys.TAB)
            state = _focused(driver)
            if state is None:  # Tab from the last stop leaves the page
                break
            _assert_visible(state)
            element = driver.switch_to.active_element.id  # webdriver's reference to the element
            assert element not in seen, f"{path}: Tab came back to {state['what']}: focus is trapped"
            seen.append(element)
        else:
            raise AssertionError(f"{path}: Tab never left the page")
        assert len(seen) > 10, (path, len(seen))
        # and Shift+Tab walks back from the end
        _shift_tab(driver)
        assert driver.switch_to.active_element.id == seen[-1], path
        _shift_tab(driver)
        assert driver.switch_to.active_element.id == seen[-2], path
    assert dash_duo.get_logs() == []
