from django.contrib import admin
from django.urls import include, path

from readouts.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("", include("readouts.urls")),
]

handler400 = "readouts.errors.bad_request"
handler500 = "readouts.errors.server_error"
