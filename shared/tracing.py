"""OpenTelemetry tracing: W3C trace context from the gateway through the services, spans
exported over OTLP/HTTP when an endpoint is configured. Off by default, and then nothing is
installed: no middleware, no client hooks, no per-request cost."""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx
from fastapi import FastAPI

from shared.settings import ServiceSettings

if TYPE_CHECKING:
    from opentelemetry.sdk.trace import TracerProvider

# The process's provider once tracing is on (one app per process in production); tests hand in
# their own, with an in-memory exporter, through use_provider().
_provider: TracerProvider | None = None


def enabled(settings: ServiceSettings) -> bool:
    return settings.tracing_enabled or bool(settings.otel_exporter_otlp_endpoint)


def use_provider(provider: TracerProvider | None) -> None:
    """Apps made from now on with tracing on, and their clients, use `provider` (None: build one)."""
    global _provider
    _provider = provider


def _build(settings: ServiceSettings) -> TracerProvider:
    from opentelemetry import trace
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.sdk.resources import SERVICE_NAME, Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    provider = TracerProvider(resource=Resource.create({SERVICE_NAME: settings.service_name}))
    endpoint = settings.otel_exporter_otlp_endpoint
    # The generic endpoint names the collector; traces go to its /v1/traces (OTLP/HTTP spec).
    # Without one the exporter reads OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, or uses its default.
    exporter = OTLPSpanExporter(endpoint=f"{endpoint.rstrip('/')}/v1/traces" if endpoint else None)
    provider.add_span_processor(BatchSpanProcessor(exporter))
    trace.set_tracer_provider(provider)
    return provider


def instrument_app(app: FastAPI, settings: ServiceSettings) -> TracerProvider | None:
    """When tracing is on: a server span per request, continuing the caller's trace from its
    `traceparent` header. Returns the provider (to flush at shutdown), None when off."""
    global _provider
    if not enabled(settings):
        return None
    from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor

    if _provider is None:
        _provider = _build(settings)
    FastAPIInstrumentor.instrument_app(
        app,
        tracer_provider=_provider,
        excluded_urls="/healthz,/readyz,/metrics",
        exclude_spans=["receive", "send"],
    )
    return _provider


def current_provider() -> TracerProvider | None:
    return _provider


def active() -> bool:
    """Whether this process traces (then every call goes through an instrumented httpx client)."""
    return _provider is not None


def instrument_client(client: httpx.AsyncClient) -> None:
    """When tracing is on: a client span per call, and `traceparent` on the request."""
    if _provider is None:
        return
    from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor

    HTTPXClientInstrumentor.instrument_client(client, tracer_provider=_provider)
