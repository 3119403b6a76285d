"""Uploaded documents: checked by content, stored outside the web root under random names.

The type is decided from the bytes, never from the file name or the browser's claimed type:
a "PDF" that is really HTML is refused. Images must also decode, so a file with a PNG header
and a script behind it is refused too.
"""

from __future__ import annotations

import hashlib
import io
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

ALLOWED_TYPES = {
    "application/pdf": ".pdf",
    "image/png": ".png",
    "image/jpeg": ".jpg",
}


@dataclass(frozen=True)
class CheckedFile:
    content: bytes
    content_type: str
    extension: str
    sha256: str


def sniff_content_type(head: bytes) -> str | None:
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    return None


def check_upload(upload: UploadedFile) -> CheckedFile:
    """Read and check an upload; raise a translated ValidationError when it is refused."""
    limit = settings.MAX_UPLOAD_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("The file is too large. The largest allowed is %(limit)s."),
            code="too_large",
            params={"limit": filesizeformat(limit)},
        )
    content = upload.read(limit + 1)
    if len(content) > limit:
        raise ValidationError(
            _("The file is too large. The largest allowed is %(limit)s."),
            code="too_large",
            params={"limit": filesizeformat(limit)},
        )
    if not content:
        raise ValidationError(_("The file is empty."), code="empty")
    content_type = sniff_content_type(content[:16])
    if content_type is None:
        raise ValidationError(
            _("Only PDF documents and PNG or JPEG images can be uploaded. This file is something else."),
            code="wrong_type",
        )
    if content_type == "application/pdf":
        if b"%%EOF" not in content[-2048:]:
            raise ValidationError(_("The PDF file is damaged or incomplete."), code="broken_pdf")
    else:
        try:
            with Image.open(io.BytesIO(content)) as image:
                image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError) as error:
            raise ValidationError(_("The image file is damaged."), code="broken_image") from error
    return CheckedFile(
        content=content,
        content_type=content_type,
        extension=ALLOWED_TYPES[content_type],
        sha256=hashlib.sha256(content).hexdigest(),
    )


def private_path(stored_name: str) -> Path:
    # Stored names are generated here (token + known extension), never taken from a user,
    # so they cannot climb out of the private directory.
    return Path(settings.PRIVATE_FILES_DIR) / stored_name[:2] / stored_name


def store_bytes(content: bytes, extension: str) -> str:
    """Write bytes to the private directory under a fresh random name, and return the name."""
    stored_name = secrets.token_hex(20) + extension
    path = private_path(stored_name)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "xb") as handle:
        handle.write(content)
    return stored_name


def read_stored(stored_name: str) -> bytes:
    return private_path(stored_name).read_bytes()
