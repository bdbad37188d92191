import json
import uuid
from datetime import UTC, datetime

from cse_contracts.events import ALL_EVENTS, ApplicationAccepted
from cse_contracts.schemas import OUT_DIR, rendered
from kit.events import Envelope


def test_generated_schemas_are_up_to_date() -> None:
    """`make schemas` must be rerun when an event model changes."""
    on_disk = {p.name: p.read_text(encoding="utf-8") for p in OUT_DIR.glob("*.schema.json")}
    assert on_disk == rendered()


def test_event_types_are_unique_and_dotted() -> None:
    types = [e.event_type for e in ALL_EVENTS]
    assert len(types) == len(set(types))
    assert all(t.count(".") == 1 and t == t.lower() for t in types)


def test_envelope_round_trip_keeps_typed_data() -> None:
    data = ApplicationAccepted(
        application_id=uuid.uuid4(), applicant_id="u1", applicant_name="张三",
        society_code="cces", level="senior", field_code="civil", specialty_code=None,
        candidate_id=None, recommending_enterprise=None,
        submitted_at=datetime(2026, 1, 1, tzinfo=UTC), accepted_at=datetime(2026, 1, 2, tzinfo=UTC),
    )
    envelope = Envelope.wrap(data, source="/services/applications", subject="applications/1")
    parsed = Envelope.model_validate_json(envelope.model_dump_json())
    assert parsed.type == "application.accepted"
    assert parsed.specversion == "1.0"
    assert parsed.payload(ApplicationAccepted) == data
    schema = json.loads(rendered()["application.accepted.schema.json"])
    assert schema["properties"]["type"]["const"] == "application.accepted"
