"""The plan's records: the plan itself (plans.py), its areas for improvement (findings.py),
and the actions that answer them with their progress, evidence and closure (delivery.py)."""

from actions.models.delivery import (
    Action,
    Closure,
    ClosureStatus,
    Evidence,
    EvidenceKind,
    ProgressUpdate,
    evidence_file_name,
)
from actions.models.findings import Finding
from actions.models.plans import Plan, PlanKind, PlanStatus

__all__ = [
    "Action",
    "Closure",
    "ClosureStatus",
    "Evidence",
    "EvidenceKind",
    "Finding",
    "Plan",
    "PlanKind",
    "PlanStatus",
    "ProgressUpdate",
    "evidence_file_name",
]
