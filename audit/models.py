"""The audit trail: who did what, when, from which address. Entries are only ever added."""

from django.conf import settings
from django.db import models

from partnerships.scoping import PartnershipScopedQuerySet


class EventKind(models.TextChoices):
    SIGN_IN = "sign_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Failed sign-in"
    LOCKED_OUT = "locked_out", "Locked out after failed sign-ins"
    # people.sign_in_limits: a username locked at every address, not only at one.
    ACCOUNT_LOCKED = "account_locked", "Locked at every address after failed sign-ins"
    SIGN_OUT = "sign_out", "Signed out"
    DOWNLOAD = "download", "Download or export"
    INVITED = "invited", "Invitation sent"
    INVITATION_ACCEPTED = "invitation_accepted", "Invitation accepted"
    PERSON_CHANGED = "person_changed", "Role or agency changed"
    DEACTIVATED = "deactivated", "Deactivated"
    REACTIVATED = "reactivated", "Reactivated"
    PASSWORD_CHANGED = "password_changed", "Password changed"
    PASSWORD_RESET = "password_reset", "Password reset by e-mail"
    # Every request for a reset link is one of these two: people.sign_in_limits counts them.
    PASSWORD_RESET_SENT = "password_reset_sent", "Password reset link e-mailed"
    PASSWORD_RESET_NOT_SENT = "password_reset_not_sent", "Password reset asked for, not sent"
    TWO_FACTOR_ON = "two_factor_on", "Two-factor authentication turned on"
    TWO_FACTOR_OFF = "two_factor_off", "Two-factor authentication turned off"
    TWO_FACTOR_FAILED = "two_factor_failed", "Wrong two-factor code"
    BACKUP_CODES = "backup_codes", "New backup codes made"
    SETTINGS_CHANGED = "settings_changed", "Partnership setting changed"
    INSPECTION_SET_UP = "inspection_set_up", "Inspection or its areas for improvement changed"
    # Governance: what the plan promises and how the partnership holds itself to it. Each
    # recorded by the service that makes the change (progress updates are not among them:
    # they are the action's own record, kept with its history).
    ACTION_ADDED = "action_added", "Action added"
    ACTION_CHANGED = "action_changed", "Action changed"
    ACTION_ARCHIVED = "action_archived", "Action archived"
    ACTION_RESTORED = "action_restored", "Action restored"
    PLAN_IMPORTED = "plan_imported", "Plan imported from a spreadsheet"
    CLOSURE_PROPOSED = "closure_proposed", "Closure proposed"
    CLOSURE_AGREED = "closure_agreed", "Closure agreed"
    CLOSURE_NOT_AGREED = "closure_not_agreed", "Closure not agreed"
    ACTION_REOPENED = "action_reopened", "Completed action reopened"
    MEETING_RECORDED = "meeting_recorded", "Meeting recorded"
    AREA_JUDGED = "area_judged", "Area for improvement judged"
    STATEMENT_EDITED = "statement_edited", "Statement's text edited"
    STATEMENT_APPROVED = "statement_approved", "Statement approved by a partner's lead"
    # Recorded when a service next notices the statement changed after the approval.
    STATEMENT_APPROVAL_WITHDRAWN = "statement_approval_withdrawn", "Statement approval withdrawn"
    STATEMENT_SENT = "statement_sent", "Statement recorded as sent"
    ROUND_OPENED = "round_opened", "Update round opened"
    RETURN_CHECKED = "return_checked", "Return checked"
    ASK_RECORDED = "ask_recorded", "Owner asked the executive for help"
    DECISION_RECORDED = "decision_recorded", "Executive decision recorded"
    DECISION_DONE = "decision_done", "Executive decision done"
    CHALLENGE_RAISED = "challenge_raised", "Challenge raised"
    CHALLENGE_ANSWERED = "challenge_answered", "Challenge answered"
    MEASURE_ADDED = "measure_added", "Measure of impact added"
    MEASURE_CHANGED = "measure_changed", "Measure of impact changed"
    READING_RECORDED = "reading_recorded", "Reading of a measure recorded"
    SUSTAINABILITY_REVIEWED = "sustainability_reviewed", "Sustainability review recorded"
    TARGET_DATE_REQUESTED = "target_date_requested", "New target date asked for"
    TARGET_DATE_APPROVED = "target_date_approved", "New target date approved"
    TARGET_DATE_REFUSED = "target_date_refused", "New target date refused"
    UPDATE_CORRECTED = "update_corrected", "Progress update corrected by its author"
    CONTRIBUTION_RECORDED = "contribution_recorded", "Supporting agency's contribution recorded"


class EventGroup(models.TextChoices):
    """The audit trail's kinds in the groups its readers ask about: an inspector asks who
    decided what, a security review who signed in from where."""

    GOVERNANCE = "governance", "The plan and its governance"
    PEOPLE = "people", "People and the partnership's settings"
    SIGN_IN = "sign_in", "Sign-ins and account security"
    DOWNLOADS = "downloads", "Downloads and exports"


EVENT_GROUPS: dict[EventGroup, tuple[EventKind, ...]] = {
    EventGroup.GOVERNANCE: (
        EventKind.INSPECTION_SET_UP,
        EventKind.ACTION_ADDED,
        EventKind.ACTION_CHANGED,
        EventKind.ACTION_ARCHIVED,
        EventKind.ACTION_RESTORED,
        EventKind.PLAN_IMPORTED,
        EventKind.CLOSURE_PROPOSED,
        EventKind.CLOSURE_AGREED,
        EventKind.CLOSURE_NOT_AGREED,
        EventKind.ACTION_REOPENED,
        EventKind.MEETING_RECORDED,
        EventKind.AREA_JUDGED,
        EventKind.STATEMENT_EDITED,
        EventKind.STATEMENT_APPROVED,
        EventKind.STATEMENT_APPROVAL_WITHDRAWN,
        EventKind.STATEMENT_SENT,
        EventKind.ROUND_OPENED,
        EventKind.RETURN_CHECKED,
        EventKind.ASK_RECORDED,
        EventKind.DECISION_RECORDED,
        EventKind.DECISION_DONE,
        EventKind.CHALLENGE_RAISED,
        EventKind.CHALLENGE_ANSWERED,
        EventKind.MEASURE_ADDED,
        EventKind.MEASURE_CHANGED,
        EventKind.READING_RECORDED,
        EventKind.SUSTAINABILITY_REVIEWED,
        EventKind.TARGET_DATE_REQUESTED,
        EventKind.TARGET_DATE_APPROVED,
        EventKind.TARGET_DATE_REFUSED,
        EventKind.UPDATE_CORRECTED,
        EventKind.CONTRIBUTION_RECORDED,
    ),
    EventGroup.PEOPLE: (
        EventKind.INVITED,
        EventKind.INVITATION_ACCEPTED,
        EventKind.PERSON_CHANGED,
        EventKind.DEACTIVATED,
        EventKind.REACTIVATED,
        EventKind.SETTINGS_CHANGED,
    ),
    EventGroup.SIGN_IN: (
        EventKind.SIGN_IN,
        EventKind.SIGN_IN_FAILED,
        EventKind.LOCKED_OUT,
        EventKind.ACCOUNT_LOCKED,
        EventKind.SIGN_OUT,
        EventKind.PASSWORD_CHANGED,
        EventKind.PASSWORD_RESET,
        EventKind.PASSWORD_RESET_SENT,
        EventKind.PASSWORD_RESET_NOT_SENT,
        EventKind.TWO_FACTOR_ON,
        EventKind.TWO_FACTOR_OFF,
        EventKind.TWO_FACTOR_FAILED,
        EventKind.BACKUP_CODES,
    ),
    EventGroup.DOWNLOADS: (EventKind.DOWNLOAD,),
}


class AuditEventQuerySet(PartnershipScopedQuerySet):
    pass


class AuditEvent(models.Model):
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_events",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_events",
    )
    # As typed at sign-in: kept even when no such person exists.
    username = models.CharField(max_length=150, blank=True)
    kind = models.CharField(max_length=30, choices=EventKind.choices)
    detail = models.CharField(max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["partnership", "-at"], name="audit_partnership_recent")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit entries are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit entries are never deleted")
