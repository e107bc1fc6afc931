from django.urls import path

from inspections import views

urlpatterns = [
    path("", views.home, name="home"),
    path("inspections/<int:pk>/", views.inspection_detail, name="inspection_detail"),
    path("accessibility/", views.accessibility, name="accessibility"),
]
