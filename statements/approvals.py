"""Nominating each statutory partner's lead, and their approval of the statement."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from actions.models import Plan
from actions.services import plan_trail_name
from audit.models import EventKind
from audit.trail import record
from inspections.models import Inspection
from partnerships.models import Agency
from partnerships.versioning import version_claim
from people.models import User
from statements.models import StatementApproval, StatementSignatory
from statements.sign_off import STATUTORY_KINDS, approvals_withdraw_changed
from statements.statement import statement_document


@transaction.atomic
def statement_signatories_nominate(
    *,
    plan: Plan,
    expected_version: int,
    leads: dict[Agency, User | None],
    user: User | None = None,
) -> None:
    """Names, for each statutory partner, the person who approves the statement for it
    (None: nobody yet). A new lead's approval is needed: the one before stops counting.
    Refused (StaleEdit) when someone changed the plan after this page was opened."""
    version_claim(plan, expected_version=expected_version)
    for agency, person in leads.items():
        if agency.partnership_id != plan.partnership_id or agency.kind not in STATUTORY_KINDS:
            raise ValidationError("Choose a statutory partner of this partnership")
        if person is None:
            StatementSignatory.objects.filter(plan=plan, agency=agency).delete()
            continue
        if person.partnership_id != plan.partnership_id or not person.is_active:
            raise ValidationError(f"Choose a person of this partnership to approve for {agency}")
        StatementSignatory.objects.update_or_create(
            plan=plan, agency=agency, defaults={"person": person}
        )


@transaction.atomic
def statement_approve(
    *, inspection: Inspection, agency: Agency, user: User, address: str | None = None
) -> StatementApproval:
    """The partner's nominated lead approves the statement exactly as it stands now: the
    approval keeps its version and the SHA-256 of its content, and stops counting when
    either changes. Only the lead nominated for that partner can approve for it."""
    plan = inspection.plan
    lead = StatementSignatory.objects.filter(plan=plan, agency=agency).first()
    if lead is None or lead.person_id != user.pk:
        raise ValidationError(
            f"Only the lead nominated for {agency.name} can approve the statement for it"
        )
    document = statement_document(inspection=inspection)
    approvals_withdraw_changed(document=document, user=user, address=address)
    row = next(row for row in document.sign_off if row.agency.pk == agency.pk)
    if row.approval is not None:
        raise ValidationError(
            f"You have already approved version {plan.statement_version} as it stands"
        )
    approval = StatementApproval(
        plan=plan,
        agency=agency,
        person=user,
        approved_at=timezone.now(),
        statement_version=plan.statement_version,
        sha256=document.fingerprint,
    )
    approval.full_clean()
    approval.save()
    record(
        EventKind.STATEMENT_APPROVED,
        user=user,
        address=address,
        partnership_id=plan.partnership_id,
        detail=f"Approved version {approval.statement_version} of the statement for "
        f"{plan_trail_name(plan)} for {agency.name} (SHA-256 of its content "
        f"{approval.sha256})",
    )
    return approval
