"""The plan's actions: lists, an action's page, its updates, edits and closure."""

from django.urls import include, path

from actions.views import evidence as evidence_views
from actions.views import plan as views

app_name = "actions"

urlpatterns = [
    path("my-actions/", views.my_actions, name="my_actions"),
    path("findings/<int:finding_pk>/actions/new/", views.action_new, name="action_new"),
    path("actions/<int:pk>/", views.action_detail, name="action_detail"),
    path("actions/<int:pk>/update/", views.progress_update_new, name="progress_update_new"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("actions/<int:pk>/move/", views.action_move, name="action_move"),
    path("actions/<int:pk>/archive/", views.action_archive, name="action_archive"),
    path("actions/<int:pk>/propose-complete/", views.closure_propose, name="closure_propose"),
    path("actions/<int:pk>/agree-complete/", views.closure_agree, name="closure_agree"),
    path("actions/<int:pk>/reopen/", views.action_reopen, name="action_reopen"),
    path("evidence/<uuid:uuid>/", views.evidence_download, name="evidence_download"),
    path("actions/<int:pk>/evidence/new/", evidence_views.evidence_new, name="evidence_new"),
    # Each of these owns its pages: a new target date asked for and decided, a supporting
    # agency's contribution, an owner's correction of their last update.
    path("", include("actions.urls_date_requests")),
    path("", include("actions.urls_contributions")),
    path("", include("actions.urls_corrections")),
]
