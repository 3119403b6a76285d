from django.urls import path

from knutepunkt.meetings import views

app_name = "meetings"

urlpatterns = [
    path("child/<int:child_id>/", views.for_child, name="for_child"),
    path("child/<int:child_id>/new/", views.schedule, name="schedule"),
    path("<int:meeting_id>/", views.detail, name="detail"),
    path("<int:meeting_id>/calendar.ics", views.calendar_file, name="ics"),
    path("<int:meeting_id>/move/", views.move, name="move"),
    path("<int:meeting_id>/cancel/", views.cancel, name="cancel"),
    path("<int:meeting_id>/invite/", views.invite, name="invite"),
    path("<int:meeting_id>/minutes/", views.minutes, name="minutes"),
    path("<int:meeting_id>/decisions/new/", views.decision, name="decision_new"),
    path("<int:meeting_id>/actions/new/", views.action_item, name="action_new"),
    path("<int:meeting_id>/actions/<int:item_id>/done/", views.action_done, name="action_done"),
]
