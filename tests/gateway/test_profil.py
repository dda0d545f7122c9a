"""The full profile (GET /api/v1/profil/{nip}), composed by the gateway from the four real
services on real PostgreSQL: its content, what each caller gets (sanctions never beyond those
kinerja shows them to), how many calls it costs, and what a service down or slow does to it."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from gateway.app import create_app
from gateway.config import GatewaySettings
from tests.access.test_matrix import World, build_world, caller_headers
from tests.conftest import ENGLISH, auth
from tests.pegawai.factories import make_jabatan, make_pegawai, make_unit
from tests.problem import assert_problem
from tests.shared.live import free_port, serving

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("pegawai", "kompetensi", "kinerja", "pengembangan")


class InFlight:
    """How many calls of the gateway were in flight at once, over every service."""

    def __init__(self) -> None:
        self.now = 0
        self.most = 0


class Counting(httpx.AsyncBaseTransport):
    """An in-process service app as the gateway reaches it, counting the calls it gets and how
    many were in flight at once (the app answers; nothing is stood in for)."""

    def __init__(self, app: Any, gauge: InFlight) -> None:
        self.inner = httpx.ASGITransport(app=app)
        self.calls: Counter[str] = Counter()
        self.gauge = gauge

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.calls[f"{request.method} {request.url.path}"] += 1
        self.gauge.now += 1
        self.gauge.most = max(self.gauge.most, self.gauge.now)
        try:
            await asyncio.sleep(0.01)  # calls that overlap are seen overlapping
            return await self.inner.handle_async_request(request)
        finally:
            self.gauge.now -= 1


@asynccontextmanager
async def gateway(
    settings: GatewaySettings, transports: dict[str, httpx.AsyncBaseTransport]
) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, transports=transports)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gateway", headers=ENGLISH) as c,
    ):
        yield c


async def small_world(
    pegawai_client: httpx.AsyncClient,
    kompetensi_client: httpx.AsyncClient,
    kinerja_client: httpx.AsyncClient,
    pengembangan_client: httpx.AsyncClient,
) -> World:
    """The access matrix's world (E in A1 holding JA, supervised by S; F in OPD B; E assessed 2 of
    JA's required 3 in TEK-MX-01, an award, a sanction of 2025 (over), a coaching of 10 JP this
    year), with a numeric SKP of E of 2021 and a sanction of E running today (its id as w.H; the
    profile shows running ones)."""
    world = await build_world(pegawai_client, kompetensi_client, kinerja_client, pengembangan_client)
    made = await kinerja_client.post(
        "/api/v1/skp-lama", json={"nip": world.E, "tahun": 2021, "skala": "pp_30_2019", "nilai": 92.5}
    )
    assert made.status_code == 201, made.text
    tmt = date.today() - timedelta(days=30)
    running = await kinerja_client.post(
        "/api/v1/hukuman-disiplin",
        json={
            "nip": world.E,
            "tingkat": "sedang",
            "jenis": "S3",
            "nomor_sk": "800/2/2026",
            "tanggal_sk": (tmt - timedelta(days=10)).isoformat(),
            "tmt": tmt.isoformat(),
        },
    )
    assert running.status_code == 201, running.text
    world.H = running.json()["id"]
    return world


async def test_the_profile_holds_every_service_part(
    gateway_client, pegawai_client, kompetensi_client, kinerja_client, pengembangan_client
):
    w = await small_world(pegawai_client, kompetensi_client, kinerja_client, pengembangan_client)
    r = await gateway_client.get(f"/api/v1/profil/{w.E}")
    assert r.status_code == 200, r.text
    p = r.json()
    assert p["nip"] == w.E and p["identitas"]["nama"] == "Eka Putri"
    assert p["identitas"]["status_kepegawaian"] == "PNS" and p["identitas"]["atasan_nip"] == w.S
    assert (p["jabatan"]["jabatan_id"], p["jabatan"]["unit_id"]) == (w.JA, w.A1)
    assert p["jabatan"]["unit_nama"] == "Bidang A1"
    assert (p["golongan"]["golongan"], p["golongan"]["pangkat"]) == ("III/b", "Penata Muda Tingkat I")
    assert p["pendidikan"] == {"tingkat": "S1", "jurusan": "Teknik Informatika"}
    assert p["minat"] == {"rumpun": [], "jabatan_ids": []}
    # JA requires TEK-MX-01 at 3 (besides the managerial and socio-cultural ones of its kind); E
    # holds 2 of it and was never assessed in the others: the JPM is kompetensi's own for JA.
    k = p["kompetensi"]
    gaps = {g["kompetensi_kode"]: (g["dibutuhkan"], g["dimiliki"], g["gap"]) for g in k["rincian"]}
    assert gaps["TEK-MX-01"] == (3, 2, -1)
    assert all(held is None and gap == -need for kode, (need, held, gap) in gaps.items() if kode != "TEK-MX-01")
    same = await kompetensi_client.post(f"/api/v1/jpm/jabatan/{w.JA}", json={"nips": [w.E]})
    assert (k["jabatan_id"], k["keterangan"]) == (w.JA, None)
    assert (k["jpm"], k["kategori"]) == (same.json()["items"][0]["jpm"], same.json()["items"][0]["kategori"])
    assert k["jpm"] == round(100 * 2 / sum(need for need, _, _ in gaps.values()), 2)
    assert p["kinerja"]["terakhir"]["tahun"] == 2021 and p["kinerja"]["terakhir"]["sumber"] == "skp_lama"
    assert [h["tahun"] for h in p["kinerja"]["riwayat"]] == [2021]
    assert [h["id"] for h in p["hukuman_disiplin"]] == [w.H]
    assert [a["id"] for a in p["penghargaan"]] == [w.P]
    jp = p["pengembangan"]
    # The year's JP as pengembangan's ledger holds them: E's coaching entry (10 JP) and the JP of
    # the batches E passed in the world (credited as pelatihan), against the PNS minimum.
    ledger = (await pengembangan_client.get("/api/v1/jp", params={"nip": w.E, "limit": 100})).json()
    this_year = sum(e["jp"] for e in ledger["items"] if e["tahun"] == date.today().year)
    assert w.JP in {e["id"] for e in ledger["items"]} and this_year >= 10
    assert (jp["tahun"], jp["total_jp"], jp["status_kepegawaian"]) == (date.today().year, this_year, "PNS")
    assert jp["kategori"] == ("pns_memenuhi" if this_year >= 20 else "pns_kurang") and jp["batas_jp"] == 20
    assert jp["kurang_jp"] == max(0, 20 - this_year) or jp["kategori"] == "pns_memenuhi"
    assert jp["ketentuan"]["pns_min_jp_per_tahun"] == 20
    assert [e["id"] for e in jp["riwayat"]] == [e["id"] for e in ledger["items"]]
    assert jp["jumlah_riwayat"] == ledger["total"]
    assert p["warnings"] == []
    timing = r.headers["server-timing"]
    assert "services;dur=" in timing
    assert all(f"{part};dur=" in timing for part in ("identitas", "kompetensi", "pengembangan", "penghargaan"))


async def test_each_caller_gets_its_answer_and_sanctions_only_where_kinerja_shows_them(
    gateway_client, pegawai_client, kompetensi_client, kinerja_client, pengembangan_client
):
    """The rows of tests/access/matrix.py for getProfil, with the content that matters: the
    sanctions part is what kinerja itself answers the same caller, never more."""
    w = await small_world(pegawai_client, kompetensi_client, kinerja_client, pengembangan_client)
    expected = {
        "admin_bkpsdm": (200, True),
        "opd": (200, True),  # the admin of E's own OPD
        "opd_foreign": (404, None),
        "atasan": (200, False),  # S supervises E and reads its profile, not its sanctions
        "self": (200, True),
        "other": (404, None),
        "integrasi": (200, False),
        "layanan": (200, False),
    }
    seen = {}
    for caller, headers in caller_headers(w).items():
        r = await gateway_client.get(f"/api/v1/profil/{w.E}", headers=headers)
        direct = await kinerja_client.get("/api/v1/hukuman-disiplin", params={"nip": w.E}, headers=headers)
        kinerja_shows = direct.status_code == 200 and any(h["id"] == w.H for h in direct.json()["items"])
        if r.status_code == 404:
            assert_problem(r, 404)
            seen[caller] = (404, None)
            continue
        assert r.status_code == 200, (caller, r.text)
        sanctions = r.json()["hukuman_disiplin"]
        assert (sanctions is not None) == kinerja_shows, caller
        assert w.H not in r.text or kinerja_shows, caller  # not anywhere in the answer either
        seen[caller] = (200, sanctions is not None)
    assert seen == expected


async def test_the_calls_are_a_fixed_few_whatever_the_employee_holds(
    pegawai_app,
    kompetensi_app,
    kinerja_app,
    pengembangan_app,
    pegawai_client,
    kompetensi_client,
    kinerja_client,
    pengembangan_client,
):
    """One call per part (seven, four services), however many awards, JP entries or years the
    employee has; at most compose_max_concurrent_calls of them in flight."""
    w = await small_world(pegawai_client, kompetensi_client, kinerja_client, pengembangan_client)
    apps = {
        "pegawai": pegawai_app,
        "kompetensi": kompetensi_app,
        "kinerja": kinerja_app,
        "pengembangan": pengembangan_app,
    }

    async def count(limit: int) -> tuple[dict[str, Counting], InFlight]:
        gauge = InFlight()
        transports = {s: Counting(apps[s], gauge) for s in SERVICES}
        async with gateway(GatewaySettings(compose_max_concurrent_calls=limit), dict(transports)) as gw:
            r = await gw.get(f"/api/v1/profil/{w.E}", headers=auth("admin_bkpsdm"))
            assert r.status_code == 200, r.text
        return transports, gauge

    first, gauge = await count(8)
    assert gauge.most > 2  # unbounded enough, the parts run concurrently
    calls = {s: sum(t.calls.values()) for s, t in first.items()}
    assert calls == {"pegawai": 1, "kompetensi": 1, "kinerja": 3, "pengembangan": 2}, {
        s: dict(t.calls) for s, t in first.items()
    }
    for n in range(5):  # more of everything the profile lists
        award = {"nip": w.E, "jenis": "slks_x", "tanggal": f"202{n}-08-17", "nomor_sk": f"KEPPRES {n + 2}/2025"}
        assert (await kinerja_client.post("/api/v1/penghargaan", json=award)).status_code == 201
        entry = {
            "nip": w.E,
            "sumber": "riwayat",
            "tahun": 2020 + n,
            "jp": 8,
            "uraian": f"Diklat {n}",
            "jenis": "bimtek",
        }
        made = await pengembangan_client.post("/api/v1/jp", json=entry)
        assert made.status_code == 201, made.text
        skp = {"nip": w.E, "tahun": 2014 + n, "skala": "pp_46_2011", "nilai": 80}
        assert (await kinerja_client.post("/api/v1/skp-lama", json=skp)).status_code == 201
    again, _ = await count(8)
    assert {s: sum(t.calls.values()) for s, t in again.items()} == calls
    _, bounded = await count(2)
    assert bounded.most == 2


def _asyncpg(url: str) -> str:
    return url.replace("postgresql://", "postgresql+asyncpg://", 1)


@contextmanager
def kinerja_process(database_url: str, pegawai_url: str) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """The kinerja service as it runs in production: `python -m kinerja` in a process of its own, on
    the test server's kinerja database (it sees what is committed there: nothing of a test's world)."""
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": _asyncpg(database_url),
        "PORT": str(port),
        "HOST": "127.0.0.1",
        "OUTBOX_RELAY_ENABLED": "false",
        "PEGAWAI_URL": pegawai_url,
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": os.pathsep.join(str(ROOT / p) for p in ("", "services/kinerja")),
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "kinerja"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert proc.poll() is None, "kinerja exited before it was ready"
            assert time.monotonic() < deadline, "kinerja was not ready within 60 s"
            time.sleep(0.2)
        yield url, proc
    finally:
        if proc.poll() is None:
            proc.terminate()
            proc.wait(timeout=30)


async def test_kinerja_down_answers_503_naming_it_and_a_slow_award_list_only_a_warning(
    database_urls, pegawai_app, kompetensi_app, pengembangan_app, pegawai_client
):
    """kinerja runs as a real process. Its awards held up (their table locked by another
    transaction): the profile comes without them, `warnings` naming the part and the service.
    The process stopped: 503 naming kinerja, since the predikat and the sanctions are not optional."""
    unit = await make_unit(pegawai_client, jenis="instansi")
    jabatan = await make_jabatan(pegawai_client, unit["id"])
    nip = (await make_pegawai(pegawai_client, jabatan["id"]))["nip"]
    transports = {
        "pegawai": httpx.ASGITransport(app=pegawai_app),
        "kompetensi": httpx.ASGITransport(app=kompetensi_app),
        "pengembangan": httpx.ASGITransport(app=pengembangan_app),
    }
    engine: AsyncEngine = create_async_engine(_asyncpg(database_urls["kinerja"]))
    try:
        # kinerja asks pegawai who the caller reaches: pegawai (this test's) over a real socket.
        async with serving(pegawai_app) as pegawai_url:
            await _down_and_slow(engine, database_urls["kinerja"], pegawai_url, transports, nip)
    finally:
        await engine.dispose()


async def _down_and_slow(
    engine: AsyncEngine, database_url: str, pegawai_url: str, transports: dict[str, Any], nip: str
) -> None:
    with kinerja_process(database_url, pegawai_url) as (url, proc):
        # The optional part's deadline is short enough for the test, long enough for a loaded
        # machine; the first request warms the fresh process (its pool, its first queries).
        settings = GatewaySettings(kinerja_url=url, compose_optional_timeout_seconds=2.0)
        async with gateway(settings, transports) as gw:
            gw.headers.update(auth("admin_bkpsdm"))
            await gw.get(f"/api/v1/profil/{nip}")
            whole = await gw.get(f"/api/v1/profil/{nip}")
            assert whole.status_code == 200, whole.text
            assert whole.json()["warnings"] == [] and whole.json()["penghargaan"] == []

            async with engine.connect() as other:
                await other.execute(text("SET lock_timeout = '5s'"))
                await other.execute(text("LOCK TABLE penghargaan IN ACCESS EXCLUSIVE MODE"))
                # Answered while the awards are still locked: the optional part's deadline ended
                # the wait, not the service.
                partial = await gw.get(f"/api/v1/profil/{nip}")
                await other.rollback()
            assert partial.status_code == 200, partial.text
            body = partial.json()
            assert body["penghargaan"] is None and body["hukuman_disiplin"] == []
            assert body["kinerja"] == {"terakhir": None, "riwayat": []}
            [warning] = body["warnings"]
            assert (warning["bagian"], warning["layanan"], warning["kode"]) == (
                "penghargaan",
                "kinerja",
                "upstream-part-timeout",
            )
            assert "penghargaan" in warning["pesan"] and "kinerja" in warning["pesan"]

            proc.terminate()
            proc.wait(timeout=30)
            down = await gw.get(f"/api/v1/profil/{nip}")
    problem = assert_problem(down, 503, "kinerja")
    assert problem["service"] == "kinerja" and problem["type"].endswith("/upstream-unavailable")
    assert down.headers["retry-after"]


async def test_a_profile_out_of_reach_or_unknown_is_404_and_a_bad_nip_422(gateway_client, pegawai_client):
    nip = (await make_pegawai(pegawai_client))["nip"]
    assert_problem(
        await gateway_client.get(f"/api/v1/profil/{nip}", headers=auth("pegawai", nip="198001012005011001")), 404
    )
    assert_problem(await gateway_client.get("/api/v1/profil/199901012020011001"), 404)
    assert_problem(await gateway_client.get("/api/v1/profil/12345"), 422)


async def test_the_profile_is_in_the_gateways_openapi_with_its_optional_parts(gateway_client):
    """The merged contract at /openapi.json holds the composed operation beside the routed ones:
    described, with an example, its error answers as problem+json, and its optional parts named."""
    doc = (await gateway_client.get("/openapi.json")).json()
    op = doc["paths"]["/api/v1/profil/{nip}"]["get"]
    assert op["operationId"] == "getProfil" and op["summary"] and "Optional parts: `penghargaan`" in op["description"]
    assert {"401", "404", "422", "502", "503"} <= set(op["responses"])
    assert op["responses"]["503"]["content"] == {
        "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
    }
    parts = {p["name"]: p for p in op["x-composed-parts"]}
    assert [n for n, p in parts.items() if p["optional"]] == ["penghargaan"]
    assert parts["hukuman_disiplin"] == {"name": "hukuman_disiplin", "service": "kinerja", "optional": False}
    schema = doc["components"]["schemas"]["ProfilOut"]
    assert schema["examples"][0]["nip"] and "warnings" in schema["required"]
    assert op["security"] == [{"bearerAuth": []}]
    assert "/api/v1/pegawai/{nip}" in doc["paths"]  # the routed operations are still there
