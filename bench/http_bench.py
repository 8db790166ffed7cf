"""HTTP benchmark: the search page under gunicorn, and Datasette on the same statements.

Every server is started at once (gunicorn on each database, Datasette), then wrk drives them in
turn on loopback, query by query, with 1 and then 8 connections for a few seconds each: on a
shared machine whose speed drifts over minutes, each comparison is made within the same
minute. requests/s and the 99th percentile latency are read from wrk's report. Datasette
serves a copy of the statements (id, text, speaker, date) from SQLite with its own FTS5 index
built by sqlite-utils, 20 rows a page like ours; it neither ranks nor highlights by default.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import quote

from common import PYTHON, ROOT, WORK

PORTS = {"sqlite": 8105, "postgresql": 8107}
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


def app_server(vendor: str, env: dict[str, str]) -> tuple[list[str], str]:
    """The command serving the app on `vendor`'s database, and its base URL."""
    port = PORTS[vendor]
    cmd = [
        str(Path(PYTHON).parent / "gunicorn"), "config.wsgi", "-b", f"127.0.0.1:{port}",
        "-w", str(WORKERS), "--timeout", "120",
    ]  # fmt: skip
    return cmd, f"http://127.0.0.1:{port}"


def datasette_server(db: Path) -> tuple[list[str], str] | None:
    exe = shutil.which("datasette", path=str(Path(PYTHON).parent))
    if exe is None:
        return None
    cmd = [exe, "serve", str(db), "-h", "127.0.0.1", "-p", str(DATASETTE_PORT)]
    return cmd, f"http://127.0.0.1:{DATASETTE_PORT}/{db.stem}/statements"


def search_urls(server: str, base: str, queries: dict[str, str]) -> dict[str, str]:
    urls = {}
    for name in HTTP_QUERIES:
        q = queries[name]
        if server == "datasette":
            mode = "&_searchmode=raw" if q.startswith('"') else ""  # a phrase needs FTS5 syntax
            urls[name] = f"{base}?_search={quote(q)}{mode}&_size=20"
        else:
            urls[name] = f"{base}/search/?q={quote(q)}"
    return urls


def bench_http(
    app_envs: dict[str, dict[str, str]], datasette: Path | None, queries: dict, seconds: int
) -> dict[str, dict]:
    """{server: {query: {"c1": ..., "c8": ...}}} for the app on each database in `app_envs`
    and, given its database file, Datasette; or {"datasette": {"skipped": why}}."""
    servers = {vendor: (*app_server(vendor, env), env) for vendor, env in app_envs.items()}
    out: dict[str, dict] = {}
    if datasette is not None:
        found = datasette_server(datasette)
        if found is None:
            out["datasette"] = {"skipped": "datasette is not installed (pip install -e '.[bench]')"}
        else:
            servers["datasette"] = (*found, None)
    urls = {name: search_urls(name, base, queries) for name, (_, base, _) in servers.items()}
    with ExitStack() as stack:
        for name, (cmd, _, env) in servers.items():
            stack.enter_context(serving(cmd, env, urls[name]["rare"]))
        for query in HTTP_QUERIES:
            for connections in (1, 8):
                for name in servers:
                    result = wrk(urls[name][query], connections, seconds)
                    out.setdefault(name, {}).setdefault(query, {})[f"c{connections}"] = result
    return out


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
