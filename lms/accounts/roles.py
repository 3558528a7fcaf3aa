"""The academy's roles: Django groups and the permissions each one holds.

`sync_roles()` is idempotent and only adds. A data migration calls it so the
groups exist from the first `migrate`; a post_migrate receiver runs it again at
the end of every migrate, once every app has its permissions, so permissions
that later apps add reach their role on a fresh database too.
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
        *crud("assignments", "assignment"),
        "drills.view_turnappeal",
        "drills.change_turnappeal",
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
    """Give each role the permissions of ROLE_PERMISSIONS that exist so far."""
    for role, perm_names in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        wanted = {tuple(name.split(".")) for name in perm_names}
        candidates = Permission.objects.filter(
            codename__in={codename for _app, codename in wanted}
        ).select_related("content_type")
        group.permissions.add(
            *(
                permission
                for permission in candidates
                if (permission.content_type.app_label, permission.codename) in wanted
            )
        )


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


def sync_roles_after_migrate(sender, *, apps=None, using="default", **kwargs):
    """Once per migrate (and flush), when every app's permissions exist.

    post_migrate is sent once per app with models, in INSTALLED_APPS order;
    django.contrib.auth creates each app's permissions in its own receiver.
    This one acts on the last of those apps only. It creates that app's
    permissions itself first: accounts comes before auth in INSTALLED_APPS, so
    this receiver runs before auth's.
    """
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    with_models = [a for a in global_apps.get_app_configs() if a.models_module]
    if sender.label != with_models[-1].label:
        return
    apps = apps or global_apps  # flush sends post_migrate without a state
    try:
        Group = apps.get_model("auth", "Group")  # noqa: N806
        Permission = apps.get_model("auth", "Permission")  # noqa: N806
        apps.get_model("wagtailcore", "GroupCollectionPermission")
    except LookupError:  # a partial migrate: the next full one syncs
        return
    create_permissions(sender, verbosity=0, using=using, apps=apps)
    sync_roles(Group=Group, Permission=Permission)
    sync_page_permissions()


def user_group_names(user) -> frozenset[str]:
    """The user's groups, read once per user object (one per request).

    The same query brings the user's permissions, which are handed to Django's
    ModelBackend through the caches it keeps on the user, so a page that checks
    roles in its header and ``perms`` in a template asks the database once.
    """
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_role_groups", None)
    if cached is None:
        cached = _load_groups_and_permissions(user)
    return cached


def _load_groups_and_permissions(user) -> frozenset[str]:
    from django.contrib.auth.models import Group, Permission
    from django.db.models import CharField, Value

    from_groups = (
        Group.objects.filter(user=user)
        .order_by()
        .values_list(
            "name", "permissions__content_type__app_label", "permissions__codename"
        )
    )
    own = (
        Permission.objects.filter(user=user)
        .order_by()
        .values_list(
            Value("", output_field=CharField()), "content_type__app_label", "codename"
        )
    )
    groups, group_perms, user_perms = set(), set(), set()
    for group, app_label, codename in from_groups.union(own, all=True):
        if group:
            groups.add(group)
        if codename:
            (group_perms if group else user_perms).add(f"{app_label}.{codename}")
    names = frozenset(groups)
    # setattr, not __dict__: request.user is a lazy proxy to the real user.
    user._role_groups = names
    if user.is_active and not user.is_superuser:
        # ModelBackend's own per-user caches (django.contrib.auth.backends).
        for name, perms in (
            ("_user_perm_cache", user_perms),
            ("_group_perm_cache", group_perms),
        ):
            if not hasattr(user, name):
                setattr(user, name, perms)
    return names


def has_role(user, role: str) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or role in user_group_names(user)


def is_staff_reader(user) -> bool:
    """HR and admins read other people's results."""
    return user.is_authenticated and (user.is_superuser or has_role(user, HR))
