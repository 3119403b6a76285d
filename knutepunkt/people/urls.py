from django.urls import path

from knutepunkt.people import views

app_name = "people"

urlpatterns = [
    path("<int:child_id>/", views.child_detail, name="child_detail"),
    path("register/", views.register, name="register"),
]
