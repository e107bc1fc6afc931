"""factory_boy factories: each builds a valid record of one partnership, with its parents."""

import datetime

import factory
from django.utils import timezone

from actions.models import Action, Finding, Plan, ProgressUpdate
from actions.rag import RAG
from inspections.models import Inspection
from meetings.models import Meeting
from partnerships.models import Agency, AgencyKind, Partnership
from people.models import Role, User


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    local_area = factory.Sequence(lambda n: f"Borough {n}")
    name = factory.LazyAttribute(lambda p: f"{p.local_area} Safeguarding Children Partnership")
    short_name = "SCP"
    slug = factory.Sequence(lambda n: f"partnership-{n}")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Agency {n}")
    kind = AgencyKind.LOCAL_AUTHORITY


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    first_name = "Alex"
    last_name = factory.Sequence(lambda n: f"Officer{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    partnership = factory.SubFactory(PartnershipFactory)
    agency = factory.SubFactory(AgencyFactory, partnership=factory.SelfAttribute("..partnership"))
    role = Role.OWNER
    password = factory.django.Password("a-long-test-password")


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    partnership = factory.SubFactory(PartnershipFactory)


class InspectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inspection

    partnership = factory.SubFactory(PartnershipFactory)
    plan = factory.SubFactory(PlanFactory, partnership=factory.SelfAttribute("..partnership"))
    subject = "the multi-agency response to identification of initial need and risk"
    onsite_start = datetime.date(2022, 11, 21)
    onsite_end = datetime.date(2022, 11, 25)
    letter_date = datetime.date(2023, 1, 31)
    statement_due = datetime.date(2023, 5, 11)


class FindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Finding

    class Params:
        # A JTAI's finding: the plan is the inspection's, so a test may name either.
        inspection = factory.SubFactory(InspectionFactory)

    plan = factory.SelfAttribute("inspection.plan")
    number = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Area for improvement {n}.")


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    finding = factory.SubFactory(FindingFactory)
    reference = factory.Sequence(lambda n: f"A{n}")
    description = "Agree a joint protocol for out-of-hours transfers."
    lead_agency = factory.SubFactory(
        AgencyFactory, partnership=factory.SelfAttribute("..finding.plan.partnership")
    )
    target_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=60))
    success_measure = "Protocol signed by all partners."
    rag = RAG.GREEN


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    action = factory.SubFactory(ActionFactory)
    author = factory.SubFactory(
        UserFactory,
        partnership=factory.SelfAttribute("..action.finding.plan.partnership"),
        agency=factory.SelfAttribute("..action.lead_agency"),
    )
    narrative = "Work is on track."
    rag = RAG.GREEN


class MeetingFactory(factory.django.DjangoModelFactory):
    """A recorded executive meeting of a plan, today unless dated, with no snapshot: for
    tests that need a meeting to decide at (meetings.services.meeting_record takes one)."""

    class Meta:
        model = Meeting

    plan = factory.SubFactory(PlanFactory)
    date = factory.LazyFunction(timezone.localdate)
    title = "LSCP executive"
    recorded_by = factory.SubFactory(
        UserFactory, partnership=factory.SelfAttribute("..plan.partnership"), role=Role.MANAGER
    )
