"""`lms check` names a wrong xAPI setting before any statement is sent."""

from lms.xapi.checks import xapi_settings


def ids(errors) -> list[str]:
    return [error.id for error in errors]


def test_the_default_settings_pass(settings):
    assert xapi_settings(None) == []


def test_an_unknown_actor_setting_is_named(settings):
    settings.LMS_XAPI_ACTOR = "phone"
    (error,) = xapi_settings(None)
    assert error.id == "xapi.E001" and "'phone'" in error.msg


def test_an_endpoint_that_is_not_http_is_named(settings):
    settings.LMS_XAPI_ENDPOINT = "lrs.example.com/xAPI"
    assert ids(xapi_settings(None)) == ["xapi.E002"]
    settings.LMS_XAPI_ENDPOINT = "https://lrs.example.com/xAPI/"
    assert xapi_settings(None) == []
