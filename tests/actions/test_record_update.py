import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actions.models import Evidence, ProgressUpdate
from actions.rag import RAG
from tests.assertions import assert_error_summary_links_reach_inputs, error_summary_messages

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 200
WINDOWS_EXE = b"MZ\x90\x00\x03" + b"\x00" * 200


def post_update(client, action, **fields):
    data = {"version": action.version, "rag": "green", "narrative": "On track.", **fields}
    return client.post(reverse("actions:progress_update_new", args=[action.pk]), data)


@pytest.mark.django_db
def test_an_owner_records_an_update_and_the_action_takes_its_rag(client, plan):
    plan.action.rag = RAG.GREEN
    plan.action.save()
    client.force_login(plan.police_owner)

    response = post_update(
        client,
        plan.action,
        rag="amber",
        narrative="Recruitment slipped.",
        rag_change_reason="Two candidates withdrew; agency cover meanwhile.",
    )

    assert response.status_code == 302
    assert response["Location"] == plan.action.get_absolute_url()
    update = ProgressUpdate.objects.get(action=plan.action)
    assert (update.rag, update.previous_rag, update.author) == ("amber", "green", plan.police_owner)
    plan.action.refresh_from_db()
    assert plan.action.rag == RAG.AMBER
    page = client.get(plan.action.get_absolute_url()).content.decode()
    assert "Your progress update has been recorded" in page
    assert "Recruitment slipped." in page
    assert "Two candidates withdrew" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("before", "after"),
    [("green", "red"), ("amber", "red"), ("green", "amber"), ("not_started", "red")],
)
def test_a_worse_status_needs_a_reason(client, plan, before, after):
    plan.action.rag = before
    plan.action.save()
    client.force_login(plan.police_owner)

    response = post_update(client, plan.action, rag=after, narrative="Typed with care.")

    html = response.content.decode()
    assert response.status_code == 200
    assert error_summary_messages(html) == [
        f"Explain why the status has changed from {RAG(before).label} to {RAG(after).label}"
    ]
    assert "Typed with care." in html
    assert_error_summary_links_reach_inputs(html)
    assert not ProgressUpdate.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("before", "after"), [("amber", "green"), ("red", "red"), ("red", "amber")]
)
def test_a_steady_or_better_status_needs_no_reason(client, plan, before, after):
    plan.action.rag = before
    plan.action.save()
    client.force_login(plan.police_owner)
    assert post_update(client, plan.action, rag=after).status_code == 302


@pytest.mark.django_db
def test_an_owner_cannot_mark_an_action_complete_with_an_update(client, plan):
    client.force_login(plan.police_owner)
    response = post_update(client, plan.action, rag="complete")
    assert error_summary_messages(response.content.decode()) == [
        "Select Not started, Red, Amber or Green: an action becomes Complete only when the "
        "partnership agrees"
    ]
    assert not ProgressUpdate.objects.exists()


@pytest.mark.django_db
def test_missing_status_and_progress_are_named_and_nothing_is_saved(client, plan):
    client.force_login(plan.police_owner)
    response = post_update(client, plan.action, rag="", narrative="")
    html = response.content.decode()
    assert error_summary_messages(html) == [
        "Select the status of the action",
        "Enter the progress made",
    ]
    assert_error_summary_links_reach_inputs(html)
    assert not ProgressUpdate.objects.exists()


@pytest.mark.django_db
def test_evidence_can_be_a_link(client, plan):
    client.force_login(plan.police_owner)
    post_update(client, plan.action, evidence_link="https://sharepoint.example.org/audit.docx")
    evidence = Evidence.objects.get()
    assert evidence.link == "https://sharepoint.example.org/audit.docx"
    assert evidence.update.action == plan.action
    assert (
        "https://sharepoint.example.org/audit.docx"
        in client.get(plan.action.get_absolute_url()).content.decode()
    )


@pytest.mark.django_db
def test_an_uploaded_pdf_is_stored_under_an_unguessable_name_and_given_back_whole(client, plan):
    client.force_login(plan.police_owner)
    post_update(
        client,
        plan.action,
        evidence_file=SimpleUploadedFile("audit report.pdf", PDF, "application/pdf"),
    )

    evidence = Evidence.objects.get()
    assert evidence.original_name == "audit report.pdf"
    assert evidence.content_type == "application/pdf"
    assert "audit" not in evidence.file.name
    assert len(evidence.file.name.split("/")[-1]) == 32

    page = client.get(plan.action.get_absolute_url()).content.decode()
    assert reverse("actions:evidence_download", args=[evidence.uuid]) in page

    client.force_login(plan.scrutineer)  # anyone of the partnership may read it
    response = client.get(reverse("actions:evidence_download", args=[evidence.uuid]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"] == 'attachment; filename="audit report.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_evidence_is_not_found_by_another_partnership_or_a_stranger(client, plan):
    client.force_login(plan.police_owner)
    post_update(client, plan.action, evidence_file=SimpleUploadedFile("a.png", PNG, "image/png"))
    url = reverse("actions:evidence_download", args=[Evidence.objects.get().uuid])

    client.force_login(plan.stranger)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "report.pdf",
            ELF,
            "The selected file must be a PDF, a Word, Excel, PowerPoint or "
            "OpenDocument file, or an image",
        ),
        (
            "report.pdf",
            WINDOWS_EXE,
            "The selected file must be a PDF, a Word, Excel, PowerPoint "
            "or OpenDocument file, or an image",
        ),
        (
            "photo.pdf",
            PNG,
            "The selected file's name ends .pdf, but it is not that kind of file. "
            "Upload a PDF, a Word, Excel, PowerPoint or OpenDocument file, or an image",
        ),
        (
            "notes.txt",
            b"just some text",
            "The selected file must be a PDF, a Word, Excel, "
            "PowerPoint or OpenDocument file, or an image",
        ),
        ("empty.pdf", b"", "The selected file is empty"),
    ],
)
def test_a_file_that_is_not_an_accepted_document_is_refused(client, plan, name, content, message):
    client.force_login(plan.police_owner)
    response = post_update(
        client,
        plan.action,
        narrative="Keep this text.",
        evidence_file=SimpleUploadedFile(name, content),
    )
    html = response.content.decode()
    assert error_summary_messages(html) == [message]
    assert "Keep this text." in html
    assert not ProgressUpdate.objects.exists()
    assert not Evidence.objects.exists()


@pytest.mark.django_db
def test_a_file_over_10_mb_is_refused(client, plan):
    client.force_login(plan.police_owner)
    too_big = PDF + b"0" * (10 * 1024 * 1024)
    response = post_update(
        client, plan.action, evidence_file=SimpleUploadedFile("big.pdf", too_big)
    )
    assert error_summary_messages(response.content.decode()) == [
        "The file must be smaller than 10.0\xa0MB"
    ]
    assert not ProgressUpdate.objects.exists()
