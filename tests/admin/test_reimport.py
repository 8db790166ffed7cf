"""Staff edits survive re-imports of the source; released records take the source again."""

from __future__ import annotations

import shutil

import pytest
from django.urls import reverse
from reversion.models import Version

from readouts.models import Call, Person, Readout, Statement
from readouts.services import KEPT, UNCHANGED, UPDATED, Importer, merge_people

from ..conftest import FIXTURES
from . import factories
from .forms import save

pytestmark = pytest.mark.django_db

SEED_WANG = FIXTURES / "000_1a5f70aa50cc05b5.txt"
SEED_YANG = FIXTURES / "004_140103acfe350e8f.txt"


@pytest.fixture
def source(tmp_path):
    """A readout file imported once, that the test may then change on disk."""
    path = tmp_path / "wang-blinken.txt"
    shutil.copy(SEED_WANG, path)
    result = Importer().import_path(path)
    assert result.outcome == "created", result.message
    return path


def revise(path):
    """The publisher corrects the file: a different text of the same readout."""
    text = path.read_text(encoding="utf-8")
    assert "exchanged views" in text
    path.write_text(text.replace("exchanged views", "had an exchange of views"), encoding="utf-8")


def test_an_edited_statement_survives_a_reimport(admin_client, source):
    readout = Readout.objects.get(source_file=source.name)
    statement = readout.statements.order_by("position")[1]
    url = reverse("admin:readouts_statement_change", args=[statement.pk])
    save(admin_client, url, text="Corrected by staff.")

    assert Importer().import_path(source).outcome == UNCHANGED
    revise(source)
    result = Importer().import_path(source)
    assert result.outcome == KEPT and "edited" in result.message
    statement.refresh_from_db()
    assert statement.text == "Corrected by staff."
    assert "had an exchange of views" not in Readout.objects.get(pk=readout.pk).raw_text


def test_an_edited_call_keeps_its_readouts(admin_client, source):
    readout = Readout.objects.get(source_file=source.name)
    url = reverse("admin:readouts_call_change", args=[readout.call_id])
    save(admin_client, url, medium="video")
    revise(source)
    assert Importer().import_path(source).outcome == KEPT
    assert Call.objects.get(pk=readout.call_id).medium == "video"


def test_released_records_take_the_source_again_and_history_keeps_the_edit(admin_client, source):
    readout = Readout.objects.get(source_file=source.name)
    statement = readout.statements.order_by("position")[1]
    original = statement.text
    url = reverse("admin:readouts_statement_change", args=[statement.pk])
    save(admin_client, url, text="Corrected by staff.")
    admin_client.post(
        reverse("admin:readouts_statement_changelist"),
        {"action": "release_for_reimport", "_selected_action": [statement.pk]},
    )
    revise(source)
    assert Importer().import_path(source).outcome == UPDATED
    texts = list(Readout.objects.get(pk=readout.pk).statements.values_list("text", flat=True))
    assert "Corrected by staff." not in texts and original in texts
    assert any("had an exchange of views" in t for t in texts)
    # Nothing is lost: the edit is still in the history.
    kept = [v.field_dict["text"] for v in Version.objects.get_for_object(statement)]
    assert "Corrected by staff." in kept


def test_after_a_merge_imports_resolve_to_the_survivor(source):
    imported = Person.objects.get(name="Antony Blinken")
    survivor = factories.person("A. Blinken", "United States")
    merge_people(survivor, [imported])
    result = Importer().import_path(SEED_YANG)
    assert result.outcome == "created", result.message
    call = Readout.objects.get(pk=result.readout_id).call
    assert survivor in [p.person for p in call.participants.all()]
    assert not Person.objects.filter(name="Antony Blinken").exists()
    assert Statement.objects.filter(speaker=survivor).count() >= 2
