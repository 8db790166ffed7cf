"""Merging duplicate people: nothing is lost, later imports find the survivor, undo works."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from reversion.models import Revision, Version

from readouts.models import Participant, Person, PersonAlias, Statement
from readouts.services import merge_people, resolve_person

from . import factories
from .forms import change_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def duplicates():
    """Blinken printed two ways: two Person rows, one of them in a call with the other."""
    blinken = factories.person("Antony Blinken", "United States", aliases=("Blinken",))
    tony = factories.person("Tony Blinken", "United States", aliases=("Secretary Blinken",))
    wang = factories.person("Wang Yi", "China")
    c1 = factories.call([blinken, wang], dt.date(2023, 2, 1))
    c2 = factories.call([tony, wang], dt.date(2023, 3, 1))
    c3 = factories.call([blinken, tony, wang], dt.date(2023, 4, 1))  # both rows in one call
    Participant.objects.filter(call=c3, person=tony).update(requested=True)
    factories.readout(c1, [(blinken, "We met."), (wang, "Yes.")])
    factories.readout(c2, [(tony, "Tony said this."), (tony, "And this."), (wang, "Fine.")])
    factories.readout(c3, [(tony, "Third call.")])
    return blinken, tony, wang, (c1, c2, c3)


def test_merge_moves_statements_calls_and_names(duplicates):
    blinken, tony, wang, (c1, c2, c3) = duplicates
    result = merge_people(tony, [blinken])
    assert result.merged_names == ["Antony Blinken"]
    assert (result.statements, result.participations) == (1, 2)
    assert not Person.objects.filter(pk=blinken.pk).exists()
    assert Statement.objects.filter(speaker=tony).count() == 4
    assert set(Participant.objects.filter(person=tony).values_list("call", flat=True)) == {
        c1.pk,
        c2.pk,
        c3.pk,
    }
    assert c3.participants.count() == 2  # one row for the merged person, none lost for Wang
    assert c3.participants.get(person=tony).requested
    names = set(tony.aliases.values_list("name", flat=True))
    assert names == {"Tony Blinken", "Secretary Blinken", "Antony Blinken", "Blinken"}
    tony.refresh_from_db()
    assert tony.edited
    assert Person.objects.get(pk=wang.pk).statements.count() == 2  # untouched


def test_later_imports_resolve_merged_names_to_the_survivor(duplicates):
    blinken, tony, _, _ = duplicates
    merge_people(tony, [blinken])
    for printed in ["Antony Blinken", "Blinken", "ANTONY  BLINKEN.", "Tony Blinken"]:
        assert resolve_person(printed, "United States") == tony
    assert Person.objects.count() == 2


def test_merging_a_person_with_itself_is_refused(duplicates):
    blinken = duplicates[0]
    with pytest.raises(ValueError):
        merge_people(blinken, [blinken])


def test_the_state_before_a_merge_is_a_revision_that_undoes_it(duplicates):
    blinken, tony, wang, (c1, c2, c3) = duplicates
    statements_before = dict(Statement.objects.values_list("pk", "speaker_id"))
    rows = ("call", "person", "title", "requested", "position")
    participants_before = set(Participant.objects.values_list(*rows))
    merge_people(tony, [blinken])
    before = Revision.objects.get(comment__startswith="State before merging")
    assert Revision.objects.filter(comment="Merged Antony Blinken into Tony Blinken").exists()
    before.revert(delete=True)
    assert Person.objects.get(pk=blinken.pk).name == "Antony Blinken"
    assert dict(Statement.objects.values_list("pk", "speaker_id")) == statements_before
    assert set(blinken.aliases.values_list("name", flat=True)) == {"Antony Blinken", "Blinken"}
    assert set(Participant.objects.values_list(*rows)) == participants_before
    assert set(tony.aliases.values_list("name", flat=True)) == {"Tony Blinken", "Secretary Blinken"}


def test_admin_merge_asks_which_person_to_keep_then_merges(admin_client, duplicates, staff):
    blinken, tony, wang, _ = duplicates
    url = reverse("admin:readouts_person_changelist")
    selected = {"action": "merge_people", "_selected_action": [blinken.pk, tony.pk]}
    page = admin_client.post(url, selected)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Choose the person to keep" in html
    # The default is the one with the most statements.
    assert f'value="{tony.pk}" id="survivor-{tony.pk}" checked' in html

    response = admin_client.post(url, selected | {"confirm": "yes", "survivor": blinken.pk})
    assert response.status_code == 302
    assert list(Person.objects.order_by("pk")) == [blinken, wang]
    assert Statement.objects.filter(speaker=blinken).count() == 4
    revision = Revision.objects.get(comment__startswith="Merged")
    assert revision.user == staff
    assert Version.objects.get_for_object(blinken).filter(revision=revision).exists()
    # The merged person can be found among the deleted people, to recover.
    recover = admin_client.get(reverse("admin:readouts_person_recoverlist"))
    assert "Tony Blinken" in recover.content.decode()


def test_admin_merge_with_a_bad_choice_changes_nothing(admin_client, duplicates):
    blinken, tony, wang, _ = duplicates
    url = reverse("admin:readouts_person_changelist")
    selected = {"action": "merge_people", "_selected_action": [blinken.pk, tony.pk]}
    for bad in ["", "abc", str(wang.pk), "99999"]:
        response = admin_client.post(url, selected | {"confirm": "yes", "survivor": bad})
        assert response.status_code == 200
        assert "Choose which of these people to keep" in response.content.decode()
    assert Person.objects.count() == 3
    response = admin_client.post(
        url, {"action": "merge_people", "_selected_action": [blinken.pk]}, follow=True
    )
    assert "Select two or more people to merge" in response.content.decode()
    assert Person.objects.count() == 3


def test_aliases_shared_by_both_people_are_kept_once(duplicates):
    blinken, tony, _, _ = duplicates
    PersonAlias.objects.create(person=tony, name="Blinken")
    merge_people(tony, [blinken])
    assert tony.aliases.filter(key="blinken").count() == 1


def test_admin_undoes_a_merge_from_the_survivors_history(admin_client, duplicates):
    blinken, tony, _, _ = duplicates
    before = dict(Statement.objects.values_list("pk", "speaker_id"))
    merge_people(tony, [blinken])
    version = (
        Version.objects.get_for_object(tony)
        .filter(revision__comment__startswith="State before merging")
        .get()
    )
    history = admin_client.get(reverse("admin:readouts_person_history", args=[tony.pk]))
    assert "State before merging Antony Blinken into Tony Blinken" in history.content.decode()
    url = reverse("admin:readouts_person_revision", args=[tony.pk, version.pk])
    assert admin_client.post(url, change_form(admin_client, url)).status_code == 302
    assert Person.objects.filter(pk=blinken.pk).exists()
    assert dict(Statement.objects.values_list("pk", "speaker_id")) == before
    assert set(tony.aliases.values_list("name", flat=True)) == {"Tony Blinken", "Secretary Blinken"}
