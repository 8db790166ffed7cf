"""Every admin page loads for staff, costs a fixed number of queries, and is closed to others."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from readouts.models import Call, Person, Readout, Statement

from . import factories

pytestmark = pytest.mark.django_db


def queries(client, url: str) -> int:
    ContentType.objects.clear_cache()  # count as a fresh process would, whatever ran before
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries)


def pages() -> dict[str, str]:
    r = Readout.objects.order_by("pk").first()
    s = r.statements.first()
    c, p = r.call, s.speaker
    return {
        "index": reverse("admin:index"),
        "calls": reverse("admin:readouts_call_changelist"),
        "call": reverse("admin:readouts_call_change", args=[c.pk]),
        "readouts": reverse("admin:readouts_readout_changelist"),
        "readout": reverse("admin:readouts_readout_change", args=[r.pk]),
        "statements": reverse("admin:readouts_statement_changelist"),
        "statement": reverse("admin:readouts_statement_change", args=[s.pk]),
        "people": reverse("admin:readouts_person_changelist"),
        "person": reverse("admin:readouts_person_change", args=[p.pk]),
    }


# Queries for each page, whatever the number of rows: session, user, the admin's savepoint
# pair, and the page's own.
EXPECTED = {
    "index": 3,
    "calls": 10,
    "call": 10,
    "readouts": 9,
    "readout": 10,
    "statements": 6,
    "statement": 7,
    "people": 7,
    "person": 7,
}


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_query_count_is_fixed_and_does_not_grow_with_rows(admin_client, page):
    factories.world(calls=2, statements=3)
    small = queries(admin_client, pages()[page])
    factories.world(calls=30, statements=40)
    factories.readout(Call.objects.last(), [(None, "A second readout of the same call.")])
    for i in range(20):
        factories.person(f"Someone Else {i}")
    # The first readout/call/person again, now with many more rows around (and in) them.
    r = Readout.objects.order_by("-pk")[1]
    big_pages = pages() | {
        "readout": reverse("admin:readouts_readout_change", args=[r.pk]),
        "call": reverse("admin:readouts_call_change", args=[r.call_id]),
    }
    large = queries(admin_client, big_pages[page])
    assert small == large == EXPECTED[page]


def test_every_page_loads(admin_client):
    factories.world()
    readout = Readout.objects.get()
    urls = [
        *pages().values(),
        reverse("admin:readouts_call_add"),
        reverse("admin:readouts_person_add"),
        reverse("admin:readouts_readout_history", args=[readout.pk]),
        reverse("admin:readouts_person_recoverlist"),
        reverse("admin:autocomplete") + "?app_label=readouts&model_name=statement"
        "&field_name=speaker&term=alp",
        reverse("admin:readouts_call_changelist") + "?q=Alpha&edited__exact=0",
        reverse("admin:readouts_statement_changelist") + "?q=Statement&kind__exact=statement",
    ]
    for url in urls:
        assert admin_client.get(url).status_code == 200, url


def test_readouts_and_statements_are_not_added_on_their_own(admin_client):
    # Readouts come from files; statements are added inside their readout.
    assert admin_client.get(reverse("admin:readouts_readout_add")).status_code == 403
    assert admin_client.get(reverse("admin:readouts_statement_add")).status_code == 403


def test_speaker_autocomplete_finds_people_by_alias(admin_client):
    p = factories.person("Antony Blinken", "United States", aliases=("Secretary Blinken",))
    url = reverse("admin:autocomplete")
    response = admin_client.get(
        url,
        {
            "app_label": "readouts",
            "model_name": "statement",
            "field_name": "speaker",
            "term": "secretary",
        },
    )
    assert [r["id"] for r in response.json()["results"]] == [str(p.pk)]


def test_change_form_shows_protection_and_raw_text_is_read_only(admin_client):
    readout = factories.world()[0]
    url = reverse("admin:readouts_readout_change", args=[readout.pk])
    page = admin_client.get(url).content.decode()
    assert "Not edited yet" in page
    assert 'name="raw_text"' not in page and "Statement 0 of call 0." in page
    Readout.objects.filter(pk=readout.pk).update(edited=True)
    assert "Protected." in admin_client.get(url).content.decode()


def test_bad_ids_give_a_redirect_or_404_not_an_error(admin_client):
    for url in [
        "/admin/readouts/call/999999/change/",
        "/admin/readouts/call/not-a-number/change/",
        "/admin/readouts/person/999999/history/",
        "/admin/readouts/statement/?kind__exact=bogus&o=99",
        "/admin/readouts/readout/?call__date__year=abc",
    ]:
        assert admin_client.get(url).status_code in (200, 302, 404), url


@pytest.mark.parametrize(
    "url", ["/admin/", "/admin/readouts/statement/", "/admin/readouts/person/1/change/"]
)
def test_anonymous_users_are_sent_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_non_staff_users_are_refused(client, django_user_model):
    user = django_user_model.objects.create_user("reader", password="x-pass-1")
    client.force_login(user)
    response = client.get("/admin/readouts/statement/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    factories.world()
    s = Statement.objects.first()
    response = client.post(
        reverse("admin:readouts_statement_change", args=[s.pk]), {"text": "hijacked"}
    )
    assert response.status_code == 302
    s.refresh_from_db()
    assert s.text != "hijacked"


def test_staff_without_permissions_cannot_edit(client, django_user_model):
    user = django_user_model.objects.create_user("intern", password="x-pass-1", is_staff=True)
    client.force_login(user)
    factories.world()
    assert client.get(reverse("admin:readouts_person_changelist")).status_code == 403
    p = Person.objects.first()
    assert client.get(reverse("admin:readouts_person_change", args=[p.pk])).status_code == 403
