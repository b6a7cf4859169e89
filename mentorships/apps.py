from django.apps import AppConfig


class MentorshipsConfig(AppConfig):
    name = "mentorships"
    default_auto_field = "django.db.models.BigAutoField"
