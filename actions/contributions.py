"""A supporting agency's contribution to an action: what it has done towards the action, in
its own words, with evidence if it has some.

The action stays the lead's: a contribution gives no RAG, changes nothing on the action
(so it claims no version and cannot clash with the lead's edit), and is not the action's
return in an update round (rounds count progress updates only). The lead officer is
e-mailed, and reads the contributions made since their last update as they write the next.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, QuerySet, Subquery

from actions import services
from actions.models import Action, Contribution, ProgressUpdate
from audit.models import EventKind
from notifications.emails import email_each
from people import permissions
from people.models import User

# UploadedFile is generic only to type checkers: the alias is read lazily, never at run time.
type Upload = UploadedFile[bytes]

NARRATIVE_REQUIRED = "Enter what your agency has done"
NOT_A_SUPPORTING_AGENCY = (
    "Only an owner in an agency supporting this open action can add a contribution"
)


@dataclass(frozen=True)
class ContributionRecorded:
    contribution: Contribution
    # The lead officer, told by e-mail; None when there is none to tell or the mail failed.
    emailed: User | None


def contribution_record(
    *,
    action: Action,
    author: User,
    narrative: str,
    evidence_link: str = "",
    evidence_file: Upload | None = None,
    address: str | None = None,
) -> ContributionRecorded:
    """A supporting agency says what it has done towards the action, marked as its own on
    the action's page. The action's RAG and version stay as they are. The lead officer is
    e-mailed; the contribution stands whatever the mail server does."""
    if not permissions.can_contribute(author, action):
        raise PermissionDenied(NOT_A_SUPPORTING_AGENCY)
    if not narrative.strip():
        raise ValidationError({"narrative": NARRATIVE_REQUIRED})
    with transaction.atomic():
        contribution = Contribution(
            action=action, agency=author.agency, author=author, narrative=narrative.strip()
        )
        contribution.full_clean()
        contribution.save()
        # The one way evidence is made from a link or a file (its title, date and type).
        services._attach_evidence(
            action=action,
            user=author,
            link=evidence_link,
            file=evidence_file,
            contribution=contribution,
        )
        services._governance(
            EventKind.CONTRIBUTION_RECORDED,
            action=action,
            user=author,
            address=address,
            detail=f"{author.agency} added its contribution to "
            f"{services.action_trail_name(action)}",
        )
    return ContributionRecorded(contribution=contribution, emailed=_email_lead(contribution))


def _email_lead(contribution: Contribution) -> User | None:
    action = contribution.action
    lead = action.lead_officer
    if lead is None or not lead.is_active or not lead.email:
        return None
    refused = email_each(
        [lead],
        subject=f"Action {action.reference}: {contribution.agency} has added its contribution",
        template="emails/contribution_recorded",
        context={
            "contribution": contribution,
            "action": action,
            "partnership": action.finding.plan.partnership,
            "site_url": settings.SITE_URL,
            "action_url": settings.SITE_URL + action.get_absolute_url(),
        },
    )
    return None if refused else lead


def contributions_since_last_update(*, action: Action) -> QuerySet[Contribution]:
    """The contributions made since the action's latest progress update (all of them if it
    has none), newest first, each with its agency, its author, how many items of evidence
    it has and the date of the update it follows: one query."""
    later_update = ProgressUpdate.objects.filter(
        action=OuterRef("action"), created_at__gte=OuterRef("created_at")
    )
    last_update = ProgressUpdate.objects.filter(action=OuterRef("action")).order_by(
        "-created_at", "-pk"
    )
    return (
        Contribution.objects.filter(action=action)
        .filter(~Exists(later_update))
        .select_related("agency", "author")
        .annotate(
            evidence_count=Count("evidence"),
            last_update_on=Subquery(last_update.values("date")[:1]),
        )
    )
