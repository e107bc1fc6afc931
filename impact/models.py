"""What difference the plan makes for children: each area's measures with their readings
over time, and the watch after an action closes (does the change hold?)."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from partnerships.scoping import PartnershipScopedQuerySet


class Unit(models.TextChoices):
    PERCENTAGE = "percentage", "Percentage"
    COUNT = "count", "Count"
    DAYS = "days", "Days"
    HOURS = "hours", "Hours"


class Direction(models.TextChoices):
    HIGHER = "higher", "Higher is better"
    LOWER = "lower", "Lower is better"


class MeasureQuerySet(PartnershipScopedQuerySet):
    partnership_lookup = "finding__plan__partnership"


class Measure(models.Model):
    """A number that shows whether an area for improvement is changing for children: the
    share of contacts decided within 24 hours, the hours children spend in police stations
    out of hours. It belongs to an area, and optionally to one of the area's actions."""

    finding = models.ForeignKey(
        "actions.Finding", on_delete=models.CASCADE, related_name="measures"
    )
    action = models.ForeignKey(
        "actions.Action",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="measures",
    )
    name = models.CharField(max_length=200)
    definition = models.TextField("what is counted and how")
    source = models.CharField(
        max_length=200, blank=True, help_text="For example, MASH performance report"
    )
    unit = models.CharField(max_length=20, choices=Unit.choices)
    direction = models.CharField(max_length=10, choices=Direction.choices)
    baseline_value = models.DecimalField(max_digits=12, decimal_places=2)
    baseline_date = models.DateField()
    target_value = models.DecimalField(max_digits=12, decimal_places=2)
    target_date = models.DateField()
    position = models.PositiveSmallIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MeasureQuerySet.as_manager()

    class Meta:
        ordering = ["finding", "position", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("impact:measure_detail", args=[self.pk])


class ReadingQuerySet(PartnershipScopedQuerySet):
    partnership_lookup = "measure__finding__plan__partnership"


class Reading(models.Model):
    """One value of a measure, as at a date, with who entered it."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="readings")
    value = models.DecimalField(max_digits=12, decimal_places=2)
    date = models.DateField()
    note = models.TextField(blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now_add=True)

    objects = ReadingQuerySet.as_manager()

    class Meta:
        ordering = ["measure", "date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "date"], name="one_reading_a_day")
        ]
        indexes = [models.Index(fields=["measure", "-date"], name="reading_measure_latest")]

    def __str__(self) -> str:
        return f"{self.measure}: {self.value} on {self.date:%-d %B %Y}"


class SustainabilityReviewQuerySet(PartnershipScopedQuerySet):
    partnership_lookup = "closure__action__finding__plan__partnership"


class SustainabilityReview(models.Model):
    """The check, months after an action closed, that the change held: the owner records
    whether it did, with evidence or a reading. One that held makes the action Embedded;
    one that slipped reopens it to the executive with the reason."""

    closure = models.ForeignKey(
        "actions.Closure", on_delete=models.CASCADE, related_name="sustainability_reviews"
    )
    held = models.BooleanField("the change held")
    note = models.TextField()
    evidence = models.ForeignKey(
        "actions.Evidence", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reading = models.ForeignKey(
        Reading, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField()

    objects = SustainabilityReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-reviewed_at", "-pk"]

    def __str__(self) -> str:
        return f"Review of {self.closure}: {'held' if self.held else 'slipped'}"
