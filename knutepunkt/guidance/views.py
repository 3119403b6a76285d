"""The guidance library: for the family and for staff alike."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from knutepunkt.access.context import Actor
from knutepunkt.access.policy import visible_families
from knutepunkt.guidance import selectors, services
from knutepunkt.guidance.forms import SendArticleForm
from knutepunkt.people.models import User


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


@login_required
@require_GET
def library(request: HttpRequest) -> HttpResponse:
    found = selectors.library(actor=Actor.from_request(request), query=request.GET.get("q", ""))
    return render(request, "guidance/library.html", {"library": found})


@login_required
@require_http_methods(["GET", "POST"])
def article(request: HttpRequest, slug: str) -> HttpResponse:
    user = _user(request)
    found = selectors.article_for(user, slug)
    title, summary, body = found.in_language(get_language() or "en")
    form = None
    if user.role in services.ROLES_THAT_GUIDE:
        families = list(visible_families(user, for_write=True).order_by("name", "pk"))
        form = SendArticleForm(request.POST or None, families=families)
        if request.method == "POST" and form.is_valid():
            services.send_article(
                actor=Actor.from_request(request),
                family_id=form.cleaned_data["family"],
                slug=found.slug,
                note=form.cleaned_data["note"],
            )
            messages.success(request, _("The article is sent to the family, and noted as guidance given."))
            return redirect("guidance:article", slug=found.slug)
    elif request.method == "POST":
        return redirect("guidance:article", slug=found.slug)
    return render(
        request,
        "guidance/article.html",
        {"article": found, "title": title, "summary": summary, "body": body, "form": form},
    )
