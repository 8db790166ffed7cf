"""Loaded with `-p tests.testenv` (pyproject addopts), before pytest-django sets Django up.

The suite runs with the development settings profile (no secret key needed); the production
profile is exercised by tests that start a subprocess with production values.
"""

import os

os.environ.setdefault("DJANGO_DEBUG", "1")
