"""Load test: gunicorn with production settings and PostgreSQL, on loopback, under wrk.

    python bench/load_test.py [--size 100k] [--connections 32] [--duration 30] [--report]

Generates the synthetic corpus if needed (bench/generate_corpus.py), imports it once into
its own database (readouts_load), starts gunicorn on 127.0.0.1:8106 and runs wrk for a fixed
duration with a fixed mix of pages (bench/load_test.lua): home, calls list (pages, filters),
call detail, people, person and search. Fails when any response is a 5xx or a socket error.
--report writes the numbers into docs/benchmarks.md, section "Load test".
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "loadtest"
PYTHON = sys.executable
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/readouts_load"
START, END = "<!-- load-test:start -->", "<!-- load-test:end -->"

PATHS = """
import json, random
from readouts.models import Call, Person
rng = random.Random(6)
calls = list(Call.objects.order_by("id").values_list("id", flat=True))
people = list(Person.objects.order_by("id").values_list("slug", "country"))
print(json.dumps({"calls": rng.sample(calls, min(300, len(calls))),
                  "people": rng.sample(people, min(100, len(people)))}))
"""


def run(cmd: list[str], env: dict[str, str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=ROOT, env=env, check=True, text=True, **kwargs)  # noqa: S603


def production_env(url: str, port: int, workers: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=env.get("DJANGO_SECRET_KEY", "load-test-only-" + "x" * 50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",  # plain HTTP on loopback
        DJANGO_STATIC_ROOT=str(WORK / "static"),
        DJANGO_LOG_LEVEL="WARNING",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS=str(workers),
    )
    return env


def ensure_database(url: str, corpus: Path, env: dict[str, str]) -> dict[str, float]:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0].replace("postgres://", "postgresql://", 1) + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            admin.execute(f'CREATE DATABASE "{name}"')
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env)
    dsn = url.replace("postgres://", "postgresql://", 1)
    with psycopg.connect(dsn) as db:
        statements = db.execute("SELECT count(*) FROM readouts_statement").fetchone()[0]
    facts: dict[str, float] = {}
    if statements == 0:
        started = time.monotonic()
        run([PYTHON, "manage.py", "import_readouts", str(corpus / "files"), "--quiet"], env)
        facts["import_seconds"] = time.monotonic() - started
        run(
            [
                PYTHON,
                "manage.py",
                "shell",
                "-c",
                "from django.db import connection as c; c.cursor().execute('VACUUM ANALYZE')",
            ],
            env,
        )
    with psycopg.connect(dsn) as db:
        facts["statements"] = db.execute("SELECT count(*) FROM readouts_statement").fetchone()[0]
        facts["readouts"] = db.execute("SELECT count(*) FROM readouts_readout").fetchone()[0]
    return facts


def write_paths(env: dict[str, str], corpus: Path, target: Path) -> dict[str, int]:
    out = run([PYTHON, "manage.py", "shell", "-v0", "-c", PATHS], env, capture_output=True)
    data = json.loads(out.stdout.strip().splitlines()[-1])
    manifest = json.loads((corpus / "manifest.json").read_text())
    # The search benchmark's six queries: a word in half the statements, a rare word, two
    # words, OR, a phrase and a prefix.
    words = list(manifest["queries"].values())
    calls, people = data["calls"], data["people"]
    mix: dict[str, list[str]] = {"home": [], "calls": [], "call": [], "person": [], "search": []}
    for i in range(300):  # one cycle of 20 requests, 15 times: 2 home, 5 lists, 5 calls, ...
        slug, country = people[i % len(people)]
        mix["home"] += ["/"] if i % 10 < 2 else []
        if i % 20 < 5:
            mix["calls"].append(
                [
                    "/calls/",
                    f"/calls/?page={1 + i % 40}",
                    "/calls/?medium=video",
                    f"/calls/?country={quote(country)}",
                    f"/calls/?year={2015 + i % 10}",
                ][i % 5]
            )
        if i % 20 < 5:
            mix["call"].append(f"/calls/{calls[i % len(calls)]}/")
        if i % 20 < 3:
            mix["person"].append(f"/people/{slug}/")
        if i % 20 < 5:
            word = words[i % len(words)]
            mix["search"].append(f"/search/?q={quote(word)}" + ("&page=2" if i % 3 == 0 else ""))
    ordered = [
        p
        for group in zip(*(mix[k] for k in ("calls", "call", "search")), strict=True)
        for p in group
    ]
    ordered += mix["home"] + mix["person"]
    target.write_text("\n".join(ordered) + "\n")
    return {kind: len(paths) for kind, paths in mix.items()}


def wait_until_up(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 - loopback only
                return
        except OSError:  # refused, reset or timed out while the workers boot
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f}s")


def warm_up(base: str, paths: list[str]) -> list[tuple[float, int, str]]:
    """Every distinct path once, one at a time: (seconds, status, path)."""
    timings = []
    for path in dict.fromkeys(paths):
        started = time.monotonic()
        try:
            with urllib.request.urlopen(base + path, timeout=30) as response:  # noqa: S310
                response.read()
                status = response.status
        except urllib.error.HTTPError as exc:
            status = exc.code
        timings.append((round(time.monotonic() - started, 3), status, path))
    return timings


def page_kind(path: str) -> str:
    parts = [part for part in path.split("?")[0].split("/") if part]
    if not parts:
        return "home"
    names = {"calls": ("calls list", "call"), "people": ("people list", "person")}
    if parts[0] in names:
        return names[parts[0]][len(parts) > 1]
    return parts[0]


def medians(timings: list[tuple[float, int, str]]) -> dict[str, float]:
    kinds: dict[str, list[float]] = {}
    for seconds, _, path in timings:
        kinds.setdefault(page_kind(path), []).append(seconds)
    return {kind: round(sorted(v)[len(v) // 2] * 1000) for kind, v in sorted(kinds.items())}


def parse_wrk(output: str) -> dict[str, float]:
    found: dict[str, float] = {}
    for key, value in re.findall(r"(\w+(?:\.\d+)?)=([\d.]+)", output):
        found[key] = float(value)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    found["rps"] = float(rps.group(1)) if rps else 0.0
    return found


def report(results: dict, args: argparse.Namespace) -> str:
    r = results
    return "\n".join(
        [
            START,
            "## Load test",
            "",
            f"`make loadtest` (bench/load_test.py): gunicorn ({args.workers} sync workers, "
            "production settings, statement timeout 5 s) and PostgreSQL 15 on one "
            f"{os.cpu_count()}-core machine, {int(r['readouts'])} readouts / "
            f"{int(r['statements'])} statements (generated corpus, {args.size}); "
            f"wrk on loopback, {args.connections} connections for {args.duration} s, a fixed "
            "mix per 20 requests: 5 call lists (pages and filters), 5 call pages, "
            "5 searches (some page 2), 3 person pages, 2 home pages.",
            "",
            "| requests | requests/s | p50 | p90 | p99 | p99.9 | 2xx | 4xx | 5xx | socket errors |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
            f"| {int(r['requests'])} | {r['rps']:.0f} | {r['p50']:.0f} ms | {r['p90']:.0f} ms "
            f"| {r['p99']:.0f} ms | {r['p99.9']:.0f} ms | {int(r['2xx'])} | {int(r['4xx'])} "
            f"| {int(r['5xx'])} | {int(r['socket_errors'])} |",
            "",
            "Median of one request at a time before the load, by page: "
            + ", ".join(f"{kind} {ms} ms" for kind, ms in r["medians"].items())
            + f". Load average on the machine before the run: {r['load_before']:.1f} "
            "(gunicorn, PostgreSQL and wrk share the cores).",
            "",
            END,
        ]
    )


def write_report(section: str) -> None:
    path = ROOT / "docs" / "benchmarks.md"
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    if START in text and END in text:
        before, rest = text.split(START, 1)
        text = before + section + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="100k", choices=["1k", "10k", "100k"])
    parser.add_argument(
        "--database-url", default=os.environ.get("LOADTEST_DATABASE_URL", DEFAULT_URL)
    )
    parser.add_argument("--port", type=int, default=8106)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--duration", type=int, default=30, help="seconds, at most 60")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--report", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args()
    args.duration = min(args.duration, 60)
    if not args.database_url.startswith("postgres"):
        parser.error("the load test runs against PostgreSQL")

    WORK.mkdir(parents=True, exist_ok=True)
    corpus = WORK / f"corpus-{args.size}"
    env = production_env(args.database_url, args.port, args.workers)
    if not (corpus / "manifest.json").exists():
        shutil.rmtree(corpus, ignore_errors=True)
        run([PYTHON, "bench/generate_corpus.py", "--size", args.size, "--out", str(corpus)], env)
    facts = ensure_database(args.database_url, corpus, env)
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env)
    paths = WORK / "paths.txt"
    mix = write_paths(env, corpus, paths)
    print(f"corpus: {facts}; mix: {mix}", flush=True)

    log = (WORK / "gunicorn.log").open("w")
    server = subprocess.Popen(  # noqa: S603
        [
            PYTHON,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--config",
            "docker/gunicorn.conf.py",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{args.port}"
    try:
        wait_until_up(f"{base}/healthz")
        load_before = os.getloadavg()[0]
        timings = warm_up(base, paths.read_text().split())
        print("slowest single requests before the load:", sorted(timings)[-5:], flush=True)
        print("median single request by page:", medians(timings), flush=True)
        wrk = subprocess.run(  # noqa: S603
            ["wrk", "-t2", f"-c{args.connections}", f"-d{args.duration}s", "--latency",
             "--timeout", "10s", "-s", str(ROOT / "bench" / "load_test.lua"), base, "--",
             str(paths)],
            cwd=ROOT, capture_output=True, text=True, check=True,
        )  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    print(wrk.stdout)
    results = {**facts, **parse_wrk(wrk.stdout)}
    results["requests"] = results.get("requests", 0)
    results["medians"] = medians(timings)
    results["load_before"] = load_before
    section = report(results, args)
    print(section)
    if args.report:
        write_report(section)
    failed = results.get("5xx", 1) > 0 or results.get("socket_errors", 1) > 0
    if failed:
        print("FAILED: 5xx responses or socket errors; see var/loadtest/gunicorn.log")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
