from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class ReadoutsConfig(AppConfig):
    name = "readouts"
    verbose_name = "Readouts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .models import Participant, Person
        from .selectors import forget_suggestions_version

        # What the filter suggestions are cached under changes with these (selectors).
        for model in (Person, Participant):
            for signal in (post_save, post_delete):
                signal.connect(forget_suggestions_version, sender=model, weak=False)
