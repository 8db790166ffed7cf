"""Shared by the golden test and the regeneration helper: sample files and their JSON form."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import unicodedata
from pathlib import Path

from readouts.parsing import ParsedReadout, decode, parse_readout

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
GOLDEN_DIR = HERE / "golden"
SAMPLE_DIRS = (ROOT / "fixtures", ROOT / "fixtures" / "samples", HERE / "samples")


def sample_paths() -> list[Path]:
    return [p for d in SAMPLE_DIRS for p in sorted(d.glob("*.txt"))]


def golden_path(sample: Path) -> Path:
    return GOLDEN_DIR / f"{sample.stem}.json"


def norm(value):
    """A value as the export scorer compares it: NFKC, plain quotes, one space, casefolded."""
    if value is None:
        return None
    s = unicodedata.normalize("NFKC", str(value))
    s = s.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", s).strip().casefold() or None


def parse_file(path: Path) -> ParsedReadout:
    decoded = decode(path.read_bytes())
    readout = parse_readout(decoded.text)
    readout.warnings[:0] = decoded.warnings
    return readout


def to_json(readout: ParsedReadout) -> dict:
    def convert(value):
        if isinstance(value, dt.datetime | dt.date):
            return value.isoformat()
        raise TypeError(type(value))

    data = dataclasses.asdict(readout)
    data["requested_by"] = readout.requested_by.name if readout.requested_by else None
    return json.loads(json.dumps(data, default=convert))


def dump(data: dict) -> str:
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"
