from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("knutepunkt.core.urls")),
    path("children/", include("knutepunkt.people.urls")),
    path("cases/", include("knutepunkt.intake.urls")),
    path("complaints/", include("knutepunkt.complaints.urls")),
    path("directory/", include("knutepunkt.directory.urls")),
    path("coordination/", include("knutepunkt.coordination.urls")),
    path("consent/", include("knutepunkt.consent.urls")),
    path("inbox/", include("knutepunkt.notifications.urls")),
    path("plans/", include("knutepunkt.plans.urls")),
    path("meetings/", include("knutepunkt.meetings.urls")),
    path("family/", include("knutepunkt.portal.urls")),
    path("conversations/", include("knutepunkt.portal.staff_urls")),
    path("guidance/", include("knutepunkt.guidance.urls")),
    path("statistics/", include("knutepunkt.reporting.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

if settings.BENCH:
    from knutepunkt.reporting.bench import bare

    urlpatterns.append(path("bench/bare/<int:pk>/", bare, name="bench_bare"))

if settings.OIDC_ENABLED:
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))
