"""An admin edit is found by search at once: the database keeps the index, no rebuild step."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from readouts import selectors
from readouts.models import Statement

from . import factories
from .forms import save

pytestmark = pytest.mark.django_db


def found(q: str) -> list[int]:
    return [s.pk for s in selectors.find_statements(q, Statement.objects.all(), "relevance")]


def results(q: str) -> str:
    """The results list of the public search page (not its filters, which list everyone)."""
    page = Client().get(reverse("readouts:search"), {"q": q})
    assert page.status_code == 200
    html = page.content.decode()
    start = html.index('<ol class="results"')
    return html[start : html.index("</ol>", start)]


def test_edited_text_is_searchable_at_once(admin_client):
    statement = factories.world(calls=3)[1].statements.get(position=1)
    assert found("zanzibarine") == []
    assert statement.pk in found("Statement")
    url = reverse("admin:readouts_statement_change", args=[statement.pk])
    save(admin_client, url, text="The zanzibarine accord was discussed.")
    assert found("zanzibarine") == [statement.pk]
    assert found("accord zanzibarine") == [statement.pk]

    listing = results("zanzibarine")  # the hit may be highlighted: check around it
    assert "zanzibarine" in listing and "accord was discussed" in listing


def test_a_corrected_speaker_is_what_search_shows(admin_client):
    statement = factories.world()[0].statements.get(position=0)
    envoy = factories.person("Gamma Envoy", "Carpathia")
    url = reverse("admin:readouts_statement_change", args=[statement.pk])
    save(admin_client, url, text="Quokka diplomacy works.", speaker=str(envoy.pk))
    assert results("quokka").count("Gamma Envoy") >= 1
    assert "Alpha Minister" not in results("quokka")  # the old speaker is gone from the result


def test_the_search_engine_sees_an_edit_at_once(admin_client):
    search = pytest.importorskip("readouts.search")
    statement = factories.world(calls=2)[0].statements.get(position=2)
    assert statement.pk in [s.pk for s in search.search_statements("statement")]
    url = reverse("admin:readouts_statement_change", args=[statement.pk])
    save(admin_client, url, text="A newword about fisheries.")
    assert [s.pk for s in search.search_statements("newword")] == [statement.pk]
    assert statement.pk not in [s.pk for s in search.search_statements("statement")]
