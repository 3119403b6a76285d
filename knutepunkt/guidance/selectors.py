"""Reads for the guidance library: the rights articles, the municipality's services from the
directory, the patient and user organisations, and the guidance a family has been sent."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404
from django.utils.translation import get_language

from knutepunkt.access.context import Actor
from knutepunkt.access.policy import own_families
from knutepunkt.audit.models import AccessAction, Purpose
from knutepunkt.audit.services import Access, record_accesses
from knutepunkt.directory.models import Agency, UserOrganisation
from knutepunkt.directory.selectors import directory_for_municipality
from knutepunkt.guidance.articles import BY_SLUG, Article, articles_for, search_articles
from knutepunkt.guidance.models import GuidanceSent
from knutepunkt.people.models import User
from knutepunkt.tenancy.models import Municipality


@dataclass(frozen=True)
class ShownArticle:
    """An article in the reader's language."""

    slug: str
    title: str
    summary: str

    @classmethod
    def of(cls, article: Article, language: str) -> ShownArticle:
        title, summary, _body = article.in_language(language)
        return cls(slug=article.slug, title=title, summary=summary)


@dataclass(frozen=True)
class SentArticle:
    sent: GuidanceSent
    article: ShownArticle


@dataclass(frozen=True)
class Library:
    query: str
    articles: list[ShownArticle]
    agencies: list[Agency]
    organisations: list[UserOrganisation]
    sent: list[SentArticle]


def reader_municipality(user: User) -> Municipality:
    if not user.is_authenticated or user.municipality is None:
        raise Http404
    return user.municipality


def _sent_to_family(actor: Actor, language: str) -> list[SentArticle]:
    user = actor.user
    if user.role:
        return []
    sent = list(
        GuidanceSent.objects.filter(family__in=own_families(user).values("pk")).select_related(
            "family", "sent_by"
        )
    )
    record_accesses(
        actor=actor,
        accesses=[Access(s.family, s) for s in sent],
        action=AccessAction.LIST,
        purpose=Purpose.FAMILY,
    )
    return [
        SentArticle(sent=s, article=ShownArticle.of(BY_SLUG[s.article], language))
        for s in sent
        if s.article in BY_SLUG
    ]


def library(*, actor: Actor, query: str = "") -> Library:
    municipality = reader_municipality(actor.user)
    query = " ".join(query.split())[:100]
    language = get_language() or "en"
    agencies = directory_for_municipality(municipality)
    organisations = UserOrganisation.objects.filter(country=municipality.country, active=True)
    for word in query.split():
        agencies = agencies.filter(Q(name__icontains=word) | Q(description__icontains=word))
        organisations = organisations.filter(Q(name__icontains=word) | Q(helps_with__icontains=word))
    found = (
        search_articles(municipality.country, language, query)
        if query
        else articles_for(municipality.country)
    )
    return Library(
        query=query,
        articles=[ShownArticle.of(a, language) for a in found],
        agencies=list(agencies.order_by("name", "pk")),
        organisations=list(organisations.order_by("is_public_body", "name", "pk")),
        sent=_sent_to_family(actor, language),
    )


def article_for(user: User, slug: str) -> Article:
    municipality = reader_municipality(user)
    article = BY_SLUG.get(slug)
    if article is None or municipality.country not in article.countries:
        raise Http404
    return article
