"""{% update_corrections_of update request.user as correcting %}: what an update's card on
the action page says of corrections: who corrected it, what it said before, and whether
this person may correct it now and until when. It reads the corrections the page
prefetched; only the author's own latest update, within the time allowed, costs a query
(has the manager checked it?), so the page costs at most one more whatever it holds, and
the action's view need not know of it."""

import datetime
from dataclasses import dataclass
from typing import Any

from django import template

from actions import corrections
from actions.models import UpdateCorrection
from actions.rag import RAG

register = template.Library()


@dataclass(frozen=True)
class EarlierWording:
    correction: UpdateCorrection
    rag_status: RAG


@dataclass(frozen=True)
class UpdateCorrections:
    earlier: list[EarlierWording]  # the first wording first
    last: UpdateCorrection | None
    # When this person may correct the update now: when their chance ends.
    closes_at: datetime.datetime | None


@register.simple_tag
def update_corrections_of(update: Any, user: Any) -> UpdateCorrections:
    made = list(update.corrections.all())
    refusal = corrections.update_correction_refusal(update=update, user=user)
    return UpdateCorrections(
        earlier=[EarlierWording(c, RAG(c.previous_rag)) for c in made],
        last=made[-1] if made else None,
        closes_at=None if refusal else corrections.correction_closes_at(update),
    )
