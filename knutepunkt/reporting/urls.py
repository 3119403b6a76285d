from django.urls import path

from knutepunkt.reporting import views

app_name = "reporting"

urlpatterns = [
    path("", views.statistics, name="statistics"),
    path("statistics.xlsx", views.export_xlsx, name="export_xlsx"),
    path("<slug:figure>.csv", views.export_csv, name="export_csv"),
]
