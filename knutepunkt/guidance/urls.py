from django.urls import path

from knutepunkt.guidance import views

app_name = "guidance"

urlpatterns = [
    path("", views.library, name="library"),
    path("<slug:slug>/", views.article, name="article"),
]
