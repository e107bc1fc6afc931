"""RAG status, defined once: the words, what each means, and how its tag looks.

Colour never stands alone (WCAG 1.4.1): every tag shows the word, and these
definitions appear on the pages and in every exported document.
"""

import datetime

from django.db import models
from django.db.models import Q


class RAG(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
    COMPLETE = "complete", "Complete"

    @property
    def definition(self) -> str:
        return DEFINITIONS[self]

    @property
    def tag_class(self) -> str:
        return TAG_CLASSES[self]

    @property
    def severity(self) -> int:
        """Higher is worse: how a change of RAG is judged to be a slip."""
        return SEVERITY[self]

    def is_worse_than(self, other: str) -> bool:
        """A slip from `other` to this status: Amber after Green, Red after anything else."""
        return self.severity > RAG(other).severity

    @classmethod
    def reportable(cls) -> list["RAG"]:
        """What an owner may report. Complete comes only from the partnership's agreement."""
        return [cls.NOT_STARTED, cls.RED, cls.AMBER, cls.GREEN]


def is_overdue(
    rag: str, target_date: datetime.date, on: datetime.date, *, archived: bool = False
) -> bool:
    """Past its target date and not complete, whatever its owner last said (domain.md).
    An archived action is out of the plan, so never overdue."""
    return not archived and rag != RAG.COMPLETE and target_date < on


def overdue_q(on: datetime.date) -> Q:
    """is_overdue as a database condition on actions."""
    return Q(archived_at__isnull=True, target_date__lt=on) & ~Q(rag=RAG.COMPLETE)


DEFINITIONS = {
    RAG.NOT_STARTED: "Planned; the start date has not been reached.",
    RAG.RED: "Off track: target date missed or at serious risk; needs executive help.",
    RAG.AMBER: "Some slippage or risk; the owner has a recovery plan.",
    RAG.GREEN: "On track for the target date.",
    RAG.COMPLETE: "Delivered, evidence accepted and closure agreed by the partnership.",
}

# Embedded is a qualifier of Complete, not a status of its own: the action counts as
# Complete everywhere, and its tag reads Embedded once a sustainability review months after
# the closure found the change held (impact.reviews.is_embedded).
# One line in every document's key: what a review that slipped does is said where it
# happens (the action reopens, with the reason, on its page and in the audit trail).
EMBEDDED_DEFINITION = "Complete, and a review months after closure found the change held."

TAG_CLASSES = {
    RAG.NOT_STARTED: "govuk-tag--grey",
    RAG.RED: "govuk-tag--red",
    RAG.AMBER: "govuk-tag--orange",
    RAG.GREEN: "govuk-tag--green",
    RAG.COMPLETE: "govuk-tag--blue",
}

# How a list sorted by status runs: done first, worst last.
SORT_ORDER = [RAG.COMPLETE, RAG.NOT_STARTED, RAG.GREEN, RAG.AMBER, RAG.RED]

SEVERITY = {
    RAG.COMPLETE: 0,
    RAG.GREEN: 1,
    RAG.NOT_STARTED: 1,
    RAG.AMBER: 2,
    RAG.RED: 3,
}
