"""The publishers' files: the registry, fetching, the raw archive, parsing and loading. No Dagster here."""
