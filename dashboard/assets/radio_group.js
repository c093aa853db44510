// Native radio buttons for Dash (dashboard/components/radios.py): a fieldset, its legend, and a
// label around each <input type="radio">. The browser gives them their keyboard behaviour (Tab
// into the group, arrow keys to move and choose, Space to choose) and their names for screen
// readers; choosing one sends its value back to Dash, as dcc.RadioItems does.
(function () {
    "use strict";
    var h = window.React.createElement;

    // The DOM id Dash gives a pattern-matching id: its keys sorted, as JSON.
    function domId(id) {
        if (!id || typeof id !== "object") { return id; }
        return "{" + Object.keys(id).sort().map(function (k) {
            return JSON.stringify(k) + ":" + JSON.stringify(id[k]);
        }).join(",") + "}";
    }

    function RadioGroup(props) {
        var id = domId(props.id);
        var name = props.name || id;
        var options = props.options || [];
        return h("fieldset", {id: id, className: ["radio-group", props.className].filter(Boolean).join(" ")},
            h("legend", null, props.legend),
            h("div", {className: "radio-options"}, options.map(function (option, i) {
                return h("label", {key: i, className: "radio-option"},
                    h("input", {
                        type: "radio",
                        name: name,
                        value: String(option.value),
                        checked: option.value === props.value,
                        onChange: function () {
                            if (props.setProps) { props.setProps({value: option.value}); }
                        }
                    }),
                    h("span", null, option.label));
            })),
            props.children);
    }

    window.caseload_components = Object.assign({}, window.caseload_components, {RadioGroup: RadioGroup});
})();
