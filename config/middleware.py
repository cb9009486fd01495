from django.middleware.locale import LocaleMiddleware


class SpanishFirstLocaleMiddleware(LocaleMiddleware):
    """Spanish unless the visitor chose English with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language; our users are Spanish speakers
    whose phones are often set to English, so only an explicit choice (the language cookie) counts.
    """

    def process_request(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        super().process_request(request)


# No inline script anywhere (templates and the admin load every script from a file), so scripts come from this site
# only. Inline styles stay allowed: team colours are style attributes (--c1/--c2), and htmx adds its indicator style.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)


class ContentSecurityPolicyMiddleware:
    """Send the Content-Security-Policy with every HTML response (the documents a browser runs scripts in)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/html"):
            response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response
