"""The quizzes' place in the Wagtail admin: one "Quizzes" menu for trainers."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSetGroup

from .admin_views.banks import QuestionBankViewSet, QuestionCategoryViewSet
from .admin_views.question_chooser import QuestionChooserViewSet
from .admin_views.questions import QuestionViewSet
from .admin_views.quizzes import QuizViewSet


class QuizzesViewSetGroup(ModelViewSetGroup):
    menu_label = _("Quizzes")
    menu_icon = "tasks"
    menu_order = 250
    items = (
        QuestionBankViewSet,
        QuestionCategoryViewSet,
        QuestionViewSet,
        QuizViewSet,
    )


@hooks.register("register_admin_viewset")
def register_quiz_admin():
    return [QuizzesViewSetGroup(), QuestionChooserViewSet()]
