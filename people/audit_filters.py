import django_filters
from django import forms

from audit.models import EVENT_GROUPS, AuditEvent, EventGroup, EventKind
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
    # Sign-ins outnumber every other entry: the governance an inspector asks about is one
    # choice away from them, and they from it.
    group = django_filters.ChoiceFilter(
        label="Events",
        choices=EventGroup.choices,
        empty_label="All events",
        method="filter_group",
    )
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

    def filter_group(self, queryset, name, value):
        return queryset.filter(kind__in=EVENT_GROUPS[EventGroup(value)])
