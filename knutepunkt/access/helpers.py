"""``get_<thing>_for(user, id)``: the object, or 404 alike for "missing" and "not yours"."""

from __future__ import annotations

from django.http import Http404

from knutepunkt.access.policy import own_children, own_families, visible_children, visible_families
from knutepunkt.intake.models import Case, CaseDocument
from knutepunkt.people.models import Child, Family, User


def get_child_for(user: User, child_id: int, *, for_write: bool = False) -> Child:
    child = (
        visible_children(user, for_write=for_write)
        .select_related("family", "municipality")
        .filter(pk=child_id)
        .first()
    )
    if child is None:
        raise Http404
    return child


def get_family_for(user: User, family_id: int, *, for_write: bool = False) -> Family:
    family = (
        visible_families(user, for_write=for_write)
        .select_related("municipality")
        .filter(pk=family_id)
        .first()
    )
    if family is None:
        raise Http404
    return family


def get_case_for(user: User, case_id: int, *, for_write: bool = False) -> Case:
    if user.municipality_id is None:
        raise Http404
    case = (
        Case.objects.filter(
            municipality_id=user.municipality_id,
            family__in=visible_families(user, for_write=for_write).values("pk"),
        )
        .select_related("family", "child", "municipality")
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        raise Http404
    return case


def get_case_document_for(user: User, document_id: int) -> CaseDocument:
    if user.municipality_id is None:
        raise Http404
    document = (
        CaseDocument.objects.filter(
            municipality_id=user.municipality_id,
            case__family__in=visible_families(user).values("pk"),
        )
        .select_related("case", "case__family", "case__child")
        .filter(pk=document_id)
        .first()
    )
    if document is None:
        raise Http404
    return document


# --- The family scope (``policy.own_*``): the family's pages and the services they call ------


def get_own_family_for(user: User, family_id: int, *, for_write: bool = False) -> Family:
    family = (
        own_families(user, for_write=for_write).select_related("municipality").filter(pk=family_id).first()
    )
    if family is None:
        raise Http404
    return family


def get_own_child_for(user: User, child_id: int, *, for_write: bool = False) -> Child:
    child = (
        own_children(user, for_write=for_write)
        .select_related("family", "municipality")
        .filter(pk=child_id)
        .first()
    )
    if child is None:
        raise Http404
    return child


def get_own_case_for(user: User, case_id: int, *, for_write: bool = False) -> Case:
    if user.municipality_id is None:
        raise Http404
    case = (
        Case.objects.filter(
            municipality_id=user.municipality_id,
            child__in=own_children(user, for_write=for_write).values("pk"),
        )
        .select_related("family", "child", "municipality")
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        raise Http404
    return case
