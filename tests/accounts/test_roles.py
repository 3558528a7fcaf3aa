from django.contrib.auth.models import Group

from lms.accounts.roles import HR, LEARNER, TRAINER


def test_migrations_create_the_three_role_groups(db):
    assert set(Group.objects.values_list("name", flat=True)) >= {LEARNER, TRAINER, HR}


def test_trainer_may_use_the_wagtail_admin(trainer):
    assert trainer.has_perm("wagtailadmin.access_admin")
    assert trainer.has_perm("wagtailimages.add_image")


def test_hr_reads_people_but_does_not_enter_the_cms(hr):
    assert hr.has_perm("accounts.view_user")
    assert not hr.has_perm("accounts.change_user")
    assert not hr.has_perm("wagtailadmin.access_admin")


def test_learner_has_no_staff_permissions(learner):
    assert not learner.get_all_permissions()


def test_trainer_may_edit_and_publish_pages_anywhere_in_the_tree(trainer, site_tree):
    for page in site_tree:
        permissions = page.permissions_for_user(trainer)
        assert permissions.can_edit()
        assert permissions.can_publish()


def test_hr_may_not_edit_pages(hr, site_tree):
    home, _index = site_tree
    assert not home.permissions_for_user(hr).can_edit()


def test_migrate_alone_gives_every_role_exactly_its_permissions(db):
    """The test database is made by `migrate`; no fixture has synced the roles."""
    from django.contrib.auth.models import Permission

    from lms.accounts.roles import ROLE_PERMISSIONS

    for role, expected in ROLE_PERMISSIONS.items():
        held = {
            f"{p.content_type.app_label}.{p.codename}"
            for p in Permission.objects.filter(group__name=role).select_related(
                "content_type"
            )
        }
        assert held == set(expected), role
