"""`caseload run | serve | validate`: the project's command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _run(args: argparse.Namespace) -> int:
    from pipeline.run import run_all

    return run_all(verbose=args.verbose)


def _serve(args: argparse.Namespace) -> int:
    from dashboard.server.serve import serve

    return serve(host=args.host, port=args.port, threads=args.threads, cache=not args.no_cache)


def _validate(args: argparse.Namespace) -> int:
    return validate(args.file)


def validate(file: str | Path) -> int:
    """`caseload validate FILE`, council codes from data/reference/councils.csv (no warehouse needed)."""
    from warehouse.submissions.validate import main as validate_main

    return validate_main(file)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="caseload", description="Caseload Watch: children's social work caseloads in England."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="build the warehouse from the sources and publish it")
    run.add_argument("--verbose", action="store_true", help="print Dagster's event log as well")
    run.set_defaults(handler=_run)
    serve = commands.add_parser("serve", help="serve the site with a production WSGI server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8050)
    serve.add_argument("--threads", type=int, default=8)
    serve.add_argument("--no-cache", action="store_true", help="no response cache or gzip (for benchmarks)")
    serve.set_defaults(handler=_serve)
    validate = commands.add_parser("validate", help="check a council submission without loading it")
    validate.add_argument("file")
    validate.set_defaults(handler=_validate)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
