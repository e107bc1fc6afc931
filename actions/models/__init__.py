"""The plan's records: the plan itself (plans.py), its areas for improvement (findings.py),
and the actions that answer them with their progress, evidence and closure (delivery.py),
and the changes owners ask for or make after the fact (changes.py)."""

from actions.models.changes import (
    Contribution,
    TargetDateRequest,
    TargetDateRequestStatus,
    UpdateCorrection,
)
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
    "Contribution",
    "Evidence",
    "EvidenceKind",
    "Finding",
    "Plan",
    "PlanKind",
    "PlanStatus",
    "ProgressUpdate",
    "TargetDateRequest",
    "TargetDateRequestStatus",
    "UpdateCorrection",
    "evidence_file_name",
]
