"""Northbrook: a fictional second partnership, so that isolation between partnerships shows."""

import datetime

from actions.models import PlanStatus
from actions.rag import RAG
from demo.blueprint import (
    ActionSeed,
    AgencySeed,
    InspectionSeed,
    MeetingSeed,
    PartnershipSeed,
    PersonSeed,
    UpdateSeed,
)
from partnerships.models import AgencyKind
from people.models import Role

NORTHBROOK = PartnershipSeed(
    slug="northbrook",
    local_area="Northbrook Borough Council",
    name="Northbrook Safeguarding Children Partnership",
    short_name="NSCP",
    agencies=(
        AgencySeed("council", "Northbrook Borough Council", "Council", AgencyKind.LOCAL_AUTHORITY),
        AgencySeed("police", "Northbrook Constabulary", "Police", AgencyKind.POLICE),
        AgencySeed("icb", "Northbrook Integrated Care Board", "ICB", AgencyKind.HEALTH),
    ),
    people=(
        PersonSeed(
            "other.manager", "Morgan", "Reid", "NSCP business manager", "council", Role.MANAGER
        ),
    ),
    inspection=InspectionSeed(
        subject="the multi-agency response to children living with neglect",
        theme="Neglect, ages 7 to 15",
        inspectorates=("Ofsted", "CQC", "HMICFRS", "HMI Probation"),
        onsite_start=datetime.date(2024, 3, 4),
        onsite_end=datetime.date(2024, 3, 8),
        letter_date=datetime.date(2024, 4, 16),
        statement_due=datetime.date(2024, 7, 29),
        principal_authority="Northbrook Borough Council",
        addressees="Director of Children's Services, Northbrook Borough Council\n"
        "Chief Constable, Northbrook Constabulary\n"
        "Chief Executive, Northbrook Integrated Care Board",
        headline_findings="Partners in Northbrook recognise neglect but do not yet share a "
        "common tool to measure it.",
        strengths="Strong early help offer in schools.",
        status=PlanStatus.MONITORING,
        findings=(
            "The consistent use of a shared neglect assessment tool across all agencies.",
            "The quality of supervision for practitioners working with neglected children.",
        ),
        actions={
            1: (
                ActionSeed(
                    description="Adopt the Graded Care Profile 2 across the partnership.",
                    lead_agency="council",
                    lead_officer="other.manager",
                    start=-200,
                    target=-20,
                    success_measure="Tool used in every neglect assessment.",
                    rag=RAG.RED,
                    updates=(UpdateSeed(20, RAG.RED, "Licences not yet bought."),),
                ),
            ),
            2: (
                ActionSeed(
                    description="Introduce reflective group supervision for neglect cases.",
                    lead_agency="icb",
                    lead_officer="other.manager",
                    start=-100,
                    target=90,
                    success_measure="Monthly group supervision in every team.",
                    rag=RAG.GREEN,
                ),
            ),
        },
    ),
    meetings=(
        MeetingSeed(
            attendees=("other.manager",),
            guests=("Dr Tom Hollis, designated doctor for safeguarding children",),
            guest_apologies=("Paul Ashby, Detective Superintendent, Northbrook Constabulary",),
            agenda=(
                "Matters arising",
                "JTAI action plan: highlight report",
                "Area 1: Graded Care Profile 2 licences",
                "AOB",
            ),
        ),
        MeetingSeed(
            attendees=("other.manager",),
            guests=("Dr Tom Hollis, designated doctor for safeguarding children",),
            guest_apologies=("Anne Kerr, Head of Safeguarding, Northbrook Integrated Care Board",),
            agenda=(
                "Matters arising",
                "JTAI action plan: highlight report",
                "Area 2: reflective group supervision, first quarter",
                "AOB",
            ),
        ),
    ),
)
