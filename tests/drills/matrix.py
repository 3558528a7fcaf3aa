from tests.matrix import FORBIDDEN, NOT_ALLOWED, NOT_FOUND, OK, REDIRECT, row

# The session belongs to another learner ("mx_owner"): only its owner plays it;
# trainers, HR and admins read it through the report and the transcript.
ROWS = {
    "drills:catalogue": ("/drills/", row(REDIRECT, OK, OK, OK, OK)),
    "drills:start": (
        "/drills/scenarios/{drill_slug}/start/",
        row(REDIRECT, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    ),
    "drills:rush_start": (
        "/drills/rush/{rush_slug}/start/",
        row(REDIRECT, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    ),
    "drills:workbench": (
        "/drills/sessions/{drill_session}/",
        row(REDIRECT, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
    "drills:poll": (
        "/drills/sessions/{drill_session}/poll/",
        row(REDIRECT, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
    "drills:reply": (
        "/drills/sessions/{drill_session}/reply/",
        row(REDIRECT, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    ),
    "drills:abandon": (
        "/drills/sessions/{drill_session}/abandon/",
        row(REDIRECT, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    ),
    "drills:report": (
        "/drills/sessions/{drill_session}/report/",
        row(REDIRECT, NOT_FOUND, OK, OK, OK),
    ),
    "drills:linter": ("/drills/linter/", row(REDIRECT, OK, OK, OK, OK)),
    "drills:appeal": (
        "/drills/sessions/{drill_session}/turns/1/appeal/",
        row(REDIRECT, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    ),
    "drills:review": ("/drills/review/", row(REDIRECT, FORBIDDEN, OK, FORBIDDEN, OK)),
    "drills:appeal_resolve": (
        "/drills/appeals/1/resolve/",
        row(REDIRECT, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    ),
    "drills:transcripts": (
        "/drills/transcripts/",
        row(REDIRECT, FORBIDDEN, OK, OK, OK),
    ),
    "drills:transcript": (
        "/drills/transcripts/{drill_session}/",
        row(REDIRECT, FORBIDDEN, OK, OK, OK),
    ),
    "drills:override": (
        "/drills/transcripts/{drill_session}/turns/1/override/",
        row(REDIRECT, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    ),
}


def context(site_tree) -> dict:
    """One scenario (parsed once per process), and another learner's session with
    an answered turn. Kept cheap: it runs for every case of the matrix."""
    from django.test import override_settings

    from lms.drills.documents import content_hash, scenario_document
    from lms.drills.loading import scenario_apply_source
    from lms.drills.models import RushSet, Scenario
    from lms.drills.sessions import session_reply, session_start
    from tests.drills.helpers import DATA, GOOD
    from tests.factories import LearnerFactory

    source = (DATA / "bargain-basic.yaml").read_text(encoding="utf-8")
    document = scenario_document(content_hash(source), source)
    scenario = scenario_apply_source(Scenario(), source=source, document=document)
    scenario.save()
    owner = LearnerFactory(username="mx_owner")
    with override_settings(DRILLS_TYPING_DELAY_SCALE=0):
        session = session_start(user=owner, scenario=scenario, mode="practice")
        session_reply(session=session, order=1, text=GOOD[("bargain-basic", "t1")])
    rush = RushSet.objects.create(
        slug="mx-rush",
        title="高峰",
        scenario_slugs=[scenario.slug, scenario.slug],
        source="",
        content_hash="x",
    )
    return {
        "drill_slug": scenario.slug,
        "rush_slug": rush.slug,
        "drill_session": session.pk,
    }
