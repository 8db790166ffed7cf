#!/bin/sh
# Container start: migrate, import the bundled fixtures (idempotent), then serve.
# Runs the same by hand in a venv: PATH=.venv/bin:$PATH GUNICORN_BIND=127.0.0.1:8106 sh docker/start.sh
set -e
python manage.py migrate --noinput
if [ "${IMPORT_FIXTURES:-1}" = "1" ]; then
    python manage.py import_readouts fixtures --quiet
fi
exec gunicorn config.wsgi:application --config docker/gunicorn.conf.py
