from __future__ import annotations

from django.contrib.admin.widgets import AutocompleteSelect
from django.forms.models import BaseInlineFormSet


class KnownChoiceAutocomplete(AutocompleteSelect):
    """An autocomplete that labels its selected option from objects already loaded.

    Django's widget runs one query per form to label the current value; on an inline of a few
    hundred statements that is a few hundred queries. `known` maps pk -> object.
    """

    known: dict[str, object] | None = None

    def optgroups(self, name, value, attr=None):
        selected = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        if self.known is None or not selected <= self.known.keys():
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        for pk in sorted(selected):
            label = self.choices.field.label_from_instance(self.known[pk])
            options.append(self.create_option(name, pk, label, selected, len(options)))
        return [(None, options, 0)]


class KnownChoicesFormSet(BaseInlineFormSet):
    """Hands each form's autocomplete the related objects the formset's queryset loaded."""

    known_field: str = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.known_field
        known = {
            str(getattr(obj, f"{field}_id")): getattr(obj, field)
            for obj in self.get_queryset()
            if getattr(obj, f"{field}_id") is not None
        }
        for form in self.forms:
            widget = getattr(form.fields[field].widget, "widget", form.fields[field].widget)
            if isinstance(widget, KnownChoiceAutocomplete):
                widget.known = known


def known_formset(field: str) -> type[KnownChoicesFormSet]:
    return type(f"Known{field.title()}FormSet", (KnownChoicesFormSet,), {"known_field": field})
