// Forms that Dash navigates for (the year/cap form, dashboard/components/controls.py): the submit
// button and Enter in any of the form's controls press "Show" (the browser's implicit submission),
// whose callback writes the new address; the browser must not also load the page again.
document.addEventListener("submit", function (event) {
    if (event.target.matches && event.target.matches("form[data-navigates='dash']")) {
        event.preventDefault();
    }
});
