from django.urls import path

from knutepunkt.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("welcome/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("documents/<int:document_id>/", views.document, name="document"),
    path("messages/", views.threads, name="threads"),
    path("messages/new/", views.new_thread, name="new_thread"),
    path("messages/<int:thread_id>/", views.thread, name="thread"),
    path("messages/attachments/<int:attachment_id>/", views.attachment, name="attachment"),
    path("consents/", views.consents, name="consents"),
    path("consents/<int:consent_id>/withdraw/", views.withdraw_consent, name="withdraw_consent"),
    path("who-has-looked/", views.access_log, name="access_log"),
    path("ask-for-a-coordinator/", views.ask, name="ask"),
    path("complain/", views.complain, name="complain"),
    path("plan/<int:plan_id>/", views.plan, name="plan"),
    path("plan/<int:plan_id>/sign/", views.sign_plan, name="sign_plan"),
    path("plan/<int:plan_id>/plan.pdf", views.plan_pdf, name="plan_pdf"),
    path("meetings/", views.meetings, name="meetings"),
    path("our-data/", views.our_data, name="our_data"),
    path("our-data/our-data.json", views.export_json, name="export_json"),
    path("our-data/our-data.pdf", views.export_pdf, name="export_pdf"),
]
