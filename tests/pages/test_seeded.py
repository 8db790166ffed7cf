"""The pages on the seed readouts, imported the real way (fixtures/)."""

import pytest

from readouts.models import Call, Person, Statement


def test_every_page_of_the_seed_archive(client, seeded):
    calls, people = list(Call.objects.all()), list(Person.objects.all())
    assert calls and people
    for url in ["/", "/calls/", "/people/", "/search/help/"]:
        assert client.get(url).status_code == 200, url
    for call in calls:
        html = client.get(call.get_absolute_url()).content.decode()
        for readout in call.readouts.all():
            for s in readout.statements.all():
                assert f'id="{s.anchor}"' in html
    for person in people:
        assert client.get(person.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("sort", ["relevance", "newest", "oldest"])
def test_searching_the_seeds_for_a_word_they_use(client, seeded, sort):
    statement = Statement.objects.filter(speaker__isnull=False).order_by("id").first()
    word = max(statement.text.split(), key=len).strip(".,;:“”\"'()")
    day = statement.readout.call.date.isoformat()
    params = {"q": word, "sort": sort, "person": statement.speaker.slug, "date_from": day}
    response = client.get("/search/", {**params, "date_to": day})
    assert response.status_code == 200
    assert statement.pk in {s.pk for s in response.context["listing"].page}
    assert "<mark>" in response.content.decode()
