#!/bin/sh
# Runs the suite on SQLite, then on PostgreSQL (TEST_DATABASE_URL) when reachable.
# Under CI=true an unreachable PostgreSQL is a failure, not a skip.
set -u
PY=${PY:-.venv/bin/python}
export DJANGO_DEBUG="${DJANGO_DEBUG:-1}"
ran=""
status=0

echo "== SQLite =="
if DATABASE_URL="sqlite:///:memory:" $PY -m pytest $PYTEST_ARGS; then
    ran="SQLite (passed)"
else
    ran="SQLite (FAILED)"; status=1
fi

echo "== PostgreSQL: ${TEST_DATABASE_URL} =="
if $PY scripts/pg_ready.py "$TEST_DATABASE_URL"; then
    if DATABASE_URL="$TEST_DATABASE_URL" $PY -m pytest $PYTEST_ARGS; then
        ran="$ran, PostgreSQL (passed)"
    else
        ran="$ran, PostgreSQL (FAILED)"; status=1
    fi
elif [ "${CI:-}" = "true" ]; then
    echo "PostgreSQL is not reachable at $TEST_DATABASE_URL, and CI requires it." >&2
    ran="$ran, PostgreSQL (UNREACHABLE)"; status=1
else
    ran="$ran, PostgreSQL (skipped: not reachable)"
fi

echo "Databases: $ran"
exit $status
