import django_filters
from django import forms

from audit.models import AuditEvent, EventKind


class AuditEventFilter(django_filters.FilterSet):
    person = django_filters.CharFilter(
        label="Person (username)", field_name="username", lookup_expr="icontains"
    )
    kind = django_filters.ChoiceFilter(label="What", choices=EventKind.choices, empty_label="All")
    since = django_filters.DateFilter(
        label="From (YYYY-MM-DD)", field_name="at", lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )  # fmt: skip
    until = django_filters.DateFilter(
        label="To (YYYY-MM-DD)", field_name="at", lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )  # fmt: skip

    class Meta:
        model = AuditEvent
        fields = []
