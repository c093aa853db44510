"""One module per page: `dash.register_page` and a `layout` that turns the page's address into a
view's arguments (dashboard/views/ draws the page).

Dash imports these modules itself, as `dashboard.pages.<name>`, each time an app is created
(`Dash(__package__, use_pages=True)` in dashboard/app.py); nothing else imports them. The menu in the
header lists the pages registered with `menu=True`, in their `order`.
"""
