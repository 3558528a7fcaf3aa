"""factory_boy factories shared by the whole suite."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from lms.accounts.models import Cohort, Team
from lms.accounts.roles import HR, LEARNER, TRAINER
from tests.conftest import PASSWORD


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"客服{n}组")


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"2026年第{n}批")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.Sequence(lambda n: f"学员{n}号")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            group, _ = Group.objects.get_or_create(name=extracted)
            self.groups.add(group)
        if create:
            self.save()


def with_role(role: str):
    """A post-generation hook default: the factory's users get this role."""

    @factory.post_generation
    def hook(self, create, extracted, **kwargs):
        if create:
            group, _ = Group.objects.get_or_create(name=extracted or role)
            self.groups.add(group)
            self.save()

    return hook


class LearnerFactory(UserFactory):
    role = with_role(LEARNER)
    team = factory.SubFactory(TeamFactory)
    cohort = factory.SubFactory(CohortFactory)


class TrainerFactory(UserFactory):
    username = factory.Sequence(lambda n: f"trainer{n}")
    role = with_role(TRAINER)


class HRFactory(UserFactory):
    username = factory.Sequence(lambda n: f"hr{n}")
    role = with_role(HR)


class AdminFactory(UserFactory):
    username = factory.Sequence(lambda n: f"admin{n}")
    is_superuser = True
    is_staff = True
