# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/readouts
PYTEST_ARGS ?=

# Development profile for local commands; production sets DJANGO_DEBUG=0 and a secret key.
DEV := DJANGO_DEBUG=$${DJANGO_DEBUG:-1}

.PHONY: install run serve migrate import test test-sqlite test-postgres lint format bench admin clean loadtest

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

migrate: install
	$(DEV) $(PY) manage.py migrate --noinput

import: migrate
	$(DEV) $(PY) manage.py import_readouts fixtures

run: import
	@echo "Serving on http://127.0.0.1:$(PORT)/"
	$(DEV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

# The whole suite on SQLite, then on PostgreSQL when one answers at TEST_DATABASE_URL.
# Under CI=true an unreachable PostgreSQL fails the run instead of being skipped.
test: install
	@TEST_DATABASE_URL='$(TEST_DATABASE_URL)' PY='$(PY)' PYTEST_ARGS='$(PYTEST_ARGS)' sh scripts/test.sh

test-sqlite: install
	DATABASE_URL=sqlite:///:memory: $(DEV) $(PY) -m pytest $(PYTEST_ARGS)

test-postgres: install
	DATABASE_URL='$(TEST_DATABASE_URL)' $(DEV) $(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Create the first admin user; asks for the password, never sets a default one.
admin: migrate
	$(DEV) $(PY) manage.py createsuperuser

# Benchmarks, separate from the tests: SIZE=10k|100k|1M statements (docs/benchmarks.md).
SIZE ?= 100k
bench: install
	$(PY) -m pip install --quiet -e '.[dev,bench]'
	$(PY) bench/run.py --size $(SIZE) $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache

# Load test: gunicorn + PostgreSQL (readouts_load) on 100k statements, wrk on loopback, 32
# connections for 30 s; fails on any 5xx. REPORT=1 updates docs/benchmarks.md.
loadtest: install
	$(PY) bench/load_test.py $(if $(REPORT),--report) $(LOADTEST_ARGS)
