from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from .filters import CallFilter
from .models import Call, Participant, Person, Readout, Statement


def home(request):
    latest = Call.objects.for_listing()[:10]
    return render(
        request,
        "readouts/home.html",
        {"latest": latest, "call_count": Call.objects.count(), "person_count": Person.objects.count()},
    )


def call_list(request):
    filterset = CallFilter(request.GET, queryset=Call.objects.for_listing())
    calls = filterset.qs if filterset.is_valid() else Call.objects.none()
    page = Paginator(calls, 25).get_page(request.GET.get("page"))
    return render(request, "readouts/call_list.html", {"filter": filterset, "page": page})


def call_detail(request, pk: int):
    call = get_object_or_404(
        Call.objects.prefetch_related(
            Prefetch("participants", queryset=Participant.objects.select_related("person")),
            Prefetch(
                "readouts",
                queryset=Readout.objects.prefetch_related(
                    Prefetch("statements", queryset=Statement.objects.in_order())
                ),
            ),
        ),
        pk=pk,
    )
    return render(request, "readouts/call_detail.html", {"call": call})


def person_list(request):
    people = Person.objects.with_counts().order_by("name")
    return render(request, "readouts/person_list.html", {"people": people})


def person_detail(request, slug: str):
    person = get_object_or_404(Person, slug=slug)
    calls = Call.objects.for_listing().filter(participants__person=person).order_by("date")
    return render(request, "readouts/person_detail.html", {"person": person, "calls": calls})
