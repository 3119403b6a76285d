"""Two versions of a plan side by side, the differences marked.

Texts are compared word by word (difflib): the older side marks what was taken out, the newer side
what was put in. Goals, measures, participants and reviews are matched by their identity, so a
changed measure shows as changed, not as one removed and another added.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from knutepunkt.plans.models import MeasureStatus, PlanKind, Progress

Segment = tuple[str, str]  # ("same" | "del" | "ins", text)

PLAN_LABELS: dict[str, Promise] = {
    "kind": _("Kind of plan"),
    "coordinator": _("Coordinator"),
    "period_start": _("Plan period from"),
    "period_end": _("Plan period to"),
    "needs_assessment": _("Needs"),
    "resources": _("Resources"),
    "child_own_words": _("In the child's own words"),
    "family_contribution": _("What the child and family contribute"),
    "cooperation": _("Cooperation needed with other services"),
    "evaluation_method": _("How results are evaluated"),
    "consent_to_plan_on": _("Consent to the plan given on"),
    "consent_to_plan_by": _("Consent to the plan given by"),
    "consent_to_share_note": _("Consent for participants to see confidential information"),
}
ITEM_LABELS: dict[str, Promise] = {
    "text": _("Goal"),
    "child_words": _("In the child's own words"),
    "title": _("Measure"),
    "goal": _("Goal"),
    "scope": _("Scope"),
    "how": _("How it is carried out"),
    "responsible": _("Responsible"),
    "starts_on": _("Start"),
    "ends_on": _("End"),
    "status": _("Status"),
    "name": _("Name"),
    "role": _("Role"),
    "unit": _("Service"),
    "contributes": _("What they contribute"),
    "scheduled_on": _("Review date"),
    "held_on": _("Held on"),
    "summary": _("Summary"),
    "evaluations": _("Evaluation per goal"),
}
SECTIONS: list[tuple[str, Promise, str]] = [
    ("goals", _("Goals"), "text"),
    ("measures", _("Measures"), "title"),
    ("participants", _("Participants"), "name"),
    ("reviews", _("Reviews"), "scheduled_on"),
]
CHOICE_LABELS: dict[str, Any] = {
    "kind": dict(PlanKind.choices),
    "status": dict(MeasureStatus.choices),
}


@dataclass(frozen=True)
class Line:
    label: str
    old: list[Segment]
    new: list[Segment]
    changed: bool


@dataclass(frozen=True)
class Item:
    title: str
    state: str  # "same" | "changed" | "added" | "removed"
    lines: list[Line]


@dataclass(frozen=True)
class Section:
    title: str
    items: list[Item]

    @property
    def changed(self) -> int:
        return sum(item.state != "same" for item in self.items)


@dataclass(frozen=True)
class Comparison:
    plan_lines: list[Line]
    sections: list[Section]

    @property
    def changes(self) -> int:
        return sum(line.changed for line in self.plan_lines) + sum(s.changed for s in self.sections)


def _words(text: str) -> list[str]:
    return re.findall(r"\s+|[^\s]+", text)


def word_diff(old: str, new: str) -> tuple[list[Segment], list[Segment]]:
    if old == new:
        return [("same", old)], [("same", new)]
    a, b = _words(old), _words(new)
    left: list[Segment] = []
    right: list[Segment] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            left.append(("same", "".join(a[i1:i2])))
            right.append(("same", "".join(b[j1:j2])))
            continue
        if i2 > i1:
            left.append(("del", "".join(a[i1:i2])))
        if j2 > j1:
            right.append(("ins", "".join(b[j1:j2])))
    return left, right


def _show(key: str, value: Any) -> str:
    if key == "evaluations":
        progress = dict(Progress.choices)
        return "\n".join(
            f"{e['goal']}: {progress.get(e['progress'], e['progress'])}. {e['note']}".strip() for e in value
        )
    text = "" if value is None else str(value)
    labels = CHOICE_LABELS.get(key)
    return str(labels.get(text, text)) if labels else text


def _line(label: str, key: str, old: Any, new: Any) -> Line:
    left, right = word_diff(_show(key, old), _show(key, new))
    return Line(label=label, old=left, new=right, changed=_show(key, old) != _show(key, new))


def compare(older: dict[str, Any], newer: dict[str, Any]) -> Comparison:
    old_plan, new_plan = older.get("plan", {}), newer.get("plan", {})
    plan_lines = [
        _line(str(label), key, old_plan.get(key, ""), new_plan.get(key, ""))
        for key, label in PLAN_LABELS.items()
    ]
    sections = []
    for key, title, title_key in SECTIONS:
        old_items = {row["id"]: row for row in older.get(key, [])}
        new_items = {row["id"]: row for row in newer.get(key, [])}
        order = list(new_items) + [pk for pk in old_items if pk not in new_items]
        items = []
        for pk in order:
            old_row, new_row = old_items.get(pk), new_items.get(pk)
            fields = [f for f in (new_row or old_row or {}) if f != "id"]
            lines = [
                _line(str(ITEM_LABELS.get(f, f)), f, (old_row or {}).get(f, ""), (new_row or {}).get(f, ""))
                for f in fields
            ]
            state = (
                "added"
                if old_row is None
                else "removed"
                if new_row is None
                else "changed"
                if any(line.changed for line in lines)
                else "same"
            )
            items.append(
                Item(
                    title=_show(title_key, (new_row or old_row or {}).get(title_key, "")),
                    state=state,
                    lines=lines,
                )
            )
        sections.append(Section(title=str(title), items=items))
    return Comparison(plan_lines=plan_lines, sections=sections)
