"""Assignments written directly (no notices) for the resolver's tests."""

from datetime import date

from lms.assignments.models import Assignment


def assign(
    *, to, item, due_on: date | None = None, after_hire: int | None = None, **fields
) -> Assignment:
    """`to`: a Cohort, Team or User; `item`: a course, quiz, scenario or path."""
    target = {"Cohort": "cohort", "Team": "team", "User": "user"}[type(to).__name__]
    kind = {
        "CoursePage": "course",
        "Quiz": "quiz",
        "Scenario": "scenario",
        "CertificationPath": "path",
    }[type(item).__name__]
    assignment = Assignment(
        **{target: to, kind: item},
        due_on=due_on,
        due_days_after_hire=after_hire,
        **fields,
    )
    assignment.full_clean()
    assignment.save()
    return assignment
