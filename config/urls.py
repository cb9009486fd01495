from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from config import health, login

admin.site.login_form = login.ThrottledAdminAuthenticationForm

urlpatterns = [
    path("health/", health.health, name="health"),
    path("i18n/", include("django.conf.urls.i18n")),
    # The admin's login throttled like the site's (config/login.py); this route comes first and answers 429 when locked.
    path("admin/login/", login.too_many_requests_when_throttled(admin.site.login)),
    path("admin/", admin.site.urls),
    path("accounts/login/", login.login, name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Before the public pages, whose first segment is a championship's slug.
    path("", include("referees.urls")),
    path("", include("fairplay.urls")),
    path("", include("certificates.urls")),
    path("", include("leagues.urls")),
]

# Uploaded logos while developing and in the demo; a deployment serves MEDIA_ROOT from its web server.
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
