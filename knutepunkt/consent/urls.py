from django.urls import path

from knutepunkt.consent import views

app_name = "consent"

urlpatterns = [
    path("families/<int:family_id>/", views.family_consents, name="family"),
    path("<int:consent_id>/withdraw/", views.withdraw, name="withdraw"),
    path("children/<int:child_id>/shared/", views.shared, name="shared"),
    path("expiring/", views.expiring, name="expiring"),
]
