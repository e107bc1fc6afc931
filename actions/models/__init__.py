"""The plan's records: actions and their progress (plan.py), the statement as sent to
Ofsted (statements.py), and the executive's meetings with their snapshots (meetings.py)."""

from actions.models.meetings import ActionSnapshot, Meeting
from actions.models.plan import (
    Action,
    Closure,
    ClosureStatus,
    Evidence,
    ProgressUpdate,
    evidence_file_name,
)
from actions.models.statements import StatementSubmission, statement_file_name

__all__ = [
    "Action",
    "ActionSnapshot",
    "Closure",
    "ClosureStatus",
    "Evidence",
    "Meeting",
    "ProgressUpdate",
    "StatementSubmission",
    "evidence_file_name",
    "statement_file_name",
]
