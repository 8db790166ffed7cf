#!/bin/sh
# Container start: migrate, import the bundled fixtures (idempotent), then serve.
set -e
python manage.py migrate --noinput
python manage.py import_readouts fixtures --quiet
exec gunicorn config.wsgi:application \
    --bind 0.0.0.0:8000 \
    --workers "${GUNICORN_WORKERS:-3}" \
    --access-logfile - --error-logfile - \
    --timeout 30
