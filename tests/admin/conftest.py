import pytest


@pytest.fixture
def staff(db, django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.org", "x-pass-1")


@pytest.fixture
def admin_client(client, staff):
    client.force_login(staff)
    return client
