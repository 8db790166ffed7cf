"""`make bench`: generate a corpus, then benchmark import, search and HTTP on both databases.

    python bench/run.py --size 100k                      # everything, SQLite and PostgreSQL
    python bench/run.py --size 10k --stages import       # only the import
    python bench/run.py --size 100k --stages search,http --vendors sqlite

Results go to bench/results/<size>.json (merged, so a partial run keeps the rest) and the
tables in docs/benchmarks.md are rewritten from every results file.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402
    PYTHON,
    RESULTS,
    ROOT,
    VENDORS,
    WORK,
    database_url,
    django_env,
    machine,
    manage,
    pg_available,
)

STAGES = ("import", "search", "http")
IMPORT_TIMEOUT = {"1k": 300, "10k": 600, "100k": 3600, "1M": 6 * 3600}


def corpus_for(size: str) -> Path:
    corpus = WORK / f"corpus-{size}"
    if not (corpus / "manifest.json").exists():
        subprocess.run(
            [PYTHON, "bench/generate_corpus.py", "--size", size, "--out", str(corpus)],
            cwd=ROOT,
            check=True,
        )
    return corpus


def sqlite_has_corpus(url: str) -> bool:
    """Whether the SQLite benchmark database holds statements (Datasette's copy is made from
    it)."""
    import sqlite3

    from import_bench import count_rows

    if not Path(url.removeprefix("sqlite:///")).exists():
        return False
    try:
        return count_rows("sqlite", url)[1] > 0
    except sqlite3.Error:
        return False


def load_results(size: str) -> dict:
    path = RESULTS / f"{size}.json"
    return json.loads(path.read_text()) if path.exists() else {"size": size}


def save_results(size: str, results: dict) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{size}.json").write_text(json.dumps(results, indent=1) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="100k", choices=["1k", "10k", "100k", "1M"])
    parser.add_argument("--stages", default=",".join(STAGES))
    parser.add_argument("--vendors", default=",".join(VENDORS))
    parser.add_argument("--repeat", type=int, default=30, help="timed runs per search query")
    parser.add_argument("--budget", type=float, default=20, help="seconds a search case, about")
    parser.add_argument("--http-seconds", type=int, default=6, help="wrk run per query and load")
    args = parser.parse_args(argv)
    stages = [s for s in args.stages.split(",") if s]
    vendors = [v for v in args.vendors.split(",") if v]
    if "postgresql" in vendors and not pg_available():
        print("PostgreSQL does not answer at 127.0.0.1:5432; SQLite only.", file=sys.stderr)
        vendors.remove("postgresql")

    from http_bench import bench_http, datasette_db
    from import_bench import bench_import

    corpus = corpus_for(args.size)
    manifest = json.loads((corpus / "manifest.json").read_text())
    results = load_results(args.size)
    results["machine"] = machine()
    results["corpus"] = {k: manifest[k] for k in ("readouts", "statements", "people", "queries")}
    WORK.mkdir(parents=True, exist_ok=True)
    if {"search", "http"} & set(stages):
        manage(database_url(vendors[0], args.size), "collectstatic", "--noinput", "-v0")

    for vendor in vendors:
        url = database_url(vendor, args.size)
        section = results.setdefault(vendor, {})
        started = time.monotonic()
        if "import" in stages:
            print(f"[{vendor}] import of {args.size} statements", file=sys.stderr)
            section["import"] = bench_import(vendor, args.size, corpus, IMPORT_TIMEOUT[args.size])
            save_results(args.size, results)
        if "search" in stages:
            print(f"[{vendor}] search", file=sys.stderr)
            done = subprocess.run(
                [PYTHON, "bench/search_bench.py", str(corpus / "manifest.json"),
                 "--repeat", str(args.repeat), "--budget", str(args.budget)],
                cwd=ROOT, env=django_env(url), check=True, capture_output=True, text=True,
            )  # fmt: skip
            section["search"] = json.loads(done.stdout)
            save_results(args.size, results)
        print(f"[{vendor}] done in {time.monotonic() - started:.0f}s", file=sys.stderr)

    if "http" in stages:
        # Every server at once, driven in turn: each comparison within the same minute.
        print(f"[{', '.join(vendors)}, datasette] http", file=sys.stderr)
        sqlite_url = database_url("sqlite", args.size)
        datasette = datasette_db(sqlite_url, args.size) if sqlite_has_corpus(sqlite_url) else None
        envs = {vendor: django_env(database_url(vendor, args.size)) for vendor in vendors}
        http = bench_http(envs, datasette, manifest["queries"], args.http_seconds)
        for vendor in vendors:
            results.setdefault(vendor, {})["http"] = http[vendor]
        results["datasette"] = http.get("datasette", {"skipped": "no SQLite database to copy"})
        save_results(args.size, results)

    from report import write_report

    write_report()
    return 0


if __name__ == "__main__":
    sys.exit(main())
