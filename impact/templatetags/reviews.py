"""What the action page's sustainability review partial needs beyond the view's context:
the action's reviews, whether it is Embedded, when its review is due and who may record it."""

import datetime
from dataclasses import dataclass

from django import template
from django.utils import timezone

from actions.models import Action, Closure
from actions.rag import EMBEDDED_DEFINITION
from impact import reviews
from impact.models import SustainabilityReview
from impact.selectors import value_in_words
from people.permissions import can_review_sustainability

register = template.Library()


@dataclass(frozen=True)
class ActionReview:
    closure: Closure | None
    reviews: list[SustainabilityReview]
    embedded: bool
    can_review: bool
    today: datetime.date

    @property
    def due(self) -> datetime.date | None:
        """The review date of the closure that stands, while it has no review."""
        if self.closure is None or self.embedded:
            return None
        if any(review.closure_id == self.closure.pk for review in self.reviews):
            return None
        return self.closure.sustainability_review_due

    @property
    def overdue(self) -> bool:
        return self.due is not None and self.due < self.today


@register.simple_tag(takes_context=True)
def action_review(context, action: Action) -> ActionReview:
    """The action's watch after closure. One query, none for an action never agreed."""
    found = reviews.action_reviews(action)
    closure = reviews.agreed_closure(action)
    return ActionReview(
        closure=closure,
        reviews=found,
        embedded=reviews.is_embedded(action=action, reviews=found),
        can_review=closure is not None and can_review_sustainability(context["user"], action),
        today=timezone.localdate(),
    )


@register.simple_tag
def embedded_definition() -> str:
    return EMBEDDED_DEFINITION


@register.filter
def reading_words(reading) -> str:
    """A reading as the page says it: "62% on 1 March 2027"."""
    return f"{value_in_words(reading.value, reading.measure.unit)} on {reading.date:%-d %B %Y}"
