"""Browser tests here use the same headless Debian Chromium as tests/dashboard."""

from __future__ import annotations

from tests.dashboard.conftest import pytest_setup_options  # noqa: F401 (a pytest hook, re-exported)
