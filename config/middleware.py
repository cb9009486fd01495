from django.middleware.locale import LocaleMiddleware


class SpanishFirstLocaleMiddleware(LocaleMiddleware):
    """Spanish unless the visitor chose English with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language; our users are Spanish speakers
    whose phones are often set to English, so only an explicit choice (the language cookie) counts.
    """

    def process_request(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        super().process_request(request)
