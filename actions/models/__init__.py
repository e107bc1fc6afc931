"""The plan's records: its areas for improvement (findings.py), and the actions that answer
them with their progress, evidence and closure (plan.py)."""

from actions.models.findings import Finding
from actions.models.plan import (
    Action,
    Closure,
    ClosureStatus,
    Evidence,
    ProgressUpdate,
    evidence_file_name,
)

__all__ = [
    "Action",
    "Closure",
    "ClosureStatus",
    "Evidence",
    "Finding",
    "ProgressUpdate",
    "evidence_file_name",
]
