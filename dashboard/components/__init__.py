"""Reusable pieces of the site: shell, controls, chart blocks."""
