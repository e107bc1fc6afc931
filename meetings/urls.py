"""The executive's view: dashboard, meeting pack, recorded meetings."""

from django.urls import include, path

from meetings import challenge_urls, decision_urls, views

app_name = "meetings"

urlpatterns = [
    path("", views.home, name="home"),
    path("inspections/<int:pk>/dashboard/", views.dashboard, name="dashboard"),
    path("inspections/<int:pk>/meeting-pack/", views.meeting_pack, name="meeting_pack"),
    path(
        "inspections/<int:pk>/meeting-pack.pdf",
        views.meeting_pack_download,
        name="meeting_pack_download",
    ),
    path(
        "inspections/<int:pk>/meeting-pack.docx",
        views.meeting_pack_docx,
        name="meeting_pack_docx",
    ),
    path("inspections/<int:pk>/meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path(
        "meetings/<int:pk>/areas/<int:finding_pk>/judgement/",
        views.area_judgement,
        name="area_judgement",
    ),
    path("", include(decision_urls)),
    path("", include(challenge_urls)),
]
