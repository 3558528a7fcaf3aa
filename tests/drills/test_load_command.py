"""``lms drills load``: content/drills/ into the database, all or nothing."""

import io
import shutil

import pytest
from django.core.management import CommandError, call_command

from lms.drills.models import LibraryFile, RushSet, Scenario, ScenarioVersion
from tests.drills.helpers import CONTENT, DATA


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("drills", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def folder(tmp_path):
    target = tmp_path / "drills"
    shutil.copytree(DATA, target)
    return target


@pytest.mark.django_db
def test_load_creates_scenarios_rules_and_phrases(folder):
    out, _err = run("load", str(folder))
    assert out.startswith("2 created, 0 updated, 0 unchanged, 0 skipped")
    scenario = Scenario.objects.get(slug="late-parcel")
    assert (scenario.title, scenario.track, scenario.mood) == (
        "快递迟迟不到",
        "aftersales",
        "impatient",
    )
    assert scenario.turn_count == 2  # t1-angry is only reached by a branch
    assert scenario.source_path.endswith("late-parcel.yaml")
    assert scenario.versions.count() == 1
    assert set(LibraryFile.objects.values_list("kind", flat=True)) == {
        "rules",
        "phrases",
    }


@pytest.mark.django_db
def test_loading_again_leaves_unchanged_files_alone(folder):
    run("load", str(folder))
    out, _err = run("load", str(folder))
    assert out.startswith("0 created, 0 updated, 2 unchanged")
    assert ScenarioVersion.objects.count() == 2


@pytest.mark.django_db
def test_a_changed_file_updates_its_scenario(folder):
    run("load", str(folder))
    path = folder / "bargain-basic.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("顾客议价", "顾客砍价"),
        encoding="utf-8",
    )
    out, _err = run("load", str(folder))
    assert out.startswith("0 created, 1 updated, 1 unchanged")
    assert Scenario.objects.get(slug="bargain-basic").title == "顾客砍价"


@pytest.mark.django_db
def test_a_failed_load_writes_nothing(folder):
    run("load", str(folder))
    (folder / "bargain-basic.yaml").write_text(
        (folder / "bargain-basic.yaml")
        .read_text(encoding="utf-8")
        .replace("顾客议价", "顾客砍价"),
        encoding="utf-8",
    )
    (folder / "late-parcel.yaml").write_text("id: late-parcel\n", encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was loaded"):
        run("load", str(folder))
    assert Scenario.objects.get(slug="bargain-basic").title == "顾客议价"


@pytest.mark.django_db
def test_a_failed_first_load_creates_nothing(folder):
    (folder / "late-parcel.yaml").write_text("id: late-parcel\n", encoding="utf-8")
    with pytest.raises(CommandError):
        run("load", str(folder))
    assert not Scenario.objects.exists() and not LibraryFile.objects.exists()


@pytest.mark.django_db
def test_a_scenario_edited_in_the_admin_is_skipped_unless_forced(folder):
    run("load", str(folder))
    Scenario.objects.filter(slug="bargain-basic").update(
        content_hash="edited-in-the-admin"
    )
    path = folder / "bargain-basic.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("顾客议价", "顾客砍价"),
        encoding="utf-8",
    )
    out, err = run("load", str(folder))
    assert "1 skipped" in out and "bargain-basic: skipped" in err
    assert Scenario.objects.get(slug="bargain-basic").title == "顾客议价"
    run("load", str(folder), "--force")
    assert Scenario.objects.get(slug="bargain-basic").title == "顾客砍价"


@pytest.mark.django_db
def test_check_only_validates_like_drills_check(folder):
    assert run("load", str(folder), "--check") == run("check", str(folder))
    assert not Scenario.objects.exists()


@pytest.mark.django_db
def test_the_store_content_loads_with_its_rush_hour_set():
    out, _err = run("load", str(CONTENT))
    assert "0 skipped" in out
    rush = RushSet.objects.get(slug="rush-hour")
    assert len(rush.scenario_slugs) >= 2
    assert Scenario.objects.count() >= 12
