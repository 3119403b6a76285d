"""OpenID Connect sign-in (ID-porten, Entra ID): only users that already exist may sign in.

Staff are found by e-mail. A family member signing in with ID-porten is found by the national ID
claim (``pid``), matched against the family account made from an invitation; OIDC never creates
a user of either kind.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from knutepunkt.people.models import User


class KnutepunktOIDCBackend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet[User]:
        national_id_claim = getattr(settings, "OIDC_NATIONAL_ID_CLAIM", "")
        national_id = str(claims.get(national_id_claim) or "") if national_id_claim else ""
        if national_id:
            family_users = User.objects.filter(
                is_active=True, role="", family_account__national_id=national_id
            ).exclude(family_account__national_id="")
            if family_users.exists():
                return family_users
        email = claims.get("email")
        if not email:
            return User.objects.none()
        # By e-mail only staff: a family member's e-mail is theirs to change and proves nothing.
        return User.objects.filter(email__iexact=email, is_active=True, family_account__isnull=True)
