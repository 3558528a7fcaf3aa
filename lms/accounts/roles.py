"""The academy's roles: Django groups and the permissions each one holds.

`sync_roles()` is idempotent. A data migration calls it so the groups exist from
the first `migrate`; it runs again after every migrate so permissions that later
apps add reach their role.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

LEARNER = "学员"
TRAINER = "培训师"
HR = "人事"

ROLE_LABELS = {LEARNER: _("Learner"), TRAINER: _("Trainer"), HR: _("HR")}


def crud(app_label: str, *models: str) -> list[str]:
    return [
        f"{app_label}.{action}_{model}"
        for model in models
        for action in ("add", "change", "delete", "view")
    ]


# "app_label.codename" per role. Unknown codenames are skipped, so an app that
# is not migrated yet simply contributes its permissions on a later run.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    LEARNER: [],
    TRAINER: [
        "wagtailadmin.access_admin",
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.delete_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
        *crud("quizzes", "questionbank", "questioncategory", "question", "quiz"),
        *crud("quizzes", "quizfixedquestion", "quizrandomdraw"),
        "quizzes.view_attempt",
        *crud("drills", "scenario"),
        "drills.view_drillsession",
        "drills.change_drillturn",
        "drills.view_drillturn",
        *crud("certification", "certificationpath"),
        *crud("certification", "pathcourserequirement", "pathquizrequirement"),
        *crud("certification", "pathdrillrequirement"),
    ],
    HR: [
        "accounts.view_user",
        "accounts.view_team",
        "accounts.view_cohort",
        "quizzes.view_attempt",
        "drills.view_drillsession",
        "drills.view_drillturn",
        "certification.view_certificationpath",
        "certification.view_certificate",
        "certification.add_certificate",
        "certification.change_certificate",
        "certification.view_auditlogentry",
        "certification.add_golivesignoff",
        "certification.view_golivesignoff",
    ],
}

# Wagtail page permissions trainers hold on the whole page tree.
TRAINER_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page"]
TRAINER_COLLECTION_PERMISSIONS = [
    "add_image",
    "change_image",
    "choose_image",
    "add_document",
    "change_document",
    "choose_document",
]


def sync_roles(*, Group, Permission, verbosity: int = 0) -> None:  # noqa: N803
    for role, perm_names in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        wanted = []
        for name in perm_names:
            app_label, codename = name.split(".")
            wanted.extend(
                Permission.objects.filter(
                    content_type__app_label=app_label, codename=codename
                )
            )
        group.permissions.add(*wanted)


def sync_page_permissions() -> None:
    """Trainers may author pages and media everywhere (needs the page tree)."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import (
        Collection,
        GroupCollectionPermission,
        GroupPagePermission,
        Page,
    )

    trainers, _created = Group.objects.get_or_create(name=TRAINER)
    root = Page.get_first_root_node()
    if root is not None:
        for codename in TRAINER_PAGE_PERMISSIONS:
            permission = Permission.objects.filter(
                content_type__app_label="wagtailcore", codename=codename
            ).first()
            if permission:
                GroupPagePermission.objects.get_or_create(
                    group=trainers, page=root, permission=permission
                )
    collection = Collection.get_first_root_node()
    if collection is not None:
        for codename in TRAINER_COLLECTION_PERMISSIONS:
            for permission in Permission.objects.filter(codename=codename):
                GroupCollectionPermission.objects.get_or_create(
                    group=trainers, collection=collection, permission=permission
                )


def sync_roles_after_migrate(sender, using="default", verbosity=0, **kwargs):
    """Runs once per migrate, after the last app has created its permissions."""
    from django.apps import apps
    from django.contrib.auth.models import Group, Permission

    if sender.label != list(apps.get_app_configs())[-1].label:
        return
    sync_roles(Group=Group, Permission=Permission, verbosity=verbosity)
    sync_page_permissions()


def has_role(user, role: str) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or any(g.name == role for g in user.groups.all())


def is_staff_reader(user) -> bool:
    """HR and admins read other people's results."""
    return user.is_authenticated and (user.is_superuser or has_role(user, HR))
