"""Import benchmark: `import_readouts` against a raw bulk insert of the same rows.

The import runs as its own process (`manage.py import_readouts DIR`, DEBUG off), timed from
start to exit, its peak RSS read from wait4; the time the command reports in its summary (after
start-up) is kept too. The rows it wrote are then dumped, the database
is recreated, and `raw_rows.py load` inserts them again with plain executemany: the rate the
database itself sustains for these tables, indexes and search triggers. The database is left
holding the corpus for the search benchmarks.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from common import (
    PYTHON,
    ROOT,
    WORK,
    database_url,
    django_env,
    fresh_database,
    psql,
    run_measured,
)


def count_rows(vendor: str, url: str) -> tuple[int, int]:
    sql = (
        "SELECT (SELECT count(*) FROM readouts_readout), (SELECT count(*) FROM readouts_statement)"
    )
    if vendor == "sqlite":
        import sqlite3

        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            readouts, statements = db.execute(sql).fetchone()
    else:
        readouts, statements = (int(n) for n in psql(sql, url).split("|"))
    return readouts, statements


def bench_import(vendor: str, size: str, corpus: Path, timeout: float) -> dict:
    url = database_url(vendor, size)
    env = django_env(url)
    fresh_database(vendor, url)
    files = corpus / "files"
    run = run_measured([PYTHON, "manage.py", "import_readouts", str(files)], env, timeout)
    if run.status != 0:
        raise RuntimeError(f"import_readouts failed on {vendor} (exit {run.status})")
    # The command's own time, from its summary: without the interpreter's and Django's
    # start-up (about half a second), which the raw load's time leaves out too.
    took = re.search(r"files in ([\d.]+) s:", run.stdout)
    readouts, statements = count_rows(vendor, url)
    check = subprocess.run(
        [PYTHON, "bench/check_corpus.py", str(corpus), "--imported"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )

    rows = WORK / f"rows-{vendor}-{size}.pickle"
    subprocess.run([PYTHON, "bench/raw_rows.py", "dump", str(rows)], cwd=ROOT, env=env, check=True)
    fresh_database(vendor, url)
    loaded = subprocess.run(
        [PYTHON, "bench/raw_rows.py", "load", str(rows)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    rows.unlink()
    raw = json.loads(loaded.stdout)
    raw_seconds = raw["insert_seconds"]
    result = {
        "readouts": readouts,
        "statements": statements,
        "import_seconds": round(run.seconds, 2),
        "import_readouts_per_s": round(readouts / run.seconds, 1),
        "import_statements_per_s": round(statements / run.seconds, 1),
        "import_peak_rss_mb": round(run.max_rss_mb, 1),
        "raw_seconds": raw_seconds,
        "raw_readouts_per_s": round(readouts / raw_seconds, 1),
        "raw_statements_per_s": round(statements / raw_seconds, 1),
        "import_vs_raw": round(raw_seconds / run.seconds, 3),
        "command_seconds": float(took[1]) if took else None,
        "command_vs_raw": round(raw_seconds / float(took[1]), 3) if took else None,
        "speakers_check": check.stdout.strip() or check.stderr.strip()[-300:],
        "speakers_ok": check.returncode == 0,
    }
    return result
