"""Northbrook: a fictional second partnership, so that isolation between partnerships shows."""

import datetime

from actions.models import EvidenceKind, PlanStatus
from actions.rag import RAG
from demo.blueprint import (
    ActionSeed,
    AgencySeed,
    InspectionSeed,
    MeetingSeed,
    PartnershipSeed,
    PersonSeed,
    ReturnSeed,
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
        # A more recent letter than Lewisham's: its plan is in its first year.
        letter_days_ago=250,
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
                    target=-25,
                    success_measure="Tool used in every neglect assessment.",
                    rag=RAG.RED,
                    evidence=("Procurement board paper: GCP2 licences", EvidenceKind.OTHER),
                    updates=(
                        UpdateSeed(
                            20,
                            RAG.RED,
                            "Target date missed: the Graded Care Profile 2 licences are not "
                            "yet bought, as the spend waits for the council's procurement "
                            "board. 40 practitioners are waiting for the training that comes "
                            "with them.",
                            percent=20,
                            reason="The target date has passed; the licences need the "
                            "executive's help to get the spend approved.",
                        ),
                    ),
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
                    updates=(
                        UpdateSeed(
                            20,
                            RAG.GREEN,
                            "Facilitators trained for the first four teams; their first "
                            "sessions are booked for next month.",
                            percent=20,
                        ),
                    ),
                ),
            ),
        },
    ),
    returns=(
        ReturnSeed(
            "2.1",
            "Reflective group supervision running monthly in 4 of the 6 teams working with "
            "neglect; the other two start in the new year, once their facilitators are trained.",
            percent=40,
        ),
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
