"""When a reminder is due, and the occasion that makes it go out once, as plain functions."""

import uuid
from datetime import date, timedelta


def window_open(deadline: date, today: date, days_before: int) -> bool:
    """From `days_before` days before the deadline up to the deadline itself."""
    return deadline - timedelta(days=days_before) <= today <= deadline


def review_due_occasion(case_id: uuid.UUID, round_number: int, examiner: str) -> str:
    """Once per examiner and review round: a new round (after a supplement) is a new task."""
    return f"review_due:{case_id}:{round_number}:{examiner}"


def score_due_occasion(case_id: uuid.UUID, interview_id: uuid.UUID, examiner: str) -> str:
    return f"score_due:{case_id}:{interview_id}:{examiner}"


def supplement_due_occasion(case_id: uuid.UUID, round_number: int) -> str:
    return f"supplement_due:{case_id}:{round_number}"


def case_at_risk_occasion(case_id: uuid.UUID, deadline: date) -> str:
    """Once per case and deadline."""
    return f"case_at_risk:{case_id}:{deadline}"
