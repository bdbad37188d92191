"""Following recommended candidates through the process (for their enterprise's inbox and
HR system) and cases' panels (for their examiners)."""

import uuid
from typing import Any

from kit.events import Envelope
from sqlalchemy.ext.asyncio import AsyncSession

from notifications.tracking import repository


async def observe(session: AsyncSession, envelope: Envelope) -> None:
    """Remembers who recommended whom: a candidate at pre-screening, then the application
    filed for that candidate. Idempotent, so each consumer may call it."""
    data = envelope.data
    if envelope.type == "evaluation.panel_assigned":
        await repository.track_panel(session, uuid.UUID(str(data["case_id"])),
                                     [str(e) for e in data.get("examiner_ids", [])])
    elif envelope.type == "recommendation.screened" and data.get("candidate_id"):
        await repository.track_candidate(session, uuid.UUID(str(data["candidate_id"])),
                                         str(data["enterprise_id"]))
    elif envelope.type == "application.accepted":
        enterprise = None
        if data.get("candidate_id"):
            enterprise = await repository.enterprise_of_candidate(
                session, uuid.UUID(str(data["candidate_id"])))
        # Every accepted application is tracked ("" when no enterprise recommended it), so
        # an event about it can tell "not the enterprise's" from "not seen yet".
        await repository.track_application(
            session, uuid.UUID(str(data["application_id"])), str(data["applicant_id"]),
            enterprise or "")


async def panel_of(session: AsyncSession, data: dict[str, Any]) -> list[str]:
    """The examiners of the case an event is about, as last announced."""
    if not data.get("case_id"):
        return []
    return await repository.panel_of(session, uuid.UUID(str(data["case_id"])))


FOLLOWS_ACCEPTANCE = frozenset({"evaluation.case_opened"})


class ApplicationNotYetSeen(RuntimeError):
    """A retryable ordering gap between two events of one application."""


async def recommended_by(session: AsyncSession, data: dict[str, Any],
                         event_type: str = "") -> str | None:
    """The enterprise that recommended the application (or, for events about a member with
    no application in them, the applicant) an event is about."""
    if data.get("application_id"):
        # An application the enterprise did not recommend is not its business, even when the
        # same engineer was recommended once before.
        enterprise = await repository.enterprise_of_application(
            session, uuid.UUID(str(data["application_id"])))
        if enterprise is None and event_type in FOLLOWS_ACCEPTANCE:
            # Evaluation opens the case as it receives application.accepted, so the two can
            # arrive here in either order: wait for the acceptance (the consumer retries).
            raise ApplicationNotYetSeen(
                f"{event_type} for application {data['application_id']} arrived before its "
                "application.accepted; retrying")
        return enterprise or None
    if data.get("applicant_id"):
        return await repository.enterprise_of_applicant(session, str(data["applicant_id"]))
    return None
