from django.urls import path

from knutepunkt.plans import views

app_name = "plans"

urlpatterns = [
    path("child/<int:child_id>/", views.for_child, name="for_child"),
    path("child/<int:child_id>/new/", views.create, name="create"),
    path("<int:plan_id>/", views.detail, name="detail"),
    path("<int:plan_id>/edit/", views.edit, name="edit"),
    path("<int:plan_id>/goals/new/", views.goal, name="goal_new"),
    path("<int:plan_id>/goals/<int:goal_id>/", views.goal, name="goal_edit"),
    path("<int:plan_id>/measures/new/", views.measure, name="measure_new"),
    path("<int:plan_id>/measures/<int:measure_id>/", views.measure, name="measure_edit"),
    path("<int:plan_id>/measures/<int:measure_id>/status/", views.measure_status, name="measure_status"),
    path("<int:plan_id>/participants/new/", views.participant, name="participant_new"),
    path("<int:plan_id>/participants/<int:participant_id>/", views.participant, name="participant_edit"),
    path("<int:plan_id>/remove/<str:what>/<int:row_id>/", views.remove, name="remove"),
    path("<int:plan_id>/reviews/new/", views.schedule_review, name="review_new"),
    path("<int:plan_id>/reviews/<int:review_id>/", views.record_review, name="review_record"),
    path("<int:plan_id>/sign-on-paper/", views.paper_signature, name="paper_signature"),
    path("<int:plan_id>/versions/", views.compare, name="compare"),
    path("<int:plan_id>/document/<str:kind>/", views.document, name="document"),
]
