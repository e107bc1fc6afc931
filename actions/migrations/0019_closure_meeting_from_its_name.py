"""Links each closure decided before meetings were recorded to the recorded meeting its
typed name stands for: a meeting of the same plan with that title, held on the day of the
decision or up to 14 days before it (the latest such). A name that matches none is kept as
text only. A migration of its own: PostgreSQL refuses data changes and ALTER TABLE in one
transaction ("pending trigger events")."""

import datetime

from django.db import migrations

WITHIN = datetime.timedelta(days=14)


def link_closures_to_meetings(apps, schema_editor):
    Closure = apps.get_model("actions", "Closure")
    Meeting = apps.get_model("meetings", "Meeting")
    closures = Closure.objects.filter(meeting__isnull=True, agreed_on__isnull=False).exclude(
        agreed_at_meeting=""
    )
    for closure in closures.select_related("action__finding").iterator():
        meeting = (
            Meeting.objects.filter(
                plan_id=closure.action.finding.plan_id,
                title__iexact=closure.agreed_at_meeting.strip(),
                date__lte=closure.agreed_on,
                date__gte=closure.agreed_on - WITHIN,
            )
            .order_by("-date", "-pk")
            .first()
        )
        if meeting is not None:
            closure.meeting = meeting
            closure.save(update_fields=["meeting"])


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0018_closure_meeting"),
        ("meetings", "0005_attendance_and_agenda"),
    ]

    operations = [
        migrations.RunPython(link_closures_to_meetings, migrations.RunPython.noop, elidable=True)
    ]
