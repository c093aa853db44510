// A native file input for Dash (dashboard/components/file_input.py): Dash 4's html has no <input>,
// and dcc.Upload is a drop zone around a hidden one. This draws the browser's own control, nothing
// more: no state, no callback; the form around it (the check door) submits it natively.
(function () {
    "use strict";
    var h = window.React.createElement;

    function FileInput(props) {
        return h("input", {
            type: "file",
            id: props.id,
            name: props.name,
            accept: props.accept,
            required: Boolean(props.required),
            "aria-describedby": props.describedBy,
            className: props.className
        });
    }

    window.caseload_components = Object.assign({}, window.caseload_components, {FileInput: FileInput});
})();
