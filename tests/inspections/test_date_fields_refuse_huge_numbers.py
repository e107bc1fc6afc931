"""A day, month or year of twenty digits is a wrong date, not a server error.

datetime.date takes C longs: a 20-digit part raised OverflowError from every GOV.UK date
field, including the progress report's 'as at' date that the scrutineer can reach."""

import copy
import importlib
import inspect
import pkgutil
from pathlib import Path

import django_filters
import pytest
from django import forms
from django.apps import apps
from django.conf import settings

from govuk.forms import GovUkDateField

HUGE = "99999999999999999999"
APPS = [
    config.name
    for config in apps.get_app_configs()
    if Path(config.path).parent == settings.BASE_DIR  # ours, not the packages in .venv
]


def every_govuk_date_field():
    """(where, field) for every GovUkDateField declared on a form or filter of ours."""
    found = {}
    for app in APPS:
        package = importlib.import_module(app)
        for module_info in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".migrations" in module_info.name or ".management" in module_info.name:
                continue
            module = importlib.import_module(module_info.name)
            for name, declared in inspect.getmembers(module, inspect.isclass):
                if declared.__module__ != module.__name__:
                    continue
                if issubclass(declared, forms.BaseForm):
                    fields = declared.base_fields.items()
                elif issubclass(declared, django_filters.FilterSet):
                    # A filter makes its field once and keeps it: build it on a copy, or every
                    # FilterSet made later would share this field and its empty queryset.
                    fields = ((n, copy.deepcopy(f).field) for n, f in declared.base_filters.items())
                else:
                    continue
                for field_name, field in fields:
                    if isinstance(field, GovUkDateField):
                        found[f"{module.__name__}.{name}.{field_name}"] = field
    return sorted(found.items())


DATE_FIELDS = every_govuk_date_field()


def test_the_walk_finds_the_date_fields_of_every_app():
    apps_with_dates = {where.split(".")[0] for where, _ in DATE_FIELDS}
    assert {"actions", "inspections", "meetings", "people", "rounds", "statements"} <= (
        apps_with_dates
    )
    assert len(DATE_FIELDS) >= 8


@pytest.mark.parametrize(("where", "field"), DATE_FIELDS, ids=[w for w, _ in DATE_FIELDS])
@pytest.mark.parametrize(
    "parts", [(HUGE, "1", "2025"), ("1", HUGE, "2025"), ("1", "1", HUGE)], ids=["day", "m", "y"]
)
def test_a_huge_number_is_a_wrong_date(where, field, parts):
    with pytest.raises(forms.ValidationError) as refused:
        field.clean(list(parts))
    assert refused.value.messages[0].startswith(("The ", "Enter the "))


def test_the_scrutineer_is_told_the_progress_date_is_wrong(client, demo):
    client.force_login(demo["scrutineer"])
    inspection = demo["manager"].partnership.inspections.first()
    response = client.get(
        f"/inspections/{inspection.pk}/statement/",
        {"progress": "1", "as_of_0": HUGE, "as_of_1": "1", "as_of_2": "2025"},
    )
    assert response.status_code == 200
    assert "must be a real date" in response.text


def test_the_audit_trail_says_its_start_date_is_wrong(client, demo):
    client.force_login(demo["manager"])
    response = client.get("/audit/", {"since_0": "1", "since_1": HUGE, "since_2": "2025"})
    assert response.status_code == 200
    assert "The start date must be a real date" in response.text
