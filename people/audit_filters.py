import django_filters
from django import forms

from audit.models import AuditEvent, EventKind
from govuk.forms import GovUkDateField


class AuditFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", "The end date must be the same as or after the start date")
        return cleaned


class GovUkDateFilter(django_filters.DateFilter):
    field_class = GovUkDateField


class AuditEventFilter(django_filters.FilterSet):
    person = django_filters.CharFilter(
        label="Person (username)", field_name="username", lookup_expr="icontains"
    )
    kind = django_filters.ChoiceFilter(label="What", choices=EventKind.choices, empty_label="All")
    since = GovUkDateFilter(
        label="From", field_name="at", lookup_expr="date__gte",
        name="start date", help_text="For example, 27 3 2026",
    )  # fmt: skip
    until = GovUkDateFilter(
        label="To", field_name="at", lookup_expr="date__lte",
        name="end date", help_text="For example, 31 3 2026",
    )  # fmt: skip

    class Meta:
        model = AuditEvent
        fields = []
        form = AuditFilterForm
