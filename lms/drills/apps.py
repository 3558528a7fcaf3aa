from django.apps import AppConfig


class DrillsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "lms.drills"
    label = "drills"
    verbose_name = "练习"
