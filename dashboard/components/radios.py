"""Native radio buttons: a `<fieldset>` with its `<legend>` and one `<label><input type="radio">`
per option, reporting the chosen option's `value` to callbacks as dcc.RadioItems does.

Dash 4's dcc.RadioItems draws a `role="listbox"` with no name, holding `role="option"` labels that
contain the inputs: a screen reader announces a list box of options with radio buttons inside them
(axe: nested-interactive, aria-input-field-name). This component is the same control written the
way the HTML standard intends; its browser side is `assets/radio_group.js` (plain React, no build
step), loaded with the page like every asset.
"""

from __future__ import annotations

from collections.abc import Sequence

from dash.development.base_component import Component

NAMESPACE = "caseload_components"  # window.caseload_components in assets/radio_group.js


class RadioGroup(Component):
    """`options`: [{"label": str, "value": str | int}]; `value`: the one checked; `legend` names
    the group; `name` is the inputs' form name (the DOM id when not given, so each group is its own);
    `children` follow the radio buttons inside the fieldset (e.g. the custom cap's input)."""

    _namespace = NAMESPACE
    _type = "RadioGroup"
    _prop_names = ["children", "id", "legend", "options", "value", "name", "className"]
    _valid_wildcard_attributes: list[str] = []
    available_properties = _prop_names
    available_wildcard_properties: list[str] = []

    def __init__(
        self,
        id: str | dict,
        legend: str,
        options: Sequence[dict],
        value: str | int | None = None,
        *,
        children: Component | list | None = None,
        name: str | None = None,
        className: str | None = None,
    ) -> None:
        props = {"children": children, "id": id, "legend": legend, "options": list(options),
                 "value": value, "name": name, "className": className}
        super().__init__(**{k: v for k, v in props.items() if v is not None})
