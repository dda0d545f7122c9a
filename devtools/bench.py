"""`make bench`: Pemda-scale figures, each beside the raw SQL floor of the same work.

Generates 40 OPDs / 1,500 positions / 10,000 employees (deterministic), loads them into a fresh
database (embedded PostgreSQL, or BENCH_DATABASE_URL = a server URL), starts the real services
and the gateway as processes, and measures p50/p95 three ways in one run: the SQL alone through
asyncpg (the floor), the service over HTTP, and the same call through the gateway. Prints the
figures and ratios and records them in docs/benchmarks.md.

Scenarios are plain functions registered in SCENARIOS, so each service adds its own.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import io
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import asyncpg
import httpx
import numpy as np
from pydantic import SecretStr
from tqdm import tqdm

from devtools.pg import ROOT, libpq, start_embedded, with_database
from devtools.signing import dev_secret
from devtools.sql import sql_of
from shared.auth import create_dev_token
from shared.db import SESSION_SETTINGS
from shared.kepegawaian import SERVING_VALUES
from shared.settings import ServiceSettings
from shared.workbook import XLSX_MEDIA

DOC = ROOT / "docs" / "benchmarks.md"


@dataclass
class Figure:
    scenario: str
    way: str
    samples: list[float]

    @property
    def p50(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        return statistics.quantiles(self.samples, n=20)[18]


def matches(match: str, scenario: str) -> bool:
    """--match: no filter, or one of its |-separated parts is in the scenario's name."""
    return not match or any(m in scenario for m in match.split("|"))


@dataclass
class Bench:
    """What a scenario gets: database URLs, HTTP clients and the dataset."""

    urls: dict[str, str]
    service: dict[str, httpx.AsyncClient]
    gateway: httpx.AsyncClient
    data: Any
    samples: int
    bare: httpx.AsyncClient | None = None  # devtools.bare: the same SQL and JSON with nothing else
    ways: frozenset[str] = frozenset()  # empty: every way
    match: str = ""  # only scenarios whose name contains this
    # --variant: more copies of the services and gateway, each with its own environment,
    # measured beside the others as "service:<name>" and "gateway:<name>".
    variants: dict[str, dict[str, httpx.AsyncClient]] = field(default_factory=dict)
    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # lines under the table (e.g. throughput)

    def selected(self, scenario: str) -> bool:
        return matches(self.match, scenario)

    async def compare(
        self,
        scenario: str,
        calls: dict[str, Callable[[], Awaitable[Any]]],
        samples: int | None = None,
        warm: bool = True,
    ) -> None:
        """Time each way of one scenario, interleaved (floor, bare, service, gateway, floor, ...), so
        that a noisy neighbour slows every way alike rather than whichever ran at the time. A call
        that takes seconds may take fewer `samples` than the run's, and no warm-up (`warm` False:
        then no answers are compared either)."""
        calls = {w: c for w, c in calls.items() if not self.ways or w in self.ways}
        if not calls or not self.selected(scenario):
            return
        answers: dict[str, Any] = {}
        for way, call in calls.items() if warm else ():
            answers[way] = await call()
            for _ in range(max(5, self.samples // 10)):  # warm caches and connections
                await call()
        same_bytes(scenario, {w: a for w, a in answers.items() if w != "floor"})
        times: dict[str, list[float]] = {w: [] for w in calls}
        order = list(calls.items())
        for i in range(self.samples if samples is None else samples):
            for way, call in order[i % len(order) :] + order[: i % len(order)]:  # rotate who goes first
                start = time.perf_counter()
                await call()
                times[way].append((time.perf_counter() - start) * 1000)
        for way, samples in times.items():
            fig = Figure(scenario, way, samples)
            self.figures.append(fig)
            print(f"  {scenario:<34} {way:<8} p50 {fig.p50:7.1f} ms   p95 {fig.p95:7.1f} ms", flush=True)


def same_bytes(scenario: str, answers: dict[str, bytes]) -> None:
    """The bare tier must answer the very bytes the service does (and the gateway passes them on)."""
    if len(set(answers.values())) <= 1:
        return
    ref_way, ref = next(iter(answers.items()))
    for way, got in answers.items():
        if got != ref:
            at = next((i for i, (a, b) in enumerate(zip(ref, got, strict=False)) if a != b), min(len(ref), len(got)))
            raise SystemExit(
                f"{scenario}: {way} answered other bytes than {ref_way} from byte {at}: "
                f"{ref[max(0, at - 60) : at + 60]!r} vs {got[max(0, at - 60) : at + 60]!r}"
            )


async def http_ok(client: httpx.AsyncClient, method: str, path: str, **kwargs: Any) -> Any:
    response = await client.request(method, path, **kwargs)
    if response.status_code != 200:
        raise SystemExit(f"{method} {path} answered {response.status_code}: {response.text[:300]}")
    return response.content


def http_ways(
    b: Bench, service: str, method: str, path: str, *, bare: bool = True, **kwargs: Any
) -> dict[str, Callable[[], Awaitable[Any]]]:
    """The same request to the bare tier (when it has the route), the service and the gateway."""
    clients = {"bare": b.bare if bare else None, "service": b.service[service], "gateway": b.gateway}
    for name, variant in b.variants.items():
        clients |= {f"service:{name}": variant[service], f"gateway:{name}": variant["gateway"]}
    return {way: (lambda c=c: http_ok(c, method, path, **kwargs)) for way, c in clients.items() if c is not None}


# --- pegawai scenarios -------------------------------------------------------------------


async def floor_connection(url: str) -> asyncpg.Connection:
    """A plain asyncpg connection with the session settings the services use (shared.db)."""
    return await asyncpg.connect(libpq(url), server_settings=SESSION_SETTINGS)


def pegawai_statements(data: Any) -> dict[str, Any]:
    from pegawai.pegawai.queries import PegawaiFilter, by_nips_statement, list_statement
    from pegawai.reach import Reached
    from shared.pagination import windowed
    from shared.rules import load_golongan, load_pendidikan

    EVERYTHING = Reached(None, None)  # the benchmark reads as admin_bkpsdm
    opd = data.opds()[0]
    filters = PegawaiFilter(
        unit_id=opd.id,
        golongan_min_rank=load_golongan().get("III/a").rank,
        pendidikan_min_rank=load_pendidikan().levels["S1"].comparison_rank,
        kedudukan=["aktif"],
    )
    surname = data.pegawai[123].nama.split()[-1]
    typo = surname[:-2] + surname[-1] + surname[-2]  # swapped last letters
    nips = [p.nip for p in data.pegawai[:1000]]
    return {
        "list": (
            windowed(list_statement(filters, EVERYTHING), 50, 0),
            {
                "unit_id": str(opd.id),
                "golongan_min": "III/a",
                "pendidikan_min": "S1",
                "kedudukan": "aktif",
                "limit": 50,
            },
        ),
        "search": (windowed(list_statement(PegawaiFilter(q=typo), EVERYTHING), 20, 0), {"q": typo, "limit": 20}),
        "lookup": (by_nips_statement(nips, EVERYTHING), nips),
    }


async def pegawai_scenarios(b: Bench) -> None:
    statements = pegawai_statements(b.data)
    conn = await floor_connection(b.urls["pegawai"])
    try:
        for name, label in (("list", "filtered list (50 of an OPD)"), ("search", "typo-tolerant name search")):
            stmt, params = statements[name]
            sql, args = sql_of(stmt)

            async def floor(sql: str = sql, args: list[Any] = args) -> Any:
                return [dict(r) for r in await conn.fetch(sql, *args)]

            await b.compare(label, {"floor": floor, **http_ways(b, "pegawai", "GET", "/api/v1/pegawai", params=params)})
        stmt, nips = statements["lookup"]
        sql, args = sql_of(stmt)

        async def lookup_floor() -> Any:
            return [dict(r) for r in await conn.fetch(sql, *args)]

        label = "bulk lookup of 1,000 NIPs"
        await b.compare(
            label,
            {"floor": lookup_floor, **http_ways(b, "pegawai", "POST", "/api/v1/pegawai/lookup", json={"nips": nips})},
        )
    finally:
        await conn.close()


# --- kompetensi scenarios ----------------------------------------------------------------


def unit_near(data: Any, size: int) -> tuple[Any, list[Any]]:
    """The unit (with its sub-units) whose serving staff is closest to `size`."""
    children: dict[Any, list[Any]] = {}
    for u in data.units:
        children.setdefault(u.parent_id, []).append(u.id)
    unit_of = {j.id: j.unit_id for j in data.jabatan}
    staff: dict[Any, list[Any]] = {}
    for p in data.pegawai:
        if p.kedudukan in SERVING_VALUES:
            staff.setdefault(unit_of[p.jabatan_id], []).append(p)

    def below(uid: Any) -> list[Any]:
        return staff.get(uid, []) + [p for c in children.get(uid, []) for p in below(c)]

    best = min(data.units, key=lambda u: abs(len(below(u.id)) - size))
    return best, below(best.id)


async def kompetensi_scenarios(b: Bench) -> None:
    from kompetensi.jpm.queries import for_position_sql as for_position
    from kompetensi.jpm.queries import gaps_sql as gaps
    from pegawai.pegawai.queries import roster_statement
    from pegawai.reach import Reached
    from shared.kepegawaian import SERVING_VALUES

    kom = await floor_connection(b.urls["kompetensi"])
    peg = await floor_connection(b.urls["pegawai"])
    try:
        nips = [p.nip for p in b.data.pegawai]
        position = b.data.jabatan[0]
        from kompetensi.jpm.queries import standard_of_sql as standard_of
        from shared.rules import load_jpm

        std_sql, std_args = sql_of(standard_of(position.id))
        bands = [(band.kode, band.min) for band in load_jpm().bands["pemetaan"]]
        label = f"JPM of one position, {len(nips):,} NIPs"
        body = {"nips": nips}

        async def jpm_floor() -> Any:
            required = [r["dibutuhkan"] for r in await kom.fetch(std_sql, *std_args)]
            sql, args = sql_of(for_position(position.id, nips, required, bands, True))
            return await kom.fetchval(sql, *args)

        await b.compare(
            label,
            {"floor": jpm_floor, **http_ways(b, "kompetensi", "POST", f"/api/v1/jpm/jabatan/{position.id}", json=body)},
        )

        unit, staff = unit_near(b.data, 500)
        label = f"gap matrix of a {len(staff)}-employee unit"
        list_sql, list_args = sql_of(roster_statement(unit.id, SERVING_VALUES, Reached(None, None)))

        async def gap_floor() -> Any:
            people = await peg.fetch(list_sql, *list_args)
            gap_sql, gap_args = sql_of(gaps([r["nip"] for r in people], [r["jabatan_id"] for r in people]))
            return await kom.fetch(gap_sql, *gap_args)

        body2 = {"unit_id": str(unit.id)}
        await b.compare(
            label, {"floor": gap_floor, **http_ways(b, "kompetensi", "POST", "/api/v1/matriks-gap", json=body2)}
        )
    finally:
        await kom.close()
        await peg.close()


async def kinerja_scenarios(b: Bench) -> None:
    """Issue 11's aim: the latest predikat and history of 10,000 NIPs under 100 ms at p95, four
    ways (the bare tier runs the same statement and builds the same JSON)."""
    from kinerja.skp.queries import history_statement

    kin = await floor_connection(b.urls["kinerja"])
    try:
        nips = [p.nip for p in b.data.pegawai]
        sql, args = sql_of(history_statement(None).params(nips=nips))

        async def floor() -> Any:
            return await kin.fetch(sql, *args)

        body = {"nips": nips, "tahun_terakhir": 3}
        ways = http_ways(b, "kinerja", "POST", "/api/v1/predikat-kinerja/bulk", json=body)
        await b.compare(f"predikat of {len(nips):,} NIPs", {"floor": floor, **ways})
        await unit_activity_summary(b, kin)
    finally:
        await kin.close()


async def unit_activity_summary(b: Bench, kin: asyncpg.Connection) -> None:
    """Issue 11's aim: the activity summary of a ~500-employee OPD unit for a month under 300 ms
    at p95. The demo loader wrote last week's entries for everyone; the month is that week's.
    The floor reads the unit's roster from pegawai and sums the month in kinerja, as the service
    does (which asks pegawai over HTTP for the roster)."""
    from datetime import timedelta

    from kinerja.aktivitas.queries import SUMMARY
    from kinerja.aktivitas.service import month_of
    from pegawai.pegawai.queries import roster_statement
    from pegawai.reach import Reached

    unit, staff = unit_near(b.data, 500)
    day = date.today() - timedelta(days=7)
    dari, sampai = month_of(day)
    peg = await floor_connection(b.urls["pegawai"])
    roster_sql, roster_args = sql_of(roster_statement(unit.id, SERVING_VALUES, Reached(None, None)))
    try:

        async def floor() -> Any:
            people = [r["nip"] for r in await peg.fetch(roster_sql, *roster_args)]
            sql, args = sql_of(SUMMARY.bindparams(nips=people, dari=dari, sampai=sampai))
            return await kin.fetch(sql, *args)

        path = f"/api/v1/aktivitas/ringkasan/unit?unit_id={unit.id}&periode=bulan&tanggal={day.isoformat()}"
        ways = http_ways(b, "kinerja", "GET", path, bare=False)
        await b.compare(f"activity of a {len(staff)}-employee unit, a month", {"floor": floor, **ways})
    finally:
        await peg.close()


async def pengembangan_scenarios(b: Bench) -> None:
    """The JP ledger's aims: the JP of a year of 10,000 NIPs (with the status of each, so every
    verdict is computed) under 100 ms at p95, and the 20 JP compliance report of the whole Pemda
    under 1 s. The floor of the report reads the Pemda's roster from pegawai and the year's totals
    in pengembangan, as the service does (which asks pegawai over HTTP for the roster). Beside
    them, what the bulk would cost if it asked pegawai for the status of its 10,000 NIPs itself
    (shared.clients.PegawaiClient: ten concurrent lookups of 1,000): why it takes them from the
    caller instead."""
    from pegawai.pegawai.queries import by_nips_statement, roster_statement
    from pegawai.reach import Reached
    from pengembangan.jp.queries import totals_statement
    from shared.clients import PegawaiClient

    tahun = date.today().year
    nips = [p.nip for p in b.data.pegawai]
    status = {p.nip: p.status_kepegawaian for p in b.data.pegawai}
    pen = await floor_connection(b.urls["pengembangan"])
    peg = await floor_connection(b.urls["pegawai"])
    try:
        sql, args = sql_of(totals_statement().params(nips=nips, tahun=tahun))

        async def bulk_floor() -> Any:
            return await pen.fetch(sql, *args)

        body = {"nips": nips, "tahun": tahun, "status": status}
        ways = http_ways(b, "pengembangan", "POST", "/api/v1/jp/bulk", json=body)
        await b.compare(f"JP of {len(nips):,} NIPs", {"floor": bulk_floor, **ways})

        root = next(u for u in b.data.units if u.parent_id is None)
        roster_sql, roster_args = sql_of(roster_statement(root.id, SERVING_VALUES, Reached(None, None)))

        async def report_floor() -> Any:
            people = [r["nip"] for r in await peg.fetch(roster_sql, *roster_args)]
            sql, args = sql_of(totals_statement().params(nips=people, tahun=tahun))
            return await pen.fetch(sql, *args)

        path = f"/api/v1/jp/kepatuhan?unit_id={root.id}&tahun={tahun}"
        ways = http_ways(b, "pengembangan", "GET", path, bare=False)
        serving = sum(1 for p in b.data.pegawai if p.kedudukan in SERVING_VALUES)
        await b.compare(f"JP compliance of the Pemda ({serving:,})", {"floor": report_floor, **ways})

        lookup_sql, lookup_args = sql_of(by_nips_statement(nips, Reached(None, None)))
        client = PegawaiClient(str(b.service["pegawai"].base_url), timeout=30)
        token = b.service["pegawai"].headers["Authorization"].removeprefix("Bearer ")

        async def lookup_floor() -> Any:
            return await peg.fetch(lookup_sql, *lookup_args)

        async def lookup() -> Any:
            return len(await client.lookup_pegawai(nips, token))

        try:
            label = f"pegawai records of {len(nips):,} NIPs"
            await b.compare(label, {"floor": lookup_floor, "service": lookup})
        finally:
            await client.aclose()
    finally:
        await pen.close()
        await peg.close()


# The write peak's concurrency (more clients: more throughput until the two cores are full, then
# only longer waits); ASN_BENCH_PEAK_CLIENTS measures another.
PEAK_CLIENTS = int(os.environ.get("ASN_BENCH_PEAK_CLIENTS", "8"))
PEAK_SECONDS = 20.0
PEAK_DAY = ((450, 510), (510, 570), (570, 630), (630, 690), (780, 840), (840, 900))  # six entries, minutes


async def activity_peak(b: Bench) -> None:
    """Issue 11's write peak: employees each send their day's six entries in one request, from
    PEAK_CLIENTS concurrent clients for PEAK_SECONDS, each with its own token; then every
    acknowledged entry must be in the database. Aim on 2 cores: 300 entries/s, p95 under 100 ms,
    none lost. Reported as a row (the service's latency) and a line (throughput, errors, lost)."""
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    label = f"activity peak, {PEAK_CLIENTS} clients, 6 entries a request"
    if not b.selected(label) or (b.ways and "service" not in b.ways):
        return
    secret = ServiceSettings(jwt_dev_secret=SecretStr(dev_secret()))
    day = (datetime.now(ZoneInfo("Asia/Jakarta")) - timedelta(days=1)).date().isoformat()
    people = iter([p.nip for p in b.data.pegawai if p.kedudukan == "aktif" and p.jabatan_id])
    base_url = str(b.service["kinerja"].base_url)
    latencies: list[float] = []
    acknowledged: list[str] = []
    errors: dict[int, int] = {}

    async def client() -> None:
        async with httpx.AsyncClient(base_url=base_url, timeout=30) as c:
            while time.perf_counter() < stop:
                nip = next(people, None)
                if nip is None:
                    return
                token = create_dev_token(secret, sub=f"bench-{nip}", roles=["pegawai"], nip=nip)
                body = {
                    "nip": nip,
                    "tanggal": day,
                    "items": [
                        {
                            "mulai": f"{a // 60:02d}:{a % 60:02d}",
                            "selesai": f"{z // 60:02d}:{z % 60:02d}",
                            "uraian": "Menyusun laporan kegiatan harian",
                            "tugas_indeks": 0,
                        }
                        for a, z in PEAK_DAY
                    ],
                }
                started = time.perf_counter()
                r = await c.post("/api/v1/aktivitas/bulk", json=body, headers={"Authorization": f"Bearer {token}"})
                latencies.append((time.perf_counter() - started) * 1000)
                if r.status_code == 201:
                    acknowledged.append(nip)
                else:
                    errors[r.status_code] = errors.get(r.status_code, 0) + 1

    began = time.perf_counter()
    stop = began + PEAK_SECONDS
    await asyncio.gather(*(client() for _ in range(PEAK_CLIENTS)))
    elapsed = time.perf_counter() - began
    kin = await floor_connection(b.urls["kinerja"])
    try:
        stored = await kin.fetchval(
            "SELECT count(*) FROM aktivitas_harian WHERE tanggal = $1::date AND nip = ANY($2::varchar[])",
            date.fromisoformat(day),
            acknowledged,
        )
    finally:
        await kin.close()
    fig = Figure(label, "service", latencies)
    b.figures.append(fig)
    entries = len(acknowledged) * len(PEAK_DAY)
    p99 = statistics.quantiles(latencies, n=100)[98]
    b.notes.append(
        f"{label}: {entries / elapsed:.0f} entries/s sustained over {elapsed:.0f} s "
        f"({len(acknowledged):,} requests acknowledged), p50 {fig.p50:.1f} ms, p95 {fig.p95:.1f} ms, "
        f"p99 {p99:.1f} ms, errors {sum(errors.values())} {errors or ''}, "
        f"acknowledged entries missing afterwards: {entries - stored}"
    )
    print("  " + b.notes[-1], flush=True)


# --- pengembangan scenarios --------------------------------------------------------------

APPROVALS = int(os.environ.get("ASN_BENCH_APPROVALS", "100"))
APPROVAL_CLIENTS = int(os.environ.get("ASN_BENCH_APPROVAL_CLIENTS", "4"))
APPROVAL_ROUNDS = 3
APPROVAL_FITS = 60  # of the APPROVALS, how many the budget fits


async def pengembangan_approvals(b: Bench) -> None:
    """The issue's aim: APPROVALS concurrent approvals against one budget, none overspent, p95
    under 200 ms. Per round: a batch of its own (seats for all) in a year of its own, an OPD's
    allocation of that year fitting APPROVAL_FITS of them, APPROVALS employees of the OPD proposed
    in one request (the relevance check runs there, for all at once), then every approval
    (BKPSDM, If-Match *) sent either all at once or by APPROVAL_CLIENTS concurrent clients. All
    take the same budget's lock, one after the other. After each round the database must hold
    exactly APPROVAL_FITS enrollments, their cost within the allocation, and as many seats taken.
    Two rows: all at once (the approvals of a round queue behind one another: its p95 is about
    the round's length) and through the clients."""
    labels = {
        None: f"{APPROVALS} approvals at once, one budget",
        APPROVAL_CLIENTS: f"{APPROVALS} approvals, {APPROVAL_CLIENTS} clients, one budget",
    }
    if b.ways and "service" not in b.ways:
        return
    wanted = {k: v for k, v in labels.items() if b.selected(v)}
    if not wanted:
        return
    pen = b.service["pengembangan"]
    position_opd = {j.id: j.opd_id for j in b.data.jabatan}
    staff: dict[Any, list[str]] = {}
    for p in b.data.pegawai:
        if p.kedudukan == "aktif" and p.jabatan_id in position_opd:
            staff.setdefault(position_opd[p.jabatan_id], []).append(p.nip)
    opd, nips = max(staff.items(), key=lambda kv: len(kv[1]))
    nips = nips[:APPROVALS]
    cost = 5_000_000
    stamp = int(time.time())
    program = await http_json(
        pen,
        "POST",
        "/api/v1/program",
        json={
            "kode": f"BENCH-{stamp}",
            "nama": "Bimtek Integritas (bench)",
            "jenis": "bimtek",
            "kompetensi": [{"kode_kompetensi": "INT", "level": 3}],  # every demo standard asks INT
            "jp": 24,
            "penyelenggara": "bkpsdm",
            "biaya_per_peserta": cost,
        },
    )
    pg = await floor_connection(b.urls["pengembangan"])
    # Each round a year of its own, after any year the OPD already has a budget or enrollments of.
    year = max(
        date.today().year + 1,
        await pg.fetchval("SELECT coalesce(max(tahun), 0) FROM anggaran WHERE opd_id = $1", opd),
        await pg.fetchval("SELECT coalesce(max(tahun_anggaran), 0) FROM peserta WHERE opd_id = $1", opd),
    )
    try:
        for clients, label in wanted.items():
            latencies: list[float] = []
            outcomes: dict[str, int] = {}
            loads: list[float] = []
            wall: list[float] = []
            for _ in range(APPROVAL_ROUNDS):
                year += 1
                alokasi = APPROVAL_FITS * cost + cost // 2
                batch = await http_json(
                    pen,
                    "POST",
                    "/api/v1/angkatan",
                    json={
                        "program_id": program["id"],
                        "kode": f"{year}-B{stamp % 1000}",
                        "tanggal_mulai": f"{year}-03-02",
                        "tanggal_selesai": f"{year}-03-05",
                        "kuota": len(nips) + 10,
                        "status": "dibuka",
                    },
                )
                await http_json(
                    pen,
                    "PUT",
                    f"/api/v1/anggaran/{opd}/{year}",
                    json={"pagu": 100 * alokasi, "alokasi": alokasi},
                    headers={"If-Match": "*"},  # a budget of that year set by an earlier run is replaced
                )
                proposed = await http_json(
                    pen, "POST", "/api/v1/usulan", json={"angkatan_id": batch["id"], "nips": nips, "opd_id": str(opd)}
                )
                gate = asyncio.Semaphore(clients or len(nips))
                loads.append(os.getloadavg()[0])
                began = time.perf_counter()
                await asyncio.gather(*(approve_one(pen, u["id"], gate, latencies, outcomes) for u in proposed["items"]))
                wall.append(time.perf_counter() - began)
                spent, enrolled = await pg.fetchrow(
                    "SELECT coalesce(sum(biaya), 0)::bigint, count(*) FROM peserta "
                    "WHERE opd_id = $1 AND tahun_anggaran = $2 AND status <> 'batal'",
                    opd,
                    year,
                )
                terisi = await pg.fetchval("SELECT terisi FROM angkatan WHERE id = $1", uuid.UUID(batch["id"]))
                if spent > alokasi or enrolled != APPROVAL_FITS or terisi != enrolled:
                    raise SystemExit(
                        f"{label}: committed Rp{spent:,} against an allocation of Rp{alokasi:,} with {enrolled} "
                        f"enrollments and {terisi} seats taken (expected {APPROVAL_FITS}); answers {outcomes}"
                    )
            fig = Figure(label, "service", latencies)
            b.figures.append(fig)
            b.notes.append(
                f"{label}: {APPROVAL_ROUNDS} rounds of {len(nips)} approvals against an allocation fitting "
                f"{APPROVAL_FITS}: p50 {fig.p50:.1f} ms, p95 {fig.p95:.1f} ms, max {max(latencies):.1f} ms; a round "
                f"took {statistics.mean(wall) * 1000:.0f} ms on average ({len(nips) / statistics.mean(wall):.0f} "
                f"approvals/s); answers {dict(sorted(outcomes.items()))}; none overspent: exactly {APPROVAL_FITS} "
                f"enrolled, within the allocation, as many seats taken, each round (checked in the database); "
                f"1-minute load average at the start of the rounds {', '.join(f'{x:.2f}' for x in loads)}"
            )
            print("  " + b.notes[-1], flush=True)
    finally:
        await pg.close()


async def approve_one(
    pen: httpx.AsyncClient, usulan_id: str, gate: asyncio.Semaphore, latencies: list[float], outcomes: dict[str, int]
) -> None:
    async with gate:
        started = time.perf_counter()
        r = await pen.post(f"/api/v1/usulan/{usulan_id}/setujui", headers={"If-Match": "*"})
        latencies.append((time.perf_counter() - started) * 1000)
    code = "" if r.status_code == 200 else r.json().get("type", "").rsplit("/", 1)[-1]
    key = "approved" if r.status_code == 200 else f"{r.status_code} {code}"
    outcomes[key] = outcomes.get(key, 0) + 1


async def http_json(client: httpx.AsyncClient, method: str, path: str, **kwargs: Any) -> Any:
    response = await client.request(method, path, **kwargs)
    if response.status_code not in (200, 201):
        raise SystemExit(f"{method} {path} answered {response.status_code}: {response.text[:300]}")
    return response.json()


def _timings(response: httpx.Response) -> dict[str, float]:
    """`Server-Timing` by name, in milliseconds."""
    pairs = (part.strip().split(";dur=") for part in response.headers.get("server-timing", "").split(",") if part)
    return {name: float(ms) for name, ms in pairs}


# --- the gateway's composed endpoints ----------------------------------------------------


@dataclass
class Timed:
    """A composed endpoint's answers through one gateway, as its Server-Timing told them: per answer
    the wait for the services (from the first call to the last answer) and each part from its start
    to its answer. The rest of an answer's time is the gateway's own (token, composing, deciding,
    validating, serialising, a workbook) and the network to it. With `xlsx` each request asks for
    the workbook and each answer must say it is one; the first is kept to be opened after the
    timing (`workbook`)."""

    xlsx: bool = False
    waited: list[float] = field(default_factory=list)
    parts: dict[str, list[float]] = field(default_factory=dict)
    first: bytes | None = None

    async def request(self, client: httpx.AsyncClient, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """One request, which must answer 200 (and a workbook when `xlsx`); its Server-Timing recorded."""
        if self.xlsx:
            kwargs["headers"] = {**kwargs.get("headers", {}), "Accept": XLSX_MEDIA}
        response = await client.request(method, path, **kwargs)
        if response.status_code != 200:
            raise SystemExit(f"{method} {path} answered {response.status_code}: {response.text[:300]}")
        if self.xlsx:
            media = response.headers.get("content-type", "").split(";")[0].strip()
            if media != XLSX_MEDIA:
                raise SystemExit(f"{method} {path} answered {media or 'no content type'}, not a workbook")
            if self.first is None:
                self.first = response.content
        timing = _timings(response)
        self.waited.append(timing.get("services", float("nan")))
        for name, ms in timing.items():
            if name not in ("services", "compose"):
                self.parts.setdefault(name, []).append(ms)
        return response

    def workbook(self, label: str) -> str:
        """The first workbook answered, opened with openpyxl (which must open it): its size and sheets."""
        from openpyxl import load_workbook

        if self.first is None:
            raise SystemExit(f"{label}: no workbook was answered")
        try:
            book = load_workbook(io.BytesIO(self.first), read_only=True)
        except Exception as exc:  # a bad zip, a missing part, bad XML: not a workbook, whichever
            raise SystemExit(
                f"{label}: openpyxl does not open the answer ({len(self.first):,} bytes): {exc!r}"
            ) from exc
        try:
            return f"a workbook of {len(self.first) / 1024:,.0f} KB, sheets {', '.join(book.sheetnames)}"
        finally:
            book.close()


def note(b: Bench, text: str) -> None:
    b.notes.append(text)
    print("  " + text, flush=True)


def composed_note(b: Bench, label: str, total: Figure, timed: Timed, aim_ms: float, json: Figure | None = None) -> None:
    """The notes of a composed endpoint, alike for each: the total against its aim (a workbook's
    also against WORKBOOK_AIM_MS when its own aim is another), the wait for the services and the
    rest (the gateway and the network), and each part (p50 / p95). For a workbook also what
    openpyxl found in it, and what it adds to the `json` answer's total."""
    n = len(total.samples)
    services = Figure(label, "services", timed.waited[-n:])
    own = Figure(label, "gateway own", [t - s for t, s in zip(total.samples, services.samples, strict=True)])
    where = label if total.way == "gateway" else f"{label}, {total.way}"
    aims = [aim_ms] + ([WORKBOOK_AIM_MS] if timed.xlsx and aim_ms != WORKBOOK_AIM_MS else [])
    verdicts = "; ".join(f"aim p95 <= {a:,.0f} ms: {'met' if total.p95 <= a else 'NOT met'}" for a in aims)
    note(
        b,
        f"{where}: total p50 {total.p50:,.1f} / p95 {total.p95:,.1f} ms ({verdicts}); in "
        f"the services (first call to last answer) p50 {services.p50:,.1f} / p95 {services.p95:,.1f} ms; in the "
        f"gateway and the network p50 {own.p50:,.1f} / p95 {own.p95:,.1f} ms"
        + (f"; {n} samples" if n < 10 else "")
        + (f"; {timed.workbook(label)}" if timed.xlsx else "")
        + (f"; {total.p50 - json.p50:+,.1f} ms at p50 over the JSON answer" if json else ""),
    )
    parts = [Figure(label, name, ms[-n:]) for name, ms in timed.parts.items()]
    if parts:
        note(
            b,
            f"{where}, each part from its start to its answer (p50 / p95): "
            + "; ".join(f"{f.way} {f.p50:,.1f} / {f.p95:,.1f} ms" for f in parts),
        )


async def composed(
    b: Bench,
    label: str,
    aim_ms: float,
    call: Callable[[httpx.AsyncClient, Timed], Awaitable[Any]],
    *,
    xlsx: bool = False,
    json: dict[str, Figure] | None = None,
    runs: int | None = None,
) -> dict[str, Figure]:
    """Time a composed endpoint through the gateway and each --variant's (Bench.compare), then
    write its notes. `call(client, timed)` sends one request with `timed.request`; a call may vary
    its request with `len(timed.waited)` (the answers so far). `xlsx`: as the workbook, beside the
    `json` figures of the same request when given. `runs`: a few runs, no warm-up, for a request
    that takes seconds. The figures by way."""
    gateways = {"gateway": b.gateway, **{f"gateway:{name}": v["gateway"] for name, v in b.variants.items()}}
    timed = {way: Timed(xlsx) for way in gateways}

    def way_of(client: httpx.AsyncClient, t: Timed) -> Callable[[], Awaitable[Any]]:
        async def once() -> Any:
            await call(client, t)
            return b"same"  # answers differ: another person or position in turn, a workbook's zip its timestamps

        return once

    before = len(b.figures)
    calls = {way: way_of(client, timed[way]) for way, client in gateways.items()}
    await b.compare(label, calls, samples=runs, warm=runs is None)
    figures = {f.way: f for f in b.figures[before:]}
    for way, total in figures.items():
        composed_note(b, label, total, timed[way], aim_ms, (json or {}).get(way))
    return figures


def request(method: str, path: str, **kwargs: Any) -> Callable[[httpx.AsyncClient, Timed], Awaitable[httpx.Response]]:
    """The same request every time, for `composed`."""
    return lambda client, timed: timed.request(client, method, path, **kwargs)


# The issue: "every composed report ... downloads as an XLSX workbook ... each workbook under 2 s" (p95).
WORKBOOK_AIM_MS = 2000.0
PROFIL_AIM_MS = 100.0  # the full profile's aim at p95 (a person waits for it on opening a record)


async def profil_scenarios(b: Bench) -> None:
    """The gateway's full profile (GET /api/v1/profil/{nip}: seven bulk reads of four services,
    concurrently) of employees across the Pemda, in turn, through the gateway and each --variant's.
    Aim: p95 under 100 ms."""
    nips = [p.nip for p in b.data.pegawai[:: max(1, len(b.data.pegawai) // 50)]]
    await composed(
        b,
        f"full profile ({len(nips)} employees in turn)",
        PROFIL_AIM_MS,
        lambda c, t: t.request(c, "GET", f"/api/v1/profil/{nips[len(t.waited) % len(nips)]}"),
    )


PERENCANAAN_AIM_MS = 1000.0  # a needs plan is asked for a meeting, not on every click: p95 within a second


async def perencanaan_scenarios(b: Bench) -> None:
    """The gateway's needs plan (GET /api/v1/perencanaan/unit/{id}?tahun=5: pegawai's units, every
    page of its staffing list at once, and its retirement projection) of the whole Pemda and of the
    OPD with the most positions, as JSON; the whole Pemda as the meeting's workbook too."""
    root = next(u for u in b.data.units if u.parent_id is None)
    parent = {u.id: u.parent_id for u in b.data.units}
    opd_ids = {u.id for u in b.data.units if u.jenis == "opd"}

    def opd_of(unit_id: Any) -> Any:
        while unit_id is not None and unit_id not in opd_ids:
            unit_id = parent[unit_id]
        return unit_id

    per_opd: dict[Any, int] = {}
    for j in b.data.jabatan:
        per_opd[opd_of(j.unit_id)] = per_opd.get(opd_of(j.unit_id), 0) + 1
    largest = max((o for o in per_opd if o is not None), key=lambda o: per_opd[o])
    pemda = request("GET", f"/api/v1/perencanaan/unit/{root.id}", params={"tahun": 5})
    json = await composed(b, f"needs plan, whole Pemda ({len(b.data.jabatan)} positions)", PERENCANAAN_AIM_MS, pemda)
    opd = request("GET", f"/api/v1/perencanaan/unit/{largest}", params={"tahun": 5})
    await composed(b, f"needs plan, largest OPD ({per_opd[largest]} positions)", PERENCANAAN_AIM_MS, opd)
    await composed(b, "needs plan, whole Pemda, XLSX", PERENCANAAN_AIM_MS, pemda, xlsx=True, json=json)


IPASN_AIM_MS = 1000.0  # the whole Pemda's IP ASN, p95


async def ipasn_scenarios(b: Bench) -> None:
    """The gateway's IP ASN of the whole Pemda (GET /api/v1/ipasn, admin_bkpsdm: pegawai's compact
    employees, positions and units; kinerja's predikat and heaviest sanctions; pengembangan's JP
    ledger of the window, per kind; every employee scored, summed per OPD and overall), as JSON and
    as the workbook. And the IP ASN of one unit (GET /api/v1/ipasn/unit/{id}: the same reads and
    scores, and a row per employee) of the root unit, so of all 10,000 employees, as JSON and as the
    workbook (its per-employee sheet the largest). Aims: p95 1 s for 10,000 employees; a workbook
    2 s."""
    pemda = request("GET", "/api/v1/ipasn")
    json = await composed(b, f"IP ASN, whole Pemda ({len(b.data.pegawai):,})", IPASN_AIM_MS, pemda)
    await composed(b, "IP ASN, whole Pemda, XLSX", IPASN_AIM_MS, pemda, xlsx=True, json=json)
    root = next(u for u in b.data.units if u.parent_id is None)
    unit = request("GET", f"/api/v1/ipasn/unit/{root.id}")
    label = f"IP ASN unit, the root unit ({len(unit_near_staff(b.data, root.id)):,} employees)"
    json = await composed(b, label, IPASN_AIM_MS, unit)
    await composed(b, "IP ASN unit, the root unit, XLSX", WORKBOOK_AIM_MS, unit, xlsx=True, json=json)


KANDIDAT_AIM_MS = 300.0  # candidates for one position over the whole Pemda, p95
OPTIMASI_AIM_S = 3.0  # the whole Pemda's optimal re-placement, fetched and solved


async def penempatan_endpoint_scenarios(b: Bench) -> None:
    """The gateway's placement endpoints over the whole Pemda (admin_bkpsdm): the ranked candidates
    for one position (every employee read, compact, from four bulk reads of three services, then
    ranked), and the optimal re-placement of the whole Pemda, fetched and solved. Server-Timing
    splits each into the wait for the services and the gateway's own time (ranking, solving,
    serialising). Each also as its workbook (the re-placement's, a few runs as its JSON). Aims:
    p95 300 ms; 3 s; a workbook 2 s."""
    positions = [j.id for j in b.data.jabatan[:: max(1, len(b.data.jabatan) // 20)]]

    def kandidat(client: httpx.AsyncClient, timed: Timed) -> Awaitable[httpx.Response]:
        jabatan_id = positions[len(timed.waited) % len(positions)]
        params = {"mode": "penempatan_kembali", "limit": 20}
        return timed.request(client, "GET", f"/api/v1/penempatan/jabatan/{jabatan_id}/kandidat", params=params)

    label = f"penempatan kandidat ({len(positions)} positions in turn)"
    json = await composed(b, label, KANDIDAT_AIM_MS, kandidat)
    label = f"penempatan kandidat XLSX ({len(positions)} positions in turn)"
    await composed(b, label, WORKBOOK_AIM_MS, kandidat, xlsx=True, json=json)

    label = "penempatan optimasi (whole Pemda)"
    optimasi = request("POST", "/api/v1/penempatan/optimasi", json={}, timeout=120)
    json = {"gateway": await optimasi_json(b, label)} if b.selected(label) else {}
    label = "penempatan optimasi XLSX (whole Pemda)"
    await composed(b, label, WORKBOOK_AIM_MS, optimasi, xlsx=True, json=json, runs=OPTIMASI_RUNS)


OPTIMASI_RUNS = 3  # a few: each run is seconds


async def optimasi_json(b: Bench, label: str) -> Figure:
    """The re-placement's JSON row: a few runs, and the median run's answer in its note."""
    timed = Timed()
    runs = []
    for _ in range(OPTIMASI_RUNS):
        start = time.perf_counter()
        response = await timed.request(b.gateway, "POST", "/api/v1/penempatan/optimasi", json={}, timeout=120)
        runs.append((time.perf_counter() - start, timed.waited[-1] / 1000, response.json(), _timings(response)))
    took, services_s, body, timings = sorted(runs, key=lambda r: r[0])[len(runs) // 2]
    figure = Figure(label, "gateway", [r[0] * 1000 for r in runs])
    b.figures.append(figure)
    verdict = "met" if took <= OPTIMASI_AIM_S else "NOT met"
    note(
        b,
        f"{label}: median of {len(runs)} {took:.2f} s (aim <= {OPTIMASI_AIM_S:.0f} s: {verdict}); in the services "
        f"{services_s:.2f} s; solver {body['waktu_solver_detik']:.2f} s, core {body['waktu_detik']:.2f} s; "
        f"{len(body['penempatan']):,} people, {body['pindah_optimal']:,} moves, total JPM over "
        f"{body['jumlah_kursi']:,} seats {body['total_sebelum_kursi']:,.0f} ({body['kursi_terisi_sebelum']:,} filled, "
        f"{body['pegawai_melebihi_kebutuhan']:,} over kebutuhan) -> {body['total_optimal']:,.0f} "
        f"({body['kursi_terisi_optimal']:,} filled; greedy {body['total_greedy']:,.0f}); per seat "
        f"{body['rata_rata_sebelum']} -> {body['rata_rata_optimal']}; each part from its start (ms): "
        + ", ".join(f"{name} {ms:.0f}" for name, ms in timings.items() if name not in ("services", "compose")),
    )
    return figure


KEBUTUHAN_AIM_MS = 500.0  # an OPD's training needs for the planning meeting, p95


async def kebutuhan_pelatihan_scenarios(b: Bench) -> None:
    """The gateway's training needs of the unit whose serving staff is closest to 500 (pegawai's
    compact rows, kompetensi's standards and levels, kinerja's predikat, pengembangan's JP and
    catalogue: seven calls), gaps and programs per rupiah computed by the training plan's rules,
    as JSON and as the planning meeting's workbook. Then the training plan (POST .../rencana) and
    three scenarios of it side by side (POST .../skenario: the plan, the budgets 20% lower, only
    low performers) of the same unit and of the whole Pemda, each as JSON and as its workbook; the
    whole Pemda's in a few runs (a plan is solved in each). Aims: p95 500 ms; a workbook 2 s; the
    plans as the pure scenarios' (an OPD's 2 s, the Pemda's 30 s). The scenarios read the IP ASN
    inputs after solving, and Server-Timing's "services" runs from the first call to the last
    answer: theirs includes the solves."""
    unit, staff = unit_near(b.data, 500)
    tahun = date.today().year
    kebutuhan = request("GET", f"/api/v1/kebutuhan-pelatihan/unit/{unit.id}", params={"tahun": tahun})
    label = f"kebutuhan-pelatihan unit ({len(staff)} employees)"
    json = await composed(b, label, KEBUTUHAN_AIM_MS, kebutuhan)
    label = f"kebutuhan-pelatihan unit XLSX ({len(staff)} employees)"
    await composed(b, label, WORKBOOK_AIM_MS, kebutuhan, xlsx=True, json=json)
    skenario = [
        {"nama": "rencana"},
        {"nama": "anggaran -20%", "faktor_anggaran": 0.8},
        {"nama": "kinerja rendah", "hanya_kinerja_rendah": True},
    ]
    for where, unit_id, aim_ms, runs in (
        (f"unit of {len(staff)}", str(unit.id), PELATIHAN_OPD_AIM_S * 1000, None),
        (f"whole Pemda, {len(b.data.pegawai):,}", None, PELATIHAN_PEMDA_AIM_S * 1000, RENCANA_PEMDA_RUNS),
    ):
        rencana = {"unit_id": unit_id, "tahun": tahun}
        for what, path, body in (
            ("rencana", "/api/v1/kebutuhan-pelatihan/rencana", rencana),
            ("skenario (3)", "/api/v1/kebutuhan-pelatihan/skenario", {**rencana, "skenario": skenario}),
        ):
            plan = request("POST", path, json=body, timeout=300)
            json = await composed(b, f"kebutuhan-pelatihan {what}, {where}", aim_ms, plan, runs=runs)
            label = f"kebutuhan-pelatihan {what} XLSX, {where}"
            await composed(b, label, WORKBOOK_AIM_MS, plan, xlsx=True, json=json, runs=runs)


RENCANA_PEMDA_RUNS = 3  # a few: the whole Pemda's plan is solved in each


TALENTA_AIM_MS = 500.0  # an OPD's talent map (JSON), p95; its workbook for the talent committee WORKBOOK_AIM_MS


async def talenta_scenarios(b: Bench) -> None:
    """The gateway's talent map of the OPD whose serving staff is closest to 500, as BKPSDM asks it
    (the successors' pool is the whole Pemda): pegawai's unit, its people, everyone reached and the
    unit's positions, then kompetensi's standards and levels and kinerja's predikat of the pool
    (seven calls), the 9-box and the successors decided in the gateway. As JSON and as the talent
    committee's workbook. Aims: p95 500 ms; the workbook 2 s."""
    opd = [u for u in b.data.units if u.jenis == "opd"]
    sizes = {u.id: len(unit_near_staff(b.data, u.id)) for u in opd}
    unit = min(opd, key=lambda u: abs(sizes[u.id] - 500))
    path = f"/api/v1/talenta/unit/{unit.id}"
    peta = request("GET", path)
    label = f"talenta unit ({sizes[unit.id]} employees of an OPD, successors from the Pemda)"
    json = await composed(b, label, TALENTA_AIM_MS, peta)
    label = f"talenta unit XLSX ({sizes[unit.id]} employees)"
    await composed(b, label, WORKBOOK_AIM_MS, peta, xlsx=True, json=json)


def unit_near_staff(data: Any, unit_id: Any) -> list[Any]:
    """The serving staff of a unit and the units under it."""
    children: dict[Any, list[Any]] = {}
    for u in data.units:
        children.setdefault(u.parent_id, []).append(u.id)
    unit_of = {j.id: j.unit_id for j in data.jabatan}
    staff: dict[Any, list[Any]] = {}
    for p in data.pegawai:
        if p.kedudukan in SERVING_VALUES:
            staff.setdefault(unit_of[p.jabatan_id], []).append(p)

    def below(uid: Any) -> list[Any]:
        return staff.get(uid, []) + [p for c in children.get(uid, []) for p in below(c)]

    return below(unit_id)


SISTEM_MERIT_AIM_MS = 2000.0  # the merit evidence is asked for a self-assessment meeting: within two seconds


async def sistem_merit_scenarios(b: Bench) -> None:
    """The gateway's merit-system evidence (GET /api/v1/sistem-merit: one count per figure from
    the four services, with the caller's token) of the whole Pemda as admin_bkpsdm, as JSON and as
    the meeting's workbook."""
    bukti = request("GET", "/api/v1/sistem-merit")
    label = f"merit evidence, whole Pemda ({len(b.data.pegawai):,} employees)"
    json = await composed(b, label, SISTEM_MERIT_AIM_MS, bukti)
    await composed(b, "merit evidence, whole Pemda, XLSX", SISTEM_MERIT_AIM_MS, bukti, xlsx=True, json=json)


SCENARIOS: list[Callable[[Bench], Awaitable[None]]] = [
    pegawai_scenarios,
    kompetensi_scenarios,
    kinerja_scenarios,
    pengembangan_scenarios,
    profil_scenarios,
    perencanaan_scenarios,
    penempatan_endpoint_scenarios,
    kebutuhan_pelatihan_scenarios,
    talenta_scenarios,
    ipasn_scenarios,
    sistem_merit_scenarios,
    activity_peak,
    pengembangan_approvals,
]
# Services that hold data for the scenarios, in load order; each has demo.insert_dataset.
LOADED = ["pegawai", "kompetensi", "kinerja", "pengembangan"]


# --- pure scenarios: in-process computations, no database, no services --------------------

# Aims on 2 cores, the data already in memory (gateway.penempatan).
JPM_MATRIX_AIM_S = 0.5
REPLACEMENT_SOLVE_AIM_S = 3.0


@dataclass
class PureBench:
    """What a pure scenario gets: how many samples, the --match filter, where figures go."""

    samples: int
    match: str = ""
    ways: frozenset[str] = frozenset()
    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def selected(self, scenario: str) -> bool:
        return matches(self.match, scenario)

    def time(self, scenario: str, calls: dict[str, Callable[[], Any]], samples: int) -> dict[str, Figure]:
        """Time each way, interleaved and rotating as Bench.compare does, after one warm-up call."""
        calls = {w: c for w, c in calls.items() if not self.ways or w in self.ways}
        for call in calls.values():
            call()
        times: dict[str, list[float]] = {w: [] for w in calls}
        order = list(calls.items())
        for i in range(max(samples, 2)):
            for way, call in order[i % len(order) :] + order[: i % len(order)]:
                start = time.perf_counter()
                call()
                times[way].append((time.perf_counter() - start) * 1000)
        out = {}
        for way, values in times.items():
            fig = out[way] = Figure(scenario, way, values)
            self.figures.append(fig)
            print(f"  {scenario:<34} {way:<8} p50 {fig.p50:7.1f} ms   p95 {fig.p95:7.1f} ms", flush=True)
        return out


PURE_JPM = "penempatan: JPM matrix 10,000 x 1,500"
PURE_REPLACEMENT = "penempatan: re-placement of a Pemda"
PURE_LIMITED = "penempatan: re-placement, 500 moves beyond the forced"
PURE_ACROSS = "penempatan: re-placement across classes"
PURE_LABELS = (PURE_JPM, PURE_REPLACEMENT, PURE_LIMITED, PURE_ACROSS)
MOVES_BEYOND_FORCED = 500


def penempatan_scenarios(b: PureBench) -> None:
    """The placement core (gateway.penempatan) on a seeded Pemda of 10,000 people and 1,500
    positions with about 60 competencies (devtools.penempatan_acak):

    - the JPM matrix of everyone against every position (aim: 0.5 s). Floor: the one float32
      matmul of the level indicators it comes down to (the indicators built beforehand);
    - the optimal re-placement per kelas jabatan (linear_sum_assignment per class; aim: the solve
      well under 3 s). Service: the whole computation from the dataclasses (JPM per class,
      eligibility, cost matrices, solve, greedy, answer); floor: bare linear_sum_assignment on the
      very cost matrices the solve uses. The solver's own time, the greedy total and the optimum
      are printed beside them.
    """
    from scipy.optimize import linear_sum_assignment

    from devtools.penempatan_acak import instance
    from gateway.penempatan.jpm import LEVELS, indicators, jpm_matrix, profil
    from gateway.penempatan.optimasi import Permintaan, masalah, matriks_biaya, optimasi

    if not any(b.selected(label) for label in PURE_LABELS):
        return
    people, positions = instance(7, 10_000, 1_500)
    if b.selected(PURE_JPM):
        prof = profil(people, positions)
        top = prof.required.max(axis=0)
        columns = [np.flatnonzero(top >= lv) for lv in range(1, LEVELS + 1)]
        h, r = indicators(prof.held, columns), indicators(prof.required, columns)
        label = f"{PURE_JPM} x {len(prof.kode)}"
        figs = b.time(label, {"floor": lambda: h @ r.T, "service": lambda: jpm_matrix(prof.held, prof.required)}, 20)
        if "service" in figs:
            p95 = figs["service"].p95 / 1000
            met = "met" if p95 < JPM_MATRIX_AIM_S else "NOT met"
            b.notes.append(f"{label}: p95 {p95 * 1000:.0f} ms, aim {JPM_MATRIX_AIM_S * 1000:.0f} ms: {met}")
            print("  " + b.notes[-1], flush=True)
    if b.selected(PURE_REPLACEMENT):
        problem = masalah(people, positions, Permintaan())[0]
        matrices = [m[0] for blok in problem.blocks if (m := matriks_biaya(problem, blok)) is not None]
        solver: list[float] = []
        results: list[Any] = []

        def bare() -> None:
            for cost in matrices:
                linear_sum_assignment(cost)

        def service() -> None:
            got = optimasi(people, positions)
            solver.append(got.waktu_solver_detik * 1000)
            results.append(got)

        figs = b.time(PURE_REPLACEMENT, {"floor": bare, "service": service}, 5)
        if results:
            got = results[-1]
            solve = Figure(PURE_REPLACEMENT, "solver", solver)
            met = "met" if solve.p95 / 1000 < REPLACEMENT_SOLVE_AIM_S else "NOT met"
            sizes = ", ".join(f"{m.shape[0]}x{m.shape[1]}" for m in sorted(matrices, key=lambda m: -m.size)[:3])
            b.notes.append(
                f"{PURE_REPLACEMENT}: {len(people):,} people, {len(positions):,} positions "
                f"({int(problem.capacity.sum()):,} seats), {len(problem.blocks)} kelas blocks (largest cost matrices "
                f"{sizes}). Solve (linear_sum_assignment calls) p50 {solve.p50:.0f} ms / p95 {solve.p95:.0f} ms, aim "
                f"{REPLACEMENT_SOLVE_AIM_S:.0f} s: {met}; the whole computation from the dataclasses p50 "
                f"{figs['service'].p50:.0f} ms; bare linear_sum_assignment on the same matrices p50 "
                f"{figs['floor'].p50:.0f} ms. Total JPM: optimal {got.total_optimal:,.2f}, greedy "
                f"{got.total_greedy:,.2f} (optimal +{got.total_optimal - got.total_greedy:,.2f}); moves "
                f"{got.pindah_optimal:,} optimal / {got.pindah_greedy:,} greedy; {len(got.pegawai_sisa):,} people "
                f"left without a seat, {sum(n for _, n in got.jabatan_kurang):,} seats empty"
            )
            print("  " + b.notes[-1], flush=True)
    for label, lintas in ((PURE_LIMITED, False), (PURE_ACROSS, True)):
        if b.selected(label):
            replacement_at_scale(b, label, people, positions, lintas)


def replacement_at_scale(b: PureBench, label: str, people: Any, positions: Any, lintas: bool) -> None:
    """The move-limited re-placement (at most MOVES_BEYOND_FORCED moves beyond those the status
    quo forces: holders over their position's seats or who may not stay), per class, and the
    re-placement across classes with the same limit and without one. Service: the module's
    function (solver="auto": the priced sparse LP at this scale). Across classes without a limit
    the dense solver (linear_sum_assignment on one 10,000 x 6,673-seat matrix) is timed beside it as
    "dense"; the move-limited integer program over every pair (the dense solver with a limit) does
    not finish in minutes here and is not run."""
    from gateway.penempatan.optimasi import Permintaan, masalah, minimum_pindah, optimasi

    forced = minimum_pindah(masalah(people, positions, Permintaan(lintas_kelas=lintas))[0])
    limited = Permintaan(lintas_kelas=lintas, maks_pindah=forced + MOVES_BEYOND_FORCED)
    runs: dict[str, list[Any]] = {}

    def run(way: str, req: Permintaan, solver: Any = "auto") -> Callable[[], None]:
        def call() -> None:
            runs.setdefault(way, []).append(optimasi(people, positions, req, solver=solver))

        return call

    calls = {"service": run("service", limited)}
    if lintas:
        calls["service:no limit"] = run("service:no limit", Permintaan(lintas_kelas=True))
        calls["dense:no limit"] = run("dense:no limit", Permintaan(lintas_kelas=True), "dense")
    figs = b.time(label, calls, 3)
    for way, got in ((w, r[-1]) for w, r in runs.items()):
        solve = Figure(label, f"{way} solver", [r.waktu_solver_detik * 1000 for r in runs[way]])
        proof = "proven optimal" if got.terbukti_optimal else f"gap {got.celah_mip:.2e}"
        b.notes.append(
            f"{label} ({way}): {'no move limit' if 'no limit' in way else f'at most {limited.maks_pindah:,} moves'} "
            f"({forced:,} forced); solve p50 {solve.p50:,.0f} ms / p95 {solve.p95:,.0f} ms, the whole computation "
            f"p50 {figs[way].p50:,.0f} ms; total JPM optimal {got.total_optimal:,.2f} ({proof}), greedy "
            f"{got.total_greedy:,.2f}; moves {got.pindah_optimal:,} optimal / {got.pindah_greedy:,} greedy; "
            f"{got.metode}"
        )
        print("  " + b.notes[-1], flush=True)


PELATIHAN_OPD_AIM_S = 2.0
PELATIHAN_PEMDA_AIM_S = 30.0
PURE_PLAN_OPD = "pelatihan: plan of a 500-employee OPD"
PURE_PLAN_PEMDA = "pelatihan: plan of a Pemda"
PURE_PLAN_LABELS = (PURE_PLAN_OPD, PURE_PLAN_PEMDA)


def pelatihan_scenarios(b: PureBench) -> None:
    """The training plan (gateway.pelatihan) on seeded instances (devtools.pelatihan_acak; a
    catalogue of 100 programs and 300 batches): one OPD of 500 employees (aim 2 s) and a Pemda of
    10,000 (aim 30 s with HiGHS's gap under 1%). Service: the whole plan from the dataclasses
    (candidates, solve, greedy, explanations, reasons, budgets, distribution); the solver's own
    time, its gap, the optimum and the greedy total are printed beside it."""
    from devtools.pelatihan_acak import instance
    from gateway.pelatihan.rencana import Rencana, rencana

    cases = ((PURE_PLAN_OPD, 500, 4, PELATIHAN_OPD_AIM_S, 5), (PURE_PLAN_PEMDA, 10_000, 160, PELATIHAN_PEMDA_AIM_S, 2))
    for label, people, units, aim, samples in cases:
        if not b.selected(label):
            continue
        data = instance(7, people, n_unit=units)
        results: list[Rencana] = []
        figs = b.time(label, {"service": lambda data=data, out=results: out.append(rencana(*data))}, samples)
        if not results or "service" not in figs:
            continue
        got, whole = results[-1], figs["service"]
        s, g = got.ringkasan, got.greedy
        gap = "unknown" if s.celah_mip is None else f"{s.celah_mip:.2%}"
        met = "met" if whole.p95 / 1000 < aim and s.dalam_celah_sasaran else "NOT met"
        b.notes.append(
            f"{label}: {people:,} people, {len(data[3])} OPDs, {got.kandidat:,} candidate pairs; whole plan p50 "
            f"{whole.p50 / 1000:.2f} s / p95 {whole.p95 / 1000:.2f} s, solver {s.waktu_solver_detik:.2f} s (last run), "
            f"gap {gap} (aim {aim:.0f} s, gap <= 1%: {met}); {s.metode}. Objective: optimal {s.objektif:,.1f}, greedy "
            f"{g.objektif:,.1f} (+{s.objektif - g.objektif:,.1f}); weighted gap closed {s.celah_berbobot:,.1f} / "
            f"{g.celah_berbobot:,.1f}; reaching 20 JP {s.capai_jp_minimum:,} / {g.capai_jp_minimum:,}; still below "
            f"{s.di_bawah_jp_minimum:,} / {g.di_bawah_jp_minimum:,}; cost Rp{s.biaya:,} / Rp{g.biaya:,}; "
            f"{s.pendaftaran:,} enrollments of {s.peserta:,} people"
        )
        print("  " + b.notes[-1], flush=True)


PURE_SCENARIOS: list[Callable[[PureBench], None]] = [penempatan_scenarios, pelatihan_scenarios]


def only_pure(match: str | None) -> bool:
    """A --match whose every alternative names a pure scenario needs no database nor services."""
    labels = PURE_LABELS + PURE_PLAN_LABELS
    return bool(match) and all(any(m in label for label in labels) for m in (match or "").split("|"))


# --- harness -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = int(
            next(x for x in Path("/proc/meminfo").read_text().splitlines() if x.startswith("MemTotal")).split()[1]
        )
        mem = f"{mem_kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, StopIteration, ValueError):
        mem = "unknown RAM"
    system = f"{platform.system()} {platform.release()}"
    return f"{cpu}, {os.cpu_count()} cores, {mem}, {system}, Python {platform.python_version()}"


async def prepare(server_url: str, seed: int) -> tuple[dict[str, str], Any]:
    from devtools.dataset import pemda_scale
    from shared.migrations import upgrade

    urls = {s: with_database(server_url, f"asn_bench_{s}") for s in LOADED}
    admin = await asyncpg.connect(server_url)
    for url in urls.values():
        name = urlsplit(url).path.lstrip("/")
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{name}"')
    pg_version = await admin.fetchval("SHOW server_version")
    await admin.close()
    steps = tqdm(total=3 + len(LOADED) * 2, desc="preparing", unit="step")
    data = pemda_scale(seed)
    # The dataset is ~100k objects that live to the end: a full garbage collection of this
    # process walked them all, pausing 250 ms in the middle of whatever was being timed.
    gc.collect()
    gc.freeze()
    steps.update()
    for service in LOADED:
        module = __import__(service)
        await asyncio.to_thread(upgrade, Path(module.__file__).parent / "migrations", urls[service])
        steps.update()
        demo = __import__(f"{service}.demo", fromlist=["insert_dataset"])
        from sqlalchemy.ext.asyncio import create_async_engine

        engine = create_async_engine(urls[service].replace("postgresql://", "postgresql+asyncpg://", 1))
        async with engine.begin() as conn:
            await demo.insert_dataset(conn, data)
        await engine.dispose()
        conn2 = await asyncpg.connect(urls[service])
        await conn2.execute("VACUUM ANALYZE")  # as a settled database would be: no autovacuum mid-run
        await conn2.close()
        steps.update()
    steps.update(2)
    steps.close()
    urls["_pg_version"] = pg_version
    return urls, data


def variants(specs: list[str] | None) -> list[tuple[str, dict[str, str]]]:
    """--variant NAME:KEY=VALUE as (name, environment); a name given again adds to its environment."""
    out: dict[str, dict[str, str]] = {}
    for spec in specs or []:
        name, _, assignment = spec.partition(":")
        key, _, value = assignment.partition("=")
        out.setdefault(name, {})
        if key:
            out[name][key] = value
    return list(out.items())


def start(app: str, port: int, env: dict[str, str], log: str | None = None) -> subprocess.Popen[bytes]:
    logfile = ROOT / ".data" / "logs" / f"bench-{log or app}.log"
    logfile.parent.mkdir(parents=True, exist_ok=True)
    return subprocess.Popen(
        [sys.executable, "-m", app],
        env={**os.environ, **env, "PORT": str(port), "HOST": "127.0.0.1", "LOG_LEVEL": "WARNING"},
        stdout=logfile.open("ab"),
        stderr=subprocess.STDOUT,
    )


async def wait_ready(port: int, seconds: float = 120) -> None:
    # Generous: with --variant a dozen apps start at once on two shared cores.
    deadline = time.monotonic() + seconds
    async with httpx.AsyncClient() as client:
        while time.monotonic() < deadline:
            try:
                if (await client.get(f"http://127.0.0.1:{port}/readyz")).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.1)
    raise SystemExit(f"service on port {port} did not become ready")


WAYS = ("floor", "bare", "service", "gateway")


def report_variants(figures: list[Figure]) -> str:
    """Each variant beside the plain service or gateway of the same run: what it gains per request."""
    by: dict[str, dict[str, Figure]] = {}
    for f in figures:
        by.setdefault(f.scenario, {})[f.way] = f
    lines = [
        "| scenario | way | p50 / p95 | gain vs plain (p50 / p95) | service:x/bare, gateway:x/service:x (p50 / p95) |",
        "|---|---|---|---|---|",
    ]
    for scenario, ways in by.items():
        for way, fig in ways.items():
            if ":" not in way:
                continue
            plain = ways.get(way.split(":")[0])
            base = ways.get("bare" if way.startswith("service") else f"service:{way.split(':', 1)[1]}")
            gain = f"{plain.p50 - fig.p50:+.1f} / {plain.p95 - fig.p95:+.1f} ms" if plain else "-"
            rel = f"{fig.p50 / base.p50:.2f}x / {fig.p95 / base.p95:.2f}x" if base else "-"
            lines.append(f"| {scenario} | {way} | {fig.p50:.1f} / {fig.p95:.1f} ms | {gain} | {rel} |")
    return "\n".join(lines)


def report(figures: list[Figure], header: str) -> str:
    by: dict[str, dict[str, Figure]] = {}
    for f in figures:
        by.setdefault(f.scenario, {})[f.way] = f

    def ratio(ways: dict[str, Figure], top: str, bottom: str) -> str:
        if top not in ways or bottom not in ways:
            return "-"
        return f"{ways[top].p50 / ways[bottom].p50:.2f}x / {ways[top].p95 / ways[bottom].p95:.2f}x"

    lines = [
        header,
        "",
        "| scenario | floor p50 / p95 | bare p50 / p95 | service p50 / p95 | gateway p50 / p95 "
        "| service/bare (p50 / p95) | gateway/service (p50 / p95) |",
        "|---|---|---|---|---|---|---|",
    ]
    for scenario, ways in by.items():
        cells = [f"{ways[w].p50:.1f} / {ways[w].p95:.1f} ms" if w in ways else "-" for w in WAYS]
        lines.append(
            f"| {scenario} | {' | '.join(cells)} | {ratio(ways, 'service', 'bare')} "
            f"| {ratio(ways, 'gateway', 'service')} |"
        )
    return "\n".join(lines)


async def run(args: argparse.Namespace) -> None:
    ways = frozenset(w.strip() for w in args.ways.split(",") if w.strip()) if args.ways else frozenset()
    pure = PureBench(samples=args.samples, match=args.match or "", ways=ways)
    for pure_scenario in PURE_SCENARIOS:
        if not args.only or pure_scenario.__name__.startswith(args.only):
            pure_scenario(pure)
    if only_pure(args.match) or (args.only and not any(s.__name__.startswith(args.only) for s in SCENARIOS)):
        table = report(pure.figures, f"### {date.today().isoformat()} — {machine()}; in-process, no database")
        if pure.notes:
            table += "\n\n" + "\n".join(f"- {n}" for n in pure.notes)
        print("\n" + table)
        return
    handle = None
    server = os.environ.get("BENCH_DATABASE_URL")
    if not server:
        print("[bench] starting embedded PostgreSQL 18 ...", flush=True)
        handle = start_embedded(ROOT / ".data" / "bench-postgres", cleanup_mode="stop")
        server = handle.get_uri("postgres")
    server = libpq(server)
    procs: list[subprocess.Popen[bytes]] = []
    try:
        urls, data = await prepare(server, args.seed)
        pg_version = urls.pop("_pg_version")
        ports = {s: free_port() for s in [*LOADED, "gateway", "bare"]}
        # The installation's key, as with `make run`: a `make token` token works here too.
        secret = dev_secret()
        secret_env = {"JWT_DEV_SECRET": secret}
        service_urls = {f"{s.upper()}_URL": f"http://127.0.0.1:{ports[s]}" for s in LOADED}
        for s in LOADED:
            procs.append(start(s, ports[s], {**secret_env, **service_urls, "DATABASE_URL": urls[s]}))
        procs.append(start("gateway", ports["gateway"], {**secret_env, **service_urls}))
        bare_urls = {f"{s.upper()}_DATABASE_URL": urls[s] for s in LOADED}
        procs.append(start("devtools.bare", ports["bare"], {**secret_env, **bare_urls}))
        variant_ports: dict[str, dict[str, int]] = {}
        for name, env in variants(args.variant):
            vp = variant_ports[name] = {s: free_port() for s in [*LOADED, "gateway"]}
            v_urls = {f"{s.upper()}_URL": f"http://127.0.0.1:{vp[s]}" for s in LOADED}
            for s in LOADED:
                procs.append(
                    start(s, vp[s], {**secret_env, **v_urls, "DATABASE_URL": urls[s], **env}, log=f"{s}-{name}")
                )
            procs.append(start("gateway", vp["gateway"], {**secret_env, **v_urls, **env}, log=f"gateway-{name}"))
            ports |= {f"{s}:{name}": p for s, p in vp.items()}
        for port in ports.values():
            await wait_ready(port)
        token = create_dev_token(ServiceSettings(jwt_dev_secret=SecretStr(secret)), sub="bench", roles=["admin_bkpsdm"])
        headers = {"Authorization": f"Bearer {token}"}
        clients = {
            s: httpx.AsyncClient(base_url=f"http://127.0.0.1:{ports[s]}", headers=headers, timeout=30) for s in LOADED
        }
        gateway = httpx.AsyncClient(base_url=f"http://127.0.0.1:{ports['gateway']}", headers=headers, timeout=30)
        bare = httpx.AsyncClient(base_url=f"http://127.0.0.1:{ports['bare']}", headers=headers, timeout=30)
        bench = Bench(
            urls=urls,
            service=clients,
            gateway=gateway,
            data=data,
            samples=args.samples,
            bare=bare,
            ways=ways,
            match=args.match or "",
        )
        for name, vp in variant_ports.items():
            bench.variants[name] = {
                s: httpx.AsyncClient(base_url=f"http://127.0.0.1:{p}", headers=headers, timeout=30)
                for s, p in vp.items()
            }
        print(
            f"[bench] {len(data.opds())} OPDs, {len(data.jabatan)} positions, {len(data.pegawai)} employees; "
            f"{args.samples} samples each"
        )
        for scenario in SCENARIOS:
            if not args.only or scenario.__name__.startswith(args.only):
                await scenario(bench)
        bench.figures[:0] = pure.figures
        bench.notes[:0] = pure.notes
        for c in [*clients.values(), gateway, bare, *(c for v in bench.variants.values() for c in v.values())]:
            await c.aclose()
        where = f"{machine()}; PostgreSQL {pg_version} ({'embedded' if handle else 'given URL'})"
        header = f"### {date.today().isoformat()} — {where}"
        table = report(bench.figures, header)
        if bench.notes:
            table += "\n\n" + "\n".join(f"- {n}" for n in bench.notes)
        if args.costs:
            from devtools.costs import costs

            settings = ServiceSettings(jwt_dev_secret=SecretStr(secret))
            table += "\n\n" + await costs(urls["pegawai"], data, token, settings)
        if bench.variants:
            table += "\n\n" + report_variants(bench.figures)
        print("\n" + table)
        if not args.no_record and not (ways or args.match or args.only):  # only whole runs are recorded
            record(table)
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait(timeout=10)
        if handle is not None:
            handle.cleanup()


def record(table: str) -> None:
    DOC.parent.mkdir(exist_ok=True)
    intro = DOC.read_text() if DOC.exists() else ""
    marker = "<!-- results -->"
    if marker not in intro:
        intro = (intro or "# Benchmarks\n") + f"\n{marker}\n"
    head, _, tail = intro.partition(marker)
    DOC.write_text(f"{head}{marker}\n\n{table}\n{tail}")
    print(f"[bench] recorded in {DOC.relative_to(ROOT)}")


def main() -> None:
    parser = argparse.ArgumentParser(prog="make bench")
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-record", action="store_true", help="print only; do not update docs/benchmarks.md")
    parser.add_argument("--only", help="run only the scenarios of one service, e.g. kompetensi")
    parser.add_argument(
        "--match", help="run only the scenarios whose name contains this (or one of a|b), e.g. 'filtered list'"
    )
    parser.add_argument(
        "--variant",
        action="append",
        metavar="NAME:KEY=VALUE",
        help="also start the services and gateway with this environment variable, measured as service:NAME "
        "and gateway:NAME (repeat for more variables or variants; e.g. to measure a change guarded by one)",
    )
    parser.add_argument("--costs", action="store_true", help="also time the pieces of a service request in-process")
    parser.add_argument("--ways", help=f"measure only these ways, comma-separated (of {', '.join(WAYS)})")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
