from notifications.tests.conftest import item, mentorship, plan, today  # noqa: F401
