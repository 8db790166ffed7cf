from django.urls import path, re_path

from . import downloads, views

app_name = "readouts"

urlpatterns = [
    path("", views.home, name="home"),
    path("calls/", views.call_list, name="call-list"),
    re_path(r"^calls/export\.(?P<fmt>csv|jsonl)$", downloads.calls_download, name="call-export"),
    path("calls/<int:pk>/", views.call_detail, name="call-detail"),
    path("people/", views.person_list, name="person-list"),
    path("people/<slug:slug>/", views.person_detail, name="person-detail"),
    path("search/", views.search, name="search"),
    path("search/help/", views.search_help, name="search-help"),
    re_path(
        r"^search/export\.(?P<fmt>csv|jsonl)$", downloads.search_download, name="search-export"
    ),
]
