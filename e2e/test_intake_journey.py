"""The statutory journey at the coordinating unit, in the browser: a phone request is registered, the
child is assessed judgement by judgement, both guardians consent, a barnekoordinator is granted and
named, the decision letter (a real PDF) carries the complaint deadline and the law, and a late
complaint is reassessed, upheld and forwarded to Statsforvalteren as a PDF bundle. Then the same
road shortened in Iceland, in Icelandic, up to a decision that sends complaints to GEV.

The pages are read in the person's language through the project's own catalogues (``_words``):
the tests do not hard-code a translation, so they keep passing when a translator improves one,
and they still fail if the page shows something else. Every page visited is checked with axe, at
desktop width and on a 390 px phone (WCAG 1.4.10 Reflow), and screenshotted.
"""

from __future__ import annotations

import datetime
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils import formats, timezone, translation
from playwright.sync_api import Locator, Page, expect

from e2e.conftest import DESKTOP, PHONE, axe_check, login, screenshot, switch_language
from knutepunkt.complaints.models import Complaint, ComplaintStatus
from knutepunkt.conftest import Tenant
from knutepunkt.intake.models import Case, CaseStatus, Decision
from knutepunkt.intake.tests.factories import open_case
from knutepunkt.people.models import Guardian
from knutepunkt.tenancy.models import Country, Language

pytestmark = pytest.mark.browser

TODAY = timezone.localdate()
# The journey is told in the past so the complaint can come after the four weeks: the request came
# in three months ago, the family knew of the decision eight weeks ago.
RECEIVED = TODAY - datetime.timedelta(days=90)
CONSENTED = TODAY - datetime.timedelta(days=70)
DECIDED = TODAY - datetime.timedelta(days=60)
KNOWN = TODAY - datetime.timedelta(days=58)
DEADLINE = KNOWN + datetime.timedelta(weeks=4)
BORN = TODAY - datetime.timedelta(days=9 * 365 + 30)  # nine, and heard (from 7)

NORWEGIAN_JUDGEMENTS = {
    "serious_condition": ("yes", "Cerebral parese, bekreftet av fastlegen."),
    "long_term": ("yes", "Behovet vil vare hele oppveksten."),
    "complex": ("yes", "Habilitering, fysioterapi, PPT og NAV er inne."),
    "coordinated": ("yes", "Tjenestene må planlegges sammen."),
    "needs_health_and_care_services": ("yes", "Fysioterapi og avlastning i kommunen."),
    "needs_other_welfare_services": ("yes", "Tilrettelagt skole og hjelpestønad."),
    "needs_specialist_health_services": ("no", "Ingen innleggelse planlagt."),
}


def _words(language: str, text: str) -> str:
    """What the page says for ``text`` in ``language``, from the same catalogues the site uses."""
    with translation.override(language):
        return translation.gettext(text)


def _date(day: datetime.date, language: str, fmt: str = "j. F Y") -> str:
    with translation.override(language):
        return formats.date_format(day, fmt)


def _check(page: Page, name: str) -> None:
    """axe at desktop width, a screenshot, then the same page on a phone: axe again (a table that
    scrolls there must be reachable by keyboard), it must not scroll sideways (WCAG 1.4.10), and a
    screenshot of that too."""
    axe_check(page)
    screenshot(page, name)
    page.set_viewport_size(PHONE)
    axe_check(page)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    screenshot(page, f"{name}-phone")
    too_wide = page.evaluate(
        """limit => Array.from(document.querySelectorAll('body *'))
            .filter(e => e.getBoundingClientRect().right > limit)
            .filter(e => !(e.parentElement && e.parentElement.closest('.kp-table-wrap')))
            .slice(-3).map(e => e.outerHTML.slice(0, 120))""",
        PHONE["width"],
    )
    page.set_viewport_size(DESKTOP)
    assert width <= PHONE["width"], f"{page.url} is {width} px wide on a phone: {too_wide}"


def _pdf_text(path: Path) -> str:
    """The PDF's words as pdftotext reads them, whitespace collapsed (lines break anywhere)."""
    if shutil.which("pdftotext") is None:
        message = "pdftotext (poppler-utils) is not installed: cannot read the PDF's text"
        if os.environ.get("KNUTEPUNKT_REQUIRE_BROWSER") == "1" or os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    return " ".join(out.stdout.decode("utf-8").split())


def _download(page: Page, link: Locator, tmp_path: Path, name: str) -> Path:
    with page.expect_download() as info:
        link.click()
    download = info.value
    target = tmp_path / name
    download.save_as(target)
    assert target.read_bytes().startswith(b"%PDF-"), f"{name} is not a PDF"
    return target


def _submit(page: Page, button: Locator) -> None:
    with page.expect_navigation():
        button.click()


def _message(page: Page, text: str) -> None:
    expect(page.locator(".kp-messages")).to_contain_text(text)


def _register_phone_request(page: Page, tenant: Tenant, w: object = None) -> Case:
    """The officer types in what the mother said on the phone: a new family, two guardians."""
    nb = "nb"
    page.goto("/cases/")
    expect(page.locator("main h1")).to_have_text(_words(nb, "Worklist"))
    _check(page, "intake-worklist-nb")
    with page.expect_navigation():
        page.get_by_role("link", name=_words(nb, "Register a request")).first.click()
    expect(page.locator("main h1")).to_have_text(_words(nb, "Register a request"))
    _check(page, "intake-register-nb")

    form = page.locator("main form.kp-form")
    form.locator("input[name=channel][value=phone]").check()
    form.get_by_label(_words(nb, "Received on")).fill(RECEIVED.isoformat())
    form.get_by_label(_words(nb, "Who asked")).fill("Mor, Silje Fjeldstad, på telefon")
    form.get_by_label(_words(nb, "What the family asks for")).fill(
        "Sykehuset, skolen og NAV snakker ikke sammen. Familien ber om én person å forholde seg til."
    )
    form.locator("input[name=child_source][value=new]").check()
    form.locator("input[name=family_name]").fill("Fjeldstad")
    form.locator("input[name=child_given_name]").fill("Oda")
    form.locator("input[name=child_family_name]").fill("Fjeldstad")
    form.locator("input[name=child_birth_date]").fill(BORN.isoformat())
    for i, (given, relation, email) in enumerate(
        (("Silje", "mother", "silje@example.invalid"), ("Tore", "father", "tore@example.invalid"))
    ):
        form.locator(f"input[name=guardian{i}_given_name]").fill(given)
        form.locator(f"input[name=guardian{i}_family_name]").fill("Fjeldstad")
        form.locator(f"select[name=guardian{i}_relation]").select_option(relation)
        form.locator(f"input[name=guardian{i}_has_parental_responsibility]").check()
        form.locator(f"input[name=guardian{i}_email]").fill(email)
    _submit(page, form.locator("button[name=action][value=save]").last)

    expect(page).to_have_url(re.compile(r"/cases/\d+/$"))
    _message(page, _words(nb, "The request is registered."))
    case = Case.objects.get(family__name="Fjeldstad")
    assert (case.channel, case.received_on, case.status) == ("phone", RECEIVED, CaseStatus.REQUESTED)
    assert Guardian.objects.filter(family=case.family, has_parental_responsibility=True).count() == 2
    expect(page.locator("main h1")).to_contain_text("Oda Fjeldstad")
    _check(page, "intake-case-requested-nb")
    return case


def _judgement(page: Page, key: str) -> Locator:
    return page.locator(f"fieldset.kp-judgement:has(input[name=value_{key}])")


def _outcome_tag(page: Page, basis: str) -> Locator:
    """The tag (entitled or not) of the entitlement with this legal basis in the outcome panel."""
    return page.locator("#outcome .kp-entitlements li").filter(has_text=basis).locator(".ds-tag")


def test_phone_request_to_decision_letter_to_a_late_complaint_forwarded(
    page: Page, tenant: Tenant, other_tenant: Tenant, tmp_path: Path
) -> None:
    nb = "nb"
    login(page, tenant.officer)
    case = _register_phone_request(page, tenant)

    # --- Assessment, with scripts on: each judgement is saved as it is made, with its reason ---
    _submit(page, page.get_by_role("button", name=_words(nb, "Start the assessment")))
    expect(page).to_have_url(re.compile(rf"/cases/{case.pk}/assessment/$"))
    expect(page.locator("main h1")).to_contain_text(_words(nb, "Assessment"))
    barnekoordinator = _outcome_tag(page, "(hol § 7-2a)")
    not_entitled = _words(nb, "Not entitled")
    expect(barnekoordinator).to_have_text(not_entitled)  # nothing judged: never read as yes
    _check(page, "intake-assessment-empty-nb")

    for number, (key, (answer, reason)) in enumerate(NORWEGIAN_JUDGEMENTS.items()):
        fieldset = _judgement(page, key)
        status = fieldset.locator(".kp-saved")
        fieldset.locator(f"input[name=value_{key}][value={answer}]").check()
        if number == 0:
            # A Yes chosen before its reason is asked for, not saved and not scolded.
            expect(status).to_have_text(_words(nb, "Not saved yet: give a short reason for the judgement."))
        fieldset.locator(f"textarea[name=reason_{key}]").fill(reason)
        fieldset.locator(f"textarea[name=reason_{key}]").blur()  # "change" fires: htmx saves it
        expect(status).to_contain_text(_words(nb, "Saved"))
        if number < 3:
            # Only once all four core criteria are met does the outcome turn: it updates as they go.
            expect(barnekoordinator).to_have_text(not_entitled)
    expect(barnekoordinator).to_have_text(_words(nb, "Entitled"))
    assert page.evaluate("() => typeof window.htmx") == "object"  # the judgements went by htmx
    assert page.url.endswith(f"/cases/{case.pk}/assessment/")  # no page load in between
    saved = {j.key: (j.value, j.reason) for j in case.judgements.all()}
    assert saved == {key: (answer == "yes", reason) for key, (answer, reason) in NORWEGIAN_JUDGEMENTS.items()}
    _check(page, "intake-assessment-done-nb")

    # --- Consent from both guardians, on the case page ---------------------------------------
    page.goto(f"/cases/{case.pk}/#consent")
    consent_form = page.locator(f"form[action='/cases/{case.pk}/consent/']")
    for guardian in case.family.guardians.order_by("given_name"):
        consent_form.locator("select[name=consent-guardian]").select_option(str(guardian.pk))
        consent_form.locator("input[name=consent-given_on]").fill(CONSENTED.isoformat())
        consent_form.locator("select[name=consent-channel]").select_option(index=1)
        _submit(page, consent_form.locator("button[type=submit]"))
        _message(page, _words(nb, "The consent is recorded."))
    expect(page.locator("#consent .ds-alert[data-color=success]")).to_have_text(
        _words(nb, "Consent is complete.")
    )
    expect(consent_form).to_have_count(0)  # nobody is left to consent
    _check(page, "intake-case-consent-nb")

    # --- The decision: barnekoordinator granted, the coordinator named ------------------------
    with page.expect_navigation():
        page.locator("#status-heading ~ .kp-actions").get_by_role("link", name=_words(nb, "Decide")).click()
    expect(page).to_have_url(re.compile(rf"/cases/{case.pk}/decision/$"))
    _check(page, "intake-decision-nb")
    form = page.locator(f"form[action='/cases/{case.pk}/decision/']")
    form.locator("input[name=outcome][value=granted]").check()
    # The arrangement the assessment supports is chosen already, and comes first.
    expect(form.locator("input[name=arrangement]").first).to_have_value("barnekoordinator")
    expect(form.locator("input[name=arrangement][value=barnekoordinator]")).to_be_checked()
    coordinator = tenant.coordinator.get_full_name()
    option = form.locator("select[name=coordinator] option").filter(has_text=coordinator)
    form.locator("select[name=coordinator]").select_option(option.get_attribute("value"))
    for other in (other_tenant.coordinator, other_tenant.officer):  # another municipality's staff
        others = form.locator("select[name=coordinator] option").filter(has_text=other.get_full_name())
        expect(others).to_have_count(0)
    # The reasons come drafted from the assessment: every criterion and how it was judged.
    expect(form.locator("textarea[name=reasons]")).to_contain_text("§ 2-5c")
    form.locator("input[name=decided_on]").fill(DECIDED.isoformat())
    form.locator("input[name=known_on]").fill(KNOWN.isoformat())
    _submit(page, form.locator("button[type=submit]"))

    expect(page).to_have_url(re.compile(rf"/cases/{case.pk}/$"))
    decision = Decision.objects.get(case=case)
    assert (decision.outcome, decision.arrangement, decision.coordinator_id) == (
        "granted",
        "barnekoordinator",
        tenant.coordinator.pk,
    )
    decisions = page.get_by_role("region", name=_words(nb, "Decisions"))
    expect(decisions).to_contain_text(coordinator)
    _check(page, "intake-case-decided-nb")

    # --- The letter: downloaded through the page, read with pdftotext -------------------------
    letter = _download(
        page, decisions.get_by_role("link", name=_words(nb, "Decision letter (PDF)")), tmp_path, "vedtak.pdf"
    )
    text = _pdf_text(letter)
    assert _date(DEADLINE, nb) in text, f"the complaint deadline {_date(DEADLINE, nb)} is not in the letter"
    for reference in ("§ 2-5c", "§ 7-2a", "Statsforvalteren", "Pasient- og brukerombudet"):
        assert reference in text, f"{reference!r} is not in the letter"
    assert coordinator in text
    assert "Oda Fjeldstad" in text

    # --- A late complaint, with the family's excuse --------------------------------------------
    with page.expect_navigation():
        page.get_by_role("link", name=_words(nb, "Register a complaint")).click()
    expect(page.locator("main h1")).to_contain_text(_words(nb, "Register a complaint"))
    _check(page, "complaint-new-nb")
    form = page.locator("main form.kp-form")
    form.locator("input[name=kind][value=appeal]").check()
    form.locator("input[name=channel][value=letter]").check()
    form.locator("input[name=lodged_on]").fill(TODAY.isoformat())
    form.locator("input[name=complainant]").fill("Silje og Tore Fjeldstad")
    form.locator("input[name=written]").check()
    form.locator("input[name=signed]").check()
    form.locator("textarea[name=what]").fill("Vi ønsket koordinator fra sykehuset, ikke fra kommunen.")
    form.locator("textarea[name=change_wanted]").fill("At koordinatoren kommer fra habiliteringstjenesten.")
    excuse = "Oda lå på sykehus i fem uker etter at vi fikk vedtaket."
    form.locator("textarea[name=late_excuse]").fill(excuse)
    _submit(page, form.locator("button[type=submit]"))

    expect(page).to_have_url(re.compile(r"/complaints/\d+/$"))
    complaint = Complaint.objects.get(case=case)
    assert (complaint.deadline, complaint.in_time, complaint.late_excuse) == (DEADLINE, False, excuse)
    expect(page.locator("#late")).to_contain_text(excuse)
    expect(page.get_by_role("region", name=_words(nb, "Deadline"), exact=True)).to_contain_text(
        _date(DEADLINE, nb, "DATE_FORMAT")
    )
    _check(page, "complaint-late-nb")

    # --- Reassessed, upheld, forwarded ---------------------------------------------------------
    _submit(page, page.get_by_role("button", name=_words(nb, "Start the reassessment")))
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.REASSESSING
    _check(page, "complaint-reassessing-nb")
    form = page.locator(f"form[action='/complaints/{complaint.pk}/reassessment/']")
    form.get_by_label(_words(nb, "The municipality's reassessment")).fill(
        "Kommunen holder fast ved vedtaket: barnekoordinator er rett ordning for Oda. Klagen er kommet "
        "for sent, men forsinkelsen er unnskyldelig, så den behandles."
    )
    _submit(page, form.locator("button[name=action][value=uphold]"))
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.FORWARDED
    assert complaint.bundle_id is not None
    forwarded = page.locator("#forwarded")
    expect(forwarded).to_contain_text("Statsforvalteren")
    _check(page, "complaint-forwarded-nb")

    bundle = _download(
        page,
        forwarded.get_by_role("link", name=_words(nb, "The case for the appeal body (PDF)")),
        tmp_path,
        "oversendelse.pdf",
    )
    text = _pdf_text(bundle)
    complaint_parts = ("Vi ønsket koordinator fra sykehuset", excuse, "Kommunen holder fast")
    for part in ("Statsforvalteren", "§ 2-5c", *complaint_parts):
        assert part in text, f"{part!r} is not in the bundle sent to Statsforvalteren"
    # The decision letter travels inside the bundle as an embedded PDF.
    attached = subprocess.run(["pdfdetach", "-list", str(bundle)], capture_output=True, check=True, text=True)
    assert re.search(rf"document-{decision.letter_id}\.pdf", attached.stdout), attached.stdout
    for _key, (_answer, reason) in NORWEGIAN_JUDGEMENTS.items():
        assert reason in text, f"the assessment's reason {reason!r} is not in the bundle"

    # The case is still decided (the complaint does not undo it), and its history tells the story.
    case.refresh_from_db()
    assert case.status == CaseStatus.DECIDED


def test_the_assessment_saves_as_a_plain_form_without_javascript(no_js_page: Page, tenant: Tenant) -> None:
    page = no_js_page
    nb = "nb"
    case = open_case(tenant)
    login(page, tenant.officer)
    page.goto(f"/cases/{case.pk}/")
    _submit(page, page.get_by_role("button", name=_words(nb, "Start the assessment")))
    barnekoordinator = _outcome_tag(page, "(hol § 7-2a)")
    expect(barnekoordinator).to_have_text(_words(nb, "Not entitled"))

    form = page.locator(f"form[action='/cases/{case.pk}/assessment/']")
    for key, (answer, reason) in NORWEGIAN_JUDGEMENTS.items():
        form.locator(f"input[name=value_{key}][value={answer}]").check()
        form.locator(f"textarea[name=reason_{key}]").fill(reason)
    _submit(page, form.get_by_role("button", name=_words(nb, "Save the assessment")))

    expect(page).to_have_url(re.compile(rf"/cases/{case.pk}/assessment/$"))
    _message(page, _words(nb, "The assessment is saved. The outcome below is updated."))
    expect(barnekoordinator).to_have_text(_words(nb, "Entitled"))
    assert case.judgements.count() == len(NORWEGIAN_JUDGEMENTS)
    assert page.evaluate("() => typeof window.htmx") == "undefined"  # scripts really were off
    _check(page, "intake-assessment-no-javascript-nb")


def test_an_icelandic_officer_reaches_a_decision_in_icelandic_that_names_gev(
    page: Page, tenant: Tenant, other_tenant: Tenant, tmp_path: Path
) -> None:
    municipality = tenant.municipality
    municipality.country = Country.ICELAND
    municipality.language = Language.ICELANDIC
    municipality.name = "Akureyri"
    municipality.save()
    tenant.other_family.language = Language.ICELANDIC
    tenant.other_family.save(update_fields=["language"])
    case = open_case(tenant)
    login(page, tenant.officer)
    switch_language(page, "is")
    language = "is"

    page.goto(f"/cases/{case.pk}/")
    _submit(page, page.get_by_role("button", name=_words(language, "Start the assessment")))
    form = page.locator(f"form[action='/cases/{case.pk}/assessment/']")
    for key, reason in (
        ("multi_faceted_long_term", "Þarf fjölþætta þjónustu til lengri tíma."),
        ("child_protection_case", "Barnavernd hefur ekki opnað mál."),
    ):
        answer = "no" if key == "child_protection_case" else "yes"
        form.locator(f"input[name=value_{key}][value={answer}]").check()
        form.locator(f"textarea[name=reason_{key}]").fill(reason)
    form.locator("select[name=stage]").select_option("primary_school")
    for level in ("2", "3"):
        form.locator(f"input[name=service_levels][value='{level}']").check()
    # Scripts are on: each judgement autosaves as it is made. The last reason is typed and the
    # button pressed at once, so its autosave starts as the form is posted: the button does not
    # wait for "Saved", and the two saves of the same person's work must not conflict.
    form.locator("input[name=value_has_domicile][value=yes]").check()
    form.locator("textarea[name=reason_has_domicile]").fill("Á lögheimili í sveitarfélaginu.")
    assessment = page.url
    seen: list[str] = []
    page.on("request", lambda r: seen.append(f"{r.method} {r.url}"))
    page.on("response", lambda r: seen.append(f"answer {r.url}"))
    _submit(page, form.locator("button[type=submit]"))
    # The button's post waited for the autosave's answer, so it carried the version that swapped in.
    assert seen.index(f"answer {assessment}has_domicile/") < seen.index(f"POST {assessment}")
    _message(page, _words(language, "The assessment is saved. The outcome below is updated."))
    saved = {j.key: j.reason for j in case.judgements.all()}
    assert saved["has_domicile"] == "Á lögheimili í sveitarfélaginu."
    assert len(saved) == 3
    expect(_outcome_tag(page, "(Act 86/2021 art. 20)")).to_have_text(_words(language, "Entitled"))
    _check(page, "intake-assessment-is")

    page.goto(f"/cases/{case.pk}/#consent")
    consent_form = page.locator(f"form[action='/cases/{case.pk}/consent/']")
    for guardian in case.family.guardians.filter(has_parental_responsibility=True):
        consent_form.locator("select[name=consent-guardian]").select_option(str(guardian.pk))
        _submit(page, consent_form.locator("button[type=submit]"))
    expect(consent_form).to_have_count(0)

    page.goto(f"/cases/{case.pk}/decision/")
    expect(page.locator("html")).to_have_attribute("lang", "is")
    _check(page, "intake-decision-is")
    form = page.locator(f"form[action='/cases/{case.pk}/decision/']")
    form.locator("input[name=outcome][value=granted]").check()
    form.locator("input[name=arrangement][value=case_manager]").check()
    coordinator = tenant.coordinator.get_full_name()
    option = form.locator("select[name=coordinator] option").filter(has_text=coordinator)
    form.locator("select[name=coordinator]").select_option(option.get_attribute("value"))
    _submit(page, form.locator("button[type=submit]"))

    expect(page).to_have_url(re.compile(rf"/cases/{case.pk}/$"))
    decision = Decision.objects.get(case=case)
    assert (decision.outcome, decision.arrangement, decision.coordinator_id) == (
        "granted",
        "case_manager",
        tenant.coordinator.pk,
    )
    decisions = page.get_by_role("region", name=_words(language, "Decisions"))
    expect(decisions).to_contain_text(coordinator)
    _check(page, "intake-case-decided-is")
    letter = _download(
        page,
        decisions.get_by_role("link", name=_words(language, "Decision letter (PDF)")),
        tmp_path,
        "akvordun.pdf",
    )
    text = _pdf_text(letter)
    assert "GEV" in text
    assert "Statsforvalteren" not in text
    assert coordinator in text
    with translation.override("is"):
        assert translation.gettext("Decision on integrated services for your child") in text

    # The complaint page in Iceland names GEV as the body that decides.
    with page.expect_navigation():
        page.get_by_role("link", name=_words(language, "Register a complaint")).click()
    expect(page.locator("main")).to_contain_text("GEV")
    _check(page, "complaint-new-is")
