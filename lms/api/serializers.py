"""What each endpoint answers with. Field names are the API's contract with HR
systems: add fields, never rename them."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from lms.accounts.models import Cohort, Team
from lms.certification.badges.credentials import public_url
from lms.certification.models import Certificate
from lms.certification.status import CertificateStanding, certificate_standing
from lms.certification.verify import verify_url
from lms.drills.models import DrillSession
from lms.quizzes.models import Attempt


class TeamSerializer(serializers.ModelSerializer):
    class Meta:
        model = Team
        fields = ["id", "name", "store"]


class CohortSerializer(serializers.ModelSerializer):
    class Meta:
        model = Cohort
        fields = ["id", "name", "starts_on"]


class PersonRefSerializer(serializers.ModelSerializer):
    """Who a result belongs to, inside every other resource."""

    name = serializers.CharField(source="get_full_name", read_only=True)

    class Meta:
        model = get_user_model()
        fields = ["id", "username", "name", "employee_no"]


class PersonSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="get_full_name", read_only=True)
    team = TeamSerializer(read_only=True)
    cohort = CohortSerializer(read_only=True)

    class Meta:
        model = get_user_model()
        fields = [
            "id",
            "username",
            "name",
            "employee_no",
            "email",
            "team",
            "cohort",
            "hire_date",
            "date_joined",
            "is_active",
        ]


class PathStandingSerializer(serializers.Serializer):
    path = serializers.CharField(source="path.slug")
    title = serializers.CharField(source="path.title")
    status = serializers.CharField()
    expires_at = serializers.DateTimeField(allow_null=True)


class GoLiveSerializer(serializers.Serializer):
    ready = serializers.BooleanField()
    certificate_ok = serializers.BooleanField()
    drills_ok = serializers.BooleanField()
    signed_off = serializers.BooleanField()
    missing = serializers.ListField(child=serializers.CharField())


class ProgressSerializer(serializers.Serializer):
    """One roster row (lms/reports/selectors/roster.py), the HR roster's figures."""

    person = PersonRefSerializer(source="user")
    lessons_done = serializers.IntegerField()
    lessons_total = serializers.IntegerField()
    progress_percent = serializers.IntegerField(source="progress")
    courses_done = serializers.IntegerField()
    courses_total = serializers.IntegerField()
    drill_average = serializers.FloatField(allow_null=True)
    drills_played = serializers.IntegerField()
    last_activity = serializers.DateTimeField(allow_null=True)
    stalled = serializers.BooleanField()
    certifications = PathStandingSerializer(source="statuses", many=True)
    go_live = GoLiveSerializer(source="gate")


class QuizResultSerializer(serializers.ModelSerializer):
    person = PersonRefSerializer(source="user")
    quiz = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    quiz_title = serializers.CharField(source="quiz.title")

    class Meta:
        model = Attempt
        fields = [
            "id",
            "person",
            "quiz",
            "quiz_title",
            "number",
            "status",
            "started_at",
            "submitted_at",
            "score",
            "passed",
            "pass_mark",
        ]


class DrillResultSerializer(serializers.ModelSerializer):
    person = PersonRefSerializer(source="user")
    scenario = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    scenario_title = serializers.CharField(source="scenario.title")

    class Meta:
        model = DrillSession
        fields = [
            "id",
            "person",
            "scenario",
            "scenario_title",
            "mode",
            "started_at",
            "finished_at",
            "score",
            "passed",
            "fatal",
        ]


class CertificateSerializer(serializers.ModelSerializer):
    person = PersonRefSerializer(source="user")
    path = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    standing = serializers.SerializerMethodField(
        help_text="The standing today, as the HR registry shows it: one of "
        + ", ".join(CertificateStanding.values)
    )
    verify_url = serializers.SerializerMethodField()
    badge_url = serializers.SerializerMethodField()

    class Meta:
        model = Certificate
        fields = [
            "serial",
            "person",
            "path",
            "path_title",
            "path_version",
            "status",
            "standing",
            "issued_at",
            "expires_at",
            "revoked_at",
            "revoke_reason",
            "is_reissue",
            "verify_url",
            "badge_url",
        ]

    @extend_schema_field(serializers.ChoiceField(choices=CertificateStanding.values))
    def get_standing(self, certificate) -> str:
        return str(certificate_standing(certificate, timezone.now()))

    def get_verify_url(self, certificate) -> str:
        return verify_url(certificate)

    def get_badge_url(self, certificate) -> str:
        return public_url("verify:badge", code=certificate.verification_code)
