"""Dates on English pages cannot be misread: "12 Apr 2026", never 04/12/2026."""

from __future__ import annotations

import datetime

import pytest
from django import forms
from django.conf import settings
from django.utils import formats, translation

from knutepunkt.conftest import Tenant, client_for
from knutepunkt.intake.models import Case
from knutepunkt.intake.tests.factories import open_case

APRIL_12 = datetime.date(2026, 4, 12)


def test_an_english_page_shows_the_day_and_the_month_by_name(tenant: Tenant) -> None:
    case = open_case(tenant)
    Case.objects.filter(pk=case.pk).update(received_on=APRIL_12)
    client = client_for(tenant.officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "12 Apr 2026" in page
    assert "04/12/2026" not in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"
    assert "12. april 2026" in client.get(f"/cases/{case.pk}/").content.decode()  # as before


@pytest.mark.parametrize("typed", ["2026-04-12", "12.04.2026", "12 Apr 2026", "12 April 2026"])
def test_english_forms_take_iso_nordic_and_what_the_pages_show(typed: str) -> None:
    with translation.override("en"):
        assert forms.DateField().clean(typed) == APRIL_12


def test_english_forms_refuse_the_american_month_first() -> None:
    with translation.override("en"), pytest.raises(forms.ValidationError):
        forms.DateField().clean("04/12/2026")


@pytest.mark.parametrize(
    ("language", "short"), [("nb", "12.04.2026"), ("nn", "12.04.2026"), ("is", "12.4.2026")]
)
def test_norwegian_and_icelandic_keep_their_own_formats(language: str, short: str) -> None:
    with translation.override(language):
        assert formats.date_format(APRIL_12, "SHORT_DATE_FORMAT") == short
