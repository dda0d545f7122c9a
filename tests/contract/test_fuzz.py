"""Every operation of every app's OpenAPI, fuzzed: no input gets a 5xx, every error is
problem+json, and every status an operation answers is one its OpenAPI entry documents (so a
generated client knows every answer it can get).

schemathesis generates the cases from each app's published OpenAPI (the four services and the
gateway's merged document), so a new operation is fuzzed from its first commit. Each case is
sent in-process to the real app on the test databases, inside the test's rolled-back
transaction, once as admin_bkpsdm and once as an OPD admin; every other case names the ids of a
small real world (units, positions, employees, a competency) in its path, so that the handlers
behind the 404 are reached too. The seed is fixed: a run is repeatable and its failures
reproducible.

Knobs (environment): ASN_FUZZ_EXAMPLES (generated cases per operation, default 10),
ASN_FUZZ_SEED, ASN_FUZZ_COVERAGE=1 (add schemathesis' boundary-value phase; slow, for an
exploratory run, not CI).
"""

from __future__ import annotations

import asyncio
import importlib
import itertools
import json
import os
from collections.abc import AsyncIterator, Iterator
from contextlib import AsyncExitStack, asynccontextmanager
from typing import Any

import httpx
import pytest
import pytest_asyncio
import schemathesis
from hypothesis import HealthCheck, reject, settings
from requests.models import RequestEncodingMixin
from schemathesis.config import SchemathesisConfig

from tests.access.test_matrix import World, build_world
from tests.conftest import APPS, ENGLISH, SERVICES_WITH_DB, SETTINGS, BoundDatabase, _bound, auth

SEED = int(os.environ.get("ASN_FUZZ_SEED", "20260409"))
EXAMPLES = int(os.environ.get("ASN_FUZZ_EXAMPLES", "10"))
COVERAGE = os.environ.get("ASN_FUZZ_COVERAGE") == "1"
PROBLEM = "application/problem+json"


def _config() -> SchemathesisConfig:
    return SchemathesisConfig.from_dict(
        {
            "seed": SEED,
            "generation": {"max-examples": EXAMPLES, "deterministic": False},
            "phases": {
                "examples": {"enabled": True},
                "coverage": {"enabled": COVERAGE},
                "stateful": {"enabled": False},
            },
        }
    )


def _document(app: str) -> dict[str, Any]:
    settings_type = type(importlib.import_module(f"{app}.config").get_settings())
    document: dict[str, Any] = importlib.import_module(f"{app}.app").create_app(settings_type()).openapi()
    return document


def _documents() -> dict[str, dict[str, Any]]:
    """Each service's document, and the gateway's merged one as it serves it at /openapi.json."""
    from gateway.openapi import merge
    from gateway.routing import SERVICES

    docs = {app: _document(app) for app in APPS}
    docs["gateway"] = merge(docs["gateway"], {s: docs[s] for s in SERVICES})
    return docs


SCHEMAS = {app: schemathesis.openapi.from_dict(doc, config=_config()) for app, doc in _documents().items()}


@pytest_asyncio.fixture(scope="module")
async def module_dbs(engines: dict[str, Any]) -> AsyncIterator[dict[str, BoundDatabase]]:
    """One rolled-back transaction per database for the whole module: the world lives in it, and
    each case's work in a savepoint of its own (below), so the world is built once, not once per
    operation (it cost more than the cases themselves)."""
    async with AsyncExitStack() as stack:
        yield {s: await stack.enter_async_context(asynccontextmanager(_bound)(engines[s])) for s in SERVICES_WITH_DB}


@pytest_asyncio.fixture(scope="module")
async def world(
    module_dbs: dict[str, BoundDatabase],
    pegawai_app_session: Any,
    kompetensi_app_session: Any,
    kinerja_app_session: Any,
    pengembangan_app_session: Any,
) -> World:
    apps = {
        "pegawai": pegawai_app_session,
        "kompetensi": kompetensi_app_session,
        "kinerja": kinerja_app_session,
        "pengembangan": pengembangan_app_session,
    }
    for name, app in apps.items():
        app.state.db = module_dbs[name]
    clients = [
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url=f"http://{name}", headers=auth("admin_bkpsdm")
        )
        for name, app in apps.items()
    ]
    async with AsyncExitStack() as stack:
        peg, kom, kin, pen = [await stack.enter_async_context(c) for c in clients]
        return await build_world(peg, kom, kin, pen, module_dbs["pengembangan"])


def _case_db(name: str) -> Any:
    async def db(module_dbs: dict[str, BoundDatabase], world: World) -> AsyncIterator[BoundDatabase]:
        bound = module_dbs[name]
        savepoint = await bound.conn.begin_nested()
        try:
            yield bound
        finally:
            if savepoint.is_active:
                await savepoint.rollback()

    return pytest_asyncio.fixture(db, name=f"{name}_db")


# Each case's database: the module's, inside a savepoint rolled back after the case (these
# override the suite's per-test transactions for this module only).
pegawai_db, kompetensi_db, kinerja_db, pengembangan_db = (_case_db(s) for s in SERVICES_WITH_DB)


@pytest_asyncio.fixture
async def served(
    pegawai_app: Any, kompetensi_app: Any, kinerja_app: Any, pengembangan_app: Any, gateway_app: Any
) -> dict[str, Any]:
    return {
        "pegawai": pegawai_app,
        "kompetensi": kompetensi_app,
        "kinerja": kinerja_app,
        "pengembangan": pengembangan_app,
        "gateway": gateway_app,
    }


@pytest_asyncio.fixture
async def loop() -> asyncio.AbstractEventLoop:
    """The suite's event loop: the apps' connections live on it. The test itself is synchronous
    (schemathesis would run an async one on a loop of its own) and runs each call on this one."""
    return asyncio.get_running_loop()


@pytest.fixture
def turn() -> Iterator[int]:
    """Counts an operation's cases (a hash of the case would differ from run to run)."""
    return itertools.count()


REAL_IDS = {
    "nip": "E",
    "unit_id": "A1",
    "jabatan_id": "JA",
    "penghargaan_id": "P",
    "hukdis_id": "H",
    "periode_id": "PER",
    "skp_id": "K",
    "aktivitas_id": "AK",
    "program_id": "PRG",
    "angkatan_id": "ANG",
    "studi_id": "ST",
    "outbox_id": "OB",
    "kohort_id": "KK",
    "jp_id": "JP",
    "usulan_id": "USL",
    "peserta_id": "PST",
    "permintaan_id": "PMT",
    "opd_id": "A",
}


def _request(kwargs: dict[str, Any]) -> dict[str, Any]:
    """schemathesis' requests-style arguments, as httpx takes them. A multipart body is encoded
    by requests itself, so form fields and files reach the app exactly as schemathesis meant."""
    out = {k: kwargs[k] for k in ("method", "url", "params", "cookies") if k in kwargs}
    headers = dict(kwargs.get("headers") or {})
    if "files" in kwargs:
        try:
            content, content_type = RequestEncodingMixin._encode_files(kwargs["files"], kwargs.get("data") or {})
        except (UnicodeEncodeError, TypeError, ValueError):
            reject()  # a body no HTTP client could send
        headers["Content-Type"] = content_type
        out["content"] = content
    elif "json" in kwargs:
        out["content"] = json.dumps(kwargs["json"]).encode()
    elif kwargs.get("data") is not None:
        data = kwargs["data"]
        out["content"] = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    out["headers"] = headers
    return out


def _problem_json(response: httpx.Response) -> str | None:
    if response.status_code < 400:
        return None
    if not response.headers.get("content-type", "").startswith(PROBLEM):
        return f"{response.status_code} answered as {response.headers.get('content-type')!r}, not {PROBLEM}"
    body = response.json()
    if not (isinstance(body, dict) and body.get("status") == response.status_code and body.get("type")):
        return f"{response.status_code} problem without matching status and type: {body!r}"
    return None


@schemathesis.pytest.parametrize(**SCHEMAS)
@settings(suppress_health_check=list(HealthCheck), deadline=None, database=None)
def test_no_input_gets_a_server_error_and_every_error_is_a_problem(
    case: Any, world: World, served: dict[str, Any], loop: asyncio.AbstractEventLoop, turn: Iterator[int]
) -> None:
    app = next(name for name, schema in SCHEMAS.items() if case.operation.schema.raw_schema is schema.raw_schema)
    # Half of the cases address the real world's records and overwrite whatever version they
    # hold, so that handlers run past their lookups and version checks.
    if case.path_parameters and next(turn) % 2 == 0:
        for name, attribute in REAL_IDS.items():
            if name in case.path_parameters:
                case.path_parameters[name] = getattr(world, attribute)
        if any(p.get("name") == "If-Match" for p in case.operation.definition.raw.get("parameters", [])):
            case.headers = {**(case.headers or {}), "If-Match": "*"}
    callers = {"admin_bkpsdm": auth("admin_bkpsdm"), "admin_opd": auth("admin_opd", opd=world.A)}
    for caller, headers in callers.items():
        kwargs = case.as_transport_kwargs(base_url=f"http://{app}", headers={**ENGLISH, **headers})
        response = loop.run_until_complete(_send(served[app], kwargs))
        label = f"{caller} {case.operation.label}"
        assert response.status_code < 500, f"{label}: {response.status_code} {response.text[:300]}"
        failure = _problem_json(response)
        assert failure is None, f"{label}: {failure}"
        if case.method.upper() != case.operation.method.upper():
            continue  # a method the path does not serve (the coverage phase tries them): 405, undocumented
        documented = case.operation.definition.raw["responses"]
        assert str(response.status_code) in documented, (
            f"{label}: answered {response.status_code}, which its OpenAPI entry does not document "
            f"({', '.join(documented)}): {response.text[:200]}"
        )


async def _send(app: Any, kwargs: dict[str, Any]) -> httpx.Response:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport) as client:
        return await client.request(**_request(kwargs))


assert SETTINGS  # the suite's signing key is set before the documents are built
