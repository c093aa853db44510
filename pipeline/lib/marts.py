"""Which assets make marts, read from their metadata, so no list of marts is kept by hand.

An asset names the table it writes in its `table` metadata (and, when it writes several,
every one in `tables`). It makes a mart when one of them is in the `marts` schema: those are
the tables a release publishes, and the data dictionary must wait for all of them.
"""

import importlib
import pkgutil
from collections.abc import Iterable, Mapping
from types import ModuleType
from typing import Any

import dagster as dg

MART_SCHEMA = "marts"


def written_tables(metadata: Mapping[str, Any]) -> list[str]:
    """The tables an asset's metadata says it writes: `tables`, else `table`, else none."""
    if "tables" in metadata:
        return list(metadata["tables"])
    return [metadata["table"]] if "table" in metadata else []


def mart_keys(assets: Iterable[dg.AssetsDefinition]) -> list[dg.AssetKey]:
    """Every asset key among `assets` that writes a table in the marts schema, sorted."""
    return sorted(
        {key for asset in assets for key in asset.keys
         if any(table.split(".")[0] == MART_SCHEMA
                for table in written_tables(asset.metadata_by_key.get(key, {})))},
        key=lambda key: key.to_user_string(),
    )


def assets_in_package(package: ModuleType, skip: str) -> list[dg.AssetsDefinition]:
    """Every asset defined in a module of `package`, leaving out the package `skip`.

    The modules are imported as Dagster's own defs loader imports them (by name), so these
    are the same objects the code location loads. `skip` is the caller's own package: it
    cannot be imported while it is being imported.
    """
    modules = [importlib.import_module(info.name)
               for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}.")
               if not (info.name == skip or info.name.startswith(f"{skip}."))]
    return [a for a in dg.load_assets_from_modules(modules) if isinstance(a, dg.AssetsDefinition)]
