"""The public verification page: what a certificate's QR code opens. It shows the snapshot, never live data."""

from __future__ import annotations

import datetime

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from certificates.models import Certificate
from certificates.services import certificate_data, code_normalize


@require_GET
def verify(request: HttpRequest, code: str) -> HttpResponse:
    # Public by design: anyone holding the paper may check it. A code that fails its check character is refused
    # without a lookup, and an unknown one looks exactly the same.
    normalized = code_normalize(code)
    certificate = Certificate.objects.filter(code=normalized).first() if normalized else None
    if certificate is None:
        return render(request, "certificates/verify.html", {"code": code[:40], "data": None}, status=404)
    data = certificate_data(certificate)
    context = {"code": certificate.code, "data": data, "date": datetime.date.fromisoformat(data.date)}
    return render(request, "certificates/verify.html", context)
