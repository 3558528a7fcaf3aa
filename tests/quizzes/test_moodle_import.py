"""`lms quizzes import` with files as Moodle writes them: a GIFT .txt download,
--skip-unsupported, embedded images stored as Wagtail images and shown in the
stem, units kept in the database, and `export --format xml`."""

from __future__ import annotations

import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.images import get_image_model

from lms.courses.markdown import render_markdown
from lms.quizzes.grading import grade
from lms.quizzes.models import Question, QuestionBank

MOODLE = Path(__file__).parent / "data" / "moodle"


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("quizzes", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def refused(*args) -> str:
    err = StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("quizzes", *args, stdout=StringIO(), stderr=err)
    return err.getvalue()


@pytest.fixture
def moodle_dir(tmp_path: Path) -> Path:
    shutil.copy(MOODLE / "every-type.txt", tmp_path / "gift-export.txt")
    shutil.copy(MOODLE / "every-type.xml", tmp_path / "refunds.xml")
    (tmp_path / "notes.txt").write_text("整理中，不要导入。", encoding="utf-8")
    return tmp_path


def test_without_the_flag_unsupported_questions_refuse_and_name_it(db, moodle_dir):
    err = refused("import", str(moodle_dir))
    lines = err.splitlines()
    assert f"{moodle_dir / 'gift-export.txt'}:67: an essay question" in err
    assert f"{moodle_dir / 'refunds.xml'}:116: essay questions" in err
    assert len(lines) == 6
    assert all("--skip-unsupported" in line for line in lines)
    assert not QuestionBank.objects.exists()


def test_skip_unsupported_imports_the_rest_and_lists_each_skipped(db, moodle_dir):
    out, err = run("import", str(moodle_dir), "--skip-unsupported")
    assert "2 banks" in out and "19 created" in out
    assert "6 unsupported left out" in out
    skipped = err.splitlines()
    assert skipped[0] == (
        f"{moodle_dir / 'gift-export.txt'}:67: an essay question (empty answer "
        "block {}) is not supported: every academy question is graded "
        "automatically (skipped)"
    )
    assert [re.match(r".*:(\d+): ", line)[1] for line in skipped] == [
        "67", "70", "116", "124", "130", "140"
    ]  # fmt: skip
    assert QuestionBank.objects.get(slug="gift-export").questions.count() == 12


def test_check_lists_the_skipped_questions_and_writes_nothing(db, moodle_dir):
    out, err = run("import", str(moodle_dir), "--check", "--skip-unsupported")
    assert "2 banks, 19 questions" in out
    assert len(err.splitlines()) == 6
    assert not Question.objects.exists()


def test_a_txt_that_is_not_gift_is_refused_when_named(db, moodle_dir):
    err = refused("import", str(moodle_dir / "notes.txt"))
    assert "notes.txt:1: not a quiz file" in err


def test_embedded_images_become_wagtail_images_shown_in_the_stem(db, moodle_dir):
    run("import", str(moodle_dir / "refunds.xml"), "--skip-unsupported")
    Image = get_image_model()
    assert Image.objects.count() == 2
    scale = Image.objects.get(title__endswith="/scale.png")
    question = Question.objects.get(qid="parcel-weight")
    assert "@@PLUGINFILE@@" not in question.stem
    html = render_markdown(question.stem)
    assert f'<img src="/quizzes/images/{scale.id}/" alt="秤">' in html
    assert question.definition.stem == question.stem
    spaced = Image.objects.get(title__endswith="/refund page.png")
    assert any(
        f"/quizzes/images/{spaced.id}/" in q.stem for q in Question.objects.all()
    )


def test_reimporting_reuses_the_images_and_changes_nothing(db, moodle_dir):
    path = str(moodle_dir / "refunds.xml")
    run("import", path, "--skip-unsupported")
    out, _ = run("import", path, "--skip-unsupported")
    assert "0 created, 0 updated, 7 unchanged" in out
    assert get_image_model().objects.count() == 2


def test_the_image_link_sends_a_signed_in_user_to_the_picture(
    client, learner, moodle_dir
):
    run("import", str(moodle_dir / "refunds.xml"), "--skip-unsupported")
    image = get_image_model().objects.get(title__endswith="/scale.png")
    url = f"/quizzes/images/{image.id}/"
    assert client.get(url)["Location"].startswith("/accounts/login/")
    client.force_login(learner)
    response = client.get(url)
    assert response.status_code == 302
    picture = client.get(response["Location"])
    assert picture.status_code == 200
    assert picture["Content-Type"] == "image/png"
    assert client.get(f"/quizzes/images/{image.id + 999}/").status_code == 404
    assert client.post(url).status_code == 405


def test_units_are_stored_and_graded_from_the_database(db, moodle_dir):
    run("import", str(moodle_dir / "refunds.xml"), "--skip-unsupported")
    question = Question.objects.get(qid="parcel-weight").definition
    assert [u.name for u in question.units] == ["kg", "g", "斤"]
    assert grade(question, "1500 g").fraction == 1.0
    assert grade(question, "1.5").fraction == pytest.approx(0.8)


def test_a_bank_exported_as_moodle_xml_reimports_unchanged(db, moodle_dir, tmp_path):
    run("import", str(moodle_dir / "gift-export.txt"), "--skip-unsupported")
    exported = tmp_path / "gift-export.xml"
    _, err = run("export", "--format", "xml", "gift-export", "-o", str(exported))
    assert err == ""
    assert exported.read_text(encoding="utf-8").startswith("<?xml")
    before = {q.qid: q.data for q in Question.objects.all()}
    out, _ = run("import", str(exported))
    after = {q.qid: q.data for q in Question.objects.all()}
    assert "0 created" in out
    # Moodle XML has no range or missing-word marker of its own: those two
    # read back as value ± tolerance; every other question is as it was.
    changed = {qid for qid in before if before[qid] != after[qid]}
    assert changed == {
        q.qid for q in Question.objects.filter(stem__contains="几天内到账")
    }
