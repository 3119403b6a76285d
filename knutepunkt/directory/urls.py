from django.urls import path

from knutepunkt.directory import views

app_name = "directory"

urlpatterns = [
    path("", views.search, name="search"),
    path("<int:agency_id>/", views.agency_detail, name="agency"),
    path("<int:agency_id>/edit/", views.agency_edit, name="agency_edit"),
    path("organisations/", views.organisations, name="organisations"),
]
