"""Creates the demo partnerships. Everything is found by its natural key before it is
created, so loading twice changes nothing.

Every record is stamped when its moment of the story happened, not when the demo was
loaded: the plan and its actions when the plan was written, a change of RAG on the day of
the update that made it, a closure on the day of its meeting. The story is built around
the day it is loaded (demo.blueprint), so a fresh demo has nothing stamped today."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from actions.models import (
    Action,
    Closure,
    ClosureStatus,
    Evidence,
    Finding,
    Plan,
    PlanKind,
    ProgressUpdate,
)
from actions.rag import RAG, is_overdue
from actions.rules import sustainability_review_due
from demo.blueprint import DEMO_PASSWORD, InspectionSeed, PartnershipSeed
from demo.impact_seed import load_measures
from demo.lewisham import LEWISHAM
from demo.northbrook import NORTHBROOK
from govuk.working_days import working_days_from
from inspections.letters import suggest_statement_due
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
            # Shorter than the six months a partnership starts with, so the demo's earlier
            # closure is due its sustainability review and the watch after closure shows.
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
    story = story_dates(seed.inspection, today=today)
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
            # They joined when the partnership set the inspection up, the day after its letter.
            joined = _at(story.letter_date + datetime.timedelta(days=1))
            User.objects.filter(pk=user.pk).update(date_joined=joined)
        people[person.username] = user

    facts = seed.inspection
    # Found by its subject, not its dates: they move with the day the demo is loaded.
    inspection = (
        Inspection.objects.filter(partnership=partnership, subject=facts.subject)
        .order_by("pk")
        .first()
    )
    created = inspection is None
    if inspection is None:
        plan = Plan.objects.create(partnership=partnership, kind=PlanKind.JTAI, status=facts.status)
        inspection = Inspection.objects.create(
            partnership=partnership,
            plan=plan,
            letter_date=story.letter_date,
            subject=facts.subject,
            theme=Theme.objects.get(name=facts.theme),
            onsite_start=story.onsite_start,
            onsite_end=story.onsite_end,
            statement_due=story.statement_due,
            principal_authority=facts.principal_authority,
            addressees=facts.addressees,
            headline_findings=facts.headline_findings,
            strengths=facts.strengths,
        )
        inspection.inspectorates.set(
            Inspectorate.objects.filter(short_name__in=facts.inspectorates)
        )
        # The manager set the inspection up from its letter the day after it came; the
        # plan was last changed when the statement went to Ofsted.
        set_up, sent = _at(story.letter_date + datetime.timedelta(days=1)), _at(story.statement_due)
        Inspection.objects.filter(pk=inspection.pk).update(created_at=set_up, updated_at=sent)
        Plan.objects.filter(pk=plan.pk).update(created_at=set_up, updated_at=sent)

    manager = next(p for p in people.values() if p.role == Role.MANAGER)
    created_actions = []
    for number, text in enumerate(facts.findings, start=1):
        finding, _ = Finding.objects.get_or_create(
            plan=inspection.plan, number=number, defaults={"text": text}
        )
        for position, action_seed in enumerate(facts.actions.get(number, ()), start=1):
            action = _load_action(finding, position, action_seed, agencies, people, today=today)
            if action is not None:
                created_actions.append((action, action_seed))
    if created:
        # Each statutory partner's lead for approving the statement: its officer in the demo.
        for agency in statutory_agencies(inspection.plan):
            lead = next((p for p in people.values() if p.agency_id == agency.pk), None)
            if lead is not None:
                StatementSignatory.objects.get_or_create(
                    plan=inspection.plan, agency=agency, defaults={"person": lead}
                )
        # Named while the plan was written.
        StatementSignatory.objects.filter(plan=inspection.plan).update(
            nominated_at=_at(story.plan_written)
        )
        earlier, latest = MEETINGS_DAYS_AGO
        # Re-baselined targets were approved between the two meetings.
        meetings = [
            _load_meeting(inspection, manager, today - datetime.timedelta(days=earlier), True),
            _load_meeting(inspection, manager, today - datetime.timedelta(days=latest), False),
        ]
        _load_attendance_and_agendas(seed, meetings, people)
        _load_closures(created_actions, meetings, people)
        _load_asks_and_decisions(seed, inspection, meetings, manager, people, today=today)
        _load_round(seed, inspection, manager, today=today)
    else:
        _complete_earlier_demo_meetings(seed, inspection, manager, people)
    for action, _ in created_actions:
        _backfill_history(action, manager, written=story.plan_written, today=today)
    if seed is LEWISHAM:
        load_measures(plan=inspection.plan, today=today)
    return partnership


@dataclass(frozen=True)
class StoryDates:
    onsite_start: datetime.date
    onsite_end: datetime.date
    letter_date: datetime.date
    statement_due: datetime.date
    plan_written: datetime.date


# The partners wrote the plan together in the month after the letter, before its
# statement went to Ofsted.
PLAN_WRITTEN_DAYS_AFTER_LETTER = 28


def story_dates(facts: InspectionSeed, *, today: datetime.date) -> StoryDates:
    """The letter's dates moved by whole weeks, so the letter falls about
    `letter_days_ago` before `today` and the inspection week stays Monday to Friday, and
    the statement due 70 working days after the moved letter, as the Regulations give it
    (the letter's own date stands only for the letter as it was sent)."""
    wanted = today - datetime.timedelta(days=facts.letter_days_ago)
    shift = datetime.timedelta(weeks=round((wanted - facts.letter_date).days / 7))
    letter_date = facts.letter_date + shift
    return StoryDates(
        onsite_start=facts.onsite_start + shift,
        onsite_end=facts.onsite_end + shift,
        letter_date=letter_date,
        statement_due=suggest_statement_due(letter_date),
        plan_written=letter_date + datetime.timedelta(days=PLAN_WRITTEN_DAYS_AFTER_LETTER),
    )


# Re-baselined target dates were approved by the manager between the last two meetings.
REBASELINED_DAYS_AGO = 45


def _backfill_history(action, manager, *, written: datetime.date, today: datetime.date):
    """Gives the action the change history it would have had, each record on the day its
    change happened: created by the manager when the plan was written, a record for each
    progress update and closure step (with the RAG it gave) on its day, and the manager's
    approved move of a target date on the day they approved it. A progress report as at a
    past date then shows the plan as it then stood, and "Last changed" is the story's."""
    # Creating the action recorded it at the moment of loading: the story replaces that.
    action.history.all().delete()
    final_rag, final_target = action.rag, action.target_date
    created_at = _at(written)
    rebaselined = (
        _at(today - datetime.timedelta(days=REBASELINED_DAYS_AGO))
        if final_target != action.original_target_date
        else None
    )
    # (when, who, RAG from then on); None keeps the RAG of the moment before.
    moments = [(created_at, manager, RAG.NOT_STARTED)]
    moments += [
        (update.created_at, update.author, update.rag)
        for update in action.updates.order_by("created_at", "pk")
    ]
    if rebaselined is not None:
        moments.append((rebaselined, manager, None))
    moments.sort(key=lambda moment: moment[0])
    action.created_at = created_at
    rag = RAG.NOT_STARTED
    for version, (when, who, new_rag) in enumerate(moments, start=1):
        rag = new_rag or rag
        action.rag, action.version = rag, version
        moved = rebaselined is not None and when >= rebaselined
        action.target_date = (
            final_target if moved or rebaselined is None else action.original_target_date
        )
        Action.history.bulk_history_create(
            [action], update=version > 1, default_user=who, default_date=when
        )
    action.rag, action.target_date = final_rag, final_target
    Action.objects.filter(pk=action.pk).update(
        created_at=created_at, updated_at=moments[-1][0], version=action.version
    )


def _at(date: datetime.date, minutes: int = 0) -> datetime.datetime:
    moment = datetime.datetime.combine(date, datetime.time(10)) + datetime.timedelta(
        minutes=minutes
    )
    return timezone.make_aware(moment)


# The last two bi-monthly executive meetings, each just after an update round.
MEETINGS_DAYS_AGO = (70, 14)

# The round for the next meeting opened a week ago; its deadline is a few working days away,
# so send_reminders has round e-mails to send on a fresh demo.
ROUND_OPENED_DAYS_AGO = 7
ROUND_DEADLINE_WORKING_DAYS_AHEAD = 3
RETURNS_DAYS_AGO = 2
# The manager looked at the returns the day after they came.
REVIEWED_DAYS_AGO = 1


def _load_round(seed: PartnershipSeed, inspection, manager, *, today: datetime.date):
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
    actions = {
        action.reference: action
        for action in Action.objects.filter(finding__plan=inspection.plan_id).select_related(
            "lead_officer"
        )
    }
    when = today - datetime.timedelta(days=RETURNS_DAYS_AGO)
    for number, returned in enumerate(seed.returns):
        action = actions[returned.action]
        update = ProgressUpdate.objects.create(
            action=action,
            author=action.lead_officer,
            date=when,
            narrative=returned.narrative,
            rag=action.rag,
            previous_rag=action.rag,
            percent_complete=returned.percent,
        )
        # Recorded on the day it says, so the update round counts it as a return.
        ProgressUpdate.objects.filter(pk=update.pk).update(created_at=_at(when, number))
        update.created_at = _at(when, number)
        decision = {"accepted": ReviewDecision.ACCEPTED, "sent back": ReviewDecision.SENT_BACK}
        if returned.review:
            review = ReturnReview.objects.create(
                update_round=update_round,
                update=update,
                decision=decision[returned.review],
                comment=returned.comment,
                reviewed_by=manager,
            )
            ReturnReview.objects.filter(pk=review.pk).update(
                reviewed_at=_at(today - datetime.timedelta(days=REVIEWED_DAYS_AGO), number)
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
    """The action as the plan set it out, with its owner's updates, each recorded on the
    day it says; returns it if it is new, None if it was loaded before."""

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
        return None
    action.supporting_agencies.set([agencies[key] for key in seed.supporting])
    author = action.lead_officer or next(iter(people.values()))
    previous = RAG.NOT_STARTED
    for update_seed in sorted(seed.updates, key=lambda update: -update.days_ago):
        when = day(-update_seed.days_ago)
        update = ProgressUpdate.objects.create(
            action=action,
            author=author,
            date=when,
            narrative=update_seed.narrative,
            rag=update_seed.rag,
            previous_rag=previous,
            rag_change_reason=update_seed.reason,
            percent_complete=update_seed.percent,
        )
        previous = update_seed.rag
        # Recorded on the day it says, so the update round counts only this week's as returns.
        ProgressUpdate.objects.filter(pk=update.pk).update(created_at=_at(when))
    if seed.evidence is not None and seed.updates:
        # The evidence the owner attached to their latest update, as presented to the
        # executive: the progress report's Evidence column has some to show.
        latest = action.updates.order_by("-date", "-pk").first()
        title, kind = seed.evidence
        slug = finding.plan.partnership.slug
        evidence = Evidence.objects.create(
            action=action,
            update=latest,
            title=title,
            kind=kind,
            date=latest.date,
            description="As presented to the executive.",
            link=f"https://{slug}.example.org/evidence/action-{action.reference}",
            added_by=author,
        )
        Evidence.objects.filter(pk=evidence.pk).update(added_at=_at(latest.date, 1))
    return action


def _load_closures(created_actions, meetings, people):
    """Complete means the partnership agreed it at a meeting: the owner's latest update is
    their proposal, with its evidence of impact, and the first meeting after it agreed the
    closure, as the product would have recorded both."""
    for action, seed in created_actions:
        if seed.rag != RAG.COMPLETE:
            continue
        # The executive member who records the partnership's decisions (Lewisham's first).
        agreer = next(p for p in people.values() if p.role == Role.EXECUTIVE)
        proposal = action.updates.order_by("-date", "-pk").first()
        meeting = min(
            (meeting for meeting in meetings if meeting.date >= proposal.date),
            key=lambda meeting: meeting.date,
        )
        evidence_of_impact = proposal.narrative
        proposal.narrative = f"Proposed complete. Evidence of impact: {evidence_of_impact}"
        proposal.save(update_fields=["narrative"])
        months = action.finding.plan.partnership.sustainability_review_months
        closure = Closure.objects.create(
            action=action,
            status=ClosureStatus.AGREED,
            proposed_by=proposal.author,
            evidence_of_impact=evidence_of_impact,
            sustainability_plan="Quarterly audit reported to the LSCP executive for a year.",
            agreed_by=agreer,
            agreed_on=meeting.date,
            agreed_at_meeting=str(meeting),
            meeting=meeting,
            # As agreeing it in the service sets: when the owner checks the change held.
            sustainability_review_due=sustainability_review_due(meeting.date, months=months),
        )
        Closure.objects.filter(pk=closure.pk).update(proposed_at=proposal.created_at)
        agreed = ProgressUpdate.objects.create(
            action=action,
            author=agreer,
            date=meeting.date,
            narrative=f"Closure agreed by the partnership {closure.decided_at}.",
            rag=RAG.COMPLETE,
            previous_rag=proposal.rag,
        )
        # Recorded at the meeting, after the snapshot the meeting started from.
        ProgressUpdate.objects.filter(pk=agreed.pk).update(created_at=_at(meeting.date, 120))
        # Every later meeting started from the action Complete (the meetings, and their
        # snapshots, were made before the closures they agreed).
        ActionSnapshot.objects.filter(action=action, meeting__date__gt=meeting.date).update(
            rag=RAG.COMPLETE,
            overdue=False,
            latest_update_on=agreed.date,
            latest_update=agreed.narrative,
        )
