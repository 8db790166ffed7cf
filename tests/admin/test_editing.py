"""Saving in the admin marks records protected, versions them, and can be undone or released."""

from __future__ import annotations

import pytest
from django.urls import reverse
from reversion.models import Version

from readouts.models import Call, Person, Readout, Statement

from . import factories
from .forms import change_form, save

pytestmark = pytest.mark.django_db


def comments(obj) -> list[str]:
    return [v.revision.comment for v in Version.objects.get_for_object(obj).order_by("pk")]


def form_index(client, url: str, statement: Statement) -> str:
    """Which form of the readout's statement inline edits `statement`."""
    data = change_form(client, url)
    key = next(k for k, v in data.items() if k.endswith("-id") and v == str(statement.pk))
    return key.split("-")[1]


def test_saving_a_statement_marks_it_and_keeps_the_imported_text(admin_client, staff):
    statement = factories.world()[0].statements.get(position=1)
    url = reverse("admin:readouts_statement_change", args=[statement.pk])
    save(admin_client, url, text="Corrected wording.")
    statement.refresh_from_db()
    assert statement.edited and statement.text == "Corrected wording."
    versions = list(Version.objects.get_for_object(statement).order_by("pk"))
    assert [v.field_dict["text"] for v in versions] == [
        "Statement 1 of call 0.",
        "Corrected wording.",
    ]
    assert versions[0].revision.comment == "As imported" and versions[0].revision.user is None
    assert (
        versions[1].revision.user == staff and "Changed Text" in versions[1].revision.get_comment()
    )


def test_changing_a_speaker_inline_marks_that_statement_only(admin_client):
    readout = factories.world()[0]
    other = factories.person("Gamma Envoy", "Carpathia")
    url = reverse("admin:readouts_readout_change", args=[readout.pk])
    target = readout.statements.get(position=2)
    index = form_index(admin_client, url, target)
    save(admin_client, url, **{f"statements-{index}-speaker": str(other.pk)})
    marked = dict(readout.statements.values_list("position", "edited"))
    assert marked == {0: False, 1: False, 2: True}
    assert readout.statements.get(position=2).speaker == other
    readout.refresh_from_db()
    assert readout.edited
    # The imported state of the readout and every statement is one revision back.
    first = Version.objects.get_for_object(readout).order_by("pk").first()
    assert first.revision.comment == "As imported"
    assert first.revision.version_set.count() == 1 + 3


def test_history_shows_who_and_when_and_reverts(admin_client, staff):
    readout = factories.world()[0]
    statement = readout.statements.get(position=0)
    original_speaker = statement.speaker
    url = reverse("admin:readouts_statement_change", args=[statement.pk])
    stranger = factories.person("Delta Spokesperson")
    save(admin_client, url, text="Wrong edit.", speaker=str(stranger.pk))

    history = admin_client.get(reverse("admin:readouts_statement_history", args=[statement.pk]))
    page = history.content.decode()
    assert "As imported" in page and "editor" in page and "Changed" in page

    imported = Version.objects.get_for_object(statement).order_by("pk").first()
    revert_url = reverse("admin:readouts_statement_revision", args=[statement.pk, imported.pk])
    form = change_form(admin_client, revert_url)
    assert form["text"] == "Statement 0 of call 0."  # the form shows the old version
    statement.refresh_from_db()
    assert statement.text == "Wrong edit."  # looking did not change anything
    response = admin_client.post(revert_url, form)
    assert response.status_code == 302
    statement.refresh_from_db()
    assert statement.text == "Statement 0 of call 0." and statement.speaker == original_speaker
    assert statement.edited  # a revert is an edit too: still protected from re-import
    assert comments(statement)[-1].startswith("Reverted to previous version")


def test_reverting_a_readout_restores_a_statement_deleted_inline(admin_client):
    readout = factories.world(statements=3)[0]
    url = reverse("admin:readouts_readout_change", args=[readout.pk])
    index = form_index(admin_client, url, readout.statements.get(position=1))
    save(admin_client, url, **{f"statements-{index}-DELETE": "on"})
    assert sorted(readout.statements.values_list("position", flat=True)) == [0, 2]
    imported = Version.objects.get_for_object(readout).order_by("pk").first()
    revert_url = reverse("admin:readouts_readout_revision", args=[readout.pk, imported.pk])
    assert admin_client.post(revert_url, change_form(admin_client, revert_url)).status_code == 302
    assert sorted(readout.statements.values_list("position", flat=True)) == [0, 1, 2]


def test_a_change_outside_the_admin_is_kept_before_the_next_edit(admin_client):
    statement = factories.world()[0].statements.get(position=0)
    url = reverse("admin:readouts_statement_change", args=[statement.pk])
    save(admin_client, url, text="First edit.")
    Statement.objects.filter(pk=statement.pk).update(text="Changed by an import.", edited=False)
    save(admin_client, url, text="Second edit.")
    texts = [v.field_dict["text"] for v in Version.objects.get_for_object(statement).order_by("pk")]
    assert texts == [
        "Statement 0 of call 0.",
        "First edit.",
        "Changed by an import.",
        "Second edit.",
    ]
    save(admin_client, url)  # saving unchanged records no snapshot, only the save itself
    assert Version.objects.get_for_object(statement).count() == 5


def test_release_for_reimport_clears_the_mark_on_a_readout_and_its_statements(admin_client):
    readout = factories.world()[0]
    Readout.objects.filter(pk=readout.pk).update(edited=True)
    readout.statements.filter(position__in=[0, 2]).update(edited=True)
    response = admin_client.post(
        reverse("admin:readouts_readout_changelist"),
        {"action": "release_for_reimport", "_selected_action": [readout.pk]},
        follow=True,
    )
    assert "Released 1 readout for re-import" in response.content.decode()
    readout.refresh_from_db()
    assert not readout.edited and not readout.statements.filter(edited=True).exists()
    assert comments(readout)[-1] == "Released for re-import"


def test_changelists_filter_protected_records(admin_client):
    a, b = factories.world(calls=2)
    Call.objects.filter(pk=a.call_id).update(edited=True)
    url = reverse("admin:readouts_call_changelist")
    protected = admin_client.get(url, {"edited__exact": "1"}).context["cl"].result_list
    assert [c.pk for c in protected] == [a.call_id]


def test_saving_a_call_marks_it_and_versions_its_participants(admin_client):
    readout = factories.world()[0]
    call = readout.call
    url = reverse("admin:readouts_call_change", args=[call.pk])
    data = change_form(admin_client, url)
    key = next(k for k, v in data.items() if k.endswith("-position") and v == "0")
    save(admin_client, url, medium="video", **{key.replace("position", "title"): "Prime Minister"})
    call.refresh_from_db()
    assert call.edited and call.medium == "video"
    assert call.participants.get(position=0).title == "Prime Minister"
    latest = Version.objects.get_for_object(call).order_by("pk").last()
    assert latest.revision.version_set.count() == 1 + 2  # the call and its two participants


def test_a_duplicate_alias_is_a_form_error(admin_client):
    person = factories.person("Wang Yi", "China", aliases=("Wang",))
    url = reverse("admin:readouts_person_change", args=[person.pk])
    data = change_form(admin_client, url)
    extra = next(
        k for k, v in data.items() if k.startswith("aliases-") and k.endswith("-name") and not v
    )
    response = admin_client.post(url, data | {extra: "wang  yi."})
    assert response.status_code == 200
    assert "already an alias" in response.content.decode()
    assert Person.objects.get().aliases.count() == 2


def test_releasing_a_readout_of_an_edited_call_warns(admin_client):
    readout = factories.world()[0]
    Readout.objects.filter(pk=readout.pk).update(edited=True)
    Call.objects.filter(pk=readout.call_id).update(edited=True)
    response = admin_client.post(
        reverse("admin:readouts_readout_changelist"),
        {"action": "release_for_reimport", "_selected_action": [readout.pk]},
        follow=True,
    )
    assert "still belong to an edited call" in response.content.decode()


def test_a_deleted_call_can_be_recovered_with_its_readouts(admin_client):
    readout = factories.world(statements=4)[0]
    call_id = readout.call_id
    statements = set(Statement.objects.values_list("pk", "text", "speaker_id"))
    participants = set(readout.call.participants.values_list("pk", "person_id"))
    response = admin_client.post(
        reverse("admin:readouts_call_delete", args=[call_id]), {"post": "yes"}
    )
    assert response.status_code == 302 and not Call.objects.exists()
    assert not Readout.objects.exists() and not Statement.objects.exists()

    listing = admin_client.get(reverse("admin:readouts_call_recoverlist")).content.decode()
    assert "Readout number" in listing
    version = Version.objects.get_deleted(Call).get()
    url = reverse("admin:readouts_call_recover", args=[version.pk])
    assert admin_client.post(url, change_form(admin_client, url)).status_code == 302
    assert set(Statement.objects.values_list("pk", "text", "speaker_id")) == statements
    assert set(Call.objects.get(pk=call_id).participants.values_list("pk", "person_id")) == (
        participants
    )


def test_deleting_a_person_keeps_who_said_what_in_history(admin_client):
    readout = factories.world()[0]
    speaker = readout.statements.get(position=1).speaker
    readout.call.participants.filter(person=speaker).delete()  # else the person is protected
    admin_client.post(reverse("admin:readouts_person_delete", args=[speaker.pk]), {"post": "yes"})
    assert not Person.objects.filter(pk=speaker.pk).exists()
    assert readout.statements.get(position=1).speaker is None
    version = Version.objects.get_deleted(Person).get()
    version.revision.revert()
    assert readout.statements.get(position=1).speaker_id == speaker.pk


def test_a_statement_added_inline_goes_after_the_others(admin_client):
    readout = factories.world(statements=3)[0]
    url = reverse("admin:readouts_readout_change", args=[readout.pk])
    data = change_form(admin_client, url) | {
        "statements-TOTAL_FORMS": "4",
        "statements-3-kind": "narration",
        "statements-3-text": "Added by staff from the video.",
        "statements-3-readout": str(readout.pk),
    }
    assert admin_client.post(url, data).status_code == 302
    added = readout.statements.get(text="Added by staff from the video.")
    assert added.position == 3 and added.edited


def test_positions_cannot_be_edited_into_a_clash(admin_client):
    statement = factories.world()[0].statements.get(position=1)
    url = reverse("admin:readouts_statement_change", args=[statement.pk])
    assert 'name="position"' not in admin_client.get(url).content.decode()
    admin_client.post(url, change_form(admin_client, url) | {"position": "0"})
    statement.refresh_from_db()
    assert statement.position == 1


def test_adding_a_person_twice_to_a_call_is_a_form_error(admin_client):
    readout = factories.world()[0]
    first = readout.call.participants.get(position=0)
    url = reverse("admin:readouts_call_change", args=[readout.call_id])
    data = change_form(admin_client, url) | {
        "participants-TOTAL_FORMS": "3",
        "participants-2-person": str(first.person_id),
        "participants-2-position": "2",
        "participants-2-call": str(readout.call_id),
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Please correct the duplicate data" in response.content.decode()
    assert readout.call.participants.count() == 2
