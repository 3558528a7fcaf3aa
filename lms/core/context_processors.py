from django.conf import settings


def site_chrome(request):
    """What every learner page's header and footer need."""
    return {
        "lms_brand": settings.LMS_BRAND,
        "lms_theme": settings.LMS_THEME,
    }
