"""An import killed halfway (SIGKILL, no chance to clean up) leaves the database consistent,
and running it again completes it. On the suite's database vendor, in a database of its own."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import dj_database_url

from .scratch import ROOT, manage, scratch_database

SEED = ROOT / "fixtures" / "000_1a5f70aa50cc05b5.txt"
FILES = 900  # the import commits every 200 files

CHECK = """
import json
from django.db.models import Count, F, Max, Min
from readouts.models import Call, Participant, Readout, Statement
print(json.dumps({
    "readouts": Readout.objects.count(),
    "calls": Call.objects.count(),
    "readouts_without_statements": Readout.objects.annotate(n=Count("statements"))
        .filter(n=0).count(),
    "calls_without_readouts": Call.objects.annotate(n=Count("readouts")).filter(n=0).count(),
    "calls_without_participants": Call.objects.annotate(n=Count("participants"))
        .filter(n=0).count(),
    "statement_gaps": Readout.objects.annotate(
        n=Count("statements"), lo=Min("statements__position"), hi=Max("statements__position")
    ).exclude(n=F("hi") - F("lo") + 1).count(),
    "statements_per_readout": sorted(set(
        Readout.objects.annotate(n=Count("statements")).values_list("n", flat=True))),
}))
"""


def write_corpus(folder: Path) -> None:
    """The seed readout on FILES different days: distinct files, distinct calls."""
    text = SEED.read_text(encoding="utf-8")
    folder.mkdir()
    for i in range(FILES):
        day = dt.date(2001, 1, 1) + dt.timedelta(days=i)
        varied = text.replace("2022-10-31", day.isoformat()).replace(
            "October 31, 2022", f"{day:%B} {day.day}, {day.year}"
        )
        (folder / f"{i:04}.txt").write_text(varied, encoding="utf-8")


def count_readouts(url: str) -> int:
    config = dj_database_url.parse(url)
    try:
        if config["ENGINE"].endswith("sqlite3"):
            with sqlite3.connect(config["NAME"], timeout=5) as db:
                return db.execute("SELECT count(*) FROM readouts_readout").fetchone()[0]
        import psycopg

        with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as db:
            return db.execute("SELECT count(*) FROM readouts_readout").fetchone()[0]
    except (sqlite3.Error, ImportError, OSError) as exc:
        raise AssertionError(exc) from exc


def state(url: str) -> dict:
    return json.loads(manage(url, "shell", "-v0", "-c", CHECK).stdout.strip().splitlines()[-1])


def assert_consistent(found: dict) -> None:
    assert found["readouts_without_statements"] == 0
    assert found["calls_without_readouts"] == 0
    assert found["calls_without_participants"] == 0
    assert found["statement_gaps"] == 0
    assert len(found["statements_per_readout"]) == 1  # every readout whole, none cut short


def test_an_import_killed_halfway_is_consistent_and_completes_when_run_again(tmp_path):
    corpus = tmp_path / "corpus"
    write_corpus(corpus)
    with scratch_database(tmp_path, "kill") as url:
        manage(url, "migrate", "--noinput", "-v0")
        env = {**os.environ, "DJANGO_DEBUG": "1", "DATABASE_URL": url}
        run = subprocess.Popen(
            [sys.executable, "manage.py", "import_readouts", str(corpus), "--quiet"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            deadline = time.monotonic() + 120
            while count_readouts(url) < 200:  # the first batch is committed
                assert run.poll() is None, run.stderr.read().decode()
                assert time.monotonic() < deadline, "the import made no progress"
                time.sleep(0.02)
            run.send_signal(signal.SIGKILL)
        finally:
            run.kill()
            run.wait()
        run.stderr.close()

        halfway = state(url)
        assert 0 < halfway["readouts"] < FILES, "the import was not killed halfway"
        assert halfway["readouts"] % 200 == 0  # whole batches only
        assert_consistent(halfway)

        again = manage(url, "import_readouts", str(corpus))
        done = FILES - halfway["readouts"]
        assert re.search(rf"^{FILES} files in [\d.]+ s: {done} created,", again.stdout, re.M)
        assert f"{halfway['readouts']} unchanged" in again.stdout
        final = state(url)
        assert final["readouts"] == final["calls"] == FILES
        assert_consistent(final)
        assert final["statements_per_readout"] == halfway["statements_per_readout"]
