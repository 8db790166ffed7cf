"""Two sites' translations of one call, spelling the counterpart otherwise ('Sergey' and
'Sergei Lavrov', 'Zelensky' and 'Zelenskyy', 'Josep Borrell [Fontelles]', accents dropped):
imported, each pair is one call with two readouts, in either order."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from readouts.models import Call, Readout

from .conftest import run_command

PAIRS = Path(__file__).resolve().parent / "translations"


def pairs() -> list[tuple[str, str]]:
    names = sorted(p.name for p in PAIRS.glob("*.txt"))
    return [(a, b) for a, b in zip(names[::2], names[1::2], strict=True)]


@pytest.mark.django_db
@pytest.mark.parametrize("order", ["a first", "b first"])
def test_each_pair_of_translations_is_one_call(tmp_path, order):
    for a, b in pairs():
        first, second = (a, b) if order == "a first" else (b, a)
        shutil.copy(PAIRS / first, tmp_path / f"1-{first}")
        shutil.copy(PAIRS / second, tmp_path / f"2-{second}")
    out, err, status = run_command("import_readouts", str(tmp_path))
    assert status == 0, err
    assert len(pairs()) == 8
    assert "8 created, 8 attached to an existing call" in out
    assert Call.objects.count() == 8
    for a, b in pairs():
        calls = {Readout.objects.get(source_file__endswith=name).call_id for name in (a, b)}
        assert len(calls) == 1, (a, b)
    for call in Call.objects.all():
        assert call.participants.count() == 2
