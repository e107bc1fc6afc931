"""Two-factor pages, under /account/two-factor/."""

from django.urls import path

from people.two_factor import views

app_name = "two_factor"

urlpatterns = [
    path("", views.two_factor_status, name="two_factor"),
    path("set-up/", views.two_factor_setup, name="two_factor_setup"),
    path("backup-codes/", views.two_factor_backup_codes, name="two_factor_backup_codes"),
    path("turn-off/", views.two_factor_disable, name="two_factor_disable"),
    path("verify/", views.two_factor_verify, name="two_factor_verify"),
]
