"""The action list's filters. Every filter is a URL parameter, so a filtered list can be shared."""

import datetime

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone

from actions.models import Action, Finding
from actions.rag import RAG, overdue_q
from partnerships.models import Agency
from people.models import User

DUE_WITHIN = [("30", "30 days"), ("60", "60 days"), ("90", "90 days")]
NOT_UPDATED_FOR = [("30", "30 days"), ("60", "60 days"), ("90", "90 days")]


def not_updated_since_q(day: datetime.date) -> Q:
    """The open actions with no update since `day` (the last meeting, on the dashboard):
    a complete or archived action needs no update, so it is never counted as not updated.
    Reads the `last_update_on` annotation (actions.selectors.with_list_annotations)."""
    no_update = Q(last_update_on__lt=day) | Q(last_update_on__isnull=True)
    return no_update & Q(archived_at__isnull=True) & ~Q(rag=RAG.COMPLETE)


class ActionOrdering(django_filters.OrderingFilter):
    """Sorting by "No." follows the plan's order (area, then place in it), so 8.2 comes
    before 8.10, which sorting the references as text would not do."""

    EXPANDED = {"reference": ["finding__number", "position", "reference"]}

    def filter(self, qs, value):
        if not value:
            return qs
        ordering = []
        for param in value:
            descending = param.startswith("-")
            field = self.param_map.get(param.lstrip("-"))
            if field is None:
                continue
            for name in self.EXPANDED.get(field, [field]):
                ordering.append(f"-{name}" if descending else name)
        return qs.order_by(*ordering) if ordering else qs


class FindingChoiceField(forms.ModelChoiceField):
    """An area for improvement to filter by, named with its plan (Plan.name) where the list
    spans plans, so the areas of two inspections can be told apart."""

    def __init__(self, *args, name_plans: bool = False, **kwargs):
        self.name_plans = name_plans
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj) -> str:
        text = obj.text if len(obj.text) <= 80 else obj.text[:80].rsplit(" ", 1)[0] + "…"
        if self.name_plans:
            return f"{obj.plan.name}, area {obj.number}: {text}"
        return f"{obj.number}. {text}"


class FindingFilter(django_filters.ModelChoiceFilter):
    field_class = FindingChoiceField


class ActionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search", method="filter_search")
    rag = django_filters.MultipleChoiceFilter(
        label="RAG status", choices=RAG.choices, widget=forms.CheckboxSelectMultiple
    )
    overdue = django_filters.BooleanFilter(
        label="Overdue only", method="filter_overdue", widget=forms.CheckboxInput
    )
    needs_attention = django_filters.BooleanFilter(
        label="Red or overdue", method="filter_needs_attention", widget=forms.CheckboxInput
    )
    proposed_complete = django_filters.BooleanFilter(
        label="Proposed complete, awaiting agreement",
        method="filter_proposed_complete",
        widget=forms.CheckboxInput,
    )
    due_within = django_filters.ChoiceFilter(
        label="Due within", choices=DUE_WITHIN, method="filter_due_within", empty_label="Any time"
    )
    not_updated_for = django_filters.ChoiceFilter(
        label="Not updated for",
        choices=NOT_UPDATED_FOR,
        method="filter_not_updated_for",
        empty_label="Any",
    )
    not_updated_since = django_filters.DateFilter(
        label="Not updated since",
        method="filter_not_updated_since",
        widget=forms.HiddenInput,  # set by the dashboard's links, shown as a notice
    )
    finding = FindingFilter(
        label="Area for improvement", queryset=Finding.objects.none(), empty_label="All"
    )
    lead_agency = django_filters.ModelChoiceFilter(
        label="Lead agency", queryset=Agency.objects.none(), empty_label="All"
    )
    lead_officer = django_filters.ModelChoiceFilter(
        label="Lead officer", queryset=User.objects.none(), empty_label="All"
    )
    archived = django_filters.BooleanFilter(
        label="Show archived actions", method="filter_archived", widget=forms.CheckboxInput
    )
    sort = ActionOrdering(
        fields=[
            ("reference", "reference"),
            ("description", "action"),
            ("lead_agency__name", "lead"),
            ("target_date", "target"),
            ("rag_order", "status"),
            ("last_update_on", "updated"),
        ],
        widget=forms.HiddenInput,
    )

    class Meta:
        model = Action
        fields = []

    def __init__(self, data=None, *args, user, inspection=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        findings = Finding.objects.for_user(user).select_related(
            "plan__partnership", "plan__inspection__partnership", "plan__inspection__theme"
        )
        if inspection is not None:
            findings = findings.filter(plan=inspection.plan_id)
        self.filters["finding"].queryset = findings
        # A list beyond one inspection's, in a partnership with more than one plan, names
        # each area's plan, and each row's (Plan.name): the only way to tell them apart.
        self.spans_plans = inspection is None and findings.values("plan").distinct()[1:2].exists()
        self.filters["finding"].extra["name_plans"] = self.spans_plans
        self.filters["lead_agency"].queryset = Agency.objects.for_user(user)
        self.filters["lead_officer"].queryset = (
            User.objects.for_user(user).filter(led_actions__isnull=False).distinct()
        )

    @property
    def qs(self):
        queryset = super().qs
        if not self.form.cleaned_data.get("archived"):
            queryset = queryset.current()
        # Rows that tie on the chosen column keep a stable order, page after page.
        ordering = queryset.query.order_by or queryset.model._meta.ordering
        return queryset.order_by(*ordering, "pk")

    def filter_search(self, queryset, name, value):
        terms = Q()
        for word in value.split():
            terms &= (
                Q(description__icontains=word)
                | Q(reference__icontains=word)
                | Q(success_measure__icontains=word)
                | Q(lead_officer__first_name__icontains=word)
                | Q(lead_officer__last_name__icontains=word)
                | Q(lead_agency__name__icontains=word)
            )
        return queryset.filter(terms)

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(overdue_q(timezone.localdate()))

    def filter_needs_attention(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(overdue_q(timezone.localdate()) | Q(rag=RAG.RED))

    def filter_proposed_complete(self, queryset, name, value):
        return queryset.filter(awaiting_agreement=True) if value else queryset

    def filter_due_within(self, queryset, name, value):
        today = timezone.localdate()
        return queryset.filter(
            target_date__gte=today, target_date__lte=today + datetime.timedelta(days=int(value))
        ).exclude(rag=RAG.COMPLETE)

    def filter_not_updated_for(self, queryset, name, value):
        # An action never updated counts from the day it was created.
        cutoff = timezone.localdate() - datetime.timedelta(days=int(value))
        return queryset.filter(
            Q(last_update_on__lt=cutoff)
            | Q(last_update_on__isnull=True, created_at__date__lt=cutoff)
        )

    def filter_not_updated_since(self, queryset, name, value):
        return queryset.filter(not_updated_since_q(value))

    def filter_archived(self, queryset, name, value):
        return queryset  # applied in qs, after every other filter


def filter_title(action_filter: ActionFilter) -> str:
    """What a filtered list holds, as its title says it: "Red actions", "Overdue actions",
    "Actions awaiting agreement to close", or several at once ("Overdue red or amber
    actions led by Metropolitan Police"); "All actions" when nothing narrows the list."""
    if not action_filter.is_bound or not action_filter.form.is_valid():
        return "All actions"
    chosen = action_filter.form.cleaned_data
    before: list[str] = []  # words before "actions"
    after: list[str] = []  # and after
    if chosen.get("overdue"):
        before.append("overdue")
    if chosen.get("rag"):
        before.append(" or ".join(RAG(value).label.lower() for value in chosen["rag"]))
    if chosen.get("needs_attention"):
        before.append("red or overdue")
    if chosen.get("proposed_complete"):
        after.append("awaiting agreement to close")
    if chosen.get("due_within"):
        after.append(f"due within {chosen['due_within']} days")
    if chosen.get("not_updated_for"):
        after.append(f"not updated for {chosen['not_updated_for']} days")
    if chosen.get("not_updated_since"):
        after.append(f"not updated since {chosen['not_updated_since']:%-d %B %Y}")
    if chosen.get("finding"):
        after.append(f"of area for improvement {chosen['finding'].number}")
    led_by = [str(chosen[name]) for name in ("lead_agency", "lead_officer") if chosen.get(name)]
    if led_by:
        after.append("led by " + " of ".join(reversed(led_by)))
    if chosen.get("q"):
        after.append(f"matching “{chosen['q']}”")
    if not before and not after:
        return "All actions"
    words = " ".join([*before, "actions", " and ".join(after)]).strip()
    return words[0].upper() + words[1:]
