"""Calls, their readouts, the people in them and what each said.

A Call is one event; a Readout is one published text of it (another translation, or the other
government's own account, is another Readout of the same Call). Statements keep the speaker as
printed beside the resolved Person, so a wrong attribution can be corrected without losing what
the source said.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from django.conf import settings
from django.db import models
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.text import slugify

_NON_WORD = re.compile(r"[^\w\s-]+")
_SPACE = re.compile(r"\s+")
# Fits both <int:...> and <slug:...>, and appears nowhere else in a URL.
_ARG = "918273645"


@lru_cache(maxsize=32)
def _url_around_arg(name: str, prefix: str, urlconf) -> tuple[str, str]:
    head, tail = reverse(name, urlconf=urlconf, args=[_ARG]).split(_ARG)
    return head, tail


def url_with_arg(name: str, arg: int | str) -> str:
    """reverse(name, args=[arg]) for a URL whose one argument is a number or a slug, with
    one reverse() per URL name: a reverse() per row was a tenth of a search page's time.
    Keyed by what reverse() depends on: the script prefix and the URL conf."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    head, tail = _url_around_arg(name, get_script_prefix(), urlconf)
    return f"{head}{arg}{tail}"


def name_key(name: str) -> str:
    """The form under which a name is looked up: case, accents, dots and spacing folded."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    folded = _NON_WORD.sub(" ", folded.replace("\u2019", "'").replace("'", ""))
    return _SPACE.sub(" ", folded).strip().casefold()


class Medium(models.TextChoices):
    PHONE = "phone", "Phone call"
    VIDEO = "video", "Video call"
    MEETING = "meeting", "Meeting"


class StatementKind(models.TextChoices):
    STATEMENT = "statement", "Statement"
    JOINT = "joint", "Joint"
    NARRATION = "narration", "Narration"


class Protectable(models.Model):
    """`edited` marks a record a person changed: re-imports keep it as it is."""

    edited = models.BooleanField(
        default=False,
        help_text="Changed by staff: a re-import of the source keeps this record as it is.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class PersonQuerySet(models.QuerySet):
    def with_counts(self) -> PersonQuerySet:
        return self.annotate(
            call_count=models.Count("participations__call", distinct=True),
            statement_count=models.Count("statements", distinct=True),
        )

    def by_alias(self, name: str) -> PersonQuerySet:
        return self.filter(aliases__key=name_key(name)).distinct()


class Person(Protectable):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    country = models.CharField(max_length=100, blank=True, db_index=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return url_with_arg("readouts:person-detail", self.slug)

    @staticmethod
    def unique_slug(name: str) -> str:
        base = slugify(name)[:200] or "person"
        slug, n = base, 2
        while Person.objects.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug


class PersonAlias(models.Model):
    """A form of a person's name seen in the sources ("Blinken", "Secretary Blinken")."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    key = models.CharField(max_length=200, db_index=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "person aliases"
        constraints = [
            models.UniqueConstraint(fields=["person", "key"], name="unique_alias_per_person"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.key = name_key(self.name)
        super().save(*args, **kwargs)


class CallQuerySet(models.QuerySet):
    def for_listing(self) -> CallQuerySet:
        return self.prefetch_related(
            models.Prefetch(
                "participants",
                queryset=Participant.objects.select_related("person").order_by("position"),
            ),
            models.Prefetch(
                "readouts", queryset=Readout.objects.only("id", "call_id", "title").order_by("id")
            ),
        )


class Call(Protectable):
    date = models.DateField(db_index=True)
    medium = models.CharField(max_length=10, choices=Medium.choices)
    people = models.ManyToManyField(Person, through="Participant", related_name="calls")

    objects = CallQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["-date", "-id"], name="call_newest")]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.title}"

    def get_absolute_url(self) -> str:
        return url_with_arg("readouts:call-detail", self.pk)

    @property
    def title(self) -> str:
        readouts = list(self.readouts.all())  # uses the prefetch when there is one
        return readouts[0].title if readouts else f"Call of {self.date:%Y-%m-%d}"

    @property
    def requested_by(self) -> Person | None:
        return next((p.person for p in self.participants.all() if p.requested), None)


class Participant(models.Model):
    """A person in a call, with the office and country as printed for that call."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="participations")
    title = models.CharField(max_length=500, blank=True)
    country = models.CharField(max_length=100, blank=True, db_index=True)
    requested = models.BooleanField(default=False, help_text="This person asked for the call.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["call", "position"]
        constraints = [
            models.UniqueConstraint(fields=["call", "person"], name="unique_person_per_call"),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.person}".strip()


class Readout(Protectable):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="readouts")
    source_file = models.CharField(max_length=255, unique=True)
    sha256 = models.CharField(max_length=64, unique=True)
    encoding = models.CharField(max_length=20)
    title = models.CharField(max_length=500)
    section = models.CharField(max_length=200, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    raw_text = models.TextField(help_text="The source as decoded, character for character.")

    class Meta:
        ordering = ["call", "id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"{self.call.get_absolute_url()}#readout-{self.pk}"


class StatementQuerySet(models.QuerySet):
    def in_order(self) -> StatementQuerySet:
        return self.select_related("speaker").order_by("readout_id", "position")


class Statement(Protectable):
    readout = models.ForeignKey(Readout, on_delete=models.CASCADE, related_name="statements")
    position = models.PositiveIntegerField()
    kind = models.CharField(
        max_length=10, choices=StatementKind.choices, default=StatementKind.STATEMENT
    )
    speaker = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="statements"
    )
    speaker_label = models.CharField(
        max_length=200, blank=True, help_text="The speaker as printed in the source."
    )
    text = models.TextField()

    objects = StatementQuerySet.as_manager()

    class Meta:
        ordering = ["readout", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["readout", "position"], name="unique_position_per_readout"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.speaker_label or self.get_kind_display()}: {self.text[:60]}"

    def get_absolute_url(self) -> str:
        return f"{url_with_arg('readouts:call-detail', self.readout.call_id)}#{self.anchor}"

    @property
    def anchor(self) -> str:
        return f"s{self.readout_id}-{self.position}"
