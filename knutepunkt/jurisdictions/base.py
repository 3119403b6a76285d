"""The one interface every jurisdiction implements, and the values that cross it.

A situation goes in (parsed and checked by ``situation.parse_situation``), an ``AssessmentResult``
comes out; ``AssessmentResult.to_json`` is the contract's result (shared/contracts/assessment.md).
Professional judgements are three-valued: ``None`` means "not judged yet" and is combined with
Kleene logic, so a missing judgement can never make an entitlement true.
"""

from __future__ import annotations

import datetime
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from knutepunkt.jurisdictions import deadlines
from knutepunkt.jurisdictions.legal import CRITERION_EXPLANATIONS

# --- Three-valued logic ---------------------------------------------------------------------


def all_of(*values: bool | None) -> bool | None:
    """Kleene AND: one ``False`` decides; otherwise any unknown leaves the answer unknown."""
    if any(value is False for value in values):
        return False
    if any(value is None for value in values):
        return None
    return True


def any_of(*values: bool | None) -> bool | None:
    """Kleene OR: one ``True`` decides; otherwise any unknown leaves the answer unknown."""
    if any(value is True for value in values):
        return True
    if any(value is None for value in values):
        return None
    return False


def negate(value: bool | None) -> bool | None:
    return None if value is None else not value


# --- The situation (input) ------------------------------------------------------------------


@dataclass(frozen=True)
class ChildFacts:
    """At most one of the two dates is set (``parse_situation`` refuses both)."""

    birth_date: datetime.date | None = None
    expected_date: datetime.date | None = None


@dataclass(frozen=True)
class Judgements:
    """The caseworker's professional judgements (Norway); ``None`` is "not judged yet"."""

    serious_condition: bool | None = None
    long_term: bool | None = None
    complex: bool | None = None
    coordinated: bool | None = None
    needs_health_and_care_services: bool | None = None
    needs_other_welfare_services: bool | None = None
    needs_specialist_health_services: bool | None = None


@dataclass(frozen=True)
class FamilyFacts:
    guardians_with_responsibility: int | None = None
    guardians_consenting: int | None = None
    child_welfare_has_care: bool | None = None
    declines: frozenset[str] = frozenset()


@dataclass(frozen=True)
class IcelandFacts:
    request_by: str | None = None
    stage: str | None = None
    has_domicile: bool | None = None
    service_levels: frozenset[int] | None = None
    multi_faceted_long_term: bool | None = None
    child_protection_case: bool | None = None


@dataclass(frozen=True)
class ComplaintFacts:
    decision_known_on: datetime.date
    lodged_on: datetime.date | None = None
    written: bool | None = None
    signed: bool | None = None


@dataclass(frozen=True)
class Situation:
    """One family's situation on ``today``, as the contract's input describes it."""

    jurisdiction: str
    today: datetime.date
    child: ChildFacts = field(default_factory=ChildFacts)
    judgement: Judgements = field(default_factory=Judgements)
    family: FamilyFacts = field(default_factory=FamilyFacts)
    iceland: IcelandFacts = field(default_factory=IcelandFacts)
    complaint: ComplaintFacts | None = None

    @property
    def child_is_expected(self) -> bool:
        return self.child.expected_date is not None

    @property
    def child_age(self) -> int | None:
        """Whole years on ``today``; ``None`` for an expected child or an unknown birth date."""
        if self.child.birth_date is None:
            return None
        return deadlines.age_on(self.child.birth_date, self.today)

    @property
    def child_under_18_or_expected(self) -> bool | None:
        """Both countries count an expected child: Norway "is expecting a child" (pbrl § 2-5c),
        Iceland "parent includes a pregnant person" (Act 86/2021 art. 2)."""
        if self.child.expected_date is not None:
            return True
        if self.child.birth_date is None:
            return None
        return deadlines.is_under_18(self.child.birth_date, self.today)

    @property
    def child_born_on_leap_day(self) -> bool:
        birth = self.child.birth_date
        return birth is not None and deadlines.is_leap_day(birth)


# --- Settings for the rules DOMAIN.md marks [U] ----------------------------------------------


@dataclass(frozen=True)
class MunicipalitySettings:
    """The municipality's practice where the law is not confirmed ([U] in DOMAIN.md).

    Each field is named in ``legal.UNVERIFIED_RULES``; whenever one is applied its rule's name is
    listed in the result's ``unverified``, so pages can say "municipality's practice", never "law".
    """

    all_guardians_consent: bool = True
    """Norway: every guardian with parental responsibility consents to the appointment (both
    parents with shared responsibility "normally" consent). False: one guardian's consent is enough."""

    child_welfare_consents: bool = True
    """Both: where child welfare has taken over care, child welfare consents in the guardians'
    place, and ``guardians_consenting >= 1`` is read as its consent (the contract has no separate
    field). False: the guardians' rule applies as if child welfare had no care."""

    child_of_16_consents_too: bool = False
    """Norway: a child of 16 or 17 is of age for health matters (pbrl § 4-3), but BK is a family
    right. False: the guardians consent. True: the child's own consent is also needed, and since
    the input has no field for it, it is reported missing ("child") until recorded elsewhere."""

    child_age_for_own_request: int | None = None
    """Iceland: no age is set for a child's own request (art. 18). None: a request by a child of
    any age counts; a number: only from that age."""

    joint_custody_request: bool = True
    """Iceland: joint custodians decide major matters jointly; read a request as one, so every
    custodian supports a request made by the parents. False: one custodian's request is enough."""

    adulthood_plan_age: int = 16
    """Iceland: from this age the support plan also plans services into adulthood ("before 18",
    art. 21). 16 leaves two years for the hand-over to adult services."""

    iceland_complaint_must_be_signed: bool = False
    """Iceland: GEV needs a written complaint naming whom and describing the events (Act 88/2021
    art. 17); a signature is not named, so by default it is not required."""

    def __post_init__(self) -> None:
        if not 0 <= self.adulthood_plan_age <= 17:
            raise ValueError("adulthood_plan_age must be between 0 and 17: the plan is made before 18")
        if self.child_age_for_own_request is not None and not 0 <= self.child_age_for_own_request <= 17:
            raise ValueError("child_age_for_own_request must be between 0 and 17, or None")


DEFAULT_SETTINGS = MunicipalitySettings()


# --- The result (output) --------------------------------------------------------------------


@dataclass(frozen=True)
class Criterion:
    """One legal criterion as judged: ``met`` is ``None`` while a judgement it needs is missing.

    ``explanation_key`` is the English sentence the pages show and translate (legal.py).
    """

    id: str
    met: bool | None
    basis: str
    explanation_key: str

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "met": self.met, "basis": self.basis}


@dataclass(frozen=True)
class ComplaintCheck:
    deadline: datetime.date
    in_time: bool
    valid_form: bool
    lodge_with: str
    decided_by: str

    def to_json(self) -> dict[str, Any]:
        return {
            "deadline": self.deadline.isoformat(),
            "in_time": self.in_time,
            "valid_form": self.valid_form,
            "lodge_with": self.lodge_with,
            "decided_by": self.decided_by,
        }


@dataclass(frozen=True)
class AssessmentResult:
    jurisdiction: str
    entitlements: Mapping[str, bool]
    offer: tuple[str, ...]
    criteria: tuple[Criterion, ...]
    may_appoint: bool
    consent_missing: tuple[str, ...]
    service_contact: str | None = None
    governed_by_other_act: str | None = None
    complaint: ComplaintCheck | None = None
    unverified: tuple[str, ...] = ()

    def criterion(self, criterion_id: str) -> Criterion:
        return next(c for c in self.criteria if c.id == criterion_id)

    def to_json(self) -> dict[str, Any]:
        """The contract's result, keys in the contract's order; ``complaint`` is null when none."""
        return {
            "jurisdiction": self.jurisdiction,
            "entitlements": dict(self.entitlements),
            "offer": list(self.offer),
            "criteria": [c.to_json() for c in self.criteria],
            "may_appoint": self.may_appoint,
            "consent_missing": list(self.consent_missing),
            "service_contact": self.service_contact,
            "governed_by_other_act": self.governed_by_other_act,
            "complaint": self.complaint.to_json() if self.complaint else None,
            "unverified": list(self.unverified),
        }


# --- The interface --------------------------------------------------------------------------


class Jurisdiction(ABC):
    """A country's rules. Subclasses fill in the tables and the three decisions below."""

    code: ClassVar[str]
    entitlement_keys: ClassVar[tuple[str, ...]]
    criterion_basis: ClassVar[Mapping[str, str]]
    entitlement_criteria: ClassVar[Mapping[str, tuple[str, ...]]]

    @abstractmethod
    def assess(
        self, situation: Situation, settings: MunicipalitySettings = DEFAULT_SETTINGS
    ) -> AssessmentResult:
        """Judge every criterion, derive entitlements, the offer and consent."""

    @abstractmethod
    def complaint_deadline(self, situation: Situation, complaint: ComplaintFacts) -> datetime.date:
        """The last day a complaint is in time."""

    @abstractmethod
    def check_complaint(
        self, situation: Situation, settings: MunicipalitySettings = DEFAULT_SETTINGS
    ) -> ComplaintCheck | None:
        """The complaint's deadline, timeliness, form and where it goes; ``None`` when none given."""

    # Shared mechanics: the tables decide, these only apply them.

    def criteria_from(self, met: Mapping[str, bool | None]) -> tuple[Criterion, ...]:
        return tuple(
            Criterion(id=cid, met=met[cid], basis=basis, explanation_key=CRITERION_EXPLANATIONS[cid])
            for cid, basis in self.criterion_basis.items()
        )

    def entitlements_from(self, met: Mapping[str, bool | None]) -> dict[str, bool]:
        # `is True`: an unknown criterion (None) is never read as yes.
        return {
            key: all_of(*(met[cid] for cid in self.entitlement_criteria[key])) is True
            for key in self.entitlement_keys
        }
