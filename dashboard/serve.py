"""`caseload serve`: the site behind waitress, a production WSGI server (debug off)."""

from __future__ import annotations

import logging

from warehouse.config import Settings


def serve(host: str = "127.0.0.1", port: int = 8050, threads: int = 8) -> int:
    from waitress import serve as waitress_serve

    from dashboard.app import create_app

    settings = Settings.from_env()
    if not settings.warehouse_path.exists():
        print(
            f"No published warehouse at {settings.warehouse_path} yet: the site will say so until "
            "`caseload run` publishes one."
        )
    app = create_app(settings)
    logging.getLogger("waitress").setLevel(logging.INFO)
    print(f"Caseload Watch on http://{host}:{port}/ (warehouse: {settings.warehouse_path})")
    waitress_serve(app.server, host=host, port=port, threads=threads)
    return 0


def main() -> None:
    """The dev server (Dash's own, debug off by default): `python -m dashboard.serve`."""
    from dashboard.app import create_app

    create_app().run(debug=False, host="127.0.0.1", port=8050)


if __name__ == "__main__":
    main()
