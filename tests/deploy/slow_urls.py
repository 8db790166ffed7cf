"""A page whose query outlasts the statement timeout, for the timeout test only."""

from django.db import connection
from django.http import HttpResponse
from django.urls import include, path


def slow(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(3)")
    return HttpResponse("finished")


urlpatterns = [path("slow/", slow), path("", include("config.urls"))]
