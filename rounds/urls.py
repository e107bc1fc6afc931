from django.urls import path

from rounds import views

app_name = "rounds"

urlpatterns = [
    path("inspections/<int:pk>/rounds/", views.round_list, name="round_list"),
    path("rounds/<int:pk>/", views.round_returns, name="round_returns"),
    path("rounds/<int:pk>/chase/<int:owner_pk>/", views.round_chase, name="round_chase"),
    path(
        "rounds/<int:pk>/actions/<int:action_pk>/check/",
        views.return_review,
        name="return_review",
    ),
]
