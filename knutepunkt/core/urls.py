from django.contrib.auth import views as auth_views
from django.urls import path

from knutepunkt.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("find/", views.find_child, name="find_child"),
    path(
        "sign-in/",
        auth_views.LoginView.as_view(
            template_name="registration/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("sign-in/second-factor/", views.otp_verify, name="otp_verify"),
    path("sign-in/second-factor/setup/", views.otp_setup, name="otp_setup"),
]
