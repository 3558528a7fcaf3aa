"""Load: simulated learners against gunicorn + PostgreSQL + Redis (production settings).

    .venv/bin/python bench/bench_load.py            # 50 learners, 60 s, 3 workers
    .venv/bin/python bench/bench_load.py --workers 2 --workers 4
    .venv/bin/python bench/bench_load.py --capacity # + requests/s per worker

Each learner logs in (before the clock starts), then for the measured window
repeats, with a think time between actions: read a lesson page, save a quiz
answer (htmx POST), or answer the customer in a drill (load the workbench, POST
the reply). Afterwards every write the clients saw succeed is looked up in the
database ("lost writes"), and the server-side time of every request is read from
gunicorn's access log (its last field, microseconds).

The processes are those of tests/deploy/stack.py: a fresh database, the demo
content (`lms quickstart --no-serve`), collectstatic, one gunicorn with
gunicorn.conf.py and a task worker. The clients run on the same 2 cores as the
server, so client-side figures include the clients' own CPU.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.deploy.learner import Learner  # noqa: E402
from tests.deploy.stack import (  # noqa: E402
    Stack,
    create_database,
    database_url,
    flush_redis,
    postgres_answers,
    redis_answers,
)

DATABASE = "kefu_bench_load"
PASSWORD = "bench-learner-password-1"
SETUP = """
import json, sys
import django
django.setup()
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from lms.accounts.roles import LEARNER
from lms.courses.models import LessonPage
from lms.drills.models import Scenario
from lms.quizzes.models import Quiz
count, password = int(sys.argv[1]), sys.argv[2]
User = get_user_model()
group = Group.objects.get(name=LEARNER)
for n in range(count):
    user, created = User.objects.get_or_create(username=f"bench{n:03d}")
    if created:
        user.set_password(password)
        user.display_name = f"压测学员{n:03d}"
        user.save()
        user.groups.add(group)
lessons = [p.url for p in LessonPage.objects.live()]
quizzes = list(Quiz.objects.values_list("slug", flat=True))
drills = list(Scenario.objects.active().values_list("slug", flat=True))
print(json.dumps({"lessons": lessons, "quizzes": quizzes, "drills": drills}))
"""
REPLY = "您好,非常抱歉让您久等了!我马上帮您查询,有进展第一时间告诉您,感谢您的耐心~"


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


class Run:
    """One learner's loop; records timings, errors and the writes it made."""

    def __init__(self, username, node, content, think, seed):
        self.username = username
        self.learner = Learner(nodes=[node])
        self.content = content
        self.think = think
        self.random = random.Random(seed)
        self.timings: list[tuple[str, float]] = []
        self.errors: list[str] = []
        self.quiz_saves: list[tuple[int, int]] = []  # (attempt id, position)
        self.drill_replies: dict[int, int] = {}  # session id -> replies accepted
        self.attempt = None
        self.answers: list = []
        self.session = None

    def timed(self, kind, call, *args):
        started = time.perf_counter()
        try:
            result = call(*args)
        except Exception as error:  # noqa: BLE001 - every failure is counted
            self.errors.append(f"{kind}: {error}"[:300])
            return None
        self.timings.append((kind, time.perf_counter() - started))
        return result

    def lesson(self):
        path = self.random.choice(self.content["lessons"])
        self.timed("lesson", self.learner.view, path)

    def quiz(self):
        if not self.answers:
            slug = self.random.choice(self.content["quizzes"])
            self.attempt = self.timed("quiz-start", self.learner.quiz_start, slug)
            if self.attempt is None:
                return
            self.answers = self.timed(
                "quiz-page", self.learner.quiz_answers, self.attempt
            ) or []
            self.random.shuffle(self.answers)
            return
        url, fields = self.answers.pop()
        if self.timed("quiz-save", self.learner.quiz_answer, url, fields) is not None:
            attempt_id = int(self.attempt.rstrip("/").rsplit("/", 1)[1])
            self.quiz_saves.append((attempt_id, int(url.rstrip("/").rsplit("/", 1)[1])))

    def drill(self):
        if self.session is None:
            slug = self.random.choice(self.content["drills"])
            self.session = self.timed("drill-start", self.learner.drill_start, slug)
            return
        turn = self.timed("drill-page", self.learner.drill_pending_turn, self.session)
        if turn is None:  # finished (or the page failed): next time a new one
            self.session = None
            return
        reply = self.timed(
            "drill-reply", self.learner.drill_reply, self.session, turn, REPLY
        )
        if reply is not None:
            session_id = int(self.session.rstrip("/").rsplit("/", 1)[1])
            self.drill_replies[session_id] = self.drill_replies.get(session_id, 0) + 1

    def loop(self, start_at: float, stop_at: float) -> None:
        time.sleep(max(0.0, start_at - time.time()))
        actions = [self.lesson] * 4 + [self.quiz] * 3 + [self.drill] * 3
        while time.time() < stop_at:
            self.random.choice(actions)()
            if self.think:
                time.sleep(self.random.uniform(0.5 * self.think, 1.5 * self.think))
        self.learner.close()


def client_process(args) -> dict:
    node, usernames, content, think, start_at, stop_at = args
    runs = [
        Run(name, node, content, think, seed=hash(name) & 0xFFFF) for name in usernames
    ]
    for run in runs:  # logging in hashes a password: before the clock starts
        run.learner.log_in(run.username, PASSWORD)
    threads = [
        threading.Thread(target=run.loop, args=(start_at, stop_at)) for run in runs
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {
        "timings": [t for run in runs for t in run.timings],
        "errors": [e for run in runs for e in run.errors],
        "quiz_saves": [s for run in runs for s in run.quiz_saves],
        "drill_replies": {k: v for run in runs for k, v in run.drill_replies.items()},
    }


def lost_writes(stack: Stack, result: dict) -> int:
    import psycopg

    lost = 0
    with psycopg.connect(database_url(stack.database)) as connection:
        for attempt_id, position in set(result["quiz_saves"]):
            row = connection.execute(
                "SELECT response IS NOT NULL AND answered_at IS NOT NULL"
                " FROM quizzes_attemptquestion WHERE attempt_id=%s AND position=%s",
                (attempt_id, position),
            ).fetchone()
            lost += 0 if row and row[0] else 1
        for session_id, replies in result["drill_replies"].items():
            (stored,) = connection.execute(
                "SELECT count(*) FROM drills_drillturn WHERE session_id=%s"
                " AND received_at IS NOT NULL",
                (session_id,),
            ).fetchone()
            lost += max(0, replies - stored)
    return lost


def server_times(log: Path, offset: int) -> list[float]:
    """Seconds per request from gunicorn's access log, written after `offset`."""
    times = []
    with log.open("rb") as handle:
        handle.seek(offset)
        for line in handle.read().decode("utf-8", "replace").splitlines():
            if '"kefu-learner/1"' in line:
                times.append(int(line.rsplit(" ", 1)[1]) / 1e6)
    return times


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of a gunicorn master's worker processes."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:  # parent pid
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def run_load(stack, content, *, workers, learners, seconds, think, processes):
    stack.stop_process("web")
    node = stack.start_web("web", workers=workers)
    log = stack.logs["web"]
    warm = Learner(nodes=[node])  # every worker imports and fills its caches first
    warm.log_in("bench000", PASSWORD)
    # A new learner may open the first lessons; later ones answer 403 until the
    # earlier ones are done. The learners read the open ones.
    content["lessons"] = [
        path
        for path in content["lessons"]
        if warm.request("GET", path, expect=(200, 403)).status == 200
    ]
    for path in content["lessons"] * 3:
        warm.view(path)
    warm.close()
    names = [f"bench{n:03d}" for n in range(learners)]
    groups = [names[i::processes] for i in range(processes)]
    # Logins first (about a second each under load), then everyone starts at once.
    start_at = time.time() + 8 + learners * 0.25
    stop_at = start_at + seconds
    offset = None
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        pending = pool.map_async(
            client_process,
            [(node, group, content, think, start_at, stop_at) for group in groups],
        )
        time.sleep(max(0.0, start_at - time.time()))
        offset = log.stat().st_size
        master = stack.processes["web"].pid
        cpu_before = cpu_seconds(master)
        time.sleep(max(0.0, stop_at - time.time()))
        cpu_used = cpu_seconds(master) - cpu_before
        load = os.getloadavg()[0]
        parts = pending.get(timeout=600)
    end_offset = log.stat().st_size
    result = {
        "timings": [t for p in parts for t in p["timings"]],
        "errors": [e for p in parts for e in p["errors"]],
        "quiz_saves": [s for p in parts for s in p["quiz_saves"]],
        "drill_replies": {k: v for p in parts for k, v in p["drill_replies"].items()},
    }
    server = server_times(log, offset)
    del end_offset
    client = [seconds_ for _, seconds_ in result["timings"]]
    by_kind: dict[str, list[float]] = {}
    for kind, value in result["timings"]:
        by_kind.setdefault(kind, []).append(value)
    return {
        "workers": workers,
        "lessons_open": len(content["lessons"]),
        "learners": learners,
        "seconds": seconds,
        "think_s": think,
        "requests": len(server),
        "requests_per_s": round(len(server) / seconds, 1),
        "requests_per_s_per_worker": round(len(server) / seconds / workers, 1),
        # Robust to other jobs on the machine: what one request costs gunicorn.
        "worker_cpu_ms_per_request": round(cpu_used / max(1, len(server)) * 1000, 1),
        "machine_load_1min": round(load, 1),
        "errors": len(result["errors"]),
        "error_samples": result["errors"][:5],
        "quiz_saves": len(result["quiz_saves"]),
        "drill_replies": sum(result["drill_replies"].values()),
        "lost_writes": lost_writes(stack, result),
        "server_p50_ms": round(statistics.median(server) * 1000, 1) if server else None,
        "server_p95_ms": round(percentile(server, 95) * 1000, 1),
        "server_p99_ms": round(percentile(server, 99) * 1000, 1),
        "client_p50_ms": round(statistics.median(client) * 1000, 1) if client else None,
        "client_p95_ms": round(percentile(client, 95) * 1000, 1),
        "client_p95_ms_by_action": {
            kind: round(percentile(values, 95) * 1000, 1)
            for kind, values in sorted(by_kind.items())
        },
    }


def prepare(stack: Stack, learners: int, reuse: bool) -> dict:
    if not reuse:
        create_database(stack.database)
        stack.install()
        stack.lms("quickstart", "--no-serve", "-v0")
    flush_redis()
    return json.loads(stack.python(SETUP, str(learners), PASSWORD).splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add = parser.add_argument
    add("--learners", type=int, default=50)
    add("--seconds", type=int, default=60)
    add("--think", type=float, default=1.0, help="mean pause between actions (s)")
    add("--workers", type=int, action="append", help="gunicorn workers (repeatable)")
    add("--capacity", action="store_true", help="also: requests/s per worker")
    add("--processes", type=int, default=5, help="client processes")
    add("--reuse", action="store_true", help="keep the last run's database")
    options = parser.parse_args()
    if not (postgres_answers() and redis_answers()):
        sys.exit("PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) must answer.")
    var_dir = Path(tempfile.gettempdir()) / "kefu-bench-load"
    stack = Stack(database=DATABASE, var_dir=var_dir)
    try:
        started = time.perf_counter()
        content = prepare(stack, options.learners, options.reuse)
        print(f"set-up {time.perf_counter() - started:.0f} s: "
              f"{len(content['lessons'])} lessons, {len(content['quizzes'])} quizzes,"
              f" {len(content['drills'])} drills", flush=True)  # fmt: skip
        stack.start_worker()
        for workers in options.workers or [3]:
            figures = run_load(
                stack, content, workers=workers, learners=options.learners,
                seconds=options.seconds, think=options.think,
                processes=options.processes,
            )  # fmt: skip
            print(json.dumps(figures, ensure_ascii=False), flush=True)
        if options.capacity:
            # Saturation: as many busy clients as it takes to keep 1 worker full.
            figures = run_load(
                stack, content, workers=1, learners=min(options.learners, 10),
                seconds=min(options.seconds, 30), think=0,
                processes=min(options.processes, 2),
            )  # fmt: skip
            print("capacity " + json.dumps(figures, ensure_ascii=False), flush=True)
    finally:
        stack.stop()


if __name__ == "__main__":
    main()
