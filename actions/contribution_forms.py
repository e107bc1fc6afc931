"""The form a supporting agency's owner adds their agency's contribution with."""

from django import forms

from actions.contributions import NARRATIVE_REQUIRED
from actions.forms import EvidenceFields


class ContributionForm(EvidenceFields):
    narrative = forms.CharField(
        label="What has your agency done?",
        help_text="Say what your agency has done towards this action since it last said, "
        "and what it does next. The lead officer reads it as they write their update",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": NARRATIVE_REQUIRED},
    )

    field_order = ["narrative", "evidence_link", "evidence_file"]
