"""The written statement as it went to Ofsted."""

import uuid

from django.conf import settings
from django.db import models

from partnerships.scoping import PartnershipScopedQuerySet


class StatementSubmissionQuerySet(PartnershipScopedQuerySet):
    partnership_lookup = "plan__partnership"


def statement_file_name(instance, filename: str) -> str:
    return f"statements/{uuid.uuid4().hex}.pdf"


class StatementSubmission(models.Model):
    """The written statement exactly as it went to Ofsted: the PDF is kept byte for byte,
    however the plan changes afterwards."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey("actions.Plan", on_delete=models.PROTECT, related_name="submissions")
    submitted_on = models.DateField()
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.CharField(max_length=20)
    pdf = models.FileField(upload_to=statement_file_name)
    sha256 = models.CharField(max_length=64)
    # What the statement said, structured (statements.changes.statement_content), so the
    # next version can say what changed; empty for versions sent before it was kept.
    content = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = StatementSubmissionQuerySet.as_manager()

    class Meta:
        db_table = "actions_statementsubmission"  # kept where it was made
        ordering = ["-submitted_on", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "version"], name="statement_version_sent_once")
        ]

    def __str__(self) -> str:
        return f"Statement version {self.version}, submitted {self.submitted_on:%-d %B %Y}"

    @property
    def filename(self) -> str:
        area = self.plan.partnership.slug
        return f"written-statement-{area}-v{self.version}-{self.submitted_on:%Y-%m-%d}.pdf"


class StatementSignatoryQuerySet(PartnershipScopedQuerySet):
    partnership_lookup = "plan__partnership"


class StatementSignatory(models.Model):
    """The person who approves the statement for one statutory safeguarding partner (local
    authority, health, police), nominated by the manager. Kept here, not on the agency: a
    partner may name a different lead for another plan."""

    plan = models.ForeignKey("actions.Plan", on_delete=models.CASCADE, related_name="signatories")
    agency = models.ForeignKey("partnerships.Agency", on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    nominated_at = models.DateTimeField(auto_now=True)

    objects = StatementSignatoryQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "agency"], name="one_signatory_per_partner")
        ]

    def __str__(self) -> str:
        return f"{self.person} for {self.agency}"


class StatementApprovalQuerySet(PartnershipScopedQuerySet):
    partnership_lookup = "plan__partnership"


class StatementApproval(models.Model):
    """A partner's lead approving the statement exactly as it stood: the version and the
    SHA-256 of its content (statements.sign_off.statement_fingerprint). It counts only while
    that content is unchanged; `withdrawn_at` is when the service noticed it had changed."""

    plan = models.ForeignKey("actions.Plan", on_delete=models.CASCADE, related_name="approvals")
    agency = models.ForeignKey("partnerships.Agency", on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField()
    statement_version = models.CharField(max_length=20)
    sha256 = models.CharField(max_length=64)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = StatementApprovalQuerySet.as_manager()

    class Meta:
        ordering = ["-approved_at", "-pk"]

    def __str__(self) -> str:
        return f"Approved by {self.person} for {self.agency}, version {self.statement_version}"
