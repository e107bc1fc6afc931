"""Lewisham: the real letter of 31 January 2023, with an invented but realistic plan.

The letter's words are Lewisham's; its dates move with the day the demo is loaded (see
demo.blueprint), so the plan, its updates and its meetings follow the letter as they
would have: the plan written in the weeks after it, the statement sent about 100 days
after it, and monitoring since."""

import datetime

from actions.models import EvidenceKind, PlanStatus
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
    ReturnSeed,
    UpdateSeed,
)
from meetings.models import AskKind
from partnerships.models import AgencyKind
from people.models import Role

# Updates fall before the last two bi-monthly executive meetings.
EARLIER_ROUND = 75
LATEST_ROUND = 18

# The letter falls about 13 months before the demo's day, so the statement went to Ofsted
# some ten months ago and the plan has been monitored since.
LETTER_DAYS_AGO = 400

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
            evidence=(
                "Custody data for the last quarter",
                EvidenceKind.DATA,
            ),
            updates=(
                U(
                    EARLIER_ROUND,
                    RAG.AMBER,
                    "Draft protocol agreed at officer level by the emergency duty team and the "
                    "custody managers. Sign-off is waiting for the custody data set (children "
                    "held after charge, PACE bed requested, time of transfer) to be agreed with "
                    "the Met's performance team.",
                    percent=60,
                    reason="Sign-off will not be in place before the executive meets: the custody "
                    "data set is not agreed. Recovery plan: data set to the custody managers' "
                    "meeting next month, protocol signed before the target date.",
                ),
                U(
                    LATEST_ROUND,
                    RAG.RED,
                    "Target date missed: the protocol cannot be signed while the BCU custody "
                    "lead post is vacant. 9 children held overnight last quarter; executive "
                    "help requested.",
                    percent=65,
                    reason="The target date has passed without the police signature; the "
                    "recovery plan needs a named custody lead, which only the BCU can give.",
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
                    "Provider identified through the sub-regional framework; the two-bed service "
                    "specification agreed with commissioning. Contract award planned for the "
                    "autumn.",
                    percent=40,
                ),
                U(
                    LATEST_ROUND,
                    RAG.AMBER,
                    "Contract award slipped by six weeks because the provider's Ofsted "
                    "registration of the new home is pending. Interim spot-purchase arrangement "
                    "in place as the recovery plan: used for 3 PACE requests since the last "
                    "meeting, all met within 2 hours.",
                    percent=55,
                    reason="The contract cannot be awarded until the home is registered; the "
                    "spot-purchase arrangement covers the gap.",
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
            evidence=(
                "Emergency duty team rota",
                EvidenceKind.DATA,
            ),
            updates=(
                U(
                    EARLIER_ROUND,
                    RAG.RED,
                    "First campaign closed with 7 applicants and no appointable candidates for "
                    "the 4 vacant posts. Agency cover gives two social workers on 70% of shifts.",
                    percent=20,
                    reason="The original target date cannot be met without a second campaign; "
                    "the executive is asked to agree a market supplement to make the posts "
                    "competitive.",
                ),
                U(
                    LATEST_ROUND,
                    RAG.AMBER,
                    "Second campaign launched with the market supplement the executive agreed; "
                    "12 applicants and three interviews booked. Agency cover keeps two workers "
                    "on 80% of shifts.",
                    percent=40,
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
                U(
                    EARLIER_ROUND,
                    RAG.GREEN,
                    "Demand analysis of the last 12 months complete: 1,140 missing episodes, "
                    "38% of them children reported missing three or more times; follow-up "
                    "within 72 hours in 81% of episodes.",
                    percent=45,
                ),
                U(
                    LATEST_ROUND,
                    RAG.GREEN,
                    "Capacity review done; business case for two more posts is with the BCU "
                    "commander.",
                    percent=80,
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
                    "Average caseload 19, down from 23 at the inspection; two permanent team "
                    "managers appointed; agency staff 22% of the teams.",
                    percent=80,
                ),
                U(
                    LATEST_ROUND,
                    RAG.GREEN,
                    "Average caseload 16 for three months running and agency staff down to 14% "
                    "of the teams (workforce report, last three months).",
                    percent=100,
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
            evidence=(
                "Multi-agency audit of invitations",
                EvidenceKind.CASE_AUDIT,
            ),
            updates=(
                U(
                    EARLIER_ROUND,
                    RAG.GREEN,
                    "Guidance published and briefed to all MASH, referral and assessment and "
                    "child protection teams. Multi-agency audit of 25 strategy meetings and "
                    "conferences: relevant professionals invited in 23 (92%).",
                    percent=100,
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
                U(
                    EARLIER_ROUND,
                    RAG.GREEN,
                    "Information-sharing agreement drafted with the Local Medical Committee and "
                    "the council's information governance team.",
                    percent=20,
                ),
                U(
                    LATEST_ROUND,
                    RAG.GREEN,
                    "Agreement signed by the ICB, the council and the LMC; secure e-mail pilot "
                    "started with 12 GP practices.",
                    percent=45,
                ),
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
            evidence=(
                "Dip sample of strategy outcomes",
                EvidenceKind.QUALITY_ASSURANCE,
            ),
            updates=(
                U(
                    EARLIER_ROUND,
                    RAG.GREEN,
                    "Recording standard issued to the public protection teams and briefed at "
                    "every team meeting.",
                    percent=40,
                ),
                U(
                    LATEST_ROUND,
                    RAG.AMBER,
                    "Dip sample: 29 of 40 (71%) recorded within 24 hours, the gaps on night "
                    "shifts; a night-shift briefing is the recovery plan.",
                    percent=55,
                    reason="The dip sample is well short of 90%; the recovery plan targets the "
                    "night shifts where most of the gaps are.",
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
            updates=(
                U(
                    EARLIER_ROUND,
                    RAG.GREEN,
                    "Workshop dates agreed with each partner's information governance lead.",
                    percent=10,
                ),
                U(
                    LATEST_ROUND,
                    RAG.GREEN,
                    "Mapping workshops held with all five partners; 11 gaps found, the draft "
                    "map with the gaps goes to partners for comment.",
                    percent=30,
                ),
            ),
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
            evidence=(
                "Supplier's release note",
                EvidenceKind.OTHER,
            ),
            updates=(
                U(
                    EARLIER_ROUND,
                    RAG.AMBER,
                    "Change to the strategy meeting record requested from the case management "
                    "system's supplier; the MASH keeps a spreadsheet tracker meanwhile.",
                    percent=30,
                    reason="The supplier has not yet given a release date; the spreadsheet "
                    "tracker covers the gap.",
                ),
                U(
                    LATEST_ROUND,
                    RAG.GREEN,
                    "Change to the strategy meeting record delivered; first monthly report by "
                    "agency due at the next meeting.",
                    percent=75,
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
                    "Escalation route agreed; 12 of 14 non-attendances escalated within one "
                    "working day.",
                    percent=85,
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
            evidence=("Audit of pre-birth plans", EvidenceKind.CASE_AUDIT),
            updates=(
                U(
                    EARLIER_ROUND,
                    RAG.AMBER,
                    "Pre-birth pathway revised; training for community midwives started, 2 of "
                    "5 teams trained.",
                    percent=30,
                    reason="Plans are still late: the monthly audit shows no improvement yet. "
                    "Recovery plan: the remaining midwifery teams trained before the next "
                    "meeting.",
                ),
                U(
                    LATEST_ROUND,
                    RAG.RED,
                    "Audit: plans shared by 32 weeks in 10 of 25 cases (40%). Executive asked "
                    "to fund a named social worker for every pre-birth assessment.",
                    percent=35,
                    reason="The audit shows no improvement and the target is two months away; "
                    "the recovery needs social work capacity the trust cannot provide.",
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
                U(
                    LATEST_ROUND,
                    RAG.GREEN,
                    "Planning meeting added to the pathway; first meetings held in two "
                    "maternity teams.",
                    percent=50,
                ),
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
            evidence=(
                "Audit of the manual prompt",
                EvidenceKind.QUALITY_ASSURANCE,
            ),
            updates=(
                U(
                    EARLIER_ROUND,
                    RAG.AMBER,
                    "Change request raised with the patient record's supplier; release date "
                    "not yet confirmed.",
                    percent=25,
                    reason="The supplier has not committed to a date before the target.",
                ),
                U(
                    LATEST_ROUND,
                    RAG.AMBER,
                    "Supplier release slipped to next quarter; the manual prompt was completed "
                    "in 47 of 60 assessments (78%).",
                    percent=50,
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
                U(
                    EARLIER_ROUND,
                    RAG.GREEN,
                    "Course commissioned from the LSCP training pool; first cohorts booked.",
                    percent=15,
                ),
                U(
                    LATEST_ROUND,
                    RAG.GREEN,
                    "41% of practitioners trained so far.",
                    percent=40,
                ),
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
            evidence=(
                "Pre- and post-course measures",
                EvidenceKind.TRAINING,
            ),
            updates=(
                U(
                    EARLIER_ROUND,
                    RAG.GREEN,
                    "Framework agreed by the learning and development sub-group.",
                    percent=30,
                ),
                U(
                    LATEST_ROUND,
                    RAG.GREEN,
                    "Course measures in use on all 9 courses; the first 3-month follow-up "
                    "survey goes out next month.",
                    percent=60,
                ),
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

# The returns to the update round now open, in the order they came: the police officer has
# returned nothing yet.
RETURNS = (
    ReturnSeed(
        "1.2",
        "The home's Ofsted registration visit is done; the contract award follows "
        "registration. Both PACE requests met within 2 hours by spot purchase.",
        percent=60,
        review="accepted",
    ),
    # Sent back to an officer: the manager checks the returns, and leads 4.2 herself.
    ReturnSeed(
        "6.2",
        "On track.",
        percent=50,
        review="sent back",
        comment="Say what has been done since the last meeting and what happens next, with "
        "dates: the executive cannot judge progress from this.",
    ),
    ReturnSeed(
        "2.1",
        "Two social workers appointed, starting in the next two months; two posts "
        "re-advertised. Two workers on 84% of shifts.",
        percent=55,
    ),
    ReturnSeed(
        "3.2",
        "Pilot at 20 of the 30 GP practices; minutes received within 5 working days for 34 of "
        "40 conferences.",
        percent=60,
    ),
)

LEWISHAM = PartnershipSeed(
    slug="lewisham",
    local_area="London Borough of Lewisham",
    name="Lewisham Safeguarding Children Partnership",
    short_name="LSCP",
    agencies=(
        AgencySeed(
            "council", "London Borough of Lewisham", "Lewisham Council", AgencyKind.LOCAL_AUTHORITY
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
        letter_days_ago=LETTER_DAYS_AGO,
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
            text="The police partner to name an interim custody lead from the BCU within three "
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
    returns=RETURNS,
)
