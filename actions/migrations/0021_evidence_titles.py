"""Evidence from before evidence had titles gets one: its file's name without the ending,
underscores and dashes as spaces, or the last part of its link's address; kind "other";
dated the day it was added. The rule is copied from actions.evidence.evidence_title as it
stood, so this migration gives the same titles however that function changes later."""

import re
from pathlib import PurePath
from urllib.parse import unquote, urlsplit

from django.db import migrations
from django.utils import timezone


def _title(file_name: str, link: str) -> str:
    if file_name:
        words = PurePath(file_name).stem
    else:
        address = urlsplit(link)
        words = PurePath(unquote(address.path)).stem or address.netloc or link
    words = " ".join(re.sub(r"[_\-]+", " ", words).split())
    return words[:200] or (file_name or link)[:200]


def give_titles(apps, schema_editor):
    Evidence = apps.get_model("actions", "Evidence")
    untitled = Evidence.objects.filter(title="").only("original_name", "link", "added_at", "date")
    for evidence in untitled.iterator(chunk_size=500):
        evidence.title = _title(evidence.original_name, evidence.link)
        evidence.kind = "other"
        if evidence.date is None:
            evidence.date = timezone.localdate(evidence.added_at)
        evidence.save(update_fields=["title", "kind", "date"])


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0020_evidence_items_progress_and_review_date"),
    ]

    operations = [
        # Going back leaves the titles: the fields they are in go with 0020.
        migrations.RunPython(give_titles, migrations.RunPython.noop),
    ]
