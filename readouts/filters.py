"""FilterSets shared by the pages, the downloads and the export command."""

from __future__ import annotations

import django_filters
from django.db.models import Q

from .models import Call, Medium


class CallFilter(django_filters.FilterSet):
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte", label="From")
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte", label="To")
    year = django_filters.NumberFilter(field_name="date", lookup_expr="year", label="Year")
    person = django_filters.CharFilter(method="filter_person", label="Person")
    country = django_filters.CharFilter(method="filter_country", label="Country")
    medium = django_filters.ChoiceFilter(choices=Medium.choices, label="Medium")
    requested_by = django_filters.CharFilter(method="filter_requested_by", label="Requested by")

    class Meta:
        model = Call
        fields: list[str] = []

    @staticmethod
    def _person_q(prefix: str, value: str) -> Q:
        """A person by slug, or by any of their names ("Blinken", "Antony Blinken")."""
        from .models import name_key

        return Q(**{f"{prefix}person__slug": value}) | Q(
            **{f"{prefix}person__aliases__key": name_key(value)}
        )

    def filter_person(self, queryset, name, value):
        ids = Call.objects.filter(self._person_q("participants__", value)).values("pk")
        return queryset.filter(pk__in=ids)

    def filter_country(self, queryset, name, value):
        ids = Call.objects.filter(participants__country__iexact=value).values("pk")
        return queryset.filter(pk__in=ids)

    def filter_requested_by(self, queryset, name, value):
        ids = Call.objects.filter(
            Q(participants__requested=True) & self._person_q("participants__", value)
        ).values("pk")
        return queryset.filter(pk__in=ids)
