"""FilterSets shared by the pages, the downloads and the export command.

Every value comes from a URL anyone can type: each filter has a form field that rejects what it
cannot use (a bad date, a year out of range, a NUL character), so a bad value is a message on
the page, never a database error.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet

from . import selectors
from .models import Call, Medium, Participant, Person, Statement, StatementKind, name_key

MIN_YEAR, MAX_YEAR = 1900, 2100
# A search narrowed to at most this many speakers hands their ids to the search engine.
SPEAKERS_FOR_SEARCH = 200
# The statement filters that only choose speakers (the search index knows each speaker).
SPEAKER = ("person", "country")


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", MIN_YEAR)
        kwargs.setdefault("max_value", MAX_YEAR)
        super().__init__(*args, **kwargs)


class BoundedDateFilter(django_filters.DateFilter):
    """A date the databases can compare: ISO `YYYY-MM-DD`, years 1900 to 2100."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value and not MIN_YEAR <= value.year <= MAX_YEAR:
            return qs.none()
        return super().filter(qs, value)


def person_q(prefix: str, value: str) -> Q:
    """A person by slug, or by any of their names ("Blinken", "Antony Blinken")."""
    return (
        Q(**{f"{prefix}slug": value})
        | Q(**{f"{prefix}name__iexact": value.strip()})
        | Q(**{f"{prefix}aliases__key": name_key(value)})
    )


def suggest(datalist: str) -> forms.TextInput:
    """A text input offering the values of a <datalist> on the page (names, countries)."""
    return forms.TextInput(attrs={"list": datalist, "autocomplete": "off"})


class CountryFilter(django_filters.CharFilter):
    """A country as typed, in any case. The value is looked up in the archive's few dozen
    countries (cached, see selectors.Suggestions) and the rows are compared with `=`:
    `iexact` is LIKE on SQLite and UPPER() on PostgreSQL, which use no index and read every
    participant (8 ms twice per calls page at 22,000 participants). An unknown country
    matches nothing. (A `method` replaces `filter`: it resolves the value the same way.)"""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", "Country")
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault("widget", suggest("country-options"))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        spellings = self.parent.suggestions.country_spellings(value)
        if not spellings:
            return qs.none()
        return qs.filter(**{f"{self.field_name}__in": spellings})


class ArchiveFilterSet(django_filters.FilterSet):
    """Takes the page's `selectors.Suggestions` when it has them (no second look-up of their
    version); fetches them only when a filter needs them."""

    def __init__(self, *args, suggestions: selectors.Suggestions | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self._suggestions = suggestions

    @property
    def suggestions(self) -> selectors.Suggestions:
        if self._suggestions is None:
            self._suggestions = selectors.suggestions()
        return self._suggestions


class DateRangeForm(forms.Form):
    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The end date is before the start date.")
        return data


class CallFilter(ArchiveFilterSet):
    date_from = BoundedDateFilter(field_name="date", lookup_expr="gte", label="From")
    date_to = BoundedDateFilter(field_name="date", lookup_expr="lte", label="To")
    year = YearFilter(field_name="date", lookup_expr="year", label="Year")
    person = django_filters.CharFilter(
        method="filter_person", label="Person", max_length=200, widget=suggest("person-options")
    )
    country = CountryFilter(method="filter_country")
    medium = django_filters.ChoiceFilter(choices=Medium.choices, label="Medium", empty_label="Any")
    requested_by = django_filters.CharFilter(
        method="filter_requested_by",
        label="Requested by",
        max_length=200,
        widget=suggest("person-options"),
    )
    sort = django_filters.ChoiceFilter(
        choices=[("newest", "Newest first"), ("oldest", "Oldest first")],
        method="filter_sort",
        label="Sort",
        empty_label=None,
    )

    class Meta:
        model = Call
        form = DateRangeForm
        fields: list[str] = []

    @staticmethod
    def _person_q(prefix: str, value: str) -> Q:
        return person_q(f"{prefix}person__", value)

    def filter_person(self, queryset, name, value):
        ids = Call.objects.filter(self._person_q("participants__", value)).values("pk")
        return queryset.filter(pk__in=ids)

    def filter_country(self, queryset, name, value):
        spellings = self.suggestions.country_spellings(value)
        if not spellings:
            return queryset.none()
        ids = Participant.objects.filter(country__in=spellings).values("call_id")
        return queryset.filter(pk__in=ids)

    def filter_requested_by(self, queryset, name, value):
        ids = Call.objects.filter(
            Q(participants__requested=True) & self._person_q("participants__", value)
        ).values("pk")
        return queryset.filter(pk__in=ids)

    def filter_sort(self, queryset, name, value):
        return queryset.order_by("date", "id") if value == "oldest" else queryset


class PersonFilter(ArchiveFilterSet):
    name = django_filters.CharFilter(method="filter_name", label="Name", max_length=200)
    country = CountryFilter(field_name="country")

    class Meta:
        model = Person
        fields: list[str] = []

    def filter_name(self, queryset, name, value):
        key = name_key(value)
        ids = Person.objects.filter(
            Q(name__icontains=value.strip()) | Q(aliases__key__contains=key)
        ).values("pk")
        return queryset.filter(pk__in=ids) if key or value.strip() else queryset


class StatementSearchFilter(ArchiveFilterSet):
    """Narrows the statements a search runs over. The text query itself is not a filter: the
    search engine applies it (readouts.search)."""

    person = django_filters.CharFilter(
        method="filter_person", label="Speaker", max_length=200, widget=suggest("person-options")
    )
    country = CountryFilter(field_name="speaker__country", label="Speaker's country")
    date_from = BoundedDateFilter(field_name="readout__call__date", lookup_expr="gte", label="From")
    date_to = BoundedDateFilter(field_name="readout__call__date", lookup_expr="lte", label="To")
    year = YearFilter(field_name="readout__call__date", lookup_expr="year", label="Year")
    kind = django_filters.ChoiceFilter(
        choices=StatementKind.choices, label="Kind", empty_label="Any"
    )

    class Meta:
        model = Statement
        form = DateRangeForm
        fields: list[str] = []

    def filter_person(self, queryset, name, value):
        return queryset.filter(speaker__in=self._people_named(value).values("pk"))

    @staticmethod
    def _people_named(value: str) -> QuerySet[Person]:
        return Person.objects.filter(person_q("", value))

    def index_alone(self, speakers: list[int] | None) -> bool:
        """Whether the search index alone can tell which statements these filters leave: none
        is used but person and country, and those are handed to the search as the
        `speakers` they leave (speaker_ids). Call it after is_valid()."""
        data = self.form.cleaned_data
        if any(value not in (None, "") for name, value in data.items() if name not in SPEAKER):
            return False
        return speakers is not None or not any(data.get(name) for name in SPEAKER)

    def speaker_ids(self) -> list[int] | None:
        """The ids of the speakers the person and country filters leave, when they leave at
        most SPEAKERS_FOR_SEARCH: the search can then narrow its own index scan to them
        (readouts.search.search_statements). None when neither filter is used, or when they
        leave more. Call it after is_valid()."""
        data = self.form.cleaned_data
        person, country = data.get("person"), data.get("country")
        if not (person or country):
            return None
        people = Person.objects.all()
        if person:
            people = people.filter(pk__in=self._people_named(person).values("pk"))
        if country:
            people = people.filter(country__in=self.suggestions.country_spellings(country))
        ids = list(people.order_by("pk").values_list("pk", flat=True)[: SPEAKERS_FOR_SEARCH + 1])
        return ids if len(ids) <= SPEAKERS_FOR_SEARCH else None
