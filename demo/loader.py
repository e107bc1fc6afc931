"""Creates the demo partnerships. Everything is found by its natural key before it is
created, so loading twice changes nothing."""

import datetime

from django.db import transaction
from django.utils import timezone

from actions.models import (
    Action,
    Closure,
    ClosureStatus,
    Evidence,
    EvidenceKind,
    Finding,
    Plan,
    PlanKind,
    ProgressUpdate,
)
from actions.rag import RAG, is_overdue
from actions.rules import sustainability_review_due
from demo.blueprint import DEMO_PASSWORD, PartnershipSeed
from demo.impact_seed import load_measures
from demo.lewisham import LEWISHAM
from demo.northbrook import NORTHBROOK
from govuk.working_days import working_days_from
from inspections.models import Inspection, Inspectorate, Theme
from inspections.reference_data import ensure_reference_data
from meetings.models import ActionSnapshot, AgendaItem, Decision, ExecutiveAsk, Meeting
from notifications.models import SentEmail
from partnerships.models import Agency, Partnership
from people.models import Role, User
from rounds import emails
from rounds.models import (
    DEADLINE_WORKING_DAYS_BEFORE_MEETING,
    EmailKind,
    ReturnReview,
    ReviewDecision,
    UpdateRound,
)
from rounds.selectors import owners_due
from statements.models import StatementSignatory
from statements.sign_off import statutory_agencies

DEMO_PARTNERSHIPS = (LEWISHAM, NORTHBROOK)


@transaction.atomic
def load_demo(*, today: datetime.date) -> list[Partnership]:
    ensure_reference_data(Inspectorate, Theme)
    return [_load_partnership(seed, today=today) for seed in DEMO_PARTNERSHIPS]


def demo_usernames() -> list[str]:
    return [person.username for seed in DEMO_PARTNERSHIPS for person in seed.people]


def _load_partnership(seed: PartnershipSeed, *, today: datetime.date) -> Partnership:
    partnership, _ = Partnership.objects.get_or_create(
        slug=seed.slug,
        defaults={
            "local_area": seed.local_area,
            "name": seed.name,
            "short_name": seed.short_name,
            # Shorter than the six months a partnership starts with, so the demo's closure
            # of September is due its sustainability review and the watch after closure shows.
            "sustainability_review_months": 2,
        },
    )
    agencies = {
        agency.key: Agency.objects.get_or_create(
            partnership=partnership,
            name=agency.name,
            defaults={"short_name": agency.short_name, "kind": agency.kind},
        )[0]
        for agency in seed.agencies
    }
    people = {}
    for person in seed.people:
        user, created = User.objects.get_or_create(
            username=person.username,
            defaults={
                "first_name": person.first_name,
                "last_name": person.last_name,
                "email": f"{person.username}@{seed.slug}.example.org",
                "job_title": person.job_title,
                "partnership": partnership,
                "agency": agencies[person.agency],
                "role": person.role,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        people[person.username] = user

    facts = seed.inspection
    inspection = Inspection.objects.filter(
        partnership=partnership, letter_date=facts.letter_date, subject=facts.subject
    ).first()
    created = inspection is None
    if inspection is None:
        plan = Plan.objects.create(partnership=partnership, kind=PlanKind.JTAI, status=facts.status)
        inspection = Inspection.objects.create(
            partnership=partnership,
            plan=plan,
            letter_date=facts.letter_date,
            subject=facts.subject,
            theme=Theme.objects.get(name=facts.theme),
            onsite_start=facts.onsite_start,
            onsite_end=facts.onsite_end,
            statement_due=facts.statement_due,
            principal_authority=facts.principal_authority,
            addressees=facts.addressees,
            headline_findings=facts.headline_findings,
            strengths=facts.strengths,
        )
        inspection.inspectorates.set(
            Inspectorate.objects.filter(short_name__in=facts.inspectorates)
        )

    for number, text in enumerate(facts.findings, start=1):
        finding, _ = Finding.objects.get_or_create(
            plan=inspection.plan, number=number, defaults={"text": text}
        )
        for position, action_seed in enumerate(facts.actions.get(number, ()), start=1):
            _load_action(finding, position, action_seed, agencies, people, today=today)
    manager = next(p for p in people.values() if p.role == Role.MANAGER)
    if created:
        # Each statutory partner's lead for approving the statement: its officer in the demo.
        for agency in statutory_agencies(inspection.plan):
            lead = next((p for p in people.values() if p.agency_id == agency.pk), None)
            if lead is not None:
                StatementSignatory.objects.get_or_create(
                    plan=inspection.plan, agency=agency, defaults={"person": lead}
                )
        earlier, latest = MEETINGS_DAYS_AGO
        # Re-baselined targets were approved between the two meetings.
        meetings = [
            _load_meeting(inspection, manager, today - datetime.timedelta(days=earlier), True),
            _load_meeting(inspection, manager, today - datetime.timedelta(days=latest), False),
        ]
        _load_attendance_and_agendas(seed, meetings, people)
        _load_asks_and_decisions(seed, inspection, meetings, manager, people, today=today)
        _load_round(inspection, manager, today=today)
    else:
        _complete_earlier_demo_meetings(seed, inspection, manager, people)
    if seed is LEWISHAM:
        load_measures(plan=inspection.plan, today=today)
    return partnership


# The plan was agreed well before the first update the demo shows, and re-baselined target
# dates were approved between the last two meetings.
PLAN_AGREED_DAYS_AGO = 300
REBASELINED_DAYS_AGO = 45


def _backfill_history(action, seed, author, day):
    """Gives the action the change history it would have had, so a progress report as at a
    past date shows the plan as it then stood."""
    agreed = day(-PLAN_AGREED_DAYS_AGO)
    Action.objects.filter(pk=action.pk).update(created_at=_at(agreed))
    final_rag, final_target = action.rag, action.target_date
    moments = [(agreed, RAG.NOT_STARTED)] + [
        (day(-update.days_ago), update.rag)
        for update in sorted(seed.updates, key=lambda update: -update.days_ago)
    ]
    for number, (when, rag) in enumerate(moments):
        action.rag = rag
        rebaselined = when >= day(-REBASELINED_DAYS_AGO)
        action.target_date = final_target if rebaselined else action.original_target_date
        Action.history.bulk_history_create(
            [action], update=number > 0, default_user=author, default_date=_at(when)
        )
    action.rag, action.target_date = final_rag, final_target


def _at(date: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(10)))


# The last two bi-monthly executive meetings, each just after an update round.
MEETINGS_DAYS_AGO = (70, 14)

# The round for the next meeting opened a week ago; its deadline is a few working days away,
# so send_reminders has round e-mails to send on a fresh demo.
ROUND_OPENED_DAYS_AGO = 7
ROUND_DEADLINE_WORKING_DAYS_AHEAD = 3
RETURNS_DAYS_AGO = 2
DEMO_RETURNS = (
    "Progress since the last meeting: the audit of a sample of 20 cases is complete and its "
    "findings went to the practice leads' forum; actions agreed with named leads.",
    "Training delivered to 46 of 60 staff; the rest are booked for next month. Dip sample "
    "of 15 referrals shows the new recording template in use in 13.",
    "Draft agreed by the working group; sign-off expected at the next partnership board.",
    "On track.",
)


def _load_round(inspection, manager, *, today: datetime.date):
    """An update round under way: a few owners have returned their updates (one accepted,
    one sent back for more detail, the rest to check) and the others have not."""
    if UpdateRound.objects.filter(plan=inspection.plan_id).exists():
        return
    deadline = working_days_from(today, ROUND_DEADLINE_WORKING_DAYS_AHEAD)
    update_round = UpdateRound.objects.create(
        plan=inspection.plan,
        meeting_date=working_days_from(deadline, DEADLINE_WORKING_DAYS_BEFORE_MEETING),
        deadline=deadline,
        opened_by=manager,
        opened_at=_at(today - datetime.timedelta(days=ROUND_OPENED_DAYS_AGO)),
    )
    _record_round_opening_emails(update_round)
    # The police officer's actions stay unreturned: the demo's owner still to update.
    returned = (
        Action.objects.filter(finding__plan=inspection.plan_id, lead_officer__isnull=False)
        .exclude(rag=RAG.COMPLETE)
        .exclude(lead_officer__username__startswith="police")
        .order_by("finding__number", "position")[: len(DEMO_RETURNS)]
    )
    when = today - datetime.timedelta(days=RETURNS_DAYS_AGO)
    for action, narrative in zip(returned, DEMO_RETURNS, strict=False):
        update = ProgressUpdate.objects.create(
            action=action,
            author=action.lead_officer,
            date=when,
            narrative=narrative,
            rag=action.rag,
        )
        ProgressUpdate.objects.filter(pk=update.pk).update(created_at=_at(when))
        if narrative == DEMO_RETURNS[0]:
            ReturnReview.objects.create(
                update_round=update_round,
                update=update,
                decision=ReviewDecision.ACCEPTED,
                reviewed_by=manager,
            )
        elif narrative == DEMO_RETURNS[-1]:
            ReturnReview.objects.create(
                update_round=update_round,
                update=update,
                decision=ReviewDecision.SENT_BACK,
                comment="Say what has been done since the last meeting and what happens next, "
                "with dates: the executive cannot judge progress from this.",
                reviewed_by=manager,
            )


def _record_round_opening_emails(update_round: UpdateRound) -> None:
    """The e-mails round_open sent a week ago, recorded as sent that day (not sent now):
    send_reminders on a fresh demo then sends only what is due today, not a week-old
    round-open e-mail. Recorded before the returns, as the owners were asked then."""
    for owner, actions in owners_due(update_round=update_round).items():
        email = emails.update_request(
            kind=EmailKind.ROUND_OPEN,
            update_round=update_round,
            recipient=owner,
            actions=actions,
            occasion=emails.round_occasion(update_round),
        )
        sent = SentEmail.objects.create(
            kind=email.kind,
            recipient=owner,
            occasion=email.occasion,
            about=update_round,
            address=owner.email,
            subject=email.subject[:300],
        )
        # sent_at is set on creation; the round's e-mails went when it opened.
        SentEmail.objects.filter(pk=sent.pk).update(sent_at=update_round.opened_at)


def _load_asks_and_decisions(seed, inspection, meetings, manager, people, *, today):
    """What owners asked of the executive and what its meetings decided: an ask answered at
    the latest meeting, one still waiting, and a decision of the earlier meeting not yet
    done, so the latest meeting carries it forward as a matter arising."""
    actions = {
        action.reference: action
        for action in Action.objects.filter(finding__plan=inspection.plan_id)
    }
    asks = []
    for ask in seed.asks:
        asks.append(
            ExecutiveAsk.objects.create(
                action=actions[ask.action],
                kind=ask.kind,
                text=ask.text,
                asked_by=people[ask.asked_by],
                asked_at=_at(today - datetime.timedelta(days=ask.days_ago)),
            )
        )
    for number, decided in enumerate(seed.decisions, start=1):
        meeting = meetings[decided.meeting]
        done_on = (
            today - datetime.timedelta(days=decided.done_days_ago)
            if decided.done_days_ago is not None
            else None
        )
        decision = Decision.objects.create(
            meeting=meeting,
            text=decided.text,
            owner=people[decided.owner] if decided.owner else None,
            due_date=today + datetime.timedelta(days=decided.due_in)
            if decided.due_in is not None
            else None,
            recorded_by=manager,
            # Recorded on the meeting's day, in the order the meeting took them.
            recorded_at=_at(meeting.date) + datetime.timedelta(minutes=number),
            done_at=_at(done_on) if done_on else None,
            done_by=manager if done_on else None,
            done_note=decided.done_note,
        )
        answered = [ask for ask in asks if ask.action.reference in decided.answers]
        decision.actions.set(
            {actions[reference].pk for reference in decided.actions}
            | {ask.action_id for ask in answered}
        )
        ExecutiveAsk.objects.filter(pk__in=[ask.pk for ask in answered]).update(decision=decision)


def _load_attendance_and_agendas(seed: PartnershipSeed, meetings, people):
    """Who attended each meeting, who sent apologies, and its agenda, as the manager would
    have recorded them on the day; the meeting is recorded on its own date, not the day the
    demo was loaded."""
    for meeting, meeting_seed in zip(meetings, seed.meetings, strict=True):
        meeting.attendees.set([people[username] for username in meeting_seed.attendees])
        meeting.apologies.set([people[username] for username in meeting_seed.apologies])
        meeting.guests = "\n".join(meeting_seed.guests)
        meeting.guest_apologies = "\n".join(meeting_seed.guest_apologies)
        meeting.save(update_fields=["guests", "guest_apologies"])
        AgendaItem.objects.bulk_create(
            AgendaItem(meeting=meeting, number=number, text=text)
            for number, text in enumerate(meeting_seed.agenda, start=1)
        )
        Meeting.objects.filter(pk=meeting.pk).update(created_at=_at(meeting.date))


def _complete_earlier_demo_meetings(seed: PartnershipSeed, inspection, manager, people):
    """A demo loaded before its meetings had attendance and agendas gets them: only while
    the plan has just the demo's two meetings and neither has any yet, so a meeting someone
    recorded since is never touched and loading again changes nothing."""
    meetings = list(Meeting.objects.filter(plan=inspection.plan_id).order_by("date", "pk"))
    if (
        len(meetings) != len(seed.meetings)
        or any(meeting.recorded_by_id != manager.pk for meeting in meetings)
        or AgendaItem.objects.filter(meeting__in=meetings).exists()
        or Meeting.attendees.through.objects.filter(meeting__in=meetings).exists()
        or Meeting.apologies.through.objects.filter(meeting__in=meetings).exists()
    ):
        return
    _load_attendance_and_agendas(seed, meetings, people)


def _load_meeting(inspection, manager, date, before_rebaselining: bool):
    """A past meeting with the snapshot it would have taken: each action as its latest
    update on or before that day left it."""
    meeting = Meeting.objects.create(
        plan=inspection.plan, date=date, title="LSCP executive", recorded_by=manager
    )
    snapshots = []
    for action in Action.objects.filter(finding__plan=inspection.plan_id).prefetch_related(
        "updates"
    ):
        earlier = [u for u in action.updates.all() if u.date <= date]
        latest = max(earlier, key=lambda u: u.date, default=None)
        rag = latest.rag if latest else RAG.NOT_STARTED
        target = action.original_target_date if before_rebaselining else action.target_date
        snapshots.append(
            ActionSnapshot(
                meeting=meeting,
                action=action,
                rag=rag,
                target_date=target,
                overdue=is_overdue(rag, target, date),
                latest_update_on=latest.date if latest else None,
                latest_update=latest.narrative if latest else "",
            )
        )
    ActionSnapshot.objects.bulk_create(snapshots)
    return meeting


def _load_action(finding, position, seed, agencies, people, *, today):
    def day(offset: int) -> datetime.date:
        return today + datetime.timedelta(days=offset)

    action, created = Action.objects.get_or_create(
        finding=finding,
        reference=f"{finding.number}.{position}",
        defaults={
            "position": position,
            "description": seed.description,
            "lead_agency": agencies[seed.lead_agency],
            "lead_officer": people.get(seed.lead_officer),
            "start_date": day(seed.start),
            "target_date": day(seed.target),
            "original_target_date": day(
                seed.original_target if seed.original_target is not None else seed.target
            ),
            "target_date_change_reason": seed.target_change_reason,
            "success_measure": seed.success_measure,
            "rag": seed.rag,
        },
    )
    if not created:
        return
    action.supporting_agencies.set([agencies[key] for key in seed.supporting])
    author = action.lead_officer or next(iter(people.values()))
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(
            action=action,
            author=author,
            date=day(-update.days_ago),
            narrative=update.narrative,
            rag=update.rag,
        )
        for update in seed.updates
    )
    # Recorded on the day they say, so the update round counts only this week's as returns.
    for update in seed.updates:
        when = day(-update.days_ago)
        ProgressUpdate.objects.filter(action=action, date=when).update(created_at=_at(when))
    _backfill_history(action, seed, author, day)
    if position == 1 and seed.updates:
        # The first action of each area shows evidence behind its latest update, as owners
        # attach audits and reports: the progress report's Evidence column has some to show.
        latest = action.updates.order_by("-date", "-pk").first()
        slug = finding.plan.partnership.slug
        Evidence.objects.create(
            action=action,
            update=latest,
            title=f"Dip-sample audit for {action.reference}",
            kind=EvidenceKind.QUALITY_ASSURANCE,
            date=latest.date,
            description="The dip-sample audit the update reports, as presented to the executive.",
            link=f"https://{slug}.example.org/evidence/action-{action.reference}-audit",
            added_by=author,
        )
    if seed.rag == RAG.COMPLETE:
        # Complete means the partnership agreed it: record that, as the product would have.
        agreed_on = day(-min(update.days_ago for update in seed.updates))
        closure = Closure.objects.create(
            action=action,
            status=ClosureStatus.AGREED,
            proposed_by=author,
            evidence_of_impact=seed.updates[-1].narrative,
            sustainability_plan="Quarterly audit reported to the LSCP executive for a year.",
            agreed_by=next((p for p in people.values() if p.role == Role.EXECUTIVE), author),
            agreed_on=agreed_on,
            agreed_at_meeting="LSCP executive",
            # As agreeing it in the service sets: when the owner checks the change held.
            sustainability_review_due=sustainability_review_due(
                agreed_on, months=finding.plan.partnership.sustainability_review_months
            ),
        )
        proposed_at = _at(agreed_on - datetime.timedelta(days=14))
        Closure.objects.filter(pk=closure.pk).update(proposed_at=proposed_at)
