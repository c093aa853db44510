"""The code location loads, and its asset keys hold together.

A dependency or a check on a key that no asset defines (a typo such as `deps=["la_yeer"]`)
does not stop Dagster: the key becomes an external asset, the run skips it and still
succeeds. These tests refuse any such key, check that every Step's SQL file exists and that
the data dictionary (whose blocking checks guard the release) waits for every mart.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import dagster as dg
import pytest

import pipeline.defs
from pipeline.definitions import defs
from pipeline.lib.marts import written_tables
from pipeline.lib.sql_step import Step, sql_asset
from warehouse.config import DICTIONARY_DIR, PROJECT_ROOT
from warehouse.db import SQL_DIR

DEFS_DIR = Path(pipeline.defs.__file__).parent
CREATES_TABLE = re.compile(r"CREATE\s+(?:OR\s+REPLACE\s+)?TABLE\s+(\w+\.\w+)", re.IGNORECASE)


@pytest.fixture(scope="module")
def definitions() -> dg.Definitions:
    return defs()


def undefined_keys(definitions: dg.Definitions) -> list[str]:
    """Asset keys in the graph that no asset defines: each came from a dep or a check naming it."""
    graph = definitions.resolve_asset_graph()
    return sorted(key.to_user_string() for key in graph.get_all_asset_keys()
                  if not graph.get(key).is_materializable)


def defs_modules() -> Iterator[ModuleType]:
    for info in pkgutil.walk_packages(pipeline.defs.__path__, "pipeline.defs."):
        yield importlib.import_module(info.name)


def steps() -> list[tuple[str, Step]]:
    """(module name, Step) for every Step defined in pipeline/defs, alone or in a tuple."""
    found = []
    for module in defs_modules():
        for value in vars(module).values():
            candidates = value if type(value) in (tuple, list) else (value,)
            found += [(module.__name__, v) for v in candidates if isinstance(v, Step)]
    return found


def node(definitions: dg.Definitions, key: str):
    return definitions.resolve_asset_graph().get(dg.AssetKey(key))


def tables_written(metadata: dict) -> set[str]:
    """The tables an asset names in its metadata, and those its SQL file creates."""
    tables = set(written_tables(metadata))
    sql = PROJECT_ROOT / str(metadata.get("sql", ""))
    if sql.is_file():
        tables |= set(CREATES_TABLE.findall(sql.read_text(encoding="utf-8")))
    return tables


def test_the_definitions_load(definitions):
    dg.Definitions.validate_loadable(definitions)
    repository = definitions.get_repository_def()
    assert len(repository.asset_graph.get_all_asset_keys()) > 30
    assert {s.name for s in repository.sensor_defs} == {"submissions_inbox_sensor", "release_day_sensor"}
    assert {s.name for s in repository.schedule_defs} == {"daily_publisher_check"}


def test_every_asset_key_has_a_definition(definitions):
    assert undefined_keys(definitions) == []


def test_a_mistyped_key_is_found(definitions):
    """The same inspection, given one deliberately mistyped dependency and one mistyped check."""
    typo = sql_asset(Step("typo", "marts/la_year", "marts.typo", ("la_yeer",), "marts", "A typo."))

    @dg.asset_check(asset="dim_laa")
    def typo_check() -> dg.AssetCheckResult:
        return dg.AssetCheckResult(passed=True)

    broken = dg.Definitions.merge(definitions, dg.Definitions(assets=[typo], asset_checks=[typo_check]))
    assert undefined_keys(broken) == ["dim_laa", "la_yeer"]


def test_every_step_sql_file_exists():
    found = steps()
    assert len(found) > 15
    missing = [step.sql for _, step in found if not (SQL_DIR / f"{step.sql}.sql").is_file()]
    assert missing == []
    for _, step in found:
        created = CREATES_TABLE.findall((SQL_DIR / f"{step.sql}.sql").read_text(encoding="utf-8"))
        assert step.table in created, f"{step.sql}.sql does not create {step.table}"


def test_each_folder_is_an_asset_group(definitions):
    """pipeline/defs/<group>/ holds the group's assets: a Step's group is its folder's name."""
    for module, step in steps():
        assert module.split(".")[2] == step.group, f"{step.asset} (group {step.group}) is in {module}"
    folders = {p.parent.name for p in DEFS_DIR.glob("*/__init__.py")}
    groups = {n.group_name for n in definitions.resolve_asset_graph().asset_nodes}
    assert groups == folders


def test_every_mart_is_in_the_data_dictionary_deps(definitions):
    graph = definitions.resolve_asset_graph()
    deps = {key.to_user_string() for key in node(definitions, "data_dictionary").parent_keys}
    writes = {n.key.to_user_string(): tables_written(dict(n.metadata)) for n in graph.asset_nodes}
    marts = {key for key, tables in writes.items() if any(t.startswith("marts.") for t in tables)}
    assert deps == marts
    documented = {p.stem for p in DICTIONARY_DIR.glob("marts.*.toml")}
    written = set().union(*(writes[key] for key in deps))
    assert documented - written == set(), "documented marts no asset the dictionary waits for writes"
    assert {t for t in written if t.startswith("marts.")} - documented == set(), "undocumented marts"


def test_each_job_builds_what_it_says(definitions):
    """`caseload run` builds everything but the submissions-only publish; a publisher's new release
    the same without the inbox (its sensor loads files as they arrive); the inbox's own job loads,
    rebuilds the submission marts and publishes them on their own."""
    everything = definitions.resolve_asset_graph().get_all_asset_keys()
    inbox, alone = dg.AssetKey("submission_inbox"), dg.AssetKey("submissions_published")

    def selected(name: str) -> set:
        return set(definitions.resolve_job_def(name).asset_layer.selected_asset_keys)

    assert selected("build_everything") == everything - {alone}
    assert selected("refresh_everything") == everything - {inbox, alone}
    assert selected("submissions_load") == {inbox, dg.AssetKey("submission_metrics"), alone}
