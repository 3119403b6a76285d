"""Staff prove a second factor before they reach any page but sign-in and sign-out."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

OPEN_PATH_PREFIXES = ("/static/", "/i18n/")


class RequireSecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.REQUIRE_2FA and self._needs_second_factor(request):
            allowed = {
                reverse("core:otp_verify"),
                reverse("core:otp_setup"),
                reverse("core:logout"),
                reverse("core:login"),
            }
            if request.path not in allowed and not request.path.startswith(OPEN_PATH_PREFIXES):
                return redirect("core:otp_verify")
        return self.get_response(request)

    @staticmethod
    def _needs_second_factor(request: HttpRequest) -> bool:
        user = request.user
        if not user.is_authenticated:
            return False
        is_staff_member = bool(getattr(user, "role", "")) or user.is_superuser
        # django-otp's middleware gives the user is_verified(); the stubs cannot know that.
        return is_staff_member and not user.is_verified()  # type: ignore[attr-defined]
