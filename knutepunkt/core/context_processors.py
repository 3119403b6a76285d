from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    municipality = getattr(user, "municipality", None) if user and user.is_authenticated else None
    return {
        "current_municipality": municipality,
        "oidc_enabled": settings.OIDC_ENABLED,
        "demo_login_hint": settings.DEMO_LOGIN_HINT,
    }
