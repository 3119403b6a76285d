"""The guidance library: articles in every language, searchable, for the family and staff, and a
coordinator sending an article to a family as guidance given."""

from __future__ import annotations

import pytest
from django.urls import reverse

from knutepunkt.audit.models import AccessEvent
from knutepunkt.conftest import Tenant, client_for
from knutepunkt.coordination.models import Contact
from knutepunkt.guidance.articles import ARTICLES, LANGUAGES
from knutepunkt.guidance.models import GuidanceSent
from knutepunkt.portal.tests.factories import guardian_user
from knutepunkt.tenancy.tests.factories import MunicipalityFactory


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.slug)
def test_every_article_is_written_in_every_language(article: object) -> None:
    from knutepunkt.guidance.articles import Article

    assert isinstance(article, Article)
    for language in LANGUAGES:
        title, summary, body = article.in_language(language)
        assert title.strip()
        assert summary.strip()
        assert body
        assert all(paragraph.strip() for paragraph in body)
    english = article.text("en")
    assert all(article.text(language) != english for language in ("nb", "nn", "is"))


def test_the_family_reads_its_country_articles(tenant: Tenant) -> None:
    user = guardian_user(tenant.family)
    client = client_for(user)
    page = client.get(reverse("guidance:library")).content.decode()
    assert "Child coordinator: one person who keeps the overview" in page
    assert "Iceland&#x27;s three levels of service" not in page
    assert client.get(reverse("guidance:article", args=["barnekoordinator"])).status_code == 200
    assert client.get(reverse("guidance:article", args=["tengilidur"])).status_code == 404


def test_an_icelandic_municipality_shows_its_own_articles(tenant: Tenant) -> None:
    from knutepunkt.people.tests.factories import FamilyFactory, GuardianFactory

    akureyri = MunicipalityFactory.create(country="IS", number="6000", name="Akureyrarbær", language="is")
    family = FamilyFactory.create(municipality=akureyri, language="is")
    GuardianFactory.create(family=family)
    client = client_for(guardian_user(family), language="is")
    page = client.get(reverse("guidance:library")).content.decode()
    assert "Tengiliður farsældar" in page
    assert "Barnasamhæfingaraðili" not in page


def test_the_library_is_searchable_in_the_readers_language(tenant: Tenant) -> None:
    client = client_for(guardian_user(tenant.family), language="nb")
    found = client.get(reverse("guidance:library"), {"q": "klage"}).content.decode()
    assert "Slik klager dere" in found
    assert "Individuell plan: målene" not in found
    nothing = client.get(reverse("guidance:library"), {"q": "zzzz"}).content.decode()
    assert "Ingen artikler passer." in nothing


def test_a_coordinator_sends_an_article_and_the_family_finds_it(tenant: Tenant) -> None:
    staff = client_for(tenant.coordinator)
    response = staff.post(
        reverse("guidance:article", args=["klage"]), {"family": tenant.family.pk, "note": "Les denne."}
    )
    assert response.status_code == 302
    sent = GuidanceSent.objects.get()
    assert sent.family == tenant.family
    assert sent.sent_by == tenant.coordinator
    assert AccessEvent.objects.filter(object_type="guidance.guidancesent").exists()
    contact = Contact.objects.get(family=tenant.family)
    assert contact.rights == ["complaint"]
    assert "Slik klager dere" in contact.summary
    family = client_for(guardian_user(tenant.family)).get(reverse("guidance:library")).content.decode()
    assert "Sent to you by your coordinator" in family
    assert "Les denne." in family


def test_a_coordinator_cannot_send_to_a_family_not_theirs(tenants: tuple[Tenant, Tenant]) -> None:
    t, other = tenants
    for coordinator, family in ((t.coordinator, t.other_family), (t.coordinator, other.family)):
        response = client_for(coordinator).post(
            reverse("guidance:article", args=["klage"]), {"family": family.pk, "note": ""}
        )
        assert response.status_code == 200  # the choice is refused on the form
    assert not GuidanceSent.objects.exists()
    other_family_user = guardian_user(t.other_family)
    GuidanceSent.objects.create(
        municipality=t.municipality,
        family=t.family,
        article="klage",
        sent_by=t.coordinator,
        note="Private note",
    )
    page = client_for(other_family_user).get(reverse("guidance:library")).content.decode()
    assert "Private note" not in page


def test_a_family_member_cannot_send_articles(tenant: Tenant) -> None:
    client = client_for(guardian_user(tenant.family))
    client.post(reverse("guidance:article", args=["klage"]), {"family": tenant.family.pk})
    assert not GuidanceSent.objects.exists()
