"""The public site (Dash): reads only the published release, read-only; imports warehouse/, never
the pipeline. A figure is read in reading/, shaped and worded in views/, drawn in figures/.

    app.py        create_app(settings): the one place the parts are put together (and, with
                  `caseload serve`, the only code here that reads the environment)
    address.py    the query string is the page's state: parsed strictly, built back; named caps by key
    pages/        one module per page: register_page, and a layout turning the address into a view's
                  arguments (Dash imports them as dashboard.pages.<name>)
    views/        each page's content as plain functions, beside its page module; words and rows
    components/   reusable Dash pieces: shell and menu, the year/cap form, search, chart block,
                  table, notes, the guard every page layout runs in; the callbacks, which only wire
    figures/      pure plotly functions: data in, figure out
    reading/      the site's reads of a release, cached per release; kept releases; ?release=
    downloads/    the release as files: /download routes, the zip, CSV and Parquet, templates
    server/       the WSGI side: `caseload serve`, the response cache and its warmer, security
    api/          /api/v1: routes, strict parameters, caching and CORS, the OpenAPI description
    feeds/        Atom feeds of each release's changes, whole and per council; the pages' head links
    assets/       CSS; scripts: the native radio buttons, the chart switches' address writer, the
                  form Dash navigates for, focus on the h1 after a navigation; the vendored plotly.js
"""
