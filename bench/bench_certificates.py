"""How long certificates take: one PDF, and 200 issued and rendered in bulk.

    .venv/bin/python bench/bench_certificates.py [--renders 20] [--bulk 200]

Runs against a fresh SQLite database in a temporary folder (or the database in
DATABASE_URL when set). Figures:

- PDF render: median / min / max of `--renders` renders of one certificate
  (WeasyPrint, Noto Serif CJK SC subset, QR code, seal), and its size;
- bulk issue: `--bulk` learners who have just passed the path's exam each get
  their certificate through `certificate_issue_if_complete` (requirements read,
  assignment locked, serial drawn, audit logged);
- bulk render: the PDFs of those certificates, one after the other.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time

from benchenv import setup_django  # first: puts the repository on sys.path


def make_path_and_learners(n: int):
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from lms.certification.models import CertificationPath, PathQuizRequirement
    from lms.quizzes.models import Attempt, Quiz

    exam = Quiz.objects.create(slug="bench-exam", title="客服上岗结业考试")
    path = CertificationPath.objects.create(slug="bench", title="售前客服上岗认证")
    PathQuizRequirement.objects.create(path=path, quiz=exam, min_score=85)
    users = get_user_model().objects.bulk_create(
        get_user_model()(
            username=f"bench{i}",
            display_name=f"学员{i:03d}号",
            employee_no=f"KF-{i:04d}",
        )
        for i in range(n)
    )
    now = timezone.now()
    Attempt.objects.bulk_create(
        Attempt(
            quiz=exam,
            user=user,
            number=1,
            status="submitted",
            started_at=now,
            submitted_at=now,
            score=90 + i % 10,
            passed=True,
            pass_mark=80,
            review_policy="immediate",
        )
        for i, user in enumerate(users)
    )
    return path, users


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--renders", type=int, default=20)
    parser.add_argument("--bulk", type=int, default=200)
    args = parser.parse_args()
    setup_django()
    from lms.certification.issuing import certificate_issue_if_complete
    from lms.certification.pdf import certificate_pdf

    path, users = make_path_and_learners(args.bulk)

    start = time.perf_counter()
    certificates = [
        certificate_issue_if_complete(user=user, path=path) for user in users
    ]
    issue_s = time.perf_counter() - start
    assert all(certificates), "every learner should have been certified"

    first = certificates[0]
    certificate_pdf(first)  # warm-up: fontconfig, imports
    times, size = [], 0
    for _ in range(args.renders):
        start = time.perf_counter()
        size = len(certificate_pdf(first))
        times.append(time.perf_counter() - start)

    start = time.perf_counter()
    total_bytes = sum(len(certificate_pdf(c)) for c in certificates)
    bulk_render_s = time.perf_counter() - start

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPU, "
        f"Python {platform.python_version()}"
    )
    median = statistics.median(times)
    print(
        f"PDF render ({args.renders}x): median {median * 1000:.0f} ms,"
        f" min {min(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms,"
        f" size {size / 1024:.0f} KB"
    )
    print(
        f"bulk issue ({args.bulk}): {issue_s:.2f} s total,"
        f" {issue_s / args.bulk * 1000:.1f} ms per certificate"
    )
    print(
        f"bulk render ({args.bulk} PDFs): {bulk_render_s:.1f} s total,"
        f" {bulk_render_s / args.bulk * 1000:.0f} ms per PDF,"
        f" {total_bytes / 1024 / 1024:.1f} MB"
    )


if __name__ == "__main__":
    main()
