"""A native `<input type="file">` inside a plain HTML form (the check door, /submit/check).

Dash 4's `html` has no Input and `dcc.Upload` is a drop zone around a hidden input that sends the
file through a callback; the check door wants the browser's own control in a form that posts
natively. Its browser side is `assets/file_input.js` (plain React, as `radio_group.js`).
"""

from __future__ import annotations

from dash.development.base_component import Component

from dashboard.components.radios import NAMESPACE


class FileInput(Component):
    """`name` is the form field; `describedBy` the id of its hint (aria-describedby)."""

    _namespace = NAMESPACE
    _type = "FileInput"
    _prop_names = ["id", "name", "accept", "required", "describedBy", "className"]
    _valid_wildcard_attributes: list[str] = []
    available_properties = _prop_names
    available_wildcard_properties: list[str] = []

    def __init__(
        self, id: str, name: str, *, accept: str = "", required: bool = False, describedBy: str = "",
        className: str = "",
    ) -> None:
        props = {"id": id, "name": name, "accept": accept, "required": required,
                 "describedBy": describedBy, "className": className}
        super().__init__(**{k: v for k, v in props.items() if v not in (None, "")})
