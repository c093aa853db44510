// Chart switches (funnel limits, neighbour model and statistic) write their choice into the
// address, so a link copied after switching shows the same drawing (dashboard/components/chart.py).
window.dash_clientside = Object.assign({}, window.dash_clientside, {
    caseload: Object.assign({}, (window.dash_clientside || {}).caseload, {
        switchAddress: function (values, ids) {
            const params = new URLSearchParams(window.location.search);
            ids.forEach(function (id, i) {
                if (values[i]) { params.set(id.group, values[i]); }
            });
            const query = params.toString();
            const address = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
            window.history.replaceState(window.history.state, "", address);
            return query;
        }
    })
});
