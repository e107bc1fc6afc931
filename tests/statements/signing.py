"""Getting a statement ready to send: every statutory partner's lead nominated and
approving it, and its introduction and governance written."""

from inspections.models import Inspection
from partnerships.models import Agency, AgencyKind
from people.models import Role, User
from statements.approvals import statement_approve, statement_signatories_nominate
from statements.sign_off import STATUTORY_KINDS
from tests.factories import AgencyFactory, UserFactory


def leads_nominated(inspection: Inspection) -> dict[Agency, User]:
    """A lead for each statutory partner (an agency of that kind made when there is none)."""
    plan = inspection.plan
    partnership = inspection.partnership
    leads = {}
    for kind in STATUTORY_KINDS:
        agencies = list(Agency.objects.filter(partnership=partnership, kind=kind))
        if not agencies:
            agencies = [AgencyFactory(partnership=partnership, kind=kind, name=f"The {kind.label}")]
        for agency in agencies:
            leads[agency] = UserFactory(
                partnership=partnership,
                agency=agency,
                role=Role.EXECUTIVE,
                first_name="Lead",
                last_name=f"of {agency.name}",
                job_title="Director" if kind == AgencyKind.LOCAL_AUTHORITY else "Chief officer",
            )
    plan.refresh_from_db()
    statement_signatories_nominate(plan=plan, expected_version=plan.version, leads=leads)
    return leads


def statement_made_ready(inspection: Inspection) -> dict[Agency, User]:
    """The statement with its own words written and every partner's approval."""
    plan = inspection.plan
    plan.refresh_from_db()
    plan.statement_introduction = plan.statement_introduction or "The partnership accepts it."
    plan.statement_governance = plan.statement_governance or "The executive meets bi-monthly."
    plan.save()
    leads = leads_nominated(inspection)
    inspection = Inspection.objects.get(pk=inspection.pk)
    for agency, person in leads.items():
        statement_approve(inspection=inspection, agency=agency, user=person)
    return leads
