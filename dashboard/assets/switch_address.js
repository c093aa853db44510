// Chart switches (funnel limits, neighbour model and statistic) write their choice into the
// address, so a link copied after switching shows the same drawing (dashboard/components/chart.py).
// Like every address the site writes, it is pinned to a release: an address without `release=`
// shows the latest, whose id the page shell passes in as `latest`.
window.dash_clientside = Object.assign({}, window.dash_clientside, {
    caseload: Object.assign({}, (window.dash_clientside || {}).caseload, {
        switchAddress: function (values, ids, latest) {
            const params = new URLSearchParams(window.location.search);
            ids.forEach(function (id, i) {
                if (values[i]) { params.set(id.group, values[i]); }
            });
            if (latest && !params.has("release")) { params.set("release", latest); }
            const query = params.toString();
            const address = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
            window.history.replaceState(window.history.state, "", address);
            return latest;
        }
    })
});
