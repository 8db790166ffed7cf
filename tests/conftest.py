from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command

pytest_plugins = ["tests.browser_fixtures"]

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEEDS = sorted(FIXTURES.glob("*.txt"))


def run_command(name: str, *args: str) -> tuple[str, str, int]:
    """Run a management command; return (stdout, stderr, exit status)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(name, *args, stdout=out, stderr=err)
        status = 0
    except SystemExit as exc:  # CommandError becomes SystemExit only from the CLI
        status = int(exc.code or 0)
    except Exception as exc:
        from django.core.management import CommandError

        if not isinstance(exc, CommandError):
            raise
        err.write(str(exc))
        status = 1
    return out.getvalue(), err.getvalue(), status


@pytest.fixture(autouse=True)
def _fresh_suggestions_version():
    """Each test's archive is its own: the version a test before read (kept for a second in
    the process, selectors.VERSION_SECONDS) is not this one's."""
    from readouts import selectors

    selectors.forget_suggestions_version()


@pytest.fixture
def seeded(db):
    """The database with every readout under fixtures/ imported."""
    out, err, status = run_command("import_readouts", str(FIXTURES), "--quiet")
    assert status == 0, err
    return out
