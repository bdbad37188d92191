"""`cpd.compliance_changed` from the CPD service: what re-registration decides on."""

from cse_contracts.events import CpdComplianceChanged
from kit.events import Envelope
from sqlalchemy.ext.asyncio import AsyncSession

from registry.reregistrations import service


async def on_cpd_compliance_changed(session: AsyncSession, envelope: Envelope) -> None:
    await service.record_compliance(session, envelope.payload(CpdComplianceChanged),
                                    envelope.time)
