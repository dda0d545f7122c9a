"""The transactional outbox (shared.outbox): messages written in the transaction of the change
they come from, delivered by relays over HTTP (or NATS JetStream) with an Idempotency-Key.

Against real PostgreSQL (databases of this module's own, since relays commit and lock rows across
connections) and a real kompetensi process on a socket, stopped and started as an operator would;
kompetensi asks pegawai about the NIPs, and pegawai is served on a socket from this test's
transaction. Every training outcome is one assessment in kompetensi: counting them (by `sumber`)
tells how many deliveries took effect.
"""

from __future__ import annotations

import asyncio
import importlib
import os
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import orjson
import pytest
import pytest_asyncio
import structlog
from sqlalchemy import delete, update

from devtools.pg import with_database
from pengembangan.app import create_app as create_pengembangan
from pengembangan.config import PengembanganSettings
from shared import audit, outbox
from shared.auth import MachineToken, MachineTokenError, decode_token
from shared.db import Database
from shared.migrations import upgrade
from shared.outbox import OutboxMessage, Relay, enqueue
from tests.conftest import ENGLISH, auth
from tests.pegawai.factories import make_jabatan, make_pegawai, make_unit
from tests.problem import assert_problem
from tests.shared.live import free_port, serving

ROOT = Path(__file__).resolve().parents[2]
KODE = "OUTBOX-T"
INGEST = "/api/v1/asesmen/hasil-pelatihan"
TARGETS = ("kompetensi", "pegawai")


# --- the world: two databases of this module, pegawai on a socket, kompetensi as a process ------


@pytest.fixture(scope="module")
def outbox_urls(database_urls: dict[str, str]) -> Any:
    """Fresh pengembangan and kompetensi databases, migrated, dropped afterwards."""
    admin = with_database(database_urls["pengembangan"], "postgres")
    names = {s: f"asn_test_outbox_{s}" for s in ("pengembangan", "kompetensi")}

    async def recreate(create: bool) -> None:
        conn = await asyncpg.connect(admin)
        try:
            for name in names.values():
                await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                if create:
                    await conn.execute(f'CREATE DATABASE "{name}"')
        finally:
            await conn.close()

    asyncio.run(recreate(create=True))
    urls = {s: with_database(admin, name) for s, name in names.items()}
    for service, url in urls.items():
        upgrade(Path(str(importlib.import_module(service).__file__)).parent / "migrations", url)
    yield urls
    asyncio.run(recreate(create=False))


@pytest_asyncio.fixture(scope="module")
async def pegawai_url(pegawai_app_session: Any) -> AsyncIterator[str]:
    """The pegawai app on a socket; each test binds it to its own transaction (`pegawai_app`)."""
    async with serving(pegawai_app_session) as url:
        yield url


class Kompetensi:
    """The kompetensi service as its start command runs it (`python -m kompetensi`), on a port of
    its own that stays the same across stops and starts."""

    def __init__(self, database_url: str, pegawai_url: str, log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "PEGAWAI_URL": pegawai_url,
            "HOST": "127.0.0.1",
            "PORT": str(self.port),
            "LOG_LEVEL": "WARNING",
        }
        self.proc: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        if self.proc is not None:
            return
        with self.log.open("ab") as out:
            self.proc = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "kompetensi", cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT
            )
        async with httpx.AsyncClient() as client:
            for _ in range(600):
                if self.proc.returncode is not None:
                    raise AssertionError(f"kompetensi exited: {self.log.read_text()[-2000:]}")
                try:
                    if (await client.get(f"{self.url}/readyz", timeout=1.0)).status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.1)
        raise AssertionError("kompetensi did not become ready in 60 s")

    async def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is not None:
            proc.terminate()
            await asyncio.wait_for(proc.wait(), 30)

    def client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(base_url=self.url, headers={**ENGLISH, **auth("admin_bkpsdm")}, timeout=10.0)

    async def create_kompetensi(self, kode: str) -> None:
        async with self.client() as c:
            r = await c.post(
                "/api/v1/kompetensi",
                json={
                    "kode": kode,
                    "nama": f"Kompetensi {kode}",
                    "definisi": "Kompetensi teknis pelatihan.",
                    "levels": [{"level": i, "deskripsi": f"Level {i}"} for i in range(1, 6)],
                },
            )
        assert r.status_code == 201, r.text

    async def recorded(self, nip: str, sumber: str) -> int:
        """How many assessments of `nip` came from `sumber` (one per delivery that took effect)."""
        async with self.client() as c:
            r = await c.get("/api/v1/asesmen", params={"nip": nip, "limit": 1000})
        assert r.status_code == 200, r.text
        return sum(1 for a in r.json()["items"] if a["sumber"] == sumber)


@pytest_asyncio.fixture(scope="module")
async def kompetensi(outbox_urls: dict[str, str], pegawai_url: str, tmp_path_factory: Any) -> AsyncIterator[Kompetensi]:
    process = Kompetensi(outbox_urls["kompetensi"], pegawai_url, tmp_path_factory.mktemp("outbox") / "kompetensi.log")
    await process.start()
    try:
        await process.create_kompetensi(KODE)
        yield process
    finally:
        await process.stop()


@pytest_asyncio.fixture(scope="module")
async def outbox_db(outbox_urls: dict[str, str]) -> AsyncIterator[Database]:
    db = Database(outbox_urls["pengembangan"], pool_size=8)
    yield db
    await db.dispose()


@pytest_asyncio.fixture(autouse=True)
async def empty_outbox(outbox_db: Database) -> None:
    async with outbox_db.sessionmaker() as session, session.begin():
        await session.execute(delete(OutboxMessage))


@pytest_asyncio.fixture
async def nip(pegawai_app: Any, pegawai_client: httpx.AsyncClient) -> str:
    """An employee in pegawai (this test's transaction), whom the training outcomes are about."""
    unit = await make_unit(pegawai_client, nama="Badan Kepegawaian")
    jabatan = await make_jabatan(pegawai_client, unit["id"])
    return str((await make_pegawai(pegawai_client, jabatan["id"]))["nip"])


@pytest.fixture
def settings_for(outbox_urls: dict[str, str]) -> Callable[..., PengembanganSettings]:
    """pengembangan's settings on this module's database, with quick retries."""

    def make(kompetensi_url: str = "http://127.0.0.1:9", pegawai_url: str = "http://127.0.0.1:9", **overrides: Any):
        values: dict[str, Any] = {
            "database_url": outbox_urls["pengembangan"],
            "kompetensi_url": kompetensi_url,
            "pegawai_url": pegawai_url,
            "outbox_relay_enabled": False,
            "outbox_poll_seconds": 0.05,
            "outbox_backoff_base_seconds": 0.05,
            "outbox_backoff_max_seconds": 0.2,
            "outbox_max_attempts": 3,
            "outbox_workers": 1,
            "http_timeout_seconds": 5.0,
            **overrides,
        }
        return PengembanganSettings(**values)

    return make


@asynccontextmanager
async def relay_on(db: Database, settings: PengembanganSettings, cls: type[Relay] = Relay, **kwargs: Any):
    relay = cls(db, settings, targets=TARGETS, **kwargs)
    try:
        yield relay
    finally:
        await relay.aclose()


class Recording(httpx.AsyncHTTPTransport):
    """A real socket transport that notes each request's Idempotency-Key and the answer's status."""

    def __init__(self, seen: list[tuple[str | None, int, str | None]]) -> None:
        super().__init__()
        self.seen = seen

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await super().handle_async_request(request)
        self.seen.append(
            (request.headers.get("idempotency-key"), response.status_code, response.headers.get("idempotent-replayed"))
        )
        return response


def hasil(nip: str, sumber: str, kode: str = KODE) -> dict[str, Any]:
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    return {"sumber": sumber, "hasil": [{"nip": nip, "kompetensi_kode": kode, "level": 3, "tanggal": yesterday}]}


async def put(db: Database, nip: str, sumber: str, kode: str = KODE) -> uuid.UUID:
    """A training outcome for kompetensi, enqueued in a transaction of its own."""
    async with db.sessionmaker() as session, session.begin():
        return await enqueue(session, target="kompetensi", method="POST", path=INGEST, body=hasil(nip, sumber, kode))


async def read(db: Database, message_id: uuid.UUID) -> OutboxMessage:
    async with db.sessionmaker() as session:
        found = await session.get(OutboxMessage, message_id)
    assert found is not None
    return found


async def until(
    db: Database, message_id: uuid.UUID, condition: Callable[[OutboxMessage], bool], seconds: float = 30.0
) -> OutboxMessage:
    for _ in range(int(seconds / 0.05)):
        message = await read(db, message_id)
        if condition(message):
            return message
        await asyncio.sleep(0.05)
    raise AssertionError(f"the message never got there: {message.status}, {message.attempts}, {message.last_error}")


# --- delivery --------------------------------------------------------------------------------


async def test_a_message_enqueued_while_kompetensi_is_down_is_delivered_once_after_it_starts(
    kompetensi, outbox_db, settings_for, pegawai_url, nip
):
    """The relay the app's lifespan runs: kompetensi stopped, the message waits and is tried again
    with backoff; kompetensi started, it arrives once."""
    sumber = "pengembangan/angkatan/mati-hidup"
    settings = settings_for(
        kompetensi.url,
        pegawai_url,
        outbox_relay_enabled=True,
        outbox_max_attempts=1000,
        outbox_backoff_base_seconds=0.1,
        outbox_backoff_max_seconds=0.4,
        outbox_workers=2,
    )
    await kompetensi.stop()
    try:
        app = create_pengembangan(settings)
        with structlog.testing.capture_logs() as logs:
            async with app.router.lifespan_context(app):
                assert app.state.outbox_relay is not None
                message_id = await put(outbox_db, nip, sumber)
                waiting = await until(outbox_db, message_id, lambda m: m.attempts >= 2)
                assert waiting.status == "pending" and waiting.last_status is None
                assert waiting.last_error is not None
                assert waiting.last_error["type"].endswith("/upstream-unavailable"), waiting.last_error
                assert waiting.last_error["service"] == "kompetensi"
                await kompetensi.start()
                delivered = await until(outbox_db, message_id, lambda m: m.status == "delivered")
    finally:
        await kompetensi.start()
    assert delivered.last_status == 201 and delivered.last_error is None and delivered.delivered_at is not None
    assert await kompetensi.recorded(nip, sumber) == 1
    mine = [e for e in logs if e.get("outbox_id") == str(message_id)]
    assert {e["event"] for e in mine} == {"outbox retry", "outbox delivered"}, mine
    retry = next(e for e in mine if e["event"] == "outbox retry")
    assert retry["problem"] == "upstream-unavailable" and retry["target"] == "kompetensi" and retry["retry_in_s"] > 0
    assert [e["event"] for e in logs if e["event"].startswith("outbox relay")] == [
        "outbox relay started",
        "outbox relay stopped",
    ]


class DiesAfterDelivering(Relay):
    """A relay that dies after the target took the message, before it recorded so."""

    async def settle(self, session: Any, message: OutboxMessage, result: outbox.Outcome) -> float | None:
        raise RuntimeError("relay died")


async def test_a_second_delivery_after_a_relay_died_changes_nothing(
    kompetensi, outbox_db, settings_for, pegawai_url, nip
):
    sumber = "pengembangan/angkatan/dua-kali"
    settings = settings_for(kompetensi.url, pegawai_url)
    seen: list[tuple[str | None, int, str | None]] = []
    message_id = await put(outbox_db, nip, sumber)
    transports = {"kompetensi": Recording(seen)}
    async with relay_on(outbox_db, settings, DiesAfterDelivering, transports=transports) as dying:
        with pytest.raises(RuntimeError, match="relay died"):
            await dying.run_once()
    left = await read(outbox_db, message_id)
    assert (left.status, left.attempts, left.version) == ("pending", 0, 1)  # nothing was recorded
    async with relay_on(outbox_db, settings, transports={"kompetensi": Recording(seen)}) as relay:
        assert await relay.run_once() == 1
    key = f"outbox-{message_id}"
    # The same key both times; kompetensi replayed its first answer the second time.
    assert seen == [(key, 201, None), (key, 201, "true")]
    assert await kompetensi.recorded(nip, sumber) == 1
    done = await read(outbox_db, message_id)
    assert (done.status, done.attempts, done.last_status) == ("delivered", 1, 201)


async def test_a_poisoned_message_is_parked_and_the_others_still_go(
    kompetensi, outbox_db, settings_for, pegawai_url, nip
):
    settings = settings_for(kompetensi.url, pegawai_url)
    first = await put(outbox_db, nip, "pengembangan/angkatan/racun-1")
    poison = await put(outbox_db, nip, "pengembangan/angkatan/racun-2", kode="TIDAK-ADA")
    last = await put(outbox_db, nip, "pengembangan/angkatan/racun-3")
    async with relay_on(outbox_db, settings) as relay:
        with structlog.testing.capture_logs() as logs:
            assert await relay.run_once() == 3  # one worker, one attempt each: the poison is not retried
    parked = await read(outbox_db, poison)
    assert (parked.status, parked.attempts, parked.last_status) == ("parked", 1, 422)
    assert parked.parked_at is not None and parked.last_error is not None
    assert parked.last_error["type"].endswith("/unknown-kompetensi") and "TIDAK-ADA" in parked.last_error["detail"]
    for message_id in (first, last):
        assert (await read(outbox_db, message_id)).status == "delivered"
    assert await kompetensi.recorded(nip, "pengembangan/angkatan/racun-1") == 1
    assert await kompetensi.recorded(nip, "pengembangan/angkatan/racun-3") == 1
    assert await kompetensi.recorded(nip, "pengembangan/angkatan/racun-2") == 0
    line = next(e for e in logs if e["event"] == "outbox parked")
    assert line["outbox_id"] == str(poison) and line["reason"] == "rejected" and line["problem"] == "unknown-kompetensi"
    assert line["log_level"] == "error" and line["status"] == 422


async def test_a_message_whose_target_stays_unreachable_is_parked_after_n_attempts(outbox_db, settings_for, nip):
    settings = settings_for(pegawai_url=f"http://127.0.0.1:{free_port()}", outbox_max_attempts=3)
    async with outbox_db.sessionmaker() as session, session.begin():
        message_id = await enqueue(
            session,
            target="pegawai",
            method="POST",
            path=f"/api/v1/pegawai/{nip}/riwayat-pendidikan",
            body={"tingkat": "S2", "tahun_lulus": 2026},
        )
    due_times = []
    async with relay_on(outbox_db, settings) as relay:
        for _ in range(100):
            await relay.run_once()
            message = await read(outbox_db, message_id)
            if message.status == "parked":
                break
            due_times.append(message.next_attempt_at)
            await asyncio.sleep(0.05)
    assert (message.status, message.attempts, message.last_status) == ("parked", 3, None)
    assert message.last_error is not None and message.last_error["type"].endswith("/upstream-unavailable")
    assert len(set(due_times)) == 2  # tried again twice, each time later


async def test_two_relays_at_once_deliver_each_message_exactly_once(
    kompetensi, outbox_db, settings_for, pegawai_url, nip
):
    sumber = "pengembangan/angkatan/berdua"
    ids = [await put(outbox_db, nip, f"{sumber}/{i}") for i in range(24)]
    settings = settings_for(kompetensi.url, pegawai_url, outbox_workers=2)
    seen: list[list[tuple[str | None, int, str | None]]] = [[], []]
    async with (
        relay_on(outbox_db, settings, transports={"kompetensi": Recording(seen[0])}) as one,
        relay_on(outbox_db, settings, transports={"kompetensi": Recording(seen[1])}) as two,
    ):
        counts = await asyncio.gather(one.run_once(), two.run_once())
    assert sum(counts) == 24 and all(counts), counts  # both relays took part
    keys = [key for each in seen for key, _, _ in each]
    assert sorted(keys) == sorted(f"outbox-{i}" for i in ids)  # each message sent once, by one relay
    assert {(status, replayed) for each in seen for _, status, replayed in each} == {(201, None)}
    for i, message_id in enumerate(ids):
        assert (await read(outbox_db, message_id)).status == "delivered"
        assert await kompetensi.recorded(nip, f"{sumber}/{i}") == 1


async def test_a_message_enqueued_in_a_transaction_that_rolls_back_is_never_sent(
    kompetensi, outbox_db, settings_for, pegawai_url, nip
):
    sumber = "pengembangan/angkatan/batal"

    class Failed(Exception):
        pass

    with pytest.raises(Failed):
        async with outbox_db.sessionmaker() as session, session.begin():
            await audit.record_many(session, "pelatihan", [("P-1", "update", None, {"status": "selesai"})])
            await enqueue(session, target="kompetensi", method="POST", path=INGEST, body=hasil(nip, sumber))
            raise Failed  # the change it belongs to fails: both go
    async with outbox_db.sessionmaker() as session:
        assert await outbox.measure(session, "pengembangan") == {
            "pending": 0.0,
            "parked": 0.0,
            "oldest_pending_age_seconds": 0.0,
        }
    async with relay_on(outbox_db, settings_for(kompetensi.url, pegawai_url)) as relay:
        assert await relay.run_once() == 0
    assert await kompetensi.recorded(nip, sumber) == 0


def _answers(script: dict[str, list[int]], calls: list[str]) -> httpx.MockTransport:
    """A target answering each path with the statuses of its script, one per call."""

    def answer(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.path)
        status = script[request.url.path].pop(0)
        if status >= 400:
            problem = {"type": f"https://asn-merit.example/problems/x-{status}", "status": status, "detail": "no"}
            return httpx.Response(status, json=problem, headers={"Retry-After": "0"})
        return httpx.Response(status, json={"ok": True})

    return httpx.MockTransport(answer)


async def test_which_answers_are_tried_again_and_which_park_the_message(outbox_db, settings_for):
    """5xx, 408, 429 and 401 are tried again (up to N attempts); another 4xx parks at once."""
    script = {
        "/api/v1/a": [503, 500, 201],  # recovers before the third attempt: delivered
        "/api/v1/b": [502, 504, 503],  # fails three times: parked after N = 3
        "/api/v1/c": [429, 408, 202],
        "/api/v1/d": [404],  # a poison: parked at once
        "/api/v1/e": [409],
        "/api/v1/f": [401, 201],  # the token was refused: a new one, and again
    }
    ids = {}
    async with outbox_db.sessionmaker() as session, session.begin():
        for path in script:
            ids[path] = await enqueue(session, target="kompetensi", method="PUT", path=path, body={"x": 1})
    calls: list[str] = []
    settings = settings_for(outbox_backoff_base_seconds=0.01, outbox_backoff_max_seconds=0.02)
    async with relay_on(outbox_db, settings, transports={"kompetensi": _answers(script, calls)}) as relay:
        for _ in range(60):
            await relay.run_once()
            states = {p: (await read(outbox_db, i)).status for p, i in ids.items()}
            if "pending" not in states.values():
                break
            await asyncio.sleep(0.03)
    assert states == {
        "/api/v1/a": "delivered",
        "/api/v1/b": "parked",
        "/api/v1/c": "delivered",
        "/api/v1/d": "parked",
        "/api/v1/e": "parked",
        "/api/v1/f": "delivered",
    }
    assert {p: calls.count(p) for p in script} == {
        "/api/v1/a": 3,
        "/api/v1/b": 3,
        "/api/v1/c": 3,
        "/api/v1/d": 1,
        "/api/v1/e": 1,
        "/api/v1/f": 2,
    }
    b = await read(outbox_db, ids["/api/v1/b"])
    assert b.last_status == 503 and b.last_error == {
        "type": "https://asn-merit.example/problems/x-503",
        "status": 503,
        "detail": "no",
    }


async def test_a_message_to_a_service_the_relay_does_not_serve_is_parked(outbox_db, settings_for):
    async with outbox_db.sessionmaker() as session, session.begin():
        message_id = await enqueue(session, target="kinerja", method="POST", path="/api/v1/skp", body={})
    async with relay_on(outbox_db, settings_for()) as relay:
        assert await relay.run_once() == 1
    parked = await read(outbox_db, message_id)
    assert parked.status == "parked" and parked.last_error is not None
    assert parked.last_error["type"].endswith("/outbox-target-unknown")


async def test_enqueue_refuses_what_no_relay_could_send(outbox_db):
    async with outbox_db.sessionmaker() as session:
        for bad in (
            {"target": "Kompetensi"},
            {"method": "GET"},
            {"path": "asesmen"},
            {"path": "/api/v1/" + "x" * 500},
            {"path": "/api/v1/a\nb"},
        ):
            given = {"target": "kompetensi", "method": "POST", "path": INGEST, **bad}
            with pytest.raises(ValueError):
                await enqueue(session, **given)
        message_id = await enqueue(session, target="kompetensi", method="post", path=INGEST, body=None)
        await session.commit()
    stored = await read(outbox_db, message_id)
    assert stored.method == "POST" and stored.idempotency_key == f"outbox-{message_id}"


def test_backoff_doubles_up_to_its_cap_and_parks_after_about_an_hour_and_a_half():
    """The defaults: 1 s, 2 s, 4 s ... capped at 300 s (less up to a fifth), parked at the 30th
    failure: after 1 h 27 min to 1 h 49 min of failures. A Retry-After longer than the backoff wins."""
    defaults = PengembanganSettings()
    relay = Relay(None, defaults, targets=())
    for attempt, most in ((1, 1.0), (2, 2.0), (5, 16.0), (9, 256.0), (10, 300.0), (29, 300.0)):
        for _ in range(20):
            assert most * 0.8 <= relay.backoff(attempt) <= most, attempt
    assert 120.0 <= relay.backoff(1, retry_after=120.0) <= 120.0
    assert relay.backoff(1, retry_after=9999.0) == 300.0
    longest = sum(min(300.0, 2.0 ** (n - 1)) for n in range(1, defaults.outbox_max_attempts))
    assert defaults.outbox_max_attempts == 30
    assert 86 * 60 < longest * 0.8 < 87 * 60 and 108 * 60 < longest < 109 * 60


def test_answers_are_classified_once_for_every_relay():
    def outcome(status: int, **headers: str) -> outbox.Outcome:
        return outbox.classify(httpx.Response(status, headers=headers, content=b"<html>oops</html>"))

    assert {s: outcome(s).kind for s in (200, 201, 204)} == dict.fromkeys((200, 201, 204), "delivered")
    assert {s: outcome(s).kind for s in (401, 408, 429, 500, 502, 503, 504)} == dict.fromkeys(
        (401, 408, 429, 500, 502, 503, 504), "retry"
    )
    assert {s: outcome(s).kind for s in (301, 400, 403, 404, 409, 412, 413, 422, 428)} == dict.fromkeys(
        (301, 400, 403, 404, 409, 412, 413, 422, 428), "park"
    )
    assert outcome(503, **{"Retry-After": "7"}).retry_after == 7.0
    assert outcome(500).problem == {"status": 500, "detail": "<html>oops</html>"}


# --- the relay's token -----------------------------------------------------------------------


async def test_the_relay_signs_in_as_layanan_with_a_token_it_renews(settings_for):
    settings = settings_for()
    tokens = MachineToken(settings)
    first = await tokens.get()
    assert await tokens.get() == first  # kept until shortly before it expires
    principal = decode_token(settings, first)
    assert principal.roles == {"layanan"} and principal.sub == "layanan-pengembangan"


async def test_with_oidc_the_relay_fetches_its_token_with_client_credentials(settings_for):
    forms: list[dict[str, str]] = []

    def provider(request: httpx.Request) -> httpx.Response:
        form = dict(httpx.QueryParams(request.content.decode()))
        forms.append(form)
        if form.get("client_secret") != "rahasia":
            return httpx.Response(401, json={"error": "invalid_client"})
        return httpx.Response(200, json={"access_token": f"token-{len(forms)}", "expires_in": 900})

    oidc = {
        "auth_mode": "oidc",
        "oidc_issuer": "https://sso.example/realms/pemda",
        "oidc_jwks_url": "https://sso.example/realms/pemda/certs",
        "oidc_audience": "asn-merit",
        "outbox_oidc_token_url": "https://sso.example/realms/pemda/token",
        "outbox_oidc_client_id": "pengembangan",
        "outbox_oidc_scope": "asn",
    }
    idp = httpx.MockTransport(provider)
    tokens = MachineToken(settings_for(**oidc, outbox_oidc_client_secret="rahasia"), transport=idp)
    assert await tokens.get() == "token-1"
    assert await tokens.get() == "token-1"
    tokens.forget()  # the callee refused it (401): the next call gets another
    assert await tokens.get() == "token-2"
    grant = {
        "grant_type": "client_credentials",
        "client_id": "pengembangan",
        "client_secret": "rahasia",
        "scope": "asn",
    }
    assert forms[0] == grant
    wrong = MachineToken(settings_for(**oidc, outbox_oidc_client_secret="salah"), transport=idp)
    with pytest.raises(MachineTokenError):
        await wrong.get()
    with pytest.raises(RuntimeError, match="OUTBOX_OIDC_CLIENT_SECRET"):
        MachineToken(settings_for(**oidc))


# --- what an admin sees and does -------------------------------------------------------------


@asynccontextmanager
async def pengembangan_api(settings: PengembanganSettings) -> AsyncIterator[httpx.AsyncClient]:
    app = create_pengembangan(settings)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://pengembangan", headers=ENGLISH) as c,
    ):
        yield c


async def test_the_admin_lists_parked_messages_and_sends_one_again_once_the_cause_is_fixed(
    kompetensi, outbox_db, settings_for, pegawai_url, nip
):
    late = f"OUTBOX-L{uuid.uuid4().hex[:6].upper()}"  # a competency kompetensi does not know yet
    sumber = "pengembangan/angkatan/ulang"
    settings = settings_for(kompetensi.url, pegawai_url)
    message_id = await put(outbox_db, nip, sumber, kode=late)
    async with relay_on(outbox_db, settings) as relay:
        await relay.run_once()
    admin = auth("admin_bkpsdm")
    async with pengembangan_api(settings) as api:
        listed = await api.get("/api/v1/outbox", headers=admin)
        assert listed.status_code == 200, listed.text
        (item,) = listed.json()["items"]
        assert item["id"] == str(message_id) and item["status"] == "parked" and item["last_status"] == 422
        assert item["idempotency_key"] == f"outbox-{message_id}" and item["body"] == hasil(nip, sumber, late)
        assert (await api.get("/api/v1/outbox", params={"status": "delivered"}, headers=admin)).json()["total"] == 0
        path = f"/api/v1/outbox/{message_id}/ulang"
        # Only BKPSDM: every other role may never (403), whether or not the message exists.
        others = [
            auth("admin_opd", opd=uuid.uuid4()),
            auth("atasan", nip=nip),
            auth("pegawai", nip=nip),
            auth("integrasi"),
            auth("layanan"),
        ]
        for headers in others:
            assert_problem(await api.get("/api/v1/outbox", headers=headers), 403)
            assert_problem(await api.post(path, headers={**headers, "If-Match": "*"}), 403)
            assert_problem(await api.post(f"/api/v1/outbox/{uuid.uuid4()}/ulang", headers=headers), 403)
        assert_problem(await api.post(f"/api/v1/outbox/{uuid.uuid4()}/ulang", headers=admin), 404, "no message")
        assert_problem(await api.post(path, headers=admin), 428)
        assert_problem(await api.post(path, headers={**admin, "If-Match": '"99"'}), 412)

        await kompetensi.create_kompetensi(late)  # what kompetensi refused is fixed
        again = await api.post(path, headers={**admin, "If-Match": f'"{item["version"]}"'})
        assert again.status_code == 200, again.text
        assert again.json()["status"] == "pending" and again.json()["attempts"] == 0
        assert again.headers["etag"] == f'"{item["version"] + 1}"'
        async with relay_on(outbox_db, settings) as relay:
            assert await relay.run_once() == 1
        assert await kompetensi.recorded(nip, sumber) == 1
        delivered = await read(outbox_db, message_id)
        assert delivered.status == "delivered"
        refused = await api.post(path, headers={**admin, "If-Match": "*"})
        assert_problem(refused, 409, "already delivered")

        logged = await api.get(
            "/api/v1/audit-log", params={"entity": "outbox_message", "entity_id": str(message_id)}, headers=admin
        )
        (entry,) = logged.json()["items"]
        assert entry["actor"] == "test-admin_bkpsdm" and entry["action"] == "update"
        assert (entry["before"]["status"], entry["after"]["status"]) == ("parked", "pending")


async def test_metrics_show_the_backlog_and_the_age_of_the_oldest_pending_message(outbox_db, settings_for):
    ids = []
    async with outbox_db.sessionmaker() as session, session.begin():
        for i in range(3):
            ids.append(await enqueue(session, target="kompetensi", method="POST", path=INGEST, body={"i": i}))
        await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == ids[0])
            .values(created_at=OutboxMessage.created_at - timedelta(minutes=5))
        )
        problem = outbox.own_problem("unknown-kompetensi", "no")
        await outbox.mark_failed(session, ids[2], status=422, problem=problem, retry_in=None)
    settings = settings_for()
    async with relay_on(outbox_db, settings) as relay:
        seen = await relay.measure()
    assert seen["pending"] == 2 and seen["parked"] == 1 and 300 <= seen["oldest_pending_age_seconds"] < 400
    async with pengembangan_api(settings) as api:
        metrics = (await api.get("/metrics")).text
    samples = [line.split(" ") for line in metrics.splitlines() if line.startswith("outbox_")]
    lines = {name: float(value) for name, value in samples}
    assert lines['outbox_backlog_messages{service="pengembangan",status="pending"}'] == 2.0
    assert lines['outbox_backlog_messages{service="pengembangan",status="parked"}'] == 1.0
    assert 300 <= lines['outbox_oldest_pending_age_seconds{service="pengembangan"}'] < 400
    # Outcomes are counted as they happen (the tests before delivered, retried and parked some).
    assert any(name.startswith("outbox_deliveries_total{") for name in lines)


async def test_delivered_messages_are_purged_after_the_days_kept(outbox_db, settings_for):
    async with outbox_db.sessionmaker() as session, session.begin():
        old = await enqueue(session, target="kompetensi", method="POST", path=INGEST, body={})
        fresh = await enqueue(session, target="kompetensi", method="POST", path=INGEST, body={})
        for message_id in (old, fresh):
            await outbox.mark_delivered(session, message_id, 201)
        await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == old)
            .values(delivered_at=OutboxMessage.delivered_at - timedelta(days=8))
        )
    async with relay_on(outbox_db, settings_for()) as relay:
        assert await relay.purge() == 1
    async with outbox_db.sessionmaker() as session:
        assert await session.get(OutboxMessage, old) is None and await session.get(OutboxMessage, fresh) is not None


# --- NATS JetStream ---------------------------------------------------------------------------

NATS_URL = "nats://127.0.0.1:4222"


async def _jetstream_or_skip() -> Any:
    import nats

    try:
        nc = await nats.connect(NATS_URL, connect_timeout=1, max_reconnect_attempts=1, reconnect_time_wait=0.1)
    except Exception as exc:  # nothing listens there on this machine
        pytest.skip(f"no NATS server at {NATS_URL}: {exc!r}")
    try:
        await nc.jetstream().account_info()
    except Exception as exc:  # a server without JetStream
        await nc.close()
        pytest.skip(f"the NATS server at {NATS_URL} has no JetStream: {exc!r}")
    return nc


async def test_the_relay_publishes_to_nats_jetstream_once_per_message(outbox_db, settings_for):
    nc = await _jetstream_or_skip()
    run = uuid.uuid4().hex[:10]
    stream, prefix = f"ASN_OUTBOX_TEST_{run}", f"asn.outboxtest.{run}"
    settings = settings_for(outbox_transport="nats", outbox_nats_stream=stream, outbox_nats_subject_prefix=prefix)
    js = nc.jetstream()
    try:
        async with outbox_db.sessionmaker() as session, session.begin():
            ids = [
                await enqueue(session, target="kompetensi", method="POST", path=INGEST, body={"n": n}) for n in (1, 2)
            ]
        async with relay_on(outbox_db, settings) as relay:
            assert relay.token is None  # no HTTP, no token
            assert await relay.run_once() == 2
            for message_id in ids:
                assert (await read(outbox_db, message_id)).status == "delivered"
            # A relay that died before recording publishes again: the stream drops the duplicate.
            assert relay.publisher is not None
            again = await relay.publisher.publish(await read(outbox_db, ids[0]))
            assert again.kind == "delivered"
        assert (await js.stream_info(stream)).state.messages == 2
        first = await js.get_msg(stream, seq=1)
        assert first.subject == f"{prefix}.kompetensi"
        assert first.headers["Nats-Msg-Id"] == first.headers["Idempotency-Key"] == f"outbox-{ids[0]}"
        payload = orjson.loads(first.data)
        assert payload["path"] == INGEST and payload["body"] == {"n": 1} and payload["source"] == "pengembangan"
    finally:
        try:
            await js.delete_stream(stream)
        finally:
            await nc.close()


async def test_a_broker_that_cannot_be_reached_leaves_the_message_pending(outbox_db, settings_for):
    settings = settings_for(outbox_transport="nats", outbox_nats_url=f"nats://127.0.0.1:{free_port()}")
    async with outbox_db.sessionmaker() as session, session.begin():
        message_id = await enqueue(session, target="kompetensi", method="POST", path=INGEST, body={})
    async with relay_on(outbox_db, settings) as relay:
        assert await relay.run_once() == 1
    waiting = await read(outbox_db, message_id)
    assert waiting.status == "pending" and waiting.attempts == 1 and waiting.last_error is not None
    assert waiting.last_error["type"].endswith("/outbox-broker-unavailable")
