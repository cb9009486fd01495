"""Checks on uploaded images: the organizer's logo printed on every certificate of a championship."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

LOGO_MAX_BYTES = 1024 * 1024
# Far more than a logo printed 2 cm wide needs; a small file can still claim huge dimensions and exhaust memory when
# the PDF renderer decodes it.
LOGO_MAX_PIXELS = 4000
LOGO_FORMATS = {"PNG", "JPEG"}


def validate_logo(value) -> None:
    """A PNG or JPEG image of at most 1 MB and 4000 pixels a side, judged by its content, not its name."""
    if getattr(value, "_committed", False):
        return  # already stored: it was checked when uploaded (and a file gone missing must not block other edits)
    upload = getattr(value, "file", value)
    if upload.size > LOGO_MAX_BYTES:
        raise ValidationError(
            _("The logo is larger than %(size)d MB; save it smaller (a logo needs no more than a few hundred KB).")
            % {"size": LOGO_MAX_BYTES // (1024 * 1024)},
            code="file_too_large",
        )
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image_format, (width, height) = image.format, image.size
            image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        image_format = None
    finally:
        upload.seek(0)
    if image_format not in LOGO_FORMATS:
        raise ValidationError(_("The logo must be a PNG or JPEG image."), code="invalid_image_format")
    if width > LOGO_MAX_PIXELS or height > LOGO_MAX_PIXELS:
        raise ValidationError(
            _("The logo is %(width)d × %(height)d pixels; it may be at most %(limit)d pixels wide and high.")
            % {"width": width, "height": height, "limit": LOGO_MAX_PIXELS},
            code="image_too_large",
        )
