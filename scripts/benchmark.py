#!/usr/bin/env python
"""Times the busiest pages against a large plan, on a fresh SQLite database.

    .venv/bin/python scripts/benchmark.py [--actions 2000] [--updates 20000] [--runs 20]
        [--browser]

Seeds one partnership with a plan of --actions actions and --updates progress updates,
then requests each page --runs times through Django's test client (the whole request:
middleware, views, templates) and prints the median and 95th-percentile time and the
number of database queries. With --browser it also serves the same pages and opens each
in headless Chromium (Playwright, /usr/bin/chromium), printing the median of the
navigation timing: when the page's HTML has arrived (responseEnd) and when it has loaded
with its styles and scripts (loadEventEnd), which is what a person waits for.
Not a test: the figures go in the README and the issue notes.
"""

import argparse
import datetime
import io
import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

database = Path(tempfile.mkdtemp()) / "benchmark.sqlite3"
os.environ.update(
    DJANGO_SETTINGS_MODULE="jtai.settings",
    DATABASE_URL=f"sqlite:///{database}",
    DJANGO_DEBUG="false",
    DJANGO_SECRET_KEY="benchmark-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    DJANGO_ALLOWED_HOSTS="testserver",
    DJANGO_SECURE_SSL_REDIRECT="false",
)

import warnings  # noqa: E402

import django  # noqa: E402

# The benchmark serves static files from their source folders, not collectstatic's output.
warnings.filterwarnings("ignore", "No directory at")
django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from actions.models import Action, Finding, Plan, ProgressUpdate  # noqa: E402
from actions.rag import RAG  # noqa: E402
from impact.models import Direction, Measure, Reading, Unit  # noqa: E402
from inspections.models import Inspection  # noqa: E402
from partnerships.models import Agency, AgencyKind, Partnership  # noqa: E402
from people.models import Role, User  # noqa: E402

RAGS = [RAG.NOT_STARTED, RAG.RED, RAG.AMBER, RAG.GREEN, RAG.COMPLETE]


def seed(action_count: int, update_count: int) -> dict:
    today = timezone.localdate()
    partnership = Partnership.objects.create(
        local_area="Benchmark Borough", name="Benchmark SCP", short_name="BSCP", slug="bench"
    )
    agencies = [
        Agency.objects.create(partnership=partnership, name=f"Agency {n}", kind=AgencyKind.OTHER)
        for n in range(6)
    ]
    officers = [
        User.objects.create_user(
            f"officer{n}",
            partnership=partnership,
            agency=agencies[n % 6],
            role=Role.OWNER,
            first_name="Officer",
            last_name=str(n),
        )
        for n in range(20)
    ]
    executive = User.objects.create_user(
        "executive", partnership=partnership, agency=agencies[0], role=Role.EXECUTIVE
    )
    manager = User.objects.create_user(
        "manager", partnership=partnership, agency=agencies[0], role=Role.MANAGER
    )
    # A large partnership's people page: 300 people besides the officers.
    User.objects.bulk_create(
        User(
            username=f"reader{n}",
            email=f"reader{n}@bench.example.org",
            partnership=partnership,
            agency=agencies[n % 6],
            role=Role.SCRUTINEER,
        )
        for n in range(300)
    )
    inspection = Inspection.objects.create(
        partnership=partnership,
        plan=Plan.objects.create(partnership=partnership),
        subject="the front door",
    )
    findings = [
        Finding.objects.create(plan=inspection.plan, number=n + 1, text=f"Area {n + 1}.")
        for n in range(8)
    ]
    actions = Action.objects.bulk_create(
        Action(
            finding=findings[n % 8],
            reference=f"{n % 8 + 1}.{n // 8 + 1}",
            position=n // 8,
            description=f"Action {n}: agree and embed a multi-agency protocol for this area.",
            lead_agency=agencies[n % 6],
            lead_officer=officers[n % 20],
            target_date=today + datetime.timedelta(days=(n % 365) - 120),
            original_target_date=today + datetime.timedelta(days=(n % 365) - 120),
            success_measure="Audit shows the protocol followed in 90% of cases.",
            rag=RAGS[n % 5],
        )
        for n in range(action_count)
    )
    ProgressUpdate.objects.bulk_create(
        (
            ProgressUpdate(
                action=actions[n % action_count],
                author=officers[n % 20],
                date=today - datetime.timedelta(days=n % 300),
                narrative="Progress reported to the sub-group; next steps agreed.",
                rag=RAGS[n % 4],
            )
            for n in range(update_count)
        ),
        batch_size=2000,
    )
    return {
        "inspection": inspection,
        "officer": officers[0],
        "executive": executive,
        "manager": manager,
        "action": actions[0],
    }


def benchmark_update_round(inspection, manager) -> tuple[float, float, object]:
    """Opening a round e-mails every owner; send_reminders then runs the day's e-mails."""
    from rounds.services import round_open

    today = timezone.localdate()
    with override_settings(
        MAILERS={"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    ):
        opening, (update_round, _) = time_once(
            lambda: round_open(
                plan=inspection.plan,
                user=manager,
                meeting_date=today + datetime.timedelta(days=14),
                deadline=today + datetime.timedelta(days=7),
            )
        )
        reminders, _ = time_once(lambda: call_command("send_reminders", stdout=io.StringIO()))
    return opening, reminders, update_round


def measure(client: Client, url: str, runs: int) -> tuple[float, float, int]:
    for _ in range(2):  # warm caches and template loading
        assert client.get(url).status_code == 200, url
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1], len(queries)


def browser_timings(pages, users: dict, runs: int) -> None:
    """Each page opened `runs` times in Chromium from a live server on the benchmark's
    database, signed in by the user's session cookie; the median navigation timing."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.test.testcases import LiveServerThread
    from playwright.sync_api import sync_playwright

    allowed = override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "127.0.0.1"])
    allowed.enable()
    server = LiveServerThread("127.0.0.1", StaticFilesHandler, port=0)
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    base = f"http://127.0.0.1:{server.port}"
    # Signed in before Playwright starts: its event loop makes Django refuse the database.
    sessions = {}
    for who in {who for who, _, _ in pages}:
        client = Client()
        client.force_login(users[who])
        sessions[who] = client.cookies[settings.SESSION_COOKIE_NAME].value
    print(
        "\n| page, in Chromium | HTML arrived ms | loaded ms | KiB |\n| --- | ---: | ---: | ---: |"
    )
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--headless", "--no-sandbox", "--disable-gpu"],
            )
            for who, name, url in pages:
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                context.add_cookies(
                    [{"name": settings.SESSION_COOKIE_NAME, "value": sessions[who], "url": base}]
                )
                page = context.new_page()
                timings = []
                for _ in range(runs + 1):  # the first warms the browser's cache
                    page.goto(base + url, wait_until="load")
                    timings.append(
                        page.evaluate(
                            "(({responseEnd, loadEventEnd, transferSize}) =>"
                            " [responseEnd, loadEventEnd, transferSize])"
                            "(performance.getEntriesByType('navigation')[0])"
                        )
                    )
                timings = timings[1:]
                arrived = statistics.median(t[0] for t in timings)
                loaded = statistics.median(t[1] for t in timings)
                size = timings[-1][2] / 1024
                print(f"| {name} | {arrived:.0f} | {loaded:.0f} | {size:.0f} |")
                context.close()
            browser.close()
    finally:
        server.terminate()
        allowed.disable()


def time_once(work) -> tuple[float, object]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def benchmark_statement(partnership_inspection, user, runs: int = 5):
    """The statement of a 100-action plan: the whole export, and WeasyPrint alone on its HTML."""
    from weasyprint import HTML

    from govuk.pdf import BASE_URL, StaticFilesFetcher
    from statements.statement import statement_document, statement_html, statement_pdf

    partnership = partnership_inspection.partnership
    inspection = Inspection.objects.create(
        partnership=partnership,
        plan=Plan.objects.create(partnership=partnership),
        subject="the statement benchmark",
    )
    findings = [
        Finding.objects.create(plan=inspection.plan, number=n + 1, text=f"Area {n + 1}.")
        for n in range(8)
    ]
    agency = Agency.objects.filter(partnership=inspection.partnership).first()
    Action.objects.bulk_create(
        Action(
            finding=findings[n % 8],
            reference=f"{n % 8 + 1}.{n // 8 + 1}",
            description="Agree and embed a multi-agency protocol, with training and audit. " * 2,
            lead_agency=agency,
            lead_officer=user,
            target_date=timezone.localdate(),
            original_target_date=timezone.localdate(),
            success_measure="Audit shows the protocol followed in 90% of cases sampled.",
        )
        for n in range(100)
    )
    whole, alone = [], []
    for _ in range(runs):
        seconds, _ = time_once(lambda: statement_pdf(statement_document(inspection=inspection)))
        whole.append(seconds)
        html = statement_html(statement_document(inspection=inspection))
        seconds, _ = time_once(
            lambda html=html: HTML(
                string=html, base_url=BASE_URL, url_fetcher=StaticFilesFetcher()
            ).write_pdf(pdf_tags=True)
        )
        alone.append(seconds)
    return min(whole), min(alone)


def benchmark_import(inspection, user, file_format: str = "xlsx"):
    """Exports the large plan to .xlsx, or lays it out as a Word table (.docx), and imports
    it into an inspection with no actions."""
    from spreadsheets.exports import plan_xlsx
    from spreadsheets.importers import import_plan, parse_plan

    content = plan_xlsx(inspection) if file_format == "xlsx" else plan_docx(inspection)
    target = Inspection.objects.create(
        partnership=inspection.partnership,
        plan=Plan.objects.create(partnership=inspection.partnership),
        subject=f"the {file_format} copy",
    )
    for finding in inspection.plan.findings.all():
        Finding.objects.create(plan=target.plan, number=finding.number, text=finding.text)
    seconds, created = time_once(
        lambda: import_plan(
            result=parse_plan(plan=target.plan, content=content, filename=f"plan.{file_format}"),
            user=user,
        )
    )
    return seconds, len(created)


def plan_docx(inspection) -> bytes:
    """The exported plan's rows as one table of a Word document, text before and after."""
    from docx import Document

    from actions.fields import exported_columns
    from spreadsheets.exports import plan_rows

    rows = plan_rows(inspection)
    columns = exported_columns()
    document = Document()
    document.add_paragraph("Action plan")
    table = document.add_table(rows=len(rows) + 1, cols=len(columns))
    for row, values in zip(table.rows, [[column.label for column in columns], *rows], strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            if hasattr(value, "strftime"):
                cell.text = value.strftime("%d/%m/%Y")
            elif value is not None:
                cell.text = str(value)
    document.add_paragraph("Agreed by the executive.")
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def seed_measures(inspection, manager, measure_count: int, reading_count: int) -> None:
    """`measure_count` measures spread over every area of the plan, with `reading_count`
    readings spread over them, one a day each, the latest yesterday."""
    today = timezone.localdate()
    findings = list(inspection.plan.findings.order_by("number"))
    measures = Measure.objects.bulk_create(
        Measure(
            finding=findings[n % len(findings)],
            name=f"Measure {n + 1}",
            definition="Counted each month.",
            unit=Unit.PERCENTAGE,
            direction=Direction.HIGHER if n % 2 else Direction.LOWER,
            baseline_value=Decimal(50),
            baseline_date=today - datetime.timedelta(days=400),
            target_value=Decimal(80 if n % 2 else 20),
            target_date=today + datetime.timedelta(days=200),
            position=n,
            created_by=manager,
        )
        for n in range(measure_count)
    )
    per_measure = -(-reading_count // measure_count)
    Reading.objects.bulk_create(
        Reading(
            measure=measures[n % measure_count],
            value=Decimal(40 + n % 40),
            date=today - datetime.timedelta(days=1 + n // measure_count),
            entered_by=manager,
        )
        for n in range(min(reading_count, per_measure * measure_count))
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--actions", type=int, default=2000)
    parser.add_argument("--updates", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--measures", type=int, default=20)
    parser.add_argument("--readings", type=int, default=2000)
    parser.add_argument(
        "--browser", action="store_true", help="also time the pages in headless Chromium"
    )
    options = parser.parse_args()

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    data = seed(options.actions, options.updates)
    print(
        f"Seeded {options.actions} actions and {options.updates} updates in "
        f"{time.perf_counter() - started:.1f} s (SQLite, {database})\n"
    )

    inspection, action = data["inspection"], data["action"]
    pages = [
        ("officer", "My actions", reverse("actions:my_actions")),
        (
            "officer",
            "Action list, first page",
            reverse("inspections:inspection_actions", args=[inspection.pk]),
        ),
        (
            "officer",
            "Action list, Red, by last update",
            reverse("inspections:inspection_actions", args=[inspection.pk])
            + "?rag=red&sort=-updated",
        ),
        (
            "officer",
            "Action list, overdue, text search",
            reverse("inspections:inspection_actions", args=[inspection.pk])
            + "?overdue=on&q=protocol",
        ),
        (
            "officer",
            "Action list, one area (the plan's page links to it)",
            reverse("inspections:inspection_actions", args=[inspection.pk])
            + f"?finding={action.finding_id}",
        ),
        ("officer", "Action page (10 updates)", reverse("actions:action_detail", args=[action.pk])),
        (
            "executive",
            "Inspection page (areas summarised, their Red or overdue listed)",
            reverse("inspections:inspection_detail", args=[inspection.pk]),
        ),
        (
            "manager",
            "Inspection page, as the manager (set-up links)",
            reverse("inspections:inspection_detail", args=[inspection.pk]),
        ),
        ("executive", "Dashboard", reverse("meetings:dashboard", args=[inspection.pk])),
        ("executive", "Partnership overview (home)", reverse("meetings:home")),
        (
            "executive",
            "Meeting pack, HTML preview (the whole plan counted by area)",
            reverse("meetings:meeting_pack", args=[inspection.pk]),
        ),
        ("manager", "People (321 people)", reverse("people:people_list")),
        ("manager", "Audit trail, first page", reverse("audit:audit_trail")),
    ]
    opening, reminders, update_round = benchmark_update_round(inspection, data["manager"])
    pages.append(
        ("manager", "Update round returns", reverse("rounds:round_returns", args=[update_round.pk]))
    )
    # Serve static files as they are: the benchmark times pages, not collectstatic.
    with override_settings(
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ):
        print("| page | median ms | p95 ms | queries |\n| --- | ---: | ---: | ---: |")
        for who, name, url in pages:
            client = Client()
            client.force_login(data[who])
            median, p95, queries = measure(client, url, options.runs)
            print(f"| {name} | {median:.0f} | {p95:.0f} | {queries} |")

        # Impact: the figure is the dashboard with measures on every area.
        seed_measures(inspection, data["manager"], options.measures, options.readings)
        measured = [
            (
                "executive",
                f"Dashboard, {options.measures} measures on all areas, {options.readings} readings",
                reverse("meetings:dashboard", args=[inspection.pk]),
            ),
            (
                "officer",
                "Area page (its measures, charts and every reading)",
                reverse("impact:area_detail", args=[inspection.plan.findings.first().pk]),
            ),
        ]
        for who, name, url in measured:
            client = Client()
            client.force_login(data[who])
            median, p95, queries = measure(client, url, options.runs)
            print(f"| {name} | {median:.0f} | {p95:.0f} | {queries} |")
        if options.browser:
            browser_timings(pages + measured, data, runs=min(options.runs, 10))

        client = Client()
        client.force_login(data["executive"])
        pack_url = reverse("meetings:meeting_pack_download", args=[inspection.pk])
        seconds = min(time_once(lambda: client.get(pack_url).getvalue())[0] for _ in range(3))
        print(f"\nMeeting pack PDF, {options.actions} actions: {seconds:.2f} s")

        whole, alone = benchmark_statement(inspection, data["officer"])
        print(
            f"\nStatement PDF, 100 actions: {whole:.2f} s; WeasyPrint alone on the same HTML "
            f"{alone:.2f} s (ratio {whole / alone:.2f})"
        )
        for file_format in ("xlsx", "docx"):
            seconds, created = benchmark_import(inspection, data["officer"], file_format)
            print(f"Import of {created} rows from .{file_format}: {seconds:.2f} s")
        print(
            f"Opening an update round (e-mails to 20 owners of {options.actions} actions): "
            f"{opening:.2f} s; send_reminders the same day: {reminders:.2f} s"
        )


if __name__ == "__main__":
    main()
