"""Who is acting, from where: what every selector needs to check access and log it."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest

from knutepunkt.people.models import User


@dataclass(frozen=True)
class Actor:
    user: User
    client_address: str | None = None

    @classmethod
    def from_request(cls, request: HttpRequest) -> Actor:
        user = request.user
        assert isinstance(user, User), "views that read personal data require a signed-in user"
        # REMOTE_ADDR is the proxy's address behind a load balancer; the deployment's proxy
        # must be configured to pass the client's (README, "Production").
        return cls(user=user, client_address=request.META.get("REMOTE_ADDR") or None)
