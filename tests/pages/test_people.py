import pytest
from django.urls import reverse

from readouts.models import Person, Statement

from .factories import corpus, many_statements

pytestmark = pytest.mark.django_db

PEOPLE = reverse("readouts:person-list")


@pytest.fixture
def calls():
    return corpus(12)


def test_people_list_with_counts(client, calls):
    response = client.get(PEOPLE)
    rows = {p.name: p for p in response.context["listing"].page}
    assert len(rows) == 5
    chen = Person.objects.get(slug="bo-chen")
    assert rows["Bo Chen"].call_count == chen.calls.count() == 6
    assert rows["Bo Chen"].statement_count == Statement.objects.filter(speaker=chen).count() == 6
    html = response.content.decode()
    assert f'<a href="{chen.get_absolute_url()}">Bo Chen</a></th><td>China</td>' in html


@pytest.mark.parametrize(
    "params, names",
    [
        ({"country": "france"}, ["Claire Dubois"]),
        ({"country": "FRANCE"}, ["Claire Dubois"]),
        ({"country": "Atlantis"}, []),
        ({"name": "chen"}, ["Bo Chen"]),
        ({"name": "Minister Chen"}, ["Bo Chen"]),
        ({"name": "lopes"}, ["Ana Lópes"]),  # accents folded through the alias key
        ({"name": "zzz"}, []),
    ],
)
def test_people_filters(client, calls, params, names):
    response = client.get(PEOPLE, params)
    assert [p.name for p in response.context["listing"].page] == names


def test_person_page(client, calls):
    chen = Person.objects.get(slug="bo-chen")
    response = client.get(chen.get_absolute_url())
    assert response.status_code == 200
    dates = [c.date for c in response.context["calls"].page]
    assert dates == sorted(dates) and len(dates) == 6
    counterparts = {p.name: p.shared for p in response.context["counterparts"]}
    assert counterparts == {"Ana Lópes": 3, "Claire Dubois": 3}
    statements = list(response.context["results"].page)
    assert {s.speaker_id for s in statements} == {chen.pk} and len(statements) == 6
    html = response.content.decode()
    assert f'action="{chen.get_absolute_url()}#own-search-title"' in html
    assert "Search only Bo Chen's statements" in html


def test_person_search_searches_only_their_statements(client, calls):
    chen = Person.objects.get(slug="bo-chen")
    # "grain" is topic 0: calls 0 and 7 (Ana–Bo and Claire–Dmytro); both speakers say it
    response = client.get(chen.get_absolute_url(), {"q": "grain"})
    found = list(response.context["results"].page)
    assert [s.readout.call.date.isoformat() for s in found] == ["2020-01-15"]
    assert all(s.speaker_id == chen.pk for s in found)
    assert "1 statement matches “grain”" in response.content.decode()
    assert Statement.objects.filter(text__icontains="grain").count() == 4


def test_person_statements_paginate_with_their_query(client, calls):
    chen = Person.objects.get(slug="bo-chen")
    many_statements(chen, 30)
    response = client.get(chen.get_absolute_url(), {"q": "grain", "sort": "oldest"})
    results = response.context["results"]
    assert results.page.paginator.count == 31
    assert results.next_url == "?q=grain&sort=oldest&page=2"
    page2 = client.get(chen.get_absolute_url() + results.next_url).context["results"]
    assert len(page2.page) == 11


def test_unknown_person_404(client, calls):
    assert client.get("/people/nobody-here/").status_code == 404
