"""Every setting of the project, read from the environment in one place.

Both the pipeline and the site import this module, so they always agree on
where the warehouse lives and where source files come from. Only the entry points
read the environment (`Settings.from_env()`: the `caseload` command, the pipeline's
warehouse resource, the site's app factory, the benchmarks); everything else is given
its settings. The committed files the project reads (registry, reference data,
dictionary, templates) are fixed paths, below.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from warehouse.submissions.spec import MAX_FILE_BYTES

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
REGISTRY_PATH = DATA_DIR / "sources.toml"  # every source: publisher, URL, licence, expected columns
REFERENCE_DIR = DATA_DIR / "reference"  # caps, council changes, hex adjustments, benchmark measures
DICTIONARY_DIR = DATA_DIR / "dictionary"  # one description per mart column
TEMPLATES_DIR = DATA_DIR / "templates"  # the councils' submission template and its guide
# Current councils with children's services and joint-return members (warehouse/submissions/councils.py)
COUNCILS_PATH = REFERENCE_DIR / "councils.csv"

# The annual cost of one children's social worker FTE, used to price a cap.
# An assumption, not a published figure: a salary of about £44,000 (typical pay for an
# experienced children and family social worker in local government) plus about 30%
# employer on-costs (employer National Insurance, about 13% of such a salary from April
# 2025, and Local Government Pension Scheme contributions, typically 17-20%), rounded to
# £57,000. It leaves out recruitment, training, management and the agency premium, so a
# cost built on it is a lower bound. Check it against the average salary DfE publishes
# with the workforce statistics before quoting a cost. docs/method.md, "Cost of a cap".
# Override with CASELOAD_COST_PER_FTE.
DEFAULT_COST_PER_FTE_GBP = 57_000

# Salt for hashing council submissions' worker_ref (docs/submissions.md). This default is public and
# only for development: set CASELOAD_SUBMISSION_SALT to a secret in any real deployment.
DEV_SUBMISSION_SALT = "caseload-watch-dev-salt-not-secret"

# Fetching: a timeout per request, and a bounded number of retries with a growing wait.
DEFAULT_HTTP_TIMEOUT_S, DEFAULT_HTTP_RETRIES, DEFAULT_HTTP_BACKOFF_S = 30.0, 4, 1.0
# Explore Education Statistics, where the Department for Education publishes its releases
# (docs/sources-ees.md). Overridden in tests to point at a stand-in on 127.0.0.1.
EES_CONTENT_API = "https://content.explore-education-statistics.service.gov.uk/api"
EES_PUBLIC_API = "https://api.education.gov.uk/statistics"
# A discovery call (one small JSON answer) gets a shorter timeout than a file download.
DEFAULT_EES_TIMEOUT_S = 20.0
# Uploads (the check door, POST /api/v1/submissions/check): a request body may hold the largest file
# the check takes (spec.MAX_FILE_BYTES, the one file-size limit) plus the multipart envelope around
# it (boundaries, part headers, a long file name). Larger is refused with 413 before it is read, by
# waitress (`caseload serve`) and by the route itself under any other server.
MULTIPART_ALLOWANCE_BYTES = 64_000
MAX_UPLOAD_BYTES = MAX_FILE_BYTES + MULTIPART_ALLOWANCE_BYTES
# Downloads and the API, per client: a steady rate and a burst.
DEFAULT_RATE_LIMIT_PER_MINUTE, DEFAULT_RATE_LIMIT_BURST = 120.0, 60
# Running as a service (deploy/, docs/scaling.md). How long nginx may keep an answer of the current
# release (a publish shows through it within this many seconds; pinned releases are kept a year).
DEFAULT_PROXY_CACHE_S = 2
# How long a page answer is kept in Redis: a release's answers are unreachable once it is replaced
# (the release is in the key); this only lets Redis forget them.
DEFAULT_SHARED_CACHE_TTL_S = 7 * 24 * 3600
# A Redis call that takes longer than this counts as Redis being down (the site goes on without it).
DEFAULT_REDIS_TIMEOUT_S = 0.25


@dataclass(frozen=True)
class Settings:
    """Paths and knobs; build one with `Settings.from_env()`."""

    data_dir: Path
    warehouse_path: Path
    source_dir: Path | None
    cost_per_fte_gbp: float
    source_mirror: str | None = None
    http_timeout_s: float = DEFAULT_HTTP_TIMEOUT_S
    http_retries: int = DEFAULT_HTTP_RETRIES
    http_backoff_s: float = DEFAULT_HTTP_BACKOFF_S
    # Where EES sources are discovered; None switches discovery off (pinned URLs only).
    ees_content_api: str | None = EES_CONTENT_API
    ees_public_api: str | None = EES_PUBLIC_API
    ees_timeout_s: float = DEFAULT_EES_TIMEOUT_S
    submission_salt: str = DEV_SUBMISSION_SALT
    # Downloads and the API, per client address: a steady rate and a burst (dashboard/server/rate_limit.py).
    rate_limit_per_minute: float = DEFAULT_RATE_LIMIT_PER_MINUTE
    rate_limit_burst: int = DEFAULT_RATE_LIMIT_BURST
    show_demo: bool = False
    # The shared store (rate limits, page answers) of several `caseload serve` processes, e.g.
    # redis://127.0.0.1:6379/0; None: each process keeps its own, in memory (one process, a laptop).
    redis_url: str | None = None
    redis_timeout_s: float = DEFAULT_REDIS_TIMEOUT_S
    shared_cache_ttl_s: int = DEFAULT_SHARED_CACHE_TTL_S
    # How many proxies (nginx) stand in front of the site and set X-Forwarded-For; 0: none, the
    # client's address is the connection's. Set it only when the site listens where only they reach.
    trusted_proxies: int = 0
    proxy_cache_s: int = DEFAULT_PROXY_CACHE_S
    # How many of the first-view addresses (dashboard/server/warm.py) to draw at start and after a
    # publish; None: all of them (about 230), 0: none.
    warm_limit: int | None = None
    # Dagster's persistent instance (deploy/dagster/dagster.yaml in it); None: `caseload run` uses a
    # throwaway one, as on a laptop.
    dagster_home: Path | None = None
    # The /submit form's CSRF key (dashboard/submit/csrf.py); None: a random key per process, so set
    # it when several processes serve the site behind one address.
    csrf_secret: str | None = None

    @property
    def raw_dir(self) -> Path:
        """Immutable copies of every fetched file, named by their sha256."""
        return self.data_dir / "raw"

    @property
    def work_path(self) -> Path:
        """The pipeline's own working database, beside the served one."""
        return self.warehouse_path.with_name(self.warehouse_path.stem + ".work.duckdb")

    @property
    def releases_dir(self) -> Path:
        """Where each published snapshot is kept, one file per release."""
        return self.warehouse_path.parent / "releases"

    @property
    def submissions_dir(self) -> Path:
        """Council submissions: inbox/, archive/ and quarantine/ (never committed)."""
        return self.data_dir / "submissions"

    @property
    def secrets_dir(self) -> Path:
        """Councils' tokens and the submissions audit log: outside every release and download."""
        return self.data_dir / "secrets"

    @property
    def tokens_path(self) -> Path:
        """The submission tokens, as hashes (warehouse/tokens.py)."""
        return self.secrets_dir / "tokens.json"

    @property
    def audit_path(self) -> Path:
        """Who submitted what, one JSON line per attempt (warehouse/audit.py)."""
        return self.secrets_dir / "submissions-audit.jsonl"

    @property
    def registry_path(self) -> Path:
        return REGISTRY_PATH

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        data_dir = Path(env.get("CASELOAD_DATA_DIR", DATA_DIR)).resolve()
        warehouse = Path(
            env.get("CASELOAD_WAREHOUSE", data_dir / "warehouse" / "caseload.duckdb")
        ).resolve()
        source_dir = env.get("CASELOAD_SOURCE_DIR")
        return cls(
            data_dir=data_dir,
            warehouse_path=warehouse,
            source_dir=Path(source_dir).resolve() if source_dir else None,
            cost_per_fte_gbp=float(env.get("CASELOAD_COST_PER_FTE", DEFAULT_COST_PER_FTE_GBP)),
            source_mirror=env.get("CASELOAD_SOURCE_MIRROR") or None,
            http_timeout_s=float(env.get("CASELOAD_HTTP_TIMEOUT", DEFAULT_HTTP_TIMEOUT_S)),
            http_retries=int(env.get("CASELOAD_HTTP_RETRIES", DEFAULT_HTTP_RETRIES)),
            http_backoff_s=float(env.get("CASELOAD_HTTP_BACKOFF", DEFAULT_HTTP_BACKOFF_S)),
            # "off" (or an empty value) switches EES discovery off: every source uses its pinned URL.
            ees_content_api=_unless_off(env.get("CASELOAD_EES_CONTENT_API", EES_CONTENT_API)),
            ees_public_api=_unless_off(env.get("CASELOAD_EES_PUBLIC_API", EES_PUBLIC_API)),
            ees_timeout_s=float(env.get("CASELOAD_EES_TIMEOUT", DEFAULT_EES_TIMEOUT_S)),
            submission_salt=env.get("CASELOAD_SUBMISSION_SALT") or DEV_SUBMISSION_SALT,
            rate_limit_per_minute=float(
                env.get("CASELOAD_RATE_LIMIT_PER_MINUTE", DEFAULT_RATE_LIMIT_PER_MINUTE)
            ),
            rate_limit_burst=int(env.get("CASELOAD_RATE_LIMIT_BURST", DEFAULT_RATE_LIMIT_BURST)),
            # Demo submissions (synthetic) stay hidden on the site unless this is set: a demo must never
            # be mistaken for a council's figures.
            show_demo=env.get("CASELOAD_SHOW_DEMO", "").strip().lower() in ("1", "true", "yes"),
            csrf_secret=env.get("CASELOAD_CSRF_SECRET") or None,
            redis_url=env.get("CASELOAD_REDIS_URL") or None,
            redis_timeout_s=float(env.get("CASELOAD_REDIS_TIMEOUT", DEFAULT_REDIS_TIMEOUT_S)),
            shared_cache_ttl_s=int(env.get("CASELOAD_SHARED_CACHE_TTL", DEFAULT_SHARED_CACHE_TTL_S)),
            trusted_proxies=int(env.get("CASELOAD_TRUSTED_PROXIES") or 0),
            proxy_cache_s=int(env.get("CASELOAD_PROXY_CACHE_SECONDS", DEFAULT_PROXY_CACHE_S)),
            warm_limit=int(env["CASELOAD_WARM_LIMIT"]) if env.get("CASELOAD_WARM_LIMIT") else None,
            dagster_home=Path(env["DAGSTER_HOME"]).resolve() if env.get("DAGSTER_HOME") else None,
        )


def _unless_off(value: str) -> str | None:
    value = value.strip()
    return None if value.lower() in ("", "off", "none") else value.rstrip("/")
