"""Imported text is untrusted: every page shows it as text, never as markup."""

import pytest

from readouts.models import Person

from .factories import HOSTILE, corpus, hostile_call

pytestmark = pytest.mark.django_db

ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"


@pytest.fixture
def villain():
    corpus(3)
    hostile_call()
    return Person.objects.get(name__startswith="Eve")


def pages(villain):
    call = villain.calls.get()
    return [
        "/",
        "/calls/",
        f"/calls/?person={villain.slug}",
        call.get_absolute_url(),
        "/people/",
        villain.get_absolute_url(),
        f"{villain.get_absolute_url()}?q=grain",
        "/search/?q=grain",
        "/search/?q=hostile",
        "/search/?q=script",
        "/search/?q=alert",
        f"/search/?person={villain.slug}",
    ]


def test_hostile_text_is_escaped_on_every_page(client, villain):
    for url in pages(villain):
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert HOSTILE not in html, url
        assert "<script>alert" not in html and "<img src=x" not in html, url
        assert ESCAPED in html or "&lt;script&gt;" in html, url


def test_hostile_excerpt_is_escaped(client, villain):
    response = client.get("/search/", {"q": "hostile"})
    found = list(response.context["listing"].page)
    assert len(found) == 1
    html = response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "onerror=alert(1)&gt;" in html
