"""Business errors of deliberation, objections and approval (re-exported where shared)."""

from evaluation.cases.errors import (
    CaseNotOpen,
    DecisionNeedsReasons,
    NoticeStillRunning,
    ObjectionsOpen,
    PassNotAllowed,
)

__all__ = [
    "CaseNotOpen", "DecisionNeedsReasons", "NoticeStillRunning", "ObjectionsOpen",
    "PassNotAllowed",
]
