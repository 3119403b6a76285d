from django.urls import path

from knutepunkt.intake import views

app_name = "intake"

urlpatterns = [
    path("", views.worklist, name="worklist"),
    path("register/", views.register, name="register"),
    path("documents/<int:document_id>/", views.document, name="document"),
    path("<int:case_id>/", views.case_detail, name="case"),
    path("<int:case_id>/start-assessment/", views.start_assessment, name="start_assessment"),
    path("<int:case_id>/family-informed/", views.family_informed, name="family_informed"),
    path("<int:case_id>/assessment/", views.assess, name="assess"),
    path("<int:case_id>/assessment/<slug:key>/", views.assess_judgement, name="assess_judgement"),
    path("<int:case_id>/consent/", views.consent, name="consent"),
    path("<int:case_id>/consent/<int:consent_id>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("<int:case_id>/child-view/", views.child_view, name="child_view"),
    path("<int:case_id>/documents/", views.upload, name="upload"),
    path("<int:case_id>/decision/", views.decide, name="decide"),
    path("<int:case_id>/appoint/", views.appoint, name="appoint"),
    path("<int:case_id>/close/", views.close, name="close"),
]
