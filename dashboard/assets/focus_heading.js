// After the site moves to another page without a reload (a link, the year/cap form's "Show", the
// search, Back and Forward), focus goes to the new page's h1, so a keyboard or screen-reader user
// starts reading the page they asked for, not the top of the document (WCAG 2.4.3). A first load
// is left alone: the browser starts at the top, where the skip link is.
(function () {
    "use strict";
    var navigated = false;
    window.addEventListener("_dashprivate_pushstate", function () { navigated = true; });
    window.addEventListener("popstate", function () { navigated = true; });

    function focusHeading() {
        var h1 = document.querySelector("#main h1");
        if (!h1) { return; }
        if (!h1.hasAttribute("tabindex")) { h1.setAttribute("tabindex", "-1"); }
        h1.focus();
    }

    window.dash_clientside = Object.assign({}, window.dash_clientside, {
        caseload: Object.assign({}, (window.dash_clientside || {}).caseload, {
            // Called with the page's new content (dashboard/app.py); focuses once it is drawn.
            focusHeading: function () {
                if (navigated) {
                    navigated = false;
                    window.requestAnimationFrame(function () { window.setTimeout(focusHeading, 0); });
                }
                return window.dash_clientside.no_update;
            }
        })
    });
})();
