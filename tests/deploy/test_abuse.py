"""Absurd requests: each answered quickly with a page (200 with a message, 400 or 404),
never a 500 and never a slow query."""

from __future__ import annotations

import time
from urllib.parse import quote

import pytest
from django.test import Client

from .factories import archive

FAST = 2.0  # seconds; a real page on this data answers in a few milliseconds

NESTED = "(" * 400 + "grain" + ")" * 400
LONG_QUERY = " ".join(["ceasefire"] * 350)  # about 3.5 KB: under the query-string limit
TRICKY = ['"unbalanced', "NOT", "AND OR NOT", "*", "grain NEAR/3 trade", "a:b", "\\", "'; --"]


@pytest.fixture
def client(db):
    archive(calls=3)
    return Client(raise_request_exception=False)


def fetch(client, url):
    started = time.monotonic()
    response = client.get(url)
    elapsed = time.monotonic() - started
    assert response.status_code < 500, (url, response.status_code)
    assert elapsed < FAST, (url, elapsed)
    return response


@pytest.mark.parametrize("name", ["page", "q", "person", "country", "date_from", "year"])
def test_a_filter_repeated_many_times_is_a_400_with_a_message(client, name):
    url = "/calls/?" + "&".join(f"{name}=x{i}" for i in range(50))
    response = fetch(client, url)
    assert response.status_code == 400
    assert "repeated more than 20 times" in response.content.decode()


def test_a_filter_repeated_a_few_times_is_no_abuse(client):
    response = fetch(client, "/calls/?" + "&".join(["medium=phone"] * 5))
    assert response.status_code in (200, 400)
    assert "repeated more than" not in response.content.decode()


@pytest.mark.parametrize("path", ["/", "/calls/", "/people/", "/search/"])
def test_a_query_string_over_4_kb_is_a_400_with_a_message(client, path):
    response = fetch(client, path + "?q=" + "x" * 5000)
    assert response.status_code == 400
    body = response.content.decode()
    assert "too long" in body and "4096 bytes" in body
    assert "default-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    "query",
    ["page=999999999999999999999999", "page=-1", "page=0", "page=1e9", "page=%00", "page=last"],
)
@pytest.mark.parametrize("path", ["/calls/", "/people/"])
def test_any_page_number_gets_a_page(client, path, query):
    assert fetch(client, f"{path}?{query}").status_code in (200, 400, 404)


@pytest.mark.parametrize(
    "query",
    [
        "date_from=99999-01-01",
        "date_from=0001-01-01&date_to=0000-00-00",
        "year=99999999999999999999",
        "person=" + "a" * 2000,
        "country=%00%01",
        "medium=<script>",
        "ordering=-id;DROP TABLE",
        "sort=" + quote("'; SELECT pg_sleep(10); --"),
    ],
)
def test_bad_filter_values_get_a_page(client, query):
    response = fetch(client, f"/calls/?{query}")
    assert response.status_code in (200, 400)
    assert b"<script>" not in response.content


@pytest.mark.parametrize(
    "path",
    [
        "/calls/99999999999999999999999/",
        "/calls/9223372036854775808/",
        "/people/" + "a" * 3000 + "/",
        "/people/%E2%80%8B/",
    ],
)
def test_addresses_of_nothing_are_a_404(client, path):
    response = fetch(client, path)
    assert response.status_code == 404
    assert "Not found" in response.content.decode()


@pytest.mark.parametrize("q", [NESTED, LONG_QUERY, *TRICKY, "%00", "ｇｒａｉｎ", "🙂" * 200])
def test_search_answers_any_query_quickly(client, q):
    response = fetch(client, "/search/?q=" + quote(q))
    assert response.status_code in (200, 400)


@pytest.mark.parametrize("page", ["999999999999999999", "-5", "abc"])
def test_search_answers_any_page_number(client, page):
    response = fetch(client, f"/search/?q=grain&page={page}")
    assert response.status_code in (200, 400)
