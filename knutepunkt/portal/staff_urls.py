from django.urls import path

from knutepunkt.portal import staff_views, views

app_name = "portal_staff"

urlpatterns = [
    path("", staff_views.conversations, name="conversations"),
    path("<int:thread_id>/", staff_views.conversation, name="conversation"),
    path("attachments/<int:attachment_id>/", views.attachment, name="attachment"),
    path("invite/<int:family_id>/", staff_views.invite, name="invite"),
]
