"""People, their aliases, and merging duplicates."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.template.response import TemplateResponse

from .. import services
from ..models import Participant, Person, PersonAlias, Statement, name_key
from .base import ProtectedAdmin, count_of, release_for_reimport


class AliasFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        seen: set[str] = set()
        for form in self.forms:
            name = form.cleaned_data.get("name") if form.cleaned_data else None
            if not name or form.cleaned_data.get("DELETE"):
                continue
            key = name_key(name)
            if key in seen:
                form.add_error("name", "This name is already an alias of this person.")
            seen.add(key)


class AliasInline(admin.TabularInline):
    model = PersonAlias
    formset = AliasFormSet
    fields = ("name",)
    extra = 1


@admin.action(description="Merge selected people into one")
def merge_people(modeladmin, request, queryset):
    people = list(queryset.annotate(n_statements=count_of(Statement, "speaker")).order_by("name"))
    if len(people) < 2:
        modeladmin.message_user(request, "Select two or more people to merge.", messages.WARNING)
        return None
    by_pk = {str(p.pk): p for p in people}
    error = ""
    if request.POST.get("confirm"):
        survivor = by_pk.get(request.POST.get("survivor", ""))
        if survivor is None:
            error = "Choose which of these people to keep."
        else:
            others = [p for p in people if p.pk != survivor.pk]
            result = services.merge_people(survivor, others, user=request.user)
            modeladmin.message_user(
                request,
                f"Merged {', '.join(result.merged_names)} into {survivor.name}. Moved: "
                f"statements {result.statements}, call participations {result.participations}, "
                f"names {result.aliases}. Its history has the state before the merge.",
                messages.SUCCESS,
            )
            return None
    default = max(people, key=lambda p: (p.n_statements, -p.pk))
    aliases: dict[int, list[str]] = {}
    for alias in PersonAlias.objects.filter(person__in=people):
        aliases.setdefault(alias.person_id, []).append(alias.name)
    calls: dict[int, int] = dict(
        Participant.objects.filter(person__in=people)
        .order_by()
        .values_list("person")
        .annotate(n=Count("pk"))
    )
    rows = [
        {
            "person": p,
            "statements": p.n_statements,
            "calls": calls.get(p.pk, 0),
            "aliases": aliases.get(p.pk, []),
            "checked": p.pk == default.pk,
        }
        for p in people
    ]
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": "Merge people",
        "opts": modeladmin.model._meta,
        "rows": rows,
        "error": error,
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/readouts/person/merge.html", context)


@admin.register(Person)
class PersonAdmin(ProtectedAdmin):
    list_display = ("name", "country", "statement_count", "call_count", "protected")
    list_filter = ("edited", "country")
    search_fields = ("name", "aliases__name", "country")
    fields = ("protection", "name", "slug", "country")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (AliasInline,)
    actions = [merge_people, release_for_reimport]
    list_per_page = 100

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        match = request.resolver_match
        if match and match.url_name == "readouts_person_changelist":
            qs = qs.annotate(
                statement_count=count_of(Statement, "speaker"),
                call_count=count_of(Participant, "person"),
            )
        return qs

    @admin.display(description="statements", ordering="statement_count")
    def statement_count(self, obj: Person) -> int:
        return obj.statement_count

    @admin.display(description="calls", ordering="call_count")
    def call_count(self, obj: Person) -> int:
        return obj.call_count
