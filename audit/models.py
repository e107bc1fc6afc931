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
