from .audit import AuditLogEntry
from .certificates import Certificate, CertificateStatus, RevokeReason
from .golive import GoLiveSignOff
from .paths import (
    CertificationPath,
    PathAssignment,
    PathCourseRequirement,
    PathDrillRequirement,
    PathQuizRequirement,
)
from .serials import SerialCounter

__all__ = [
    "AuditLogEntry",
    "Certificate",
    "CertificateStatus",
    "CertificationPath",
    "GoLiveSignOff",
    "PathAssignment",
    "PathCourseRequirement",
    "PathDrillRequirement",
    "PathQuizRequirement",
    "RevokeReason",
    "SerialCounter",
]
