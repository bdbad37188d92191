"""The AsyncAPI 3.0 document of the platform's events, built from the event models alone.

Every event goes to the durable topic exchange `cse.events` with its type as the routing key
(kit.relay), as a CloudEvents 1.0 envelope in structured JSON mode whose `data` is the
event's payload model. One channel per routing key; the gateway serves this document at
`/asyncapi.json` and `contracts/asyncapi/asyncapi.json` is its committed copy.
"""

from typing import Any

from kit.events import Envelope, EventData
from pydantic.json_schema import models_json_schema

from cse_contracts.events import ALL_EVENTS

EXCHANGE = "cse.events"
ENVELOPE = "CloudEventsEnvelope"
CONTENT_TYPE = "application/cloudevents+json"
_REF = "#/components/schemas/{model}"


def message_name(model: type[EventData]) -> str:
    return model.__name__


def document(version: str = "1") -> dict[str, Any]:
    """The AsyncAPI 3.0 document; deterministic, so its committed copy can be compared."""
    refs, definitions = models_json_schema(
        [(Envelope, "validation"), *((m, "validation") for m in ALL_EVENTS)],
        ref_template=_REF,
    )
    schemas: dict[str, Any] = definitions.get("$defs", {})
    envelope_name = refs[(Envelope, "validation")]["$ref"].rsplit("/", 1)[1]
    schemas[ENVELOPE] = schemas.pop(envelope_name)
    schemas[ENVELOPE]["description"] = (
        "CloudEvents 1.0 结构化 JSON 信封 / The CloudEvents 1.0 envelope (structured JSON "
        "mode) of every event: `type` is the routing key, `data` the event's payload, "
        "`requestid` the X-Request-ID of the request that caused it, `traceparent` its W3C "
        "trace context. Consumers must ignore members they do not know."
    )
    channels: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    messages: dict[str, Any] = {}
    for model in sorted(ALL_EVENTS, key=lambda m: m.event_type):
        name = message_name(model)
        summary = (model.__doc__ or model.event_type).strip()
        messages[name] = {
            "name": model.event_type,
            "title": model.event_type,
            "summary": summary.splitlines()[0],
            "description": summary,
            "contentType": CONTENT_TYPE,
            "payload": {
                "allOf": [
                    {"$ref": _REF.format(model=ENVELOPE)},
                    {
                        "type": "object",
                        "required": ["type", "schemaversion", "data"],
                        "properties": {
                            "type": {"const": model.event_type, "type": "string"},
                            "schemaversion": {"const": model.schema_version,
                                              "type": "integer"},
                            "data": refs[(model, "validation")],
                        },
                    },
                ]
            },
            "bindings": {"amqp": {
                "contentEncoding": "utf-8", "messageType": model.event_type,
                "bindingVersion": "0.3.0",
            }},
        }
        channels[model.event_type] = {
            "address": model.event_type,
            "title": model.event_type,
            "description": f"路由键 / Routing key `{model.event_type}` on the topic exchange "
            f"`{EXCHANGE}`.",
            "messages": {name: {"$ref": f"#/components/messages/{name}"}},
            "bindings": {"amqp": {
                "is": "routingKey",
                "exchange": {"name": EXCHANGE, "type": "topic", "durable": True,
                             "autoDelete": False, "vhost": "/"},
                "bindingVersion": "0.3.0",
            }},
        }
        operations[model.event_type] = {
            "action": "send",
            "title": f"Publish {model.event_type}",
            "summary": "The platform publishes it once committed (transactional outbox), at "
            "least once: consumers deduplicate by the envelope's `id`.",
            "channel": {"$ref": f"#/channels/{model.event_type}"},
            # Persistent messages, published with confirms (kit.relay).
            "bindings": {"amqp": {"deliveryMode": 2, "bindingVersion": "0.3.0"}},
            "messages": [{"$ref": f"#/channels/{model.event_type}/messages/{name}"}],
        }
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "工程能力评价平台事件 / CSE platform events",
            "version": version,
            "description": (
                "服务之间的事件 / The events the services publish to each other and to "
                f"integrators: one durable topic exchange `{EXCHANGE}`, routing key = event "
                "type, each consumer with its own quorum queue (delivery limit, then `.dlq`). "
                "Payload models: `contracts/src/cse_contracts/events.py`; JSON Schemas per "
                "event: `contracts/events/`."
            ),
        },
        "defaultContentType": CONTENT_TYPE,
        "servers": {
            "rabbitmq": {
                "host": "127.0.0.1:5672",
                "protocol": "amqp",
                "protocolVersion": "0-9-1",
                "description": "The local broker of `make run`; deployments set their own.",
            }
        },
        "channels": channels,
        "operations": operations,
        "components": {"messages": messages, "schemas": dict(sorted(schemas.items()))},
    }
