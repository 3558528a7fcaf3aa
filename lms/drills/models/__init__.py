from .appeals import AppealStatus, TurnAppeal
from .library import LibraryFile, RushSet
from .scenarios import Mood, Scenario, ScenarioVersion, Track
from .sessions import DrillMessage, DrillSession, DrillTurn, Mode, SessionStatus

__all__ = [
    "AppealStatus",
    "DrillMessage",
    "DrillSession",
    "DrillTurn",
    "LibraryFile",
    "Mode",
    "Mood",
    "RushSet",
    "Scenario",
    "ScenarioVersion",
    "SessionStatus",
    "Track",
    "TurnAppeal",
]
