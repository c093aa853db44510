"""`caseload run | serve | validate | token | rollback`: the project's command line."""

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


def _token(args: argparse.Namespace) -> int:
    """`caseload token issue | list | revoke`: councils' submission tokens (warehouse/tokens.py)."""
    from warehouse.config import Settings
    from warehouse.submissions import councils
    from warehouse.tokens import TokenError, TokenStore

    settings = Settings.from_env()
    store = TokenStore(settings.tokens_path)
    try:
        if args.action == "issue":
            token = store.issue(args.council, councils.known_codes(), args.days)
            print(f"Token for {args.council}, valid {args.days} days.")
            print("It is shown only now: give it to the council by a secure route.")
            print(token)
        elif args.action == "revoke":
            token = store.revoke(args.id)
            print(f"{token.id} ({token.council}) revoked at {token.revoked}")
        else:
            print("id        council    created                    expires                    revoked")
            for t in store.list():
                print(f"{t.id:<9} {t.council:<10} {t.created:<26} {t.expires:<26} {t.revoked or '-'}")
    except TokenError as exc:
        print(f"caseload token {args.action}: {exc}", file=sys.stderr)
        return 1
    return 0


def _rollback(args: argparse.Namespace) -> int:
    """`caseload rollback [RELEASE_ID]`: list the kept releases, or serve one of them again."""
    from warehouse.config import Settings
    from warehouse.publish import restore
    from warehouse.read.releases import release_ids, release_path, summarise

    settings = Settings.from_env()
    served = summarise(settings.warehouse_path).release_id if settings.warehouse_path.exists() else None
    if not args.release:
        for rid in release_ids(settings.releases_dir):
            print(f"{rid}{'  (served)' if rid == served else ''}")
        return 0
    path = release_path(settings.releases_dir, args.release)
    if path is None:
        print(f"caseload rollback: no kept release {args.release!r} in {settings.releases_dir}",
              file=sys.stderr)
        return 1
    restore(path, settings.warehouse_path)
    print(f"Serving {args.release} again (was {served}). The next run that publishes replaces it.")
    return 0


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
    token = commands.add_parser("token", help="councils' submission tokens: issue, list, revoke")
    actions = token.add_subparsers(dest="action", required=True)
    issue = actions.add_parser("issue", help="issue a token for a council (printed once, on the last line)")
    issue.add_argument("council", help="the council's current GSS code, e.g. E08000025")
    issue.add_argument("--days", type=int, default=365, help="days until it expires (default 365)")
    actions.add_parser("list", help="every token: id, council, created, expires, revoked (never the token)")
    revoke = actions.add_parser("revoke", help="revoke a token by its id (at once, also for a running site)")
    revoke.add_argument("id")
    token.set_defaults(handler=_token)
    rollback = commands.add_parser("rollback", help="list the kept releases, or serve one of them again")
    rollback.add_argument("release", nargs="?", help="a kept release's id (none: list them)")
    rollback.set_defaults(handler=_rollback)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
