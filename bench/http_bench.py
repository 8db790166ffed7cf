"""HTTP benchmark: the search page under gunicorn, and Datasette on the same statements.

wrk drives each server on loopback for a few seconds per query with 1 and then 8 connections;
requests/s and the 99th percentile latency are read from its report. Datasette serves a copy
of the statements (id, text, speaker, date) from SQLite with its own FTS5 index built by
sqlite-utils, 20 rows a page like ours; it neither ranks nor highlights by default.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from common import PYTHON, ROOT, WORK

PORT = 8105
DATASETTE_PORT = 8115
WORKERS = 2  # one per core
HTTP_QUERIES = ("common", "rare", "two_words", "phrase")


def wait_until_up(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 - loopback only
                return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f}s")


@contextmanager
def serving(cmd: list[str], env: dict[str, str] | None, probe: str):
    proc = subprocess.Popen(  # noqa: S603
        cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_until_up(probe)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def wrk(url: str, connections: int, seconds: int) -> dict[str, float]:
    threads = min(connections, 2)
    done = subprocess.run(  # noqa: S603
        ["/usr/bin/wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
         "--latency", url],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    report = done.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", report)[1])
    p99 = re.search(r"\s99%\s+([\d.]+)(us|ms|s)\b", report)
    scale = {"us": 0.001, "ms": 1, "s": 1000}[p99[2]] if p99 else 0
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", report)
    return {
        "rps": rps,
        "p99_ms": round(float(p99[1]) * scale, 1) if p99 else None,
        "non_2xx": int(errors[1]) if errors else 0,
    }


def drive(urls: dict[str, str], seconds: int) -> dict[str, dict]:
    out = {}
    for name, url in urls.items():
        out[name] = {f"c{c}": wrk(url, c, seconds) for c in (1, 8)}
    return out


def bench_app(env: dict[str, str], queries: dict[str, str], seconds: int) -> dict[str, dict]:
    cmd = [
        str(Path(PYTHON).parent / "gunicorn"), "config.wsgi", "-b", f"127.0.0.1:{PORT}",
        "-w", str(WORKERS), "--timeout", "120",
    ]  # fmt: skip
    base = f"http://127.0.0.1:{PORT}"
    urls = {n: f"{base}/search/?q={quote(queries[n])}" for n in HTTP_QUERIES}
    with serving(cmd, env, urls["rare"]):
        return drive(urls, seconds)


def datasette_db(sqlite_url: str, size: str) -> Path:
    """The statements, flattened the way one would load them into Datasette, with FTS5."""
    import sqlite_utils

    target = WORK / f"datasette-{size}.db"
    target.unlink(missing_ok=True)
    source = sqlite_url.removeprefix("sqlite:///")
    with sqlite3.connect(target) as db:
        db.execute("ATTACH DATABASE ? AS archive", (source,))
        db.execute(
            """CREATE TABLE statements AS
               SELECT s.id, s.text, p.name AS speaker, c.date
               FROM archive.readouts_statement s
               JOIN archive.readouts_readout r ON r.id = s.readout_id
               JOIN archive.readouts_call c ON c.id = r.call_id
               LEFT JOIN archive.readouts_person p ON p.id = s.speaker_id
               ORDER BY s.id"""
        )
        db.commit()
        db.execute("DETACH DATABASE archive")
    sqlite_utils.Database(target)["statements"].enable_fts(["text"], create_triggers=False)
    return target


def bench_datasette(sqlite_url: str, size: str, queries: dict[str, str], seconds: int) -> dict:
    exe = shutil.which("datasette", path=str(Path(PYTHON).parent))
    if exe is None:
        return {"skipped": "datasette is not installed (pip install -e '.[bench]')"}
    db = datasette_db(sqlite_url, size)
    base = f"http://127.0.0.1:{DATASETTE_PORT}/{db.stem}/statements"
    urls = {}
    for name in HTTP_QUERIES:
        q = queries[name]
        mode = "&_searchmode=raw" if q.startswith('"') else ""  # a phrase needs FTS5 syntax
        urls[name] = f"{base}?_search={quote(q)}{mode}&_size=20"
    cmd = [exe, "serve", str(db), "-h", "127.0.0.1", "-p", str(DATASETTE_PORT)]
    with serving(cmd, None, urls["rare"]):
        return drive(urls, seconds)
