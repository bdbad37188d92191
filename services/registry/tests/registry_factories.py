"""Factories for the registry service's tests."""

import uuid
from datetime import UTC, datetime

from cse_contracts.events import EvaluationApproved
from kit.events import Envelope


def approved(applicant_id: str = "user-zhang", level: str = "professional") -> Envelope:
    data = EvaluationApproved(
        case_id=uuid.uuid4(), application_id=uuid.uuid4(), applicant_id=applicant_id,
        applicant_name="张三", society_code="cces", level=level,
        field_code="civil", approved_at=datetime.now(UTC),
    )
    return Envelope.wrap(data, source="/services/evaluation", subject="x")
