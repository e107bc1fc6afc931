"""factory_boy factories for measures of impact and their readings."""

import datetime
from decimal import Decimal

import factory

from impact.models import Direction, Measure, Reading, Unit
from people.models import Role
from tests.factories import FindingFactory, UserFactory


class MeasureFactory(factory.django.DjangoModelFactory):
    """The share of contacts decided within 24 hours: 60% in April 2025, 90% by April 2026."""

    class Meta:
        model = Measure

    finding = factory.SubFactory(FindingFactory)
    name = factory.Sequence(lambda n: f"Contacts decided within 24 hours {n}")
    definition = "Contacts to the MASH with a decision within 24 hours, as a share of all."
    source = "MASH performance report"
    unit = Unit.PERCENTAGE
    direction = Direction.HIGHER
    baseline_value = Decimal("60")
    baseline_date = datetime.date(2025, 4, 1)
    target_value = Decimal("90")
    target_date = datetime.date(2026, 4, 1)
    created_by = factory.SubFactory(
        UserFactory,
        partnership=factory.SelfAttribute("..finding.plan.partnership"),
        role=Role.MANAGER,
    )


class ReadingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reading

    measure = factory.SubFactory(MeasureFactory)
    value = Decimal("70")
    date = factory.Sequence(lambda n: datetime.date(2025, 5, 1) + datetime.timedelta(days=n))
    entered_by = factory.LazyAttribute(lambda reading: reading.measure.created_by)
