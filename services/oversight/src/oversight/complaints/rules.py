"""Complaint rules, as plain functions: states and moves, deadlines, tracking codes, file types."""

import secrets
from datetime import date, timedelta

KINDS = ("complaint", "suggestion")
ABOUT_KINDS = ("case", "certificate", "society", "general")
# About a case or a certificate the sender names which one; about a society, which society.
NEEDS_REFERENCE = frozenset({"case", "certificate"})

STATES = (
    "received", "registered", "investigating", "awaiting_statement", "findings_recorded",
    "answered",
)
STATE_NAMES: dict[str, tuple[str, str]] = {
    "received": ("已收到", "received"),
    "registered": ("已登记", "registered"),
    "investigating": ("调查中", "under investigation"),
    "awaiting_statement": ("待学会说明", "awaiting the society's statement"),
    "findings_recorded": ("已形成调查结论", "findings recorded"),
    "answered": ("已答复", "answered"),
}

# action → (states it may start from, state it leads to)
MOVES: dict[str, tuple[frozenset[str], str]] = {
    "register": (frozenset({"received"}), "registered"),
    "assign_investigators": (frozenset({"registered", "investigating"}), "investigating"),
    "request_statement": (frozenset({"investigating"}), "awaiting_statement"),
    "submit_statement": (frozenset({"awaiting_statement"}), "investigating"),
    "record_findings": (frozenset({"investigating"}), "findings_recorded"),
    "answer": (frozenset({"findings_recorded"}), "answered"),
}
# A suggestion needs no investigation: the committee may answer it once registered.
SUGGESTION_ANSWERABLE = frozenset({"registered", "investigating", "findings_recorded"})
# Attachments may be added until the investigation starts.
ATTACHABLE = frozenset({"received", "registered"})

# Crockford's base32 without I, L, O, U: read aloud and typed by people without mistakes.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def next_state(action: str, kind: str, current: str) -> str | None:
    """The state `action` leads to from `current`, or None when it is not allowed there."""
    if action == "answer" and kind == "suggestion" and current in SUGGESTION_ANSWERABLE:
        return "answered"
    starts, target = MOVES[action]
    return target if current in starts else None


def allowed_actions(kind: str, current: str) -> list[str]:
    return [action for action in MOVES if next_state(action, kind, current) is not None]


def new_tracking_code() -> str:
    """`YJ-XXXX-XXXX-XXXX`: 60 random bits, so a code cannot be guessed from another."""
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(12))
    return f"YJ-{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def normalise_tracking_code(code: str) -> str:
    return code.strip().upper().replace("O", "0").replace("I", "1").replace("L", "1")


def answer_due(registered_on: date, days: int) -> date:
    return registered_on + timedelta(days=days)


def is_overdue(due: date | None, today: date, status: str) -> bool:
    return due is not None and status != "answered" and today > due


