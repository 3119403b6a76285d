"""The case sent to Statsforvalteren when the municipality keeps its decision: one PDF (WeasyPrint).

It holds, in order: a cover letter with the municipality's reassessment; the complaint; the decision
with its reasons and how each criterion was judged; the assessment, judgement by judgement with its
reason; and the list of the case's documents (title, kind, date, SHA-256). Uploaded images are
printed as pages of their own; PDFs (the family's documents and the decision letters) cannot be
merged with what is installed (no pypdf), so each is embedded in the bundle as a PDF file
attachment — the reader opens it from the PDF's attachment pane — and listed with its checksum.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML, Attachment

from knutepunkt.complaints.models import Complaint
from knutepunkt.complaints.rules import BODY_LABELS, DEFECT_LABELS
from knutepunkt.intake.assessment import JUDGEMENT_LABELS, judgement_keys
from knutepunkt.intake.documents import ALLOWED_TYPES, read_stored
from knutepunkt.intake.models import CaseDocument, DocumentKind
from knutepunkt.jurisdictions.legal import CRITERION_EXPLANATIONS, NORWAY_COMPLAINT_BASIS
from knutepunkt.tenancy.models import UnitKind


@dataclass(frozen=True)
class Enclosure:
    document: CaseDocument
    number: int
    # "page" (printed in the bundle), "attached" (embedded file) or "missing" (file not found).
    how: str
    image_src: str = ""


def _enclosures(complaint: Complaint) -> tuple[list[Enclosure], list[Attachment]]:
    enclosures: list[Enclosure] = []
    attachments: list[Attachment] = []
    documents = complaint.case.documents.exclude(kind=DocumentKind.COMPLAINT_BUNDLE).order_by(
        "uploaded_at", "pk"
    )
    for number, document in enumerate(documents, start=1):
        try:
            content = read_stored(document.stored_name)
        except OSError:
            enclosures.append(Enclosure(document, number, "missing"))
            continue
        if document.content_type.startswith("image/"):
            source = f"data:{document.content_type};base64,{base64.b64encode(content).decode()}"
            enclosures.append(Enclosure(document, number, "page", source))
        else:
            extension = ALLOWED_TYPES.get(document.content_type, ".bin")
            attachments.append(
                Attachment(
                    file_obj=io.BytesIO(content),
                    name=f"{number:02d}-document-{document.pk}{extension}",
                    description=document.title,
                    relationship="Source",
                )
            )
            enclosures.append(Enclosure(document, number, "attached"))
    return enclosures, attachments


def bundle_context(complaint: Complaint, enclosures: list[Enclosure]) -> dict[str, Any]:
    case = complaint.case
    decision = complaint.decision
    municipality = case.municipality
    judged = {j.key: j for j in case.judgements.select_related("judged_by")}
    return {
        "complaint": complaint,
        "case": case,
        "child": case.child,
        "family": case.family,
        "municipality": municipality,
        "unit": municipality.units.filter(kind=UnitKind.COORDINATING_UNIT).order_by("pk").first(),
        "decision": decision,
        "criteria": [
            {
                "explanation": translation.gettext(CRITERION_EXPLANATIONS.get(c["id"], c["id"])),
                "met": c.get("met"),
                "basis": c.get("basis", ""),
            }
            for c in (decision.criteria if decision else [])
        ],
        "judgements": [
            {
                "label": JUDGEMENT_LABELS[key],
                "value": judged[key].value if key in judged else None,
                "reason": judged[key].reason if key in judged else "",
                "by": judged[key].judged_by if key in judged else None,
                "at": judged[key].judged_at if key in judged else None,
            }
            for key in judgement_keys(municipality.country)
        ],
        "defects": [DEFECT_LABELS.get(code, code) for code in complaint.defects],
        "body": BODY_LABELS.get(complaint.decided_by_body, complaint.decided_by_body),
        "basis": NORWAY_COMPLAINT_BASIS,
        "enclosures": enclosures,
    }


def render_bundle(complaint: Complaint) -> bytes:
    """The bundle as PDF bytes, in the municipality's language (it goes to a Norwegian authority)."""
    with translation.override(complaint.case.municipality.language):
        enclosures, attachments = _enclosures(complaint)
        context = bundle_context(complaint, enclosures)
        html = render_to_string("complaints/bundle.html", context)
        return HTML(string=html).write_pdf(attachments=attachments)  # type: ignore[no-any-return]
