from django.urls import path

from knutepunkt.coordination import views

app_name = "coordination"

urlpatterns = [
    path("caseload/", views.caseload, name="caseload"),
    path("unit/", views.unit, name="unit"),
    path("month/", views.month, name="month"),
    path("families/<int:family_id>/", views.family, name="family"),
    path("families/<int:family_id>/handover/", views.handover, name="handover"),
    path("families/<int:family_id>/specialist/", views.outside_coordinator, name="outside"),
    path("families/<int:family_id>/contacts/new/", views.contact, name="contact"),
    path("families/<int:family_id>/team/", views.team, name="team"),
    path("cases/<int:case_id>/appoint/", views.appoint, name="appoint"),
    path("handovers/<int:handover_id>/checklist/", views.handover_checklist, name="handover_checklist"),
    path("teams/<int:team_id>/members/", views.team_member, name="team_member"),
    path("teams/<int:team_id>/close/", views.team_close, name="team_close"),
]
