"""Family sign-ins for tests: a guardian's or a young person's account, made directly."""

from __future__ import annotations

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from knutepunkt.people.models import Child, Family, Guardian, User
from knutepunkt.people.tests.factories import ChildFactory, GuardianFactory, UserFactory
from knutepunkt.portal.models import FamilyAccount

PASSWORD = "correct horse battery staple"


def guardian_user(family: Family, guardian: Guardian | None = None) -> User:
    guardian = guardian or family.guardians.order_by("pk").first() or GuardianFactory.create(family=family)
    user = UserFactory.create(
        role="",
        municipality=family.municipality,
        unit=None,
        first_name=guardian.given_name,
        last_name=guardian.family_name,
    )
    FamilyAccount.objects.create(
        municipality=family.municipality, user=user, family=family, guardian=guardian
    )
    guardian.user = user
    guardian.save(update_fields=["user"])
    return user


def young_person(family: Family, *, age: int = 16) -> tuple[Child, User]:
    today = datetime.date.today()
    child = ChildFactory.create(
        family=family, birth_date=today.replace(year=today.year - age) - datetime.timedelta(days=3)
    )
    user = UserFactory.create(
        role="",
        municipality=family.municipality,
        unit=None,
        first_name=child.given_name,
        last_name=child.family_name,
    )
    FamilyAccount.objects.create(municipality=family.municipality, user=user, family=family, child=child)
    return child, user


def png_upload(name: str = "photo.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")
