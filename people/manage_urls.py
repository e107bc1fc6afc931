from django.urls import path

from people import manage_views

app_name = "people"

urlpatterns = [
    path("", manage_views.partnership_hub, name="partnership_hub"),
    path("people/", manage_views.people_list, name="people_list"),
    path("people/invite/", manage_views.person_invite, name="person_invite"),
    path("people/<int:pk>/", manage_views.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", manage_views.person_edit, name="person_edit"),
    path("people/<int:pk>/deactivate/", manage_views.person_deactivate, name="person_deactivate"),
    path("people/<int:pk>/reactivate/", manage_views.person_reactivate, name="person_reactivate"),
    path(
        "people/<int:pk>/invite-again/",
        manage_views.person_invite_again,
        name="person_invite_again",
    ),
    path(
        "people/<int:pk>/reset-two-factor/",
        manage_views.person_two_factor_reset,
        name="person_two_factor_reset",
    ),
]
