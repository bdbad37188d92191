"""Activity rules: which kinds are timed, and the hours an activity earns under a policy."""

from collections.abc import Mapping

from cpd.ledgers.rules import credited_hours

# Kinds with a duration: credited by minutes (one hour = 45 minutes) [003 Q22].
TIMED_KINDS: dict[str, tuple[str, str]] = {
    "course": ("课程", "course"),
    "conference": ("学术会议", "conference"),
    "training": ("培训", "training"),
    "work_based": ("工作中学习", "work-based learning"),
    "self_study": ("自学", "self-study"),
    "teaching": ("授课", "teaching"),
    "other": ("其他", "other"),
}
# Kinds without a duration: a fixed credit per activity set by the society following the
# CSE's CPD standard [003 Q24].
UNTIMED_KINDS: dict[str, tuple[str, str]] = {
    "standards_drafting": ("标准起草", "standards drafting"),
    "research_project": ("课题研究", "research project"),
    "paper": ("论文发表", "paper published"),
    "patent": ("专利", "patent"),
}
KINDS: dict[str, tuple[str, str]] = {**TIMED_KINDS, **UNTIMED_KINDS}

# Review states: recorded by the member, verified by a provider's attendance push, accepted
# or not credited by the society's staff [003 Q26].
STATUSES = ("recorded", "verified", "accepted", "not_credited")


def is_timed(kind: str) -> bool:
    return kind in TIMED_KINDS


def activity_hours(kind: str, minutes: int | None, status: str,
                   fixed_credits: Mapping[str, int], minutes_per_hour: int) -> int:
    """Hours one activity earns before per-kind caps; nothing once it is not credited."""
    if status == "not_credited":
        return 0
    if is_timed(kind):
        return credited_hours(minutes or 0, minutes_per_hour)
    return int(fixed_credits.get(kind, 0))


def kind_label(kind: str) -> str:
    zh, en = KINDS.get(kind, (kind, kind))
    return f"{zh} / {en}"
