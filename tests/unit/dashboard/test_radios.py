"""The site's choices are native radio buttons (components/radios.py) in a real form: each group
named by its legend, each with an input name of its own, and the form's Show a submit button."""

from __future__ import annotations

import re

from dash import dcc, html

from dashboard.components.chart import Switch, SwitchGroup, _switch_controls
from dashboard.components.controls import CUSTOM, state_form
from dashboard.components.radios import RadioGroup
from tests.support.site import CAPS
from warehouse.config import PROJECT_ROOT


def _find(component, kind: type) -> list:
    """Every component of `kind` in a Dash tree, in order."""
    found = [component] if isinstance(component, kind) else []
    children = getattr(component, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if child is not None and not isinstance(child, str):
            found += _find(child, kind)
    return found


def test_the_year_cap_form_is_a_form_of_native_radio_groups():
    form = state_form("/trends", 2024, [2023, 2024, 2025], "18", CAPS, mode="caseload")
    assert isinstance(form, html.Form) and form.to_plotly_json()["props"]["data-navigates"] == "dash"
    groups = {g.id: g for g in _find(form, RadioGroup)}
    assert set(groups) == {"ctl-year", "ctl-cap", "ctl-mode"}
    year, cap = groups["ctl-year"], groups["ctl-cap"]
    assert (year.legend, year.name, year.value) == ("Year (30 September)", "year", 2024)
    assert [o["value"] for o in year.options] == [2023, 2024, 2025]
    assert [o["value"] for o in cap.options] == [*CAPS, CUSTOM] and cap.value == "18"
    assert (groups["ctl-mode"].name, groups["ctl-mode"].value) == ("map", "caseload")
    # the custom cap's input sits inside the cap's fieldset, after its radio buttons
    assert [i.id for i in _find(cap, dcc.Input)] == ["ctl-custom"]
    (show,) = [b for b in _find(form, html.Button) if b.id == "ctl-apply"]
    assert show.type == "submit"  # Enter on any control of the form presses it


def test_a_custom_cap_checks_custom():
    form = state_form("/", 2025, [2025], "16.5", CAPS)
    (cap,) = [g for g in _find(form, RadioGroup) if g.id == "ctl-cap"]
    assert cap.value == CUSTOM
    assert not [g for g in _find(form, RadioGroup) if g.id == "ctl-mode"]  # no map, no map choice


def test_chart_switch_groups_are_native_radio_groups_with_their_own_ids():
    switch = Switch((SwitchGroup("model", "Model", (("2025", "2025"), ("2021", "2021")), "2025"),
                     SwitchGroup("statistic", "Statistic", (("mean", "Mean"), ("median", "Median")), "mean")),
                    {})
    groups = _find(_switch_controls("trend", switch), RadioGroup)
    assert [g.id for g in groups] == [{"type": "chart-switch", "chart": "trend", "group": "model"},
                                      {"type": "chart-switch", "chart": "trend", "group": "statistic"}]
    assert [g.legend for g in groups] == ["Model", "Statistic"]
    assert [g.value for g in groups] == ["2025", "mean"]
    assert all(g.to_plotly_json()["namespace"] == "caseload_components" for g in groups)


def test_no_page_uses_dashs_radio_items_or_checklist():
    """Dash 4 draws them as an unnamed listbox of options holding the inputs (axe:
    nested-interactive, aria-input-field-name): the site's choices use RadioGroup."""
    uses = [
        f"{path.relative_to(PROJECT_ROOT)}"
        for path in sorted((PROJECT_ROOT / "dashboard").rglob("*.py"))
        if re.search(r"dcc\.(RadioItems|Checklist)\(", path.read_text(encoding="utf-8"))
    ]
    assert uses == []


def test_the_browser_side_exists_and_registers_the_component():
    script = (PROJECT_ROOT / "dashboard" / "assets" / "radio_group.js").read_text(encoding="utf-8")
    assert "window.caseload_components" in script and "RadioGroup" in script
    assert 'type: "radio"' in script and '"fieldset"' in script and '"legend"' in script
