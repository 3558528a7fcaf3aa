"""The HR read API's resources, filters and pagination, read with a token."""

import pytest

from lms.certification.models import RevokeReason
from lms.certification.revocation import certificate_revoke
from tests.factories import AdminFactory, HRFactory, LearnerFactory, TrainerFactory

pytestmark = pytest.mark.django_db


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


def usernames(rows) -> set[str]:
    return {row.get("person", row)["username"] for row in rows}


def test_people_are_the_learners_with_team_and_cohort(api, two_cohorts):
    TrainerFactory(username="api-trainer")
    HRFactory(username="api-hr-2")
    rows = results(api("/api/people/"))
    assert usernames(rows) == {"api-lin", "api-zhou"}
    lin = next(row for row in rows if row["username"] == "api-lin")
    assert lin["name"] == "林晓雨"
    assert lin["cohort"]["name"] == "2026年3月批"
    assert lin["team"]["name"] == "售前一组"
    assert set(lin) >= {"employee_no", "email", "hire_date", "is_active"}


def test_lists_are_paginated(api, two_cohorts):
    body = api("/api/people/", page_size=1).json()
    assert body["count"] == 2 and len(body["results"]) == 1
    assert body["next"] and "page=2" in body["next"]
    second = api("/api/people/", page_size=1, page=2).json()
    assert second["next"] is None
    assert body["results"][0]["id"] != second["results"][0]["id"]


def test_people_filter_by_cohort_team_and_hire_date(api, two_cohorts):
    spring, aftersales = two_cohorts["spring"], two_cohorts["aftersales"]
    assert usernames(results(api("/api/people/", cohort=spring.pk))) == {"api-lin"}
    assert usernames(results(api("/api/people/", team=aftersales.pk))) == {"api-zhou"}
    lin = two_cohorts["first"]["learner"]
    lin.hire_date = "2026-03-01"
    lin.save()
    hired = results(api("/api/people/", date_from="2026-02-01", date_to="2026-03-31"))
    assert usernames(hired) == {"api-lin"}


def test_quiz_results_filter_by_submission_date_and_cohort(api, two_cohorts):
    rows = results(api("/api/quiz-results/"))
    assert len(rows) == 2
    assert rows[0]["quiz"] == "api-quiz" and rows[0]["score"] == 88
    march = results(
        api("/api/quiz-results/", date_from="2026-03-10", date_to="2026-03-10")
    )
    assert usernames(march) == {"api-lin"}
    summer = results(api("/api/quiz-results/", cohort=two_cohorts["summer"].pk))
    assert usernames(summer) == {"api-zhou"}


def test_drill_results_filter_by_team_and_date(api, two_cohorts):
    rows = results(api("/api/drill-results/", team=two_cohorts["presales"].pk))
    assert usernames(rows) == {"api-lin"}
    assert rows[0]["scenario"] == "api-bargain" and rows[0]["score"] == 82
    assert results(api("/api/drill-results/", date_from="2026-08-01")) == []


def test_certificates_show_their_standing_and_badge(api, two_cohorts):
    certificate = two_cohorts["first"]["certificate"]
    certificate_revoke(
        certificate=certificate,
        actor=AdminFactory(username="api-revoker"),
        reason_category=RevokeReason.LEFT_COMPANY,
    )
    detail = api(f"/api/certificates/{certificate.serial}/").json()
    assert detail["standing"] == "revoked" and detail["revoke_reason"] == "left"
    assert detail["badge_url"].endswith(
        f"/verify/{certificate.verification_code}/badge.jwt"
    )
    assert detail["person"]["username"] == "api-lin"
    valid = results(api("/api/certificates/", status="valid"))
    assert usernames(valid) == {"api-zhou"}
    july = results(api("/api/certificates/", date_from="2026-07-01"))
    assert [row["serial"] for row in july] == [
        two_cohorts["second"]["certificate"].serial
    ]


def test_a_bad_filter_value_is_a_400_naming_the_parameter(api, two_cohorts):
    response = api("/api/quiz-results/", date_from="2026-13-40")
    assert response.status_code == 400
    assert "date_from" in response.json()
    response = api("/api/certificates/", status="lost")
    assert response.status_code == 400 and "status" in response.json()
    response = api("/api/people/", cohort=999999)
    assert response.status_code == 400 and "cohort" in response.json()


def test_progress_gives_the_roster_figures_per_learner(api, two_cohorts):
    rows = results(api("/api/progress/"))
    assert usernames(rows) == {"api-lin", "api-zhou"}
    row = rows[0]
    assert set(row) >= {
        "lessons_done",
        "lessons_total",
        "progress_percent",
        "drill_average",
        "certifications",
        "go_live",
    }
    lin = next(r for r in rows if r["person"]["username"] == "api-lin")
    assert lin["drill_average"] == 82 and lin["drills_played"] == 1
    assert lin["go_live"]["ready"] is False
    spring = results(api("/api/progress/", cohort=two_cohorts["spring"].pk))
    assert usernames(spring) == {"api-lin"}
    active_july = results(api("/api/progress/", date_from="2026-07-01"))
    assert usernames(active_july) == {"api-zhou"}


def test_a_progress_page_costs_the_same_queries_for_more_learners(
    api, two_cohorts, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        api("/api/progress/")
    for number in range(8):
        LearnerFactory(username=f"api-more-{number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(results(api("/api/progress/"))) == 10


def test_the_schema_is_valid_openapi_with_bearer_auth(api):
    from drf_spectacular.validation import validate_schema

    response = api("/api/schema/", format="json")
    assert response.status_code == 200
    schema = response.json()
    validate_schema(schema)
    # Only this API: not Wagtail's admin API, which shares the URLconf.
    assert all(path.startswith("/api/") for path in schema["paths"])
    for path in (
        "/api/people/",
        "/api/progress/",
        "/api/quiz-results/",
        "/api/drill-results/",
        "/api/certificates/{serial}/",
    ):
        assert set(schema["paths"][path]) == {"get"}, path
    assert schema["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    parameters = {
        p["name"] for p in schema["paths"]["/api/quiz-results/"]["get"]["parameters"]
    }
    assert {"cohort", "team", "date_from", "date_to", "page", "page_size"} <= parameters
