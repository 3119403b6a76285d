"""``manage.py assess FILE|-`` keeps shared/contracts/assessment.md: every situation of the rules'
own tests (Norway and Iceland) goes through the command and comes back as the contract's JSON, the
same answer the pages get; malformed input is refused with exit 2 and a message that names the
field; no database is touched."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from knutepunkt.jurisdictions import assess_situation
from knutepunkt.jurisdictions.tests.factories import iceland, norway
from knutepunkt.jurisdictions.tests.test_iceland import SCENARIOS as ICELAND_SCENARIOS
from knutepunkt.jurisdictions.tests.test_norway import SCENARIOS as NORWAY_SCENARIOS

ROOT = Path(__file__).resolve().parents[3]
RESULT_FIELDS = {
    "jurisdiction",
    "entitlements",
    "offer",
    "criteria",
    "may_appoint",
    "consent_missing",
    "service_contact",
    "governed_by_other_act",
    "unverified",
}
ENTITLEMENTS = {
    "NO": {"barnekoordinator", "koordinator", "individual_plan", "specialist_coordinator"},
    "IS": {"service_contact", "case_manager", "support_team", "support_plan", "adulthood_plan"},
}
COMPLAINT_FIELDS = {"deadline", "in_time", "valid_form", "lodge_with", "decided_by"}


def assess(text: str) -> dict[str, Any]:
    out = io.StringIO()
    call_command("assess", "-", stdin=io.StringIO(text), stdout=out)
    result: dict[str, Any] = json.loads(out.getvalue())
    return result


def refusal(text: str) -> str:
    with pytest.raises(CommandError) as raised:
        call_command("assess", "-", stdin=io.StringIO(text), stdout=io.StringIO())
    assert raised.value.returncode == 2
    return str(raised.value)


def assert_keeps_the_contract(result: dict[str, Any], situation: dict[str, Any]) -> None:
    # "complaint" is always there: null when the situation gives none.
    assert set(result) == RESULT_FIELDS | {"complaint"}
    assert result["jurisdiction"] == situation["jurisdiction"]
    assert set(result["entitlements"]) == ENTITLEMENTS[situation["jurisdiction"]]
    assert all(isinstance(v, bool) for v in result["entitlements"].values())
    assert set(result["offer"]) <= {k for k, v in result["entitlements"].items() if v}
    assert not {"barnekoordinator", "koordinator"} <= set(result["offer"])  # never two coordinators
    for criterion in result["criteria"]:
        assert set(criterion) == {"id", "met", "basis"}
        assert criterion["met"] in (True, False, None)
        assert criterion["basis"]
    assert isinstance(result["may_appoint"], bool)
    if "complaint" in situation:
        assert set(result["complaint"]) == COMPLAINT_FIELDS
    else:
        assert result["complaint"] is None


SITUATIONS = [*NORWAY_SCENARIOS, *ICELAND_SCENARIOS]


def test_the_command_is_tried_on_at_least_30_situations_in_both_countries() -> None:
    countries = [p.values[0]["jurisdiction"] for p in SITUATIONS]
    assert countries.count("NO") >= 30
    assert countries.count("IS") >= 20


@pytest.mark.parametrize(("situation", "expected"), SITUATIONS)
def test_the_command_answers_as_the_contract_says(
    situation: dict[str, Any], expected: dict[str, Any]
) -> None:
    # No database fixture: pytest-django makes any query here an error, so this also shows the
    # command touches no database.
    result = assess(json.dumps(situation))
    assert_keeps_the_contract(result, situation)
    assert result == assess_situation(situation)  # the same answer the pages get


@pytest.mark.parametrize(
    "situation",
    [
        norway(complaint={"decision_known_on": "2026-03-05", "lodged_on": "2026-04-03", "written": True}),
        iceland(complaint={"decision_known_on": "2026-03-05", "lodged_on": "2026-03-20"}),
    ],
    ids=["norway-late", "iceland"],
)
def test_a_complaint_is_answered_with_its_deadline(situation: dict[str, Any]) -> None:
    result = assess(json.dumps(situation))
    assert_keeps_the_contract(result, situation)
    if situation["jurisdiction"] == "NO":
        assert result["complaint"]["deadline"] == "2026-04-02"
        assert result["complaint"]["in_time"] is False
        assert result["complaint"]["decided_by"] == "Statsforvalteren"
    else:
        # The child was born 2017-09-01: GEV's year starts at 18.
        assert result["complaint"]["deadline"] == "2036-09-01"
        assert result["complaint"]["decided_by"] == "GEV"


def test_the_command_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "situation.json"
    path.write_text(json.dumps(norway()), encoding="utf-8")
    out = io.StringIO()
    call_command("assess", str(path), stdout=out)
    assert json.loads(out.getvalue()) == assess_situation(norway())


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (json.dumps({**norway(), "colour": "blue"}), "colour"),
        (json.dumps(norway(judgement={"serious_ilness": True})), "serious_ilness"),
        (json.dumps(norway(family={"guardians": 2})), "guardians"),
        (json.dumps(iceland(iceland={"levels": [1]})), "levels"),
        (json.dumps(norway(child={"birth_date": "2019-02-30"})), "2019-02-30"),
        (json.dumps(norway(today="2026-13-01")), "2026-13-01"),
        (json.dumps(norway(child={"birth_date": "2019-4-2"})), "birth_date"),
        (
            json.dumps(norway(complaint={"decision_known_on": "2026-02-29", "lodged_on": "2026-03-20"})),
            "2026-02-29",
        ),
        (json.dumps({**norway(), "jurisdiction": "SE"}), "jurisdiction"),
        (json.dumps({k: v for k, v in norway().items() if k != "today"}), "today"),
        ('{"jurisdiction": "NO", "jurisdiction": "IS", "today": "2026-11-22"}', "twice"),
        ("{not json", "JSON"),
        ("", "empty"),
    ],
    ids=[
        "unknown-field",
        "unknown-judgement",
        "unknown-family-field",
        "unknown-iceland-field",
        "impossible-birth-date",
        "impossible-today",
        "date-not-yyyy-mm-dd",
        "29-february-in-a-common-year",
        "unknown-country",
        "today-missing",
        "repeated-field",
        "not-json",
        "empty",
    ],
)
def test_malformed_input_exits_2_with_a_message_naming_the_problem(text: str, says: str) -> None:
    message = refusal(text)
    assert says in message, message


def run_manage(*args: str, stdin: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KNUTEPUNKT_ENVIRONMENT": "test"}
    return subprocess.run(
        [sys.executable, "manage.py", "assess", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )


def test_as_a_process_the_answer_is_on_stdout_with_exit_0() -> None:
    done = run_manage("-", stdin=json.dumps(iceland()))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == assess_situation(iceland())
    assert done.stderr == ""


def test_as_a_process_an_unknown_field_is_exit_2_with_the_message_on_stderr() -> None:
    done = run_manage("-", stdin=json.dumps({**norway(), "colour": "blue"}))
    assert done.returncode == 2
    assert done.stdout == ""
    assert "colour" in done.stderr
