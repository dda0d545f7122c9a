"""Metrics and logs that name the endpoint, uvicorn's own lines as JSON, and one trace from the
gateway through a service (issue 10)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import structlog
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from gateway.app import create_app
from gateway.config import GatewaySettings
from shared import tracing
from shared.observability import add_trace_ids
from tests.conftest import ENGLISH, auth
from tests.shared.live import free_port

NIP = "198503122010011003"


def capture_logs() -> Any:
    """The log lines as dicts (after the apps are made: making one configures logging anew)."""
    return structlog.testing.capture_logs(processors=[structlog.contextvars.merge_contextvars, add_trace_ids])


@pytest.fixture
def logs(gateway_client: httpx.AsyncClient) -> Iterator[list[dict]]:
    with capture_logs() as entries:
        yield entries


def _requests(entries: list[dict], service: str) -> list[dict]:
    return [e for e in entries if e.get("event") == "request" and e.get("service") == service]


async def test_gateway_metrics_and_logs_name_the_route_the_service_served(gateway_client, logs):
    await gateway_client.get(f"/api/v1/pegawai/{NIP}")
    await gateway_client.get("/api/v1/audit-log/pegawai")
    metrics = (await gateway_client.get("/metrics")).text
    assert 'route="/api/v1/pegawai/{nip}",service="gateway"' in metrics
    assert 'route="/api/v1/audit-log/pegawai",service="gateway"' in metrics
    for service in ("gateway", "pegawai"):
        line = _requests(logs, service)[0]
        assert line["route"] == "/api/v1/pegawai/{nip}" and line["sub"] == "test-admin_bkpsdm", line


def test_uvicorn_lines_are_json():
    """The real start command: every line it writes (uvicorn's startup and shutdown too) is JSON."""
    port = free_port()
    env = {**os.environ, "PORT": str(port), "LOG_LEVEL": "INFO"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "gateway"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    lines: list[str] = []
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line)
            if "Application startup complete" in line or len(lines) > 50:
                break
        httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=30).raise_for_status()
    finally:
        proc.terminate()
        rest, _ = proc.communicate(timeout=60)
    lines += rest.splitlines()
    parsed = [json.loads(line) for line in lines if line.strip()]
    events = {p["event"] for p in parsed}
    assert "Application startup complete." in events and "Finished server process [%d]" not in events
    assert any(p.get("logger") == "uvicorn.error" and p["level"] == "info" for p in parsed)


async def test_one_trace_from_the_gateway_through_the_service(pegawai_db):
    from pegawai.app import create_app as create_pegawai
    from pegawai.config import PegawaiSettings

    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    tracing.use_provider(provider)
    try:
        pegawai = create_pegawai(PegawaiSettings(tracing_enabled=True))
        pegawai.state.db = pegawai_db
        gateway = create_app(
            GatewaySettings(tracing_enabled=True), transports={"pegawai": httpx.ASGITransport(app=pegawai)}
        )
        async with pegawai.router.lifespan_context(pegawai), gateway.router.lifespan_context(gateway):
            async with httpx.AsyncClient(
                transport=httpx.ASGITransport(app=gateway),
                base_url="http://gateway",
                headers={**ENGLISH, **auth("admin_bkpsdm")},
            ) as client:
                with capture_logs() as logs:
                    assert (await client.get("/api/v1/jabatan")).status_code == 200
    finally:
        tracing.use_provider(None)
    spans = exporter.get_finished_spans()
    # In one process the service's span is INTERNAL (a span is already current); between
    # processes it is a SERVER span. Either way its parent is the gateway's client span.
    gateway_span = next(s for s in spans if s.kind == SpanKind.SERVER)
    (client_span,) = (s for s in spans if s.kind == SpanKind.CLIENT)
    service_span = next(s for s in spans if s not in (gateway_span, client_span))
    assert gateway_span.attributes["http.route"] == service_span.attributes["http.route"] == "/api/v1/jabatan"
    assert gateway_span.name == "GET /api/v1/jabatan"
    trace_id = gateway_span.context.trace_id
    assert service_span.context.trace_id == trace_id == client_span.context.trace_id
    assert service_span.parent.span_id == client_span.context.span_id
    assert client_span.parent.span_id == gateway_span.context.span_id
    for service in ("gateway", "pegawai"):
        assert _requests(logs, service)[0]["trace_id"] == format(trace_id, "032x")
