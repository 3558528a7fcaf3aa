"""What the drill catalogue shows a learner: scenarios, rush sets, own results."""

from __future__ import annotations

from dataclasses import dataclass

from .models import DrillSession, RushSet, Scenario
from .selectors import (
    BestScore,
    drill_best_scores,
    learner_sessions,
    open_solo_sessions,
)


@dataclass
class ScenarioRow:
    scenario: Scenario
    best: BestScore | None
    open_practice: DrillSession | None
    open_exam: DrillSession | None


def catalogue_context(user) -> dict:
    best = drill_best_scores(user)
    open_sessions = open_solo_sessions(user)
    rows = [
        ScenarioRow(
            scenario=scenario,
            best=best.get(scenario.slug),
            open_practice=open_sessions.get((scenario.slug, "practice")),
            open_exam=open_sessions.get((scenario.slug, "exam")),
        )
        for scenario in Scenario.objects.active()
    ]
    titles = {row.scenario.slug: row.scenario.title for row in rows}
    # A rush needs every one of its customers: one inactive scenario hides it.
    rush_sets = [
        (rush, [titles[slug] for slug in rush.scenario_slugs])
        for rush in RushSet.objects.filter(active=True)
        if len(rush.scenario_slugs) >= 2
        and all(slug in titles for slug in rush.scenario_slugs)
    ]
    return {
        "presales": [row for row in rows if row.scenario.track == "presales"],
        "aftersales": [row for row in rows if row.scenario.track == "aftersales"],
        "rush_sets": rush_sets,
        "recent": learner_sessions(user, limit=15),
    }
