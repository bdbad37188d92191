"""OpenTelemetry traces across HTTP and the broker: the W3C trace context of a request goes
into the envelope of every event it emits (CloudEvents' distributed-tracing extension,
`traceparent`), and the consumer continues the trace from there. Spans are exported over
OTLP/HTTP only when an endpoint is configured; otherwise the context still travels (the API's
no-op tracer keeps it), so a later collector sees whole traces."""

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from opentelemetry import context, propagate, trace
from opentelemetry.trace import SpanKind, Status, StatusCode

__all__ = ["SpanKind", "configure_tracing", "current_traceparent", "span"]

_configured = False


def configure_tracing(service: str, endpoint: str | None) -> None:
    """Install an exporting tracer provider once per process, if `endpoint` is set."""
    global _configured
    if _configured or not endpoint:
        return
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    provider = TracerProvider(resource=Resource.create({"service.name": service}))
    provider.add_span_processor(BatchSpanProcessor(
        OTLPSpanExporter(endpoint=endpoint.rstrip("/") + "/v1/traces")))
    trace.set_tracer_provider(provider)
    _configured = True


def _tracer() -> trace.Tracer:
    return trace.get_tracer("cse.kit")


@contextmanager
def span(name: str, *, kind: SpanKind, carrier: Mapping[str, str] | None = None,
         attributes: Mapping[str, Any] | None = None) -> Iterator[trace.Span]:
    """A span continuing the trace in `carrier` (HTTP headers or an envelope's extensions)."""
    parent = propagate.extract(dict(carrier)) if carrier else None
    token = context.attach(parent) if parent is not None else None
    try:
        with _tracer().start_as_current_span(name, kind=kind,
                                             attributes=dict(attributes or {})) as current:
            try:
                yield current
            except Exception as exc:
                current.set_status(Status(StatusCode.ERROR, type(exc).__name__))
                raise
    finally:
        if token is not None:
            context.detach(token)


def current_traceparent() -> str | None:
    """The W3C `traceparent` of the current span, to carry in an event's envelope."""
    carrier: dict[str, str] = {}
    propagate.inject(carrier)
    return carrier.get("traceparent")
