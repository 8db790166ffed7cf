from __future__ import annotations

import csv
import io
import json

import pytest

from readouts.models import Statement

from .conftest import SEEDS, run_command


def export(*args):
    out, err, status = run_command("export_readouts", *args)
    assert status == 0, err
    return out


@pytest.fixture
def seeds(db):
    out, err, status = run_command("import_readouts", *map(str, SEEDS), "--quiet")
    assert status == 0, err


def test_jsonl_has_one_call_a_line_in_the_documented_shape(seeds):
    lines = export().splitlines()
    assert len(lines) == 2
    first, second = map(json.loads, lines)
    assert first["date"] == "2021-02-06" and second["date"] == "2022-10-31"  # oldest first
    assert set(second) == {"id", "date", "medium", "requested_by", "participants", "readouts"}
    assert second["medium"] == "phone"
    assert second["requested_by"] == "Antony Blinken"
    assert second["participants"][1] == {
        "name": "Antony Blinken",
        "country": "United States",
        "title": "U.S. Secretary of State",
    }
    (readout,) = second["readouts"]
    assert set(readout) == {
        "source_file",
        "sha256",
        "title",
        "section",
        "published_at",
        "url",
        "statements",
    }
    assert readout["source_file"] == "000_1a5f70aa50cc05b5.txt"
    assert readout["section"] == "China News"
    assert readout["published_at"] == "2022-10-31T17:58:00"
    assert readout["url"] is None
    positions = [s["position"] for s in readout["statements"]]
    assert positions == sorted(positions) == list(range(len(positions)))
    speakers = {s["speaker"] for s in readout["statements"]}
    assert speakers == {None, "Wang Yi", "Antony Blinken"}
    assert all(s["kind"] in {"statement", "joint", "narration"} for s in readout["statements"])
    assert all((s["speaker"] is None) == (s["kind"] != "statement") for s in readout["statements"])
    assert (
        second["readouts"][0]["sha256"]
        == __import__("hashlib").sha256(SEEDS[0].read_bytes()).hexdigest()
    )


def test_csv_has_one_row_per_statement(seeds):
    rows = list(csv.DictReader(io.StringIO(export("--format", "csv"))))
    assert len(rows) == Statement.objects.count()
    assert rows[0]["date"] == "2021-02-06" and rows[0]["position"] == "0"
    assert {r["speaker"] for r in rows} >= {"Yang Jiechi", "Antony Blinken", "Wang Yi"}


def test_filters_by_date_and_person(seeds):
    assert len(export("--from", "2022-01-01").splitlines()) == 1
    assert len(export("--to", "2021-12-31").splitlines()) == 1
    assert len(export("--from", "2023-01-01").splitlines()) == 0
    assert len(export("--person", "Yang Jiechi").splitlines()) == 1
    assert len(export("--person", "blinken").splitlines()) == 2
    assert len(export("--person", "Nobody").splitlines()) == 0


def test_bad_filter_is_a_clear_error(seeds):
    out, err, status = run_command("export_readouts", "--from", "yesterday")
    assert status == 1 and "date_from" in err


def test_writes_to_a_file(seeds, tmp_path):
    target = tmp_path / "calls.jsonl"
    export("-o", str(target))
    assert len(target.read_text(encoding="utf-8").splitlines()) == 2
