from rest_framework.permissions import BasePermission

from .tokens import may_hold_token


class IsHRReader(BasePermission):
    """HR and superusers only, by token or session; learners and trainers get 403.

    Trainers read the roster pages but not bulk personal data (exports, the
    registry): the API is bulk by nature, so it follows the HR-only pages.
    """

    message = "Only HR may use the API."

    def has_permission(self, request, view) -> bool:
        # Every view is read-only: a POST is a 405 from the view itself.
        return may_hold_token(request.user)
