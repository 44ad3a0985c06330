"""Foundations every part uses: errors, settings from the environment, limits, codes, number
formats, escaping, safe files."""
