// After the site moves to another page without a reload (a link, the year/cap form's "Show", the
// search, Back and Forward), focus goes to the new page's h1, so a keyboard or screen-reader user
// starts reading the page they asked for, not the top of the document (WCAG 2.4.3). A first load
// is left alone (the browser starts at the top, where the skip link is), unless the address names a
// part of the page (`#section-lottery`, as the overview's story links to Trends): Dash draws the page
// after the browser has looked for that part, so it is scrolled to and its heading focused here.
(function () {
    "use strict";
    var navigated = false;
    window.addEventListener("_dashprivate_pushstate", function () { navigated = true; });
    window.addEventListener("popstate", function () { navigated = true; });

    var hashShown = "";

    function focusOn(element) {
        if (!element.hasAttribute("tabindex")) { element.setAttribute("tabindex", "-1"); }
        element.focus();
    }

    function namedPart() {
        if (!window.location.hash || window.location.hash === hashShown) { return null; }
        return document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    }

    function focusHeading() {
        var part = namedPart();
        if (part) {
            hashShown = window.location.hash;
            part.scrollIntoView();
            focusOn(part.querySelector("h2, h3") || part);
            // Charts above it may still be drawing and push it down: look again once they have.
            window.setTimeout(function () { part.scrollIntoView(); }, 1000);
            return;
        }
        var h1 = document.querySelector("#main h1");
        if (h1) { focusOn(h1); }
    }

    window.dash_clientside = Object.assign({}, window.dash_clientside, {
        caseload: Object.assign({}, (window.dash_clientside || {}).caseload, {
            // Called with the page's new content (dashboard/app.py); focuses once it is drawn.
            focusHeading: function () {
                var hash = window.location.hash;
                if (navigated || (hash && hash !== hashShown)) {
                    navigated = false;
                    window.requestAnimationFrame(function () { window.setTimeout(focusHeading, 0); });
                }
                return window.dash_clientside.no_update;
            }
        })
    });
})();
