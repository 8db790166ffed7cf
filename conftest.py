import os

# The suite runs with the development settings profile (no secret key needed); the production
# profile is exercised by tests that start a subprocess with production values.
os.environ.setdefault("DJANGO_DEBUG", "1")
