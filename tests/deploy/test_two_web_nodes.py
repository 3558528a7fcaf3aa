"""Two gunicorn nodes, one PostgreSQL, one Redis: a learner moves between them.

What a load balancer does without sticky sessions: every request of one learner
may land on either node. The session (in Redis), a quiz attempt and a drill
session (in PostgreSQL) and the verify throttle (a counter in Redis) must carry
across. The processes are the production ones: lms.settings.production,
gunicorn.conf.py, `lms db_worker`, started as compose starts them.
"""

from __future__ import annotations

import json
import os
import time
import urllib.request

import pytest

from tests.deploy.learner import Learner
from tests.deploy.stack import (
    Stack,
    create_database,
    drop_database,
    flush_redis,
    postgres_answers,
    redis_answers,
)

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not postgres_answers(), reason="PostgreSQL does not answer on 127.0.0.1:5432"
    ),
    pytest.mark.skipif(not redis_answers(), reason="Redis does not answer on :6379"),
]

PASSWORD = "correct-horse-battery"  # tests.factories
SETUP = """
import json
import django
django.setup()
from django.contrib.auth.models import Group, Permission
from lms.accounts.roles import sync_page_permissions, sync_roles
from lms.courses.site_tree import ensure_site_tree
ensure_site_tree()
sync_roles(Group=Group, Permission=Permission)
sync_page_permissions()
from tests.drills.helpers import load_drills
from tests.quizzes.helpers import import_web_bank
from tests.factories import LearnerFactory
quizzes = import_web_bank()
drills = load_drills()
LearnerFactory(username="two-node-learner")
print(json.dumps({"quizzes": sorted(quizzes), "drills": sorted(drills)}))
"""


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    name = f"kefu_deploy_{os.getpid()}"
    create_database(name)
    flush_redis()
    deployment = Stack(database=name, var_dir=tmp_path_factory.mktemp("deploy"))
    try:
        deployment.install()
        deployment.content = json.loads(
            deployment.python(SETUP).strip().splitlines()[-1]
        )
        deployment.nodes = [
            deployment.start_web("web-a", workers=2),
            deployment.start_web("web-b", workers=2),
        ]
        yield deployment
    finally:
        deployment.stop()
        drop_database(name)
        flush_redis()


def sql(stack, query: str, *params):
    import psycopg

    from tests.deploy.stack import database_url

    with psycopg.connect(database_url(stack.database)) as connection:
        return connection.execute(query, params).fetchall()


def logged_in(stack) -> Learner:
    learner = Learner(nodes=stack.nodes)
    learner.log_in("two-node-learner", PASSWORD, node=0)
    return learner


def test_a_session_started_on_one_node_is_valid_on_the_other(stack):
    learner = logged_in(stack)
    page = learner.dashboard(node=1)
    assert "two-node-learner" in page.body or "学员" in page.body
    # The session lives in Redis, not in the database's session table.
    assert sql(stack, "SELECT count(*) FROM django_session") == [(0,)]
    import redis

    from tests.deploy.stack import REDIS_URL

    keys = redis.Redis.from_url(REDIS_URL).keys("*django.contrib.sessions.cache*")
    assert keys, "no session key in Redis"
    learner.close()


def test_logging_out_on_one_node_ends_the_session_on_both(stack):
    learner = logged_in(stack)
    learner.request("POST", "/accounts/logout/", node=1, expect=(302,))
    reply = learner.request("GET", "/dashboard/", node=0, expect=(302,))
    assert "/accounts/login/" in reply.location
    learner.close()


def test_a_quiz_attempt_answered_on_alternating_nodes_keeps_every_answer(stack):
    learner = logged_in(stack)
    slug = stack.content["quizzes"][0]
    attempt_path = learner.quiz_start(slug, node=0)
    answers = learner.quiz_answers(attempt_path, node=1)
    assert len(answers) >= 3
    for index, (url, fields) in enumerate(answers):
        learner.quiz_answer(url, fields, node=index % 2)
    # The same attempt resumes on either node, every answer shown as saved.
    assert learner.quiz_start(slug, node=1) == attempt_path
    attempt_id = int(attempt_path.rstrip("/").rsplit("/", 1)[1])
    rows = sql(
        stack,
        "SELECT position, response IS NOT NULL, answered_at IS NOT NULL"
        " FROM quizzes_attemptquestion WHERE attempt_id = %s ORDER BY position",
        attempt_id,
    )
    answered = {position for position, response, at in rows if response and at}
    expected = {int(url.rstrip("/").rsplit("/", 1)[1]) for url, _ in answers}
    assert answered == expected
    learner.close()


def test_a_drill_session_replied_to_on_alternating_nodes_records_every_turn(stack):
    learner = logged_in(stack)
    session_path = learner.drill_start("bargain-basic", node=1)
    replies = 0
    for index in range(6):
        turn = learner.drill_pending_turn(session_path, node=index % 2)
        if turn is None:
            break
        learner.drill_reply(
            session_path,
            turn,
            "您好,这款已经是活动价了,满300减20,付款后当天发货哦~",
            node=(index + 1) % 2,
        )
        replies += 1
    assert replies >= 2
    session_id = int(session_path.rstrip("/").rsplit("/", 1)[1])
    rows = sql(
        stack,
        "SELECT count(*) FROM drills_drillturn"
        " WHERE session_id = %s AND received_at IS NOT NULL AND reply <> ''",
        session_id,
    )
    assert rows == [(replies,)]
    learner.close()


def test_the_verify_throttle_counts_requests_to_both_nodes_together(stack):
    learner = Learner(nodes=stack.nodes)
    minute = time.time() % 60
    if minute > 45:  # one-minute windows: stay inside one
        time.sleep(61 - minute)

    def look_up(node=None) -> int:
        return learner.request("GET", "/verify/NOCODE/", node=node, expect=()).status

    statuses = [look_up() for _ in range(20)]
    assert statuses == [404] * 20  # ten on each node, all under the limit
    assert look_up(node=0) == 429
    assert look_up(node=1) == 429
    learner.close()


def health(node: str) -> tuple[int, dict]:
    request = urllib.request.Request(
        f"{node}/health/?format=json",
        headers={"X-Forwarded-Proto": "https", "Host": node.split("//")[1]},
    )
    try:
        with urllib.request.urlopen(request, timeout=20) as reply:
            return reply.status, json.load(reply)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def test_health_needs_a_running_task_worker_and_then_is_ok_on_both_nodes(stack):
    import redis

    from lms.core.health import HEARTBEAT_KEY
    from tests.deploy.stack import REDIS_URL

    client = redis.Redis.from_url(REDIS_URL)
    for key in client.keys(f"*{HEARTBEAT_KEY}"):
        client.delete(key)
    status, report = health(stack.nodes[0])
    assert status == 503
    assert report["TaskWorker(max_age=60)"].startswith("Unavailable")
    assert all(v == "OK" for k, v in report.items() if not k.startswith("TaskWorker"))

    stack.start_worker()
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if health(stack.nodes[1])[0] == 200:
                break
            time.sleep(0.5)
        for node in stack.nodes:
            status, report = health(node)
            assert status == 200, report
            assert set(report.values()) == {"OK"}
            assert {k.split("(")[0] for k in report} == {
                "Database", "Cache", "Storage", "TaskWorker"
            }  # fmt: skip
    finally:
        stack.stop_process("worker")
