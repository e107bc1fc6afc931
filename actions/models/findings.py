"""The areas for improvement a plan answers: one per "What needs to improve?" item."""

from django.db import models

from partnerships.scoping import PartnershipScopedQuerySet


class FindingQuerySet(PartnershipScopedQuerySet):
    partnership_lookup = "plan__partnership"


class Finding(models.Model):
    """An area for improvement: one "What needs to improve?" item of the letter, verbatim."""

    plan = models.ForeignKey("actions.Plan", on_delete=models.CASCADE, related_name="findings")
    number = models.PositiveSmallIntegerField(help_text="Its place in the letter's list, from 1")
    text = models.TextField(help_text="The letter's words, unchanged")
    is_priority = models.BooleanField(
        "area for priority action",
        default=False,
        help_text="Older letters named some areas for priority action",
    )
    version = models.PositiveIntegerField(default=1)  # partnerships.versioning

    objects = FindingQuerySet.as_manager()

    class Meta:
        db_table = "inspections_finding"  # kept where it was made
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="finding_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"
