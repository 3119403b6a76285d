from django.urls import path

from knutepunkt.directory import views

app_name = "directory"

urlpatterns = [
    path("", views.search, name="search"),
    path("new/", views.agency_new, name="agency_new"),
    path("<int:agency_id>/", views.agency_detail, name="agency"),
    path("<int:agency_id>/edit/", views.agency_edit, name="agency_edit"),
    path("organisations/", views.organisations, name="organisations"),
    path("children/<int:child_id>/services/", views.child_services, name="child_services"),
    path("children/<int:child_id>/services/add/", views.child_service_add, name="child_service_add"),
    path("services/<int:service_id>/edit/", views.child_service_edit, name="child_service_edit"),
]
