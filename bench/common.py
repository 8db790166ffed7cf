"""What every benchmark runner shares: databases, child processes, timing, the machine."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
WORK = ROOT / "var" / "bench"
RESULTS = ROOT / "bench" / "results"
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
PG_PREFIX = os.environ.get("BENCH_PG_NAME", "readouts_bench")
VENDORS = ("sqlite", "postgresql")


def database_url(vendor: str, size: str) -> str:
    if vendor == "sqlite":
        return f"sqlite:///{WORK / f'bench-{size}.sqlite3'}"
    return f"postgres://postgres@127.0.0.1:5432/{PG_PREFIX}_{size.lower()}"  # one per size


def django_env(url: str) -> dict[str, str]:
    """Production-like settings: DEBUG off, so Django does not keep every query in memory."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=env.get("DJANGO_SECRET_KEY", "benchmark-only-not-secret"),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DJANGO_SECURE_SSL_REDIRECT="0",  # plain HTTP on loopback
        DJANGO_STATIC_ROOT=str(WORK / "static"),
        DJANGO_DB_STATEMENT_TIMEOUT_MS="60000",  # measure slow queries rather than cut them
        DJANGO_LOG_LEVEL="WARNING",
        PYTHONPATH=os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p),
    )
    return env


def fresh_database(vendor: str, url: str) -> None:
    """An empty, migrated database at `url`."""
    if vendor == "sqlite":
        path = Path(url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    else:
        name = url.rsplit("/", 1)[1]
        psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        psql(f'CREATE DATABASE "{name}"')
    manage(url, "migrate", "--noinput", "-v0")


def psql(sql: str, url: str = PG_ADMIN) -> str:
    done = subprocess.run(
        ["psql", url, "-v", "ON_ERROR_STOP=1", "-qAtc", sql],
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip()


def manage(url: str, *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=django_env(url), check=True)


@dataclass
class ChildRun:
    seconds: float
    max_rss_mb: float
    status: int
    stdout: str = ""


def run_measured(cmd: list[str], env: dict[str, str], timeout: float) -> ChildRun:
    """Run a child; wall time, its own peak RSS (wait4 rusage, not the whole tree), and what
    it printed on stdout."""
    with tempfile.TemporaryFile("w+") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out)  # noqa: S603
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                raise TimeoutError(f"{cmd[:4]} took longer than {timeout:.0f}s")
            time.sleep(0.05)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        return ChildRun(seconds, usage.ru_maxrss / 1024, proc.returncode, out.read())


def percentiles(samples_ms: list[float]) -> dict[str, float]:
    ordered = sorted(samples_ms)
    cuts = statistics.quantiles(ordered, n=100, method="inclusive")
    return {"p50": round(cuts[49], 2), "p95": round(cuts[94], 2), "n": len(ordered)}


def machine() -> dict[str, str | int]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
    except (OSError, StopIteration):
        mem_kb = 0
    return {
        "cpu": cpu,
        "cores": os.cpu_count() or 0,
        "memory_gb": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "sqlite": __import__("sqlite3").sqlite_version,
        "postgresql": _pg_version(),
        "load_1min": round(os.getloadavg()[0], 2),
    }


def _pg_version() -> str:
    try:
        return psql("SHOW server_version")
    except (subprocess.CalledProcessError, FileNotFoundError):
        return "unavailable"


def pg_available() -> bool:
    return _pg_version() != "unavailable"
