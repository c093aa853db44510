"""An app over the session's shared warehouse, with the rate limit raised for tests that fetch a lot."""

from __future__ import annotations

import dataclasses

import duckdb
import pytest

from warehouse.config import Settings


@pytest.fixture(scope="module")
def settings(shared_warehouse: Settings) -> Settings:
    return dataclasses.replace(shared_warehouse, rate_limit_per_minute=1e6, rate_limit_burst=100_000)


@pytest.fixture(scope="module")
def app(settings: Settings):
    from dashboard.app import create_app

    return create_app(settings)


@pytest.fixture
def client(app):
    return app.server.test_client()


@pytest.fixture(scope="module")
def marts(settings: Settings):
    """The published file, opened independently of the site (the second way to read it)."""
    con = duckdb.connect(str(settings.warehouse_path), read_only=True)
    yield con
    con.close()
