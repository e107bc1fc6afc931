from django.urls import path

from actions.views import meetings, plan, spreadsheets, statement

urlpatterns = [
    path("my-actions/", plan.my_actions, name="my_actions"),
    path("inspections/<int:pk>/actions/", plan.inspection_actions, name="inspection_actions"),
    path("findings/<int:finding_pk>/actions/new/", plan.action_new, name="action_new"),
    path("actions/<int:pk>/", plan.action_detail, name="action_detail"),
    path("actions/<int:pk>/update/", plan.progress_update_new, name="progress_update_new"),
    path("actions/<int:pk>/edit/", plan.action_edit, name="action_edit"),
    path("actions/<int:pk>/move/", plan.action_move, name="action_move"),
    path("actions/<int:pk>/archive/", plan.action_archive, name="action_archive"),
    path("actions/<int:pk>/propose-complete/", plan.closure_propose, name="closure_propose"),
    path("actions/<int:pk>/agree-complete/", plan.closure_agree, name="closure_agree"),
    path("actions/<int:pk>/reopen/", plan.action_reopen, name="action_reopen"),
    path("evidence/<uuid:uuid>/", plan.evidence_download, name="evidence_download"),
    path("inspections/<int:pk>/statement/", statement.statement_preview, name="statement_preview"),
    path(
        "inspections/<int:pk>/statement.pdf",
        statement.statement_download,
        name="statement_download",
    ),
    path("inspections/<int:pk>/statement/edit/", statement.statement_edit, name="statement_edit"),
    path(
        "inspections/<int:pk>/statement/submit/",
        statement.statement_submit_view,
        name="statement_submit",
    ),
    path(
        "inspections/<int:pk>/plan.xlsx",
        spreadsheets.plan_download,
        {"file_format": "xlsx"},
        name="plan_xlsx",
    ),
    path(
        "inspections/<int:pk>/plan.csv",
        spreadsheets.plan_download,
        {"file_format": "csv"},
        name="plan_csv",
    ),
    path("inspections/<int:pk>/import/", spreadsheets.plan_import, name="plan_import"),
    path(
        "inspections/<int:pk>/import/<str:token>/",
        spreadsheets.plan_import_check,
        name="plan_import_check",
    ),
    path("inspections/<int:pk>/dashboard/", meetings.dashboard, name="dashboard"),
    path("inspections/<int:pk>/meeting-pack/", meetings.meeting_pack, name="meeting_pack"),
    path(
        "inspections/<int:pk>/meeting-pack.pdf",
        meetings.meeting_pack_download,
        name="meeting_pack_download",
    ),
    path("inspections/<int:pk>/meetings/", meetings.meeting_list, name="meeting_list"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path(
        "statements/<uuid:uuid>/download/",
        statement.submission_download,
        name="submission_download",
    ),
]
