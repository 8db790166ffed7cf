"""Loaded with `-p tests.testenv` (pyproject addopts), before pytest-django sets Django up.

The suite runs with the development settings profile (no secret key needed); the production
profile is exercised by tests that start a subprocess with production values.
"""

import os

os.environ.setdefault("DJANGO_DEBUG", "1")
# Live-server threads must not keep connections open past a test, or PostgreSQL refuses to drop
# the test database at the end ("being accessed by other users").
os.environ.setdefault("DJANGO_CONN_MAX_AGE", "0")
