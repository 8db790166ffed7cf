from django.urls import path

from . import views

app_name = "readouts"

urlpatterns = [
    path("", views.home, name="home"),
    path("calls/", views.call_list, name="call-list"),
    path("calls/<int:pk>/", views.call_detail, name="call-detail"),
    path("people/", views.person_list, name="person-list"),
    path("people/<slug:slug>/", views.person_detail, name="person-detail"),
]
