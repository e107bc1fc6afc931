"""Lewisham: the real letter of 31 January 2023, with an invented but realistic plan."""

import datetime

from actions.models import PlanStatus
from actions.rag import RAG
from demo import lewisham_letter as letter
from demo.blueprint import (
    ActionSeed,
    AgencySeed,
    AskSeed,
    DecisionSeed,
    InspectionSeed,
    MeetingSeed,
    PartnershipSeed,
    PersonSeed,
    UpdateSeed,
)
from meetings.models import AskKind
from partnerships.models import AgencyKind
from people.models import Role

# Updates fall before the last two bi-monthly executive meetings.
EARLIER_ROUND = 75
LATEST_ROUND = 18

A = ActionSeed
U = UpdateSeed

ACTIONS = {
    1: (
        A(
            description="Agree a joint protocol between children's social care, the emergency "
            "duty team and the Metropolitan Police for the out-of-hours transfer of children "
            "from police custody to appropriate accommodation (PACE transfers).",
            lead_agency="police",
            lead_officer="police.officer",
            supporting=("council",),
            start=-300,
            target=-30,
            success_measure="Protocol signed by all partners; monthly custody data shows no child "
            "held overnight in a police station where a PACE bed was requested.",
            rag=RAG.RED,
            updates=(
                U(
                    EARLIER_ROUND,
                    RAG.AMBER,
                    "Draft protocol shared with the emergency duty team. "
                    "Sign-off delayed while the custody data set is agreed.",
                ),
                U(
                    LATEST_ROUND,
                    RAG.RED,
                    "Target date missed: the police custody lead post is "
                    "vacant and the protocol has not been signed. Executive help requested to "
                    "secure a named lead from the BCU.",
                ),
            ),
        ),
        A(
            description="Commission two emergency placements for children who need a PACE bed "
            "out of hours.",
            lead_agency="council",
            lead_officer="council.officer",
            start=-260,
            target=45,
            success_measure="Placements available 24/7; every PACE request met within 2 hours.",
            rag=RAG.AMBER,
            updates=(
                U(
                    EARLIER_ROUND,
                    RAG.GREEN,
                    "Provider identified through the sub-regional framework.",
                ),
                U(
                    LATEST_ROUND,
                    RAG.AMBER,
                    "Contract award slipped by six weeks because the "
                    "provider's registration is pending; interim spot-purchase arrangement in "
                    "place as the recovery plan.",
                ),
            ),
        ),
    ),
    2: (
        A(
            description="Recruit to the emergency duty team establishment and introduce a "
            "second social worker on every out-of-hours shift.",
            lead_agency="council",
            lead_officer="council.officer",
            start=-320,
            target=120,
            original_target=-40,
            target_change_reason="Reprogrammed with the approval of the LSCP executive: the "
            "first recruitment campaign did not appoint; a second campaign with a market "
            "supplement is under way.",
            success_measure="Two qualified social workers on every shift for three consecutive "
            "months; vacancy rate below 10%.",
            rag=RAG.AMBER,
            updates=(
                U(EARLIER_ROUND, RAG.RED, "First campaign closed with no appointable candidates."),
                U(
                    LATEST_ROUND,
                    RAG.AMBER,
                    "Second campaign launched with a market supplement; "
                    "three interviews booked. Agency cover keeps two workers on 80% of shifts.",
                ),
            ),
        ),
        A(
            description="Review demand and capacity in the police missing persons unit and "
            "agree additional posts.",
            lead_agency="police",
            lead_officer="police.officer",
            start=-280,
            target=-10,
            success_measure="Capacity review presented to the executive; missing episodes "
            "followed up within 72 hours in 95% of cases.",
            rag=RAG.GREEN,
            updates=(
                U(EARLIER_ROUND, RAG.GREEN, "Demand analysis completed for the last 12 months."),
                U(
                    LATEST_ROUND,
                    RAG.GREEN,
                    "Business case for two additional posts submitted to the BCU commander.",
                ),
            ),
        ),
        A(
            description="Stabilise the referral and assessment teams' workforce through the "
            "recruitment and retention strategy.",
            lead_agency="council",
            lead_officer="council.officer",
            start=-330,
            target=-60,
            success_measure="Average caseload below 18; agency staff below 20% of the teams.",
            rag=RAG.COMPLETE,
            updates=(
                U(
                    EARLIER_ROUND,
                    RAG.GREEN,
                    "Caseloads at 19 on average; two permanent team managers appointed.",
                ),
                U(
                    LATEST_ROUND,
                    RAG.COMPLETE,
                    "Caseloads at 16 for three months and agency staff "
                    "at 14%. Closure agreed by the executive with a sustainability plan.",
                ),
            ),
        ),
    ),
    3: (
        A(
            description="Issue partnership guidance on who must be invited to strategy "
            "meetings and child protection conferences, and what information each must receive.",
            lead_agency="lscp",
            lead_officer="manager",
            supporting=("council", "police", "icb"),
            start=-300,
            target=-90,
            success_measure="Guidance published; multi-agency audit shows relevant professionals "
            "invited in 90% of sampled meetings.",
            rag=RAG.COMPLETE,
            updates=(
                U(
                    EARLIER_ROUND,
                    RAG.COMPLETE,
                    "Guidance published and briefed to all teams; "
                    "audit sample showed 92% compliance.",
                ),
            ),
        ),
        A(
            description="Give GPs and school designated safeguarding leads secure access to "
            "meeting minutes and decisions for the children they support.",
            lead_agency="icb",
            lead_officer="health.officer",
            supporting=("council",),
            start=-200,
            target=75,
            success_measure="Secure e-mail route live for all GP practices; audit shows minutes "
            "received within 5 working days.",
            rag=RAG.GREEN,
            updates=(
                U(EARLIER_ROUND, RAG.GREEN, "Information-sharing agreement drafted with the LMC."),
                U(LATEST_ROUND, RAG.GREEN, "Agreement signed; pilot with 12 practices started."),
            ),
        ),
    ),
    4: (
        A(
            description="Record the outcome of every strategy discussion on police systems so "
            "that attending officers see the family history.",
            lead_agency="police",
            lead_officer="police.officer",
            start=-290,
            target=30,
            success_measure="Dip sample shows strategy outcomes recorded on police systems within "
            "24 hours in 90% of cases.",
            rag=RAG.AMBER,
            updates=(
                U(
                    EARLIER_ROUND,
                    RAG.GREEN,
                    "Recording standard issued to the public protection teams.",
                ),
                U(
                    LATEST_ROUND,
                    RAG.AMBER,
                    "Dip sample at 71%: a training refresh for night shifts is the recovery plan.",
                ),
            ),
        ),
        A(
            description="Map internal and external information flows after referrals and "
            "child protection investigations, and close the gaps found.",
            lead_agency="lscp",
            lead_officer="manager",
            supporting=("council", "police", "icb", "lgt"),
            start=-250,
            target=150,
            success_measure="Information-flow map agreed by all partners; every gap has a named "
            "owner and a date.",
            rag=RAG.GREEN,
            updates=(U(LATEST_ROUND, RAG.GREEN, "Mapping workshops held with all partners."),),
        ),
        A(
            description="Remind school safeguarding leads to add key information to children's "
            "files on the day it is received.",
            lead_agency="council",
            lead_officer="council.officer",
            start=20,
            target=200,
            success_measure="Section 175 audit returns show same-day recording in every school.",
            rag=RAG.NOT_STARTED,
        ),
    ),
    5: (
        A(
            description="Build invitations, attendance and contributions into the strategy "
            "meeting record so that each partner's participation can be reported monthly.",
            lead_agency="council",
            lead_officer="council.officer",
            supporting=("police", "icb"),
            start=-240,
            target=20,
            success_measure="Monthly report to the executive of attendance by agency; "
            "attendance above 90% for police and health.",
            rag=RAG.GREEN,
            updates=(
                U(EARLIER_ROUND, RAG.AMBER, "System change requested from the supplier."),
                U(
                    LATEST_ROUND,
                    RAG.GREEN,
                    "Change delivered; first monthly report due next meeting.",
                ),
            ),
        ),
        A(
            description="Escalate non-attendance at strategy meetings to the agency's "
            "safeguarding lead within one working day.",
            lead_agency="lscp",
            lead_officer="manager",
            start=-180,
            target=-5,
            success_measure="Escalation log shows every non-attendance escalated within one day.",
            rag=RAG.GREEN,
            updates=(
                U(
                    LATEST_ROUND,
                    RAG.GREEN,
                    "Escalation route agreed; log held by the LSCP business unit.",
                ),
            ),
        ),
    ),
    6: (
        A(
            description="Complete and share multi-agency pre-birth protection and hospital "
            "discharge plans by 32 weeks of pregnancy.",
            lead_agency="lgt",
            lead_officer="health.officer",
            supporting=("council", "icb"),
            start=-260,
            target=60,
            success_measure="Audit of pre-birth cases shows discharge plans shared by 32 weeks "
            "in 85% of cases.",
            rag=RAG.RED,
            updates=(
                U(
                    EARLIER_ROUND,
                    RAG.AMBER,
                    "Pre-birth pathway revised; midwifery training started.",
                ),
                U(
                    LATEST_ROUND,
                    RAG.RED,
                    "Audit found plans shared by 32 weeks in only 52% of "
                    "cases. Executive asked to support a named social worker for every pre-birth "
                    "assessment.",
                ),
            ),
        ),
        A(
            description="Add a pre-birth planning meeting to the maternity safeguarding pathway.",
            lead_agency="icb",
            lead_officer="health.officer",
            start=-150,
            target=90,
            success_measure="Every unborn baby subject to a plan has a recorded planning meeting.",
            rag=RAG.GREEN,
            updates=(
                U(LATEST_ROUND, RAG.GREEN, "Pathway updated and shared with maternity teams."),
            ),
        ),
    ),
    7: (
        A(
            description="Add a mandatory 'children in the household' field and risk prompt to "
            "the adult mental health electronic patient record.",
            lead_agency="slam",
            lead_officer="health.officer",
            supporting=("icb",),
            start=-230,
            target=-15,
            success_measure="Field completed in 95% of new adult mental health assessments.",
            rag=RAG.AMBER,
            updates=(
                U(EARLIER_ROUND, RAG.AMBER, "Supplier change request raised."),
                U(
                    LATEST_ROUND,
                    RAG.AMBER,
                    "Supplier release slipped to next quarter; manual prompt in use meanwhile.",
                ),
            ),
        ),
        A(
            description="Deliver 'Think Family' child safeguarding training to adult mental "
            "health practitioners and audit referrals to the MASH.",
            lead_agency="slam",
            lead_officer="health.officer",
            start=-200,
            target=180,
            success_measure="80% of practitioners trained; quarterly audit of MASH referrals from "
            "adult mental health teams.",
            rag=RAG.GREEN,
            updates=(
                U(LATEST_ROUND, RAG.GREEN, "Training started: 41% of practitioners trained."),
            ),
        ),
    ),
    8: (
        A(
            description="Introduce a training impact framework: pre- and post-course measures "
            "and a 3-month follow-up with practitioners and their managers.",
            lead_agency="lscp",
            lead_officer="manager",
            start=-210,
            target=40,
            success_measure="Impact report to the executive every six months showing change in "
            "practice, evidenced by audit.",
            rag=RAG.GREEN,
            updates=(
                U(EARLIER_ROUND, RAG.GREEN, "Framework agreed by the learning sub-group."),
                U(LATEST_ROUND, RAG.GREEN, "First 3-month follow-ups completed."),
            ),
        ),
        A(
            description="Include a training-impact question in every multi-agency audit.",
            lead_agency="lscp",
            lead_officer="manager",
            start=30,
            target=240,
            success_measure="Every audit report states the impact of training on the cases "
            "audited.",
            rag=RAG.NOT_STARTED,
        ),
    ),
}

LEWISHAM = PartnershipSeed(
    slug="lewisham",
    local_area="London Borough of Lewisham",
    name="Lewisham Safeguarding Children Partnership",
    short_name="LSCP",
    agencies=(
        AgencySeed(
            "council", "London Borough of Lewisham", "Local authority", AgencyKind.LOCAL_AUTHORITY
        ),
        AgencySeed("police", "Metropolitan Police Service", "Police", AgencyKind.POLICE),
        AgencySeed("icb", "NHS South East London Integrated Care Board", "ICB", AgencyKind.HEALTH),
        AgencySeed(
            "lgt",
            "Lewisham and Greenwich NHS Trust",
            "Lewisham and Greenwich NHS Trust",
            AgencyKind.NHS_TRUST,
        ),
        AgencySeed(
            "slam", "South London and Maudsley NHS Foundation Trust", "SLaM", AgencyKind.NHS_TRUST
        ),
        AgencySeed(
            "lscp", "Lewisham Safeguarding Children Partnership", "LSCP", AgencyKind.PARTNERSHIP
        ),
    ),
    people=(
        PersonSeed("manager", "Priya", "Shah", "LSCP business manager", "lscp", Role.MANAGER),
        PersonSeed(
            "council.officer",
            "Daniel",
            "Hughes",
            "Head of Service, Referral and Assessment",
            "council",
            Role.OWNER,
        ),
        PersonSeed(
            "police.officer",
            "Karen",
            "Doyle",
            "Detective Chief Inspector, Public Protection",
            "police",
            Role.OWNER,
        ),
        PersonSeed(
            "health.officer",
            "Amara",
            "Nwosu",
            "Designated Nurse for Safeguarding Children",
            "icb",
            Role.OWNER,
        ),
        PersonSeed(
            "executive",
            "Helen",
            "Carter",
            "Director of Children's Social Care",
            "council",
            Role.EXECUTIVE,
        ),
        # The executive: each statutory partner's lead. Helen Carter, listed first, is the
        # one who agrees the demo's closures.
        PersonSeed(
            "police.executive",
            "James",
            "Whitfield",
            "Detective Superintendent, Public Protection, South East Command Unit",
            "police",
            Role.EXECUTIVE,
        ),
        PersonSeed(
            "health.executive",
            "Grace",
            "Adeyemi",
            "Director of Nursing and Safeguarding, Lewisham",
            "icb",
            Role.EXECUTIVE,
        ),
        PersonSeed(
            "scrutineer", "Robert", "Ellis", "Independent Scrutineer", "lscp", Role.SCRUTINEER
        ),
    ),
    inspection=InspectionSeed(
        subject="the multi-agency identification and response to initial need and risk",
        theme="Identification of initial need and risk (the 'front door')",
        inspectorates=("Ofsted", "CQC", "HMICFRS"),
        onsite_start=datetime.date(2022, 11, 21),
        onsite_end=datetime.date(2022, 11, 25),
        letter_date=datetime.date(2023, 1, 31),
        statement_due=datetime.date(2023, 5, 11),
        principal_authority="London Borough of Lewisham",
        addressees="\n".join(
            [
                "Pinaki Ghoshal, Executive Director for Children and Young People, "
                "Lewisham Council",
                "Ceri Jacobs, Place Executive lead, South East London Integrated Care Board",
                "Sir Mark Rowley, Commissioner of the Metropolitan Police Service",
                "Sophie Linden, Deputy Mayor for Policing and Crime",
                "David Goosey, Independent Scrutineer, Lewisham Safeguarding Children Partnership",
            ]
        ),
        headline_findings=letter.HEADLINE_FINDINGS,
        strengths="\n".join(letter.STRENGTHS),
        status=PlanStatus.MONITORING,
        findings=tuple(letter.WHAT_NEEDS_TO_IMPROVE),
        actions=ACTIONS,
    ),
    asks=(
        # Before the latest meeting, which answered it.
        AskSeed(
            action="1.1",
            kind=AskKind.ESCALATE,
            text="Escalate to the BCU commander: the custody lead post is vacant and the PACE "
            "protocol cannot be signed until the police name a lead.",
            asked_by="police.officer",
            days_ago=20,
        ),
        # Since the latest meeting: it waits for the next one.
        AskSeed(
            action="6.1",
            kind=AskKind.FUNDING,
            text="Fund a named social worker for every pre-birth assessment for six months, "
            "so discharge plans are shared by 32 weeks.",
            asked_by="health.officer",
            days_ago=3,
        ),
    ),
    decisions=(
        DecisionSeed(
            meeting=0,
            text="Agree a market supplement for emergency duty team posts and run a second "
            "campaign; report appointments to each meeting until the establishment is filled.",
            owner="executive",
            due_in=30,
            actions=("2.1",),
        ),
        DecisionSeed(
            meeting=1,
            text="The police partner to name an interim custody lead from the BCU within two "
            "weeks; the protocol comes back to the executive for sign-off at the next meeting.",
            owner="police.officer",
            due_in=7,
            answers=("1.1",),
        ),
    ),
    meetings=(
        MeetingSeed(
            attendees=(
                "executive",
                "police.executive",
                "health.executive",
                "scrutineer",
                "manager",
                "council.officer",
            ),
            guests=("Sam Okoro, Emergency Duty Team service manager, Lewisham Council",),
            apologies=("police.officer",),
            agenda=(
                "Minutes of the last meeting and matters arising",
                "JTAI action plan: highlight report (red, overdue and changed since the last "
                "meeting)",
                "Area 2: emergency duty team recruitment, the case for a market supplement",
                "Closures to agree",
                "AOB",
            ),
        ),
        MeetingSeed(
            attendees=(
                "executive",
                "police.executive",
                "scrutineer",
                "manager",
                "police.officer",
                "health.officer",
            ),
            guests=("Dr Asha Patel, designated doctor for safeguarding children",),
            apologies=("health.executive", "council.officer"),
            agenda=(
                "Minutes of the last meeting and matters arising",
                "JTAI action plan: highlight report",
                "Area 1: the PACE transfer protocol and the vacant custody lead post (escalation)",
                "Area 6: pre-birth pathway deep dive",
                "AOB",
            ),
        ),
    ),
)
