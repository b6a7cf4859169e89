"""Checks of uploaded files: size, and the real type from the content, not the name."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# A POST of multipart/form-data without a boundary, or cut short: Django cannot
# read its fields and files. The pages and the API both answer 400 with this.
NOT_MULTIPART_MESSAGE = gettext_lazy(
    "The request is not a valid multipart/form-data form: send the file as "
    "multipart/form-data with a boundary."
)

SIGNATURES = {
    "pdf": [b"%PDF-"],
    "jpeg": [b"\xff\xd8\xff"],
    "png": [b"\x89PNG\r\n\x1a\n"],
    "zip": [b"PK\x03\x04"],  # docx, xlsx, odt are zip containers
}
LABELS = {"pdf": "PDF", "jpeg": "JPEG", "png": "PNG", "zip": "DOCX/XLSX/ODT"}


def sniff(file: UploadedFile) -> str | None:
    """The type of the file by its first bytes, or None when unknown."""
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    for kind, signatures in SIGNATURES.items():
        if any(head.startswith(s) for s in signatures):
            return kind
    return None


def check_upload(file: UploadedFile, *, allowed: tuple[str, ...], max_size: int) -> str:
    """Return the sniffed type; raises ValidationError for a wrong type or size."""
    if file.size is None or file.size == 0:
        raise ValidationError(_("The file is empty."))
    if file.size > max_size:
        raise ValidationError(
            _("The file is too large: %(size)s MB; at most %(max)s MB is allowed.")
            % {
                "size": f"{file.size / 1048576:.1f}".replace(".", ","),
                "max": f"{max_size / 1048576:g}".replace(".", ","),
            }
        )
    kind = sniff(file)
    if kind not in allowed:
        raise ValidationError(
            _(
                "The file is not of an allowed type (%(types)s): its content does not match."
            )
            % {"types": ", ".join(LABELS[k] for k in allowed)}
        )
    return kind
