"""Partnership scoping: the one place that decides which records a person may see.

Every record belongs to exactly one partnership. Every page reaches its records
through ``Model.objects.for_user(user)`` or ``get_for_user_or_404`` so another
partnership's records are simply not there: their URLs answer 404, not 403,
which would confirm that they exist.
"""

from typing import TYPE_CHECKING, Any, Literal, Protocol, Self, TypeVar

from django.db import models
from django.shortcuts import get_object_or_404

if TYPE_CHECKING:  # auth's models can be imported only once the app registry is ready
    from django.contrib.auth.models import AnonymousUser


class SignedIn(Protocol):
    """Someone signed in: people.models.User, named here by what scoping reads of it,
    since the people app sits above this one."""

    @property
    def is_authenticated(self) -> Literal[True]: ...

    @property
    def partnership_id(self) -> int | None: ...


# Covariant, as QuerySet's model is: a queryset of actions is a queryset of models (which
# prefetch_related needs, given Prefetches of two kinds). The class syntax would infer it
# invariant from the methods QuerySet has that take a model.
M = TypeVar("M", bound=models.Model, covariant=True)


class PartnershipScopedQuerySet(models.QuerySet[M]):
    #: The lookup from this model to its partnership's id, e.g. "finding__plan__partnership".
    partnership_lookup = "partnership"

    def for_partnership(self, partnership_id: int | None) -> Self:
        if partnership_id is None:
            return self.none()
        return self.filter(**{self.partnership_lookup: partnership_id})

    def for_user(self, user: "SignedIn | AnonymousUser") -> Self:
        if not user.is_authenticated:
            return self.none()
        return self.for_partnership(user.partnership_id)


def get_for_user_or_404[Record: models.Model](
    queryset: PartnershipScopedQuerySet[Record], user: "SignedIn | AnonymousUser", **lookup: Any
) -> Record:
    """The record, if it belongs to the user's partnership; otherwise 404."""
    return get_object_or_404(queryset.for_user(user), **lookup)
