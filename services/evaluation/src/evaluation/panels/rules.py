"""Panel rules as plain functions: proposing a balanced panel and when a panel is complete."""

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Candidate:
    """An examiner already found qualified and free of conflicts for the case."""

    examiner_id: uuid.UUID
    name: str
    open_workload: int


def propose_panel(candidates: Iterable[Candidate], size: int) -> list[Candidate]:
    """The `size` candidates with the lowest open workload (ties by name, then id, so the
    proposal is stable); fewer when the pool is too small."""
    ranked = sorted(candidates, key=lambda c: (c.open_workload, c.name, str(c.examiner_id)))
    return ranked[: max(size, 0)]


def panel_to_announce(
    statuses: Sequence[tuple[str, str]], *, min_size: int, announced: Sequence[str] | None
) -> list[str] | None:
    """The cleared examiner subjects to announce in evaluation.panel_assigned, or None.

    `statuses` holds (subject, seat status) of the seats. The first announcement waits
    until no seat is pending and at least `min_size` are cleared; after that every change
    of the cleared set is announced (so a removed examiner loses access to the files).
    """
    cleared = sorted(subject for subject, status in statuses if status == "cleared")
    pending = any(status == "pending" for _, status in statuses)
    if announced is None:
        if pending or len(cleared) < min_size:
            return None
        return cleared
    return cleared if cleared != sorted(announced) else None
