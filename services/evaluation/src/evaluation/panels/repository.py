"""Queries on panel seats."""

import uuid
from collections.abc import Sequence
from typing import Any, cast

from kit.pagination import PageParams, paginate
from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation.models import Case, Examiner, PanelSeat

LIVE_SEATS = ("pending", "cleared")


async def seats(session: AsyncSession, case_id: uuid.UUID) -> Sequence[tuple[PanelSeat, Examiner]]:
    """Every seat of a case ever assigned, oldest first, with its examiner."""
    query = (
        select(PanelSeat, Examiner)
        .join(Examiner, Examiner.id == PanelSeat.examiner_id)
        .where(PanelSeat.case_id == case_id)
        .order_by(PanelSeat.assigned_at, PanelSeat.id)
    )
    return [(seat, examiner) for seat, examiner in (await session.execute(query)).all()]


async def live_seat_of_subject(
    session: AsyncSession, case_id: uuid.UUID, subject: str
) -> tuple[PanelSeat, Examiner] | None:
    """The examiner's pending or cleared seat on a case, if any."""
    query = (
        select(PanelSeat, Examiner)
        .join(Examiner, Examiner.id == PanelSeat.examiner_id)
        .where(
            PanelSeat.case_id == case_id,
            Examiner.subject == subject,
            PanelSeat.status.in_(LIVE_SEATS),
        )
        .with_for_update(of=PanelSeat)
    )
    row = (await session.execute(query)).first()
    return None if row is None else (row[0], row[1])


async def open_workloads(session: AsyncSession, society_code: str) -> dict[uuid.UUID, int]:
    """Live seats per examiner on cases still under evaluation."""
    query = (
        select(PanelSeat.examiner_id, func.count())
        .join(Case, Case.id == PanelSeat.case_id)
        .where(
            Case.society_code == society_code,
            Case.status.not_in(("approved", "failed", "withdrawn")),
            PanelSeat.status.in_(LIVE_SEATS),
        )
        .group_by(PanelSeat.examiner_id)
    )
    return dict((await session.execute(query)).all())


async def assignments_of(
    session: AsyncSession, subject: str, society_code: str, params: PageParams
) -> Sequence[tuple[PanelSeat, Case]]:
    """A page of an examiner's live seats with their cases, newest first (with one
    look-ahead row)."""
    query = paginate(
        cast("Select[Any]", select(PanelSeat, Case)
        .join(Case, Case.id == PanelSeat.case_id)
        .join(Examiner, Examiner.id == PanelSeat.examiner_id)
        .where(
            Examiner.subject == subject,
            Examiner.society_code == society_code,
            PanelSeat.status.in_(LIVE_SEATS),
        )),
        PanelSeat.assigned_at, PanelSeat.id, params,
    )
    return [(seat, case) for seat, case in (await session.execute(query)).all()]
