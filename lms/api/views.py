"""The HR read API: GET-only JSON, HR and superusers only (lms/api/permissions.py).

Lists are paginated (`page`, `page_size` up to 500) and ordered by a stable key,
so an HR system can walk every page while the data changes.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.views import SpectacularAPIView
from rest_framework import mixins, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.pagination import PageNumberPagination
from rest_framework.renderers import JSONRenderer

from lms.accounts.roles import LEARNER
from lms.certification.models import Certificate
from lms.drills.models import DrillSession
from lms.quizzes.models import Attempt
from lms.reports.selectors import RosterFilters, report_scope, roster_queryset
from lms.reports.selectors.roster import roster_rows

from . import filters, serializers
from .authentication import ApiTokenAuthentication
from .permissions import IsHRReader


class Pages(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


class ApiMixin:
    # The token first: an anonymous request then gets 401 with a Bearer challenge.
    authentication_classes = [ApiTokenAuthentication, SessionAuthentication]
    permission_classes = [IsHRReader]
    renderer_classes = [JSONRenderer]
    pagination_class = Pages
    filter_backends = [DjangoFilterBackend]


class PersonViewSet(ApiMixin, viewsets.ReadOnlyModelViewSet):
    """Learners (everyone in the learner role), including deactivated accounts."""

    serializer_class = serializers.PersonSerializer
    filterset_class = filters.PersonFilter

    def get_queryset(self):
        return (
            get_user_model()
            .objects.filter(groups__name=LEARNER)
            .select_related("team", "cohort")
            .order_by("id")
            .distinct()
        )


class ProgressViewSet(ApiMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The HR roster's figures per active learner, over every active path."""

    serializer_class = serializers.ProgressSerializer
    filterset_class = filters.ProgressFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator
            return get_user_model().objects.none()
        self.scope = report_scope()
        return roster_queryset(RosterFilters(sort="name"), self.scope)

    def list(self, request, *args, **kwargs):
        users = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(users.values_list("id", flat=True))
        rows = roster_rows(list(page), self.scope)
        return self.get_paginated_response(self.get_serializer(rows, many=True).data)


class QuizResultViewSet(ApiMixin, viewsets.ReadOnlyModelViewSet):
    """Finished quiz attempts (submitted or timed out)."""

    serializer_class = serializers.QuizResultSerializer
    filterset_class = filters.QuizResultFilter
    queryset = Attempt.objects.finished().select_related("quiz", "user").order_by("id")


class DrillResultViewSet(ApiMixin, viewsets.ReadOnlyModelViewSet):
    """Finished drill sessions."""

    serializer_class = serializers.DrillResultSerializer
    filterset_class = filters.DrillResultFilter
    queryset = (
        DrillSession.objects.finished()
        .select_related("scenario", "user")
        .order_by("id")
    )


class CertificateViewSet(ApiMixin, viewsets.ReadOnlyModelViewSet):
    """Every certificate issued, in force or not; looked up by serial."""

    serializer_class = serializers.CertificateSerializer
    filterset_class = filters.CertificateFilter
    lookup_field = "serial"
    queryset = Certificate.objects.select_related("path", "user").order_by("id")


class SchemaView(ApiMixin, SpectacularAPIView):
    """The OpenAPI 3 document of this API (YAML, or JSON with ?format=json)."""

    pagination_class = None
    filter_backends = []
    renderer_classes = SpectacularAPIView.renderer_classes
