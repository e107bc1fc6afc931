"""The record of every e-mail the service sends that must go once only: a round's request
to update, a reminder, a weekly digest. The app that sends it names its kind and the
occasion; `about` points at what it was about (an update round, say) without this app
knowing that record's model."""

from typing import Self

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from partnerships.scoping import PartnershipScopedQuerySet


class SentEmailQuerySet(PartnershipScopedQuerySet):
    partnership_lookup = "recipient__partnership"

    def about(self, record: models.Model) -> Self:
        """The e-mails sent about this record."""
        return self.filter(about_type=ContentType.objects.get_for_model(record), about_id=record.pk)


class SentEmail(models.Model):
    """One e-mail sent to one person. The occasion names what it was sent for (a round, a
    week, a review), so the same e-mail can never be recorded, and so sent, twice."""

    kind = models.CharField(max_length=30)  # the sending app's own choices, e.g. rounds.EmailKind
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="emails_received"
    )
    occasion = models.CharField(max_length=100)
    about_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    about_id = models.PositiveBigIntegerField(null=True, blank=True)
    about = GenericForeignKey("about_type", "about_id")
    address = models.EmailField()
    subject = models.CharField(max_length=300)
    sent_at = models.DateTimeField(auto_now_add=True)

    objects = SentEmailQuerySet.as_manager()

    class Meta:
        db_table = "rounds_sentemail"  # kept where it was made
        ordering = ["-sent_at", "-pk"]
        indexes = [models.Index(fields=["about_type", "about_id"], name="sentemail_about")]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "recipient", "occasion"], name="email_once_per_occasion"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} to {self.address}"
