import pytest
from django.core.cache import cache

from tests.certification import helpers
from tests.drills.helpers import clone_scenario, load_drills


@pytest.fixture(autouse=True)
def fresh_cache():
    """The verify throttle counts in the cache: every test starts from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def instant_drills(settings):
    settings.DRILLS_TYPING_DELAY_SCALE = 0


@pytest.fixture
def index(site_tree):
    return site_tree[1]


@pytest.fixture
def scenarios(db):
    """Two real scenarios from the drills tests' data, plus a copy of one."""
    loaded = load_drills()
    loaded["bargain-copy"] = clone_scenario(loaded["bargain-basic"], "bargain-copy")
    return loaded


@pytest.fixture
def world(index, scenarios):
    """A small path: 2 courses, their quizzes, an exam (min 85), 2 drills (avg 75)."""
    rules = helpers.course(index, "cert-rules", title="平台规则")
    talk = helpers.course(index, "cert-talk", title="沟通话术")
    rules_quiz = helpers.quiz("cert-rules-quiz", course_page=rules)
    talk_quiz = helpers.quiz("cert-talk-quiz", course_page=talk)
    exam = helpers.quiz("cert-exam", pass_mark=80)
    drills = [scenarios["bargain-basic"], scenarios["late-parcel"]]
    path = helpers.path(
        courses=[rules, talk],
        quizzes=[rules_quiz, talk_quiz, (exam, 85)],
        drills=drills,
        drill_average_min=75,
    )
    return {
        "path": path,
        "rules": rules,
        "talk": talk,
        "rules_quiz": rules_quiz,
        "talk_quiz": talk_quiz,
        "exam": exam,
        "drills": drills,
    }


@pytest.fixture
def almost(world, learner):
    """Everything met except the exam (taken last by each test)."""
    helpers.complete_course(learner, world["rules"])
    helpers.complete_course(learner, world["talk"])
    helpers.take_quiz(learner, world["rules_quiz"], score=90)
    helpers.take_quiz(learner, world["talk_quiz"], score=80)
    for scenario in world["drills"]:
        helpers.drill_result(learner, scenario, score=85)
    return world


@pytest.fixture
def certified(almost, learner):
    """The learner passes the exam: the certificate is issued."""
    helpers.take_quiz(learner, almost["exam"], score=95)
    return learner.certificates.get()
