"""Approvals at the same moment, on a pengembangan database whose requests really commit (each
request its own transaction and connection, as in production): they can neither overspend a
budget nor overfill a batch. pegawai and kompetensi answer in-process on the test's databases.

Every approval is held right before it takes the budget's lock until all have arrived there, so
that all of them reach the seat and budget checks at the same moment.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

import pengembangan
from devtools.pg import Cluster, ensure_databases, with_database
from pengembangan.anggaran import service as anggaran
from shared.db import Database
from shared.migrations import upgrade
from tests.conftest import ENGLISH, STATEMENT_TIMEOUT, _admin_url, auth
from tests.pegawai.helpers import ANY_VERSION
from tests.pengembangan.conftest import make_angkatan
from tests.pengembangan.dunia import ASKEP_COST, Dunia, build

CALLERS = 20
TABLES = "audit_log, idempotency_record, permintaan, peserta, usulan, anggaran, angkatan, program_kompetensi, program"


@pytest.fixture(scope="session")
def live_pengembangan_url(database_urls: dict[str, str]) -> str:
    url = with_database(database_urls["pengembangan"], "asn_test_live_pengembangan")
    asyncio.run(
        ensure_databases(
            Cluster(admin_url=_admin_url(), urls={"live": url}), recreate=True, statement_timeout=STATEMENT_TIMEOUT
        )
    )
    upgrade(Path(pengembangan.__file__).parent / "migrations", url)
    return url


@pytest_asyncio.fixture
async def live(
    live_pengembangan_url: str,
    pegawai_app: Any,
    kompetensi_app: Any,
    pegawai_client: httpx.AsyncClient,
    kompetensi_client: httpx.AsyncClient,
) -> AsyncIterator[Dunia]:
    """The world with pengembangan on the committed database (a pool of real connections), emptied after."""
    from pengembangan.app import create_app
    from pengembangan.config import PengembanganSettings

    transports = {
        "pegawai": httpx.ASGITransport(app=pegawai_app),
        "kompetensi": httpx.ASGITransport(app=kompetensi_app),
    }
    app = create_app(PengembanganSettings(), transports=transports)
    app.state.db = Database(live_pengembangan_url, pool_size=CALLERS, max_overflow=5)
    try:
        async with app.router.lifespan_context(app):
            async with httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url="http://live", headers=ENGLISH
            ) as client:
                client.headers.update(auth("admin_bkpsdm"))
                yield await build(pegawai_client, kompetensi_client, client, staff=CALLERS)
    finally:
        engine = create_async_engine(live_pengembangan_url.replace("postgresql://", "postgresql+asyncpg://", 1))
        async with engine.begin() as conn:
            await conn.execute(text(f"TRUNCATE {TABLES} CASCADE"))
        await engine.dispose()


class AllAtOnce:
    """Once armed, every approval waits, right before it takes the budget's lock, until all
    CALLERS are there (setting a budget takes that lock too, and is not held)."""

    def __init__(self) -> None:
        self.armed = False
        self.barrier = asyncio.Barrier(CALLERS)


@pytest.fixture
def all_at_once(monkeypatch: pytest.MonkeyPatch) -> AllAtOnce:
    held = AllAtOnce()
    take = anggaran.lock

    async def lock(session: Any, opd_id: Any, tahun: int) -> None:
        if held.armed:
            await asyncio.wait_for(held.barrier.wait(), 60)
        await take(session, opd_id, tahun)

    monkeypatch.setattr(anggaran, "lock", lock)
    return held


async def approve_all(d: Dunia, held: AllAtOnce, *batches: str) -> tuple[Counter[str], list[dict[str, Any]]]:
    """Propose the CALLERS employees, spread over the batches, and approve all at once."""
    proposals = []
    for i, batch in enumerate(batches):
        proposals += await d.propose(batch, *range(i, CALLERS, len(batches)))
    held.armed = True
    answers = await asyncio.gather(*(d.approve(u) for u in proposals))
    outcome = Counter(
        "approved" if r.status_code == 200 else f"{r.status_code} {r.json()['type'].rsplit('/', 1)[-1]}"
        for r in answers
    )
    return outcome, proposals


async def test_concurrent_approvals_against_a_budget_that_fits_five_approve_exactly_five(
    live: Dunia, all_at_once: AllAtOnce
):
    """Spread over four batches of the program (four seat locks), so only the budget's lock
    stands between them."""
    d = live
    for i in range(2, 5):
        d.batches[f"askep{i}"] = await make_angkatan(d.pen, d.programs["askep"]["id"], f"T-ASKEP-{i}", status="dibuka")
    await d.set_budget(5 * ASKEP_COST + 1_000_000)  # five fit, not six
    outcome, _ = await approve_all(d, all_at_once, "askep", "askep2", "askep3", "askep4")
    assert outcome == {"approved": 5, "409 anggaran-tidak-cukup": CALLERS - 5}
    budget = await d.budget()
    assert (budget["terikat"], budget["peserta"]) == (5 * ASKEP_COST, 5) and budget["sisa"] == 1_000_000
    assert sum([(await d.batch(b))["terisi"] for b in ("askep", "askep2", "askep3", "askep4")]) == 5


async def test_concurrent_approvals_for_a_batch_of_five_seats_fill_exactly_five(live: Dunia, all_at_once: AllAtOnce):
    d = live
    r = await d.pen.patch(f"/api/v1/angkatan/{d.batches['askep']['id']}", json={"kuota": 5}, headers=ANY_VERSION)
    assert r.status_code == 200, r.text
    outcome, _ = await approve_all(d, all_at_once, "askep")
    assert outcome == {"approved": 5, "409 angkatan-penuh": CALLERS - 5}
    batch = await d.batch("askep")
    enrolled = (await d.pen.get("/api/v1/peserta", params={"angkatan_id": batch["id"]})).json()
    assert batch["terisi"] == enrolled["total"] == 5 and batch["sisa_kursi"] == 0
    assert (await d.budget())["terikat"] == 5 * ASKEP_COST


async def test_seats_taken_stay_the_count_of_enrollments_under_approvals_and_cancellations_at_once(live: Dunia):
    d = live
    first = await d.propose("askep", *range(10))
    for u in first:
        assert (await d.approve(u)).status_code == 200
    enrolled = (await d.pen.get("/api/v1/peserta", params={"angkatan_id": d.batches["askep"]["id"]})).json()["items"]
    rest = await d.propose("askep", *range(10, CALLERS))
    cancel = [
        d.pen.post(f"/api/v1/peserta/{p['id']}/batalkan", json={"alasan": "Mutasi"}, headers=ANY_VERSION)
        for p in enrolled
    ]
    answers = await asyncio.gather(*cancel, *(d.approve(u) for u in rest))
    assert {r.status_code for r in answers} == {200}, [r.text for r in answers if r.status_code != 200]
    batch = await d.batch("askep")
    active = (await d.pen.get("/api/v1/peserta", params={"angkatan_id": batch["id"], "status": "terdaftar"})).json()
    assert batch["terisi"] == active["total"] == 10
    assert (await d.budget())["terikat"] == 10 * ASKEP_COST
