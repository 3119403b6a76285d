from django.urls import path

from knutepunkt.complaints import views

app_name = "complaints"

urlpatterns = [
    path("new/<int:case_id>/", views.new, name="new"),
    path("<int:complaint_id>/", views.detail, name="detail"),
    path("<int:complaint_id>/mend/", views.mend, name="mend"),
    path("<int:complaint_id>/late-excuse/", views.late_excuse, name="late_excuse"),
    path("<int:complaint_id>/reassess/", views.start_reassessment, name="start_reassessment"),
    path("<int:complaint_id>/reassessment/", views.reassessment, name="reassessment"),
    path("<int:complaint_id>/judgement/", views.judgement, name="judgement"),
    path("<int:complaint_id>/consent/", views.consent, name="consent"),
    path("<int:complaint_id>/outcome/", views.outcome, name="outcome"),
    path("<int:complaint_id>/answer/", views.answer, name="answer"),
    path("<int:complaint_id>/withdraw/", views.withdraw, name="withdraw"),
]
