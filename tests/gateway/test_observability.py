"""Metrics and logs that name the endpoint, uvicorn's own lines as JSON, and one trace from the
gateway through a service (issue 10)."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
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


def test_tracing_is_off_by_default_and_nothing_is_installed() -> None:
    settings = GatewaySettings()
    assert not tracing.enabled(settings) and not tracing.active()
    app = create_app(settings)
    assert not any(m.cls.__module__.startswith("opentelemetry") for m in app.user_middleware)


class Collector(BaseHTTPRequestHandler):
    """An OTLP/HTTP collector in its own thread (the app flushes its spans synchronously at shutdown)."""

    received: list[tuple[str, str, bytes]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.received.append((self.path, self.headers["Content-Type"], body))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


async def test_spans_are_exported_over_otlp_http_to_the_configured_collector(pegawai_db) -> None:
    from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

    from pegawai.app import create_app as create_pegawai
    from pegawai.config import PegawaiSettings

    server = ThreadingHTTPServer(("127.0.0.1", 0), Collector)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    Collector.received = []
    try:
        pegawai = create_pegawai(PegawaiSettings(otel_exporter_otlp_endpoint=f"http://127.0.0.1:{server.server_port}"))
        assert tracing.current_provider() is not None, "an endpoint alone turns tracing on"
        pegawai.state.db = pegawai_db
        async with (
            pegawai.router.lifespan_context(pegawai),  # its shutdown flushes the batch of spans
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=pegawai), base_url="http://pegawai", headers=auth("admin_bkpsdm")
            ) as client,
        ):
            assert (await client.get("/api/v1/jabatan")).status_code == 200
    finally:
        provider = tracing.current_provider()
        if provider is not None:  # its exporter thread must not outlive the collector
            await asyncio.to_thread(provider.shutdown)
        tracing.use_provider(None)
        server.shutdown()
    assert Collector.received
    assert {(p, t) for p, t, _ in Collector.received} == {("/v1/traces", "application/x-protobuf")}
    names, services = set(), set()
    for *_, body in Collector.received:
        export = ExportTraceServiceRequest()
        export.ParseFromString(body)
        for rs in export.resource_spans:
            services |= {a.value.string_value for a in rs.resource.attributes if a.key == "service.name"}
            names |= {s.name for ss in rs.scope_spans for s in ss.spans}
    assert services == {"pegawai"} and "GET /api/v1/jabatan" in names
