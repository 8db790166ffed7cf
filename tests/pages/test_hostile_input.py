"""Any value in any parameter gives a page (with a message) or a 400: never a 500."""

from urllib.parse import quote_from_bytes

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readouts.models import Person

from .factories import corpus, hostile_call

pytestmark = pytest.mark.django_db

PARAMS = [
    "q",
    "sort",
    "page",
    "cpage",
    "person",
    "country",
    "date_from",
    "date_to",
    "year",
    "kind",
    "medium",
    "requested_by",
    "name",
]
PAGES = [
    "/",
    "/calls/",
    "/people/",
    "/people/bo-chen/",
    "/search/",
    "/search/help/",
    "/calls/export.csv",
    "/calls/export.jsonl",
    "/search/export.csv",
    "/search/export.jsonl",
]

# Text a person, a script or a fuzzer may send: operators, quotes, huge numbers, dates, NULs.
SPECIAL = st.sampled_from(
    [
        '"',
        '"grain',
        "-",
        "*",
        "OR",
        "NOT",
        "AND",
        "NEAR(a b)",
        "(",
        ")",
        "^",
        ":",
        "'",
        "\\",
        "%",
        "_",
        "\x00",
        "-1",
        "0",
        "99999999999999999999999999",
        "1e309",
        "nan",
        "2022-02-30",
        "0000-01-01",
        "9999-12-31",
        "2022-01-01",
        "relevance",
        "oldest",
        "statement",
        "phone",
        "Bo Chen",
        "bo-chen",
        "<script>alert(1)</script>",
        "ﬁ",
        "İ",
        "\u202e",
        "🙂",
    ]
)
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
VALUE = st.one_of(SPECIAL, TEXT, st.lists(SPECIAL | TEXT, max_size=4).map(" ".join))


@pytest.fixture
def archive():
    corpus(8)
    hostile_call()
    return Person.objects.get(slug="bo-chen")


def check(response, url, params) -> None:
    assert response.status_code in (200, 400), (url, params, response.status_code)
    if response.status_code == 400 and not response.streaming:
        assert response.content, (url, params)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    page=st.sampled_from(PAGES),
    params=st.dictionaries(st.sampled_from(PARAMS), VALUE, max_size=6),
)
def test_arbitrary_parameters_never_500(client, archive, page, params):
    response = client.get(page, params)
    check(response, page, params)
    if response.streaming:
        b"".join(response.streaming_content)  # errors while streaming would surface here


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    page=st.sampled_from(PAGES),
    name=st.sampled_from(PARAMS),
    raw=st.binary(max_size=40),
)
def test_undecodable_bytes_never_500(client, archive, page, name, raw):
    url = f"{page}?{name}={quote_from_bytes(raw)}"
    check(client.get(url), url, raw)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    pk=st.integers(min_value=0, max_value=10**40),
    params=st.dictionaries(st.sampled_from(PARAMS), VALUE, max_size=3),
)
def test_any_call_number(client, archive, pk, params):
    response = client.get(f"/calls/{pk}/", params)
    assert response.status_code in (200, 404)


def test_a_person_page_with_every_parameter_bad(client, archive):
    response = client.get(
        archive.get_absolute_url(),
        {"q": '"unclosed', "sort": "sideways", "page": "-3", "cpage": "x"},
    )
    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
