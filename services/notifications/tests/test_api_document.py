"""What an integrator reads in the service's OpenAPI document holds: every request example
is accepted by its endpoint, and every status-like enum lists the words the code stores."""

import uuid
from typing import Any

import httpx
from cse_contracts.events import RecommendationScreened
from kit.auth import Role
from kit.events import Envelope
from kit.testing import KEYS
from notifications.inbox.handlers import on_any_event
from notifications.messages.catalogue import CATALOGUE, REMINDERS
from notifications.messages.render import KINDS
from notifications.models import MailMessage, WebhookDelivery, WebhookSubscription
from notifications.webhooks import rules
from notifications.webhooks.schemas import KNOWN_TYPES
from sqlalchemy.ext.asyncio import AsyncSession

Document = dict[str, Any]


def examples(document: Document, method: str, path: str) -> list[Any]:
    """The request examples of one operation: on its media type, else on its body's schema."""
    media = document["paths"][path][method]["requestBody"]["content"]["application/json"]
    if "examples" in media:
        return [example["value"] for example in media["examples"].values()]
    name = media["schema"]["$ref"].rsplit("/", 1)[-1]
    found: list[Any] = document["components"]["schemas"][name]["examples"]
    return found


async def test_every_request_example_is_accepted(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    document = (await client.get("/openapi.json")).json()
    person = KEYS.headers(Role.ENTERPRISE, "hr-example", enterprise="crbc")

    for body in examples(document, "put", "/v1/notifications/preferences"):
        answer = await client.put("/v1/notifications/preferences", headers=person, json=body)
        assert answer.status_code == 200, answer.text

    await on_any_event(session, Envelope.wrap(RecommendationScreened(
        recommendation_id=uuid.uuid4(), candidate_id=uuid.uuid4(), enterprise_id="crbc",
        candidate_name="张三", decision="accepted", society_code="cces", reason="",
    ), source="/services/test", subject="recommendations/x"))
    await session.commit()
    [message] = (await client.get("/v1/notifications", headers=person)).json()["items"]
    for body in examples(document, "put", "/v1/notifications/{notification_id}/read"):
        answer = await client.put(f"/v1/notifications/{message['id']}/read", headers=person,
                                  json=body)
        assert answer.status_code == 200, answer.text
        assert (answer.json()["read_at"] is not None) == body["read"]
    # The schema declares no other field (additionalProperties: false), and none is taken.
    unknown = await client.put(f"/v1/notifications/{message['id']}/read", headers=person,
                               json={"read": True, "seen": True})
    assert unknown.status_code == 422, unknown.text

    [created] = examples(document, "post", "/v1/webhooks")
    answer = await client.post("/v1/webhooks", headers=person, json=created)
    assert answer.status_code == 201, answer.text
    webhook = answer.json()["id"]
    for body in examples(document, "patch", "/v1/webhooks/{webhook_id}"):
        answer = await client.patch(f"/v1/webhooks/{webhook}", headers=person, json=body)
        assert answer.status_code == 200, answer.text


def _enum(document: Document, schema: str, field: str) -> set[str]:
    return set(document["components"]["schemas"][schema]["properties"][field]["enum"])


def _default_of(model: type[Any]) -> set[str]:
    column = model.__table__.c.status
    return {str(column.default.arg)} if column.default is not None else set()


async def test_status_enums_name_the_stored_words(client: httpx.AsyncClient) -> None:
    document = (await client.get("/openapi.json")).json()
    assert _enum(document, "MailOut", "status") == {"queued", "sent", "failed"}
    assert _enum(document, "MailAttemptOut", "outcome") == {"sent", "retry", "failed"}
    assert _enum(document, "WebhookOut", "status") == {"active", "paused", "disabled"}
    assert _enum(document, "DeliveryOut", "status") == {"pending", "delivered", "failed"}
    # The columns' defaults are among them.
    assert _default_of(MailMessage) <= _enum(document, "MailOut", "status")
    assert _default_of(WebhookSubscription) <= _enum(document, "WebhookOut", "status")
    assert _default_of(WebhookDelivery) <= _enum(document, "DeliveryOut", "status")
    kinds = _enum(document, "NotificationOut", "kind")
    assert kinds == set(KINDS) == _enum(document, "MailOut", "kind")
    assert set(CATALOGUE) | {f"reminder.{k}" for k in REMINDERS} | {"unknown"} == kinds


async def test_the_event_type_patterns_listed_are_those_accepted(client: httpx.AsyncClient
                                                                 ) -> None:
    document = (await client.get("/openapi.json")).json()
    listed = document["components"]["schemas"]["WebhookIn"]["properties"]["event_types"]
    patterns = listed["items"]["enum"]
    assert patterns == rules.patterns(KNOWN_TYPES)
    assert {"*", "evaluation.*", "evaluation.decided"} <= set(patterns)
    assert all(rules.valid_pattern(p, KNOWN_TYPES) for p in patterns)
    near_misses = ["evaluation", "evaluation.", "evaluation.decided.*", "nothing.*", ".*", "**"]
    assert not any(rules.valid_pattern(p, KNOWN_TYPES) for p in near_misses)


async def test_booleans_are_json_booleans(session: AsyncSession, client: httpx.AsyncClient
                                          ) -> None:
    person = KEYS.headers(Role.APPLICANT, "strict-bools")
    for value in (0, 1, "true", "yes"):
        answer = await client.put("/v1/notifications/preferences", headers=person,
                                  json={"email": "li.lei@example.com", "email_enabled": value})
        assert answer.status_code == 422, (value, answer.text)
        marked = await client.put(f"/v1/notifications/{uuid.uuid4()}/read", headers=person,
                                  json={"read": value})
        assert marked.status_code == 422, (value, marked.text)
    answer = await client.put("/v1/notifications/preferences", headers=person,
                              json={"email": "li.lei@example.com", "email_enabled": False})
    assert answer.json()["email_enabled"] is False
