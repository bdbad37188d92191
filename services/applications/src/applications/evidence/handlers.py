"""`evaluation.panel_assigned`: the examiners who may read an application's evidence."""

import structlog
from cse_contracts.events import EvaluationPanelAssigned
from kit import clock
from kit.events import Envelope
from sqlalchemy.ext.asyncio import AsyncSession

from applications.application import repository as applications
from applications.evidence import repository
from applications.models import PanelMember

log = structlog.get_logger()


async def on_panel_assigned(session: AsyncSession, envelope: Envelope) -> None:
    event = envelope.payload(EvaluationPanelAssigned)
    if await applications.get(session, event.application_id) is None:
        log.warning("panel_for_unknown_application", application_id=str(event.application_id))
        return
    # The latest assignment is the panel: a replaced examiner loses access.
    now = clock.now()
    await repository.replace_panel(session, event.application_id, [
        PanelMember(application_id=event.application_id, examiner_id=examiner,
                    case_id=event.case_id, assigned_at=now)
        for examiner in dict.fromkeys(event.examiner_ids)
    ])
