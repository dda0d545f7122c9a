"""Every operation of every app's OpenAPI, called by every kind of caller, directly and through
the gateway, against the expectations written in tests/access/matrix.py.

An operation without a written expectation fails the suite, so a new endpoint is covered the
day it is added. Each call runs in a savepoint that is rolled back, so every caller meets the
same world.
"""

from __future__ import annotations

import csv
import io
import json
import re
import time
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import httpx
import jwt
import pytest
import pytest_asyncio

from gateway.routing import at_gateway
from shared import outbox
from shared.auth import create_dev_token
from shared.dates import shift_months
from shared.edges import PUBLIC_PREFIX
from shared.nip import JenisKelamin
from tests.access.matrix import ANY_VERSION as ANY
from tests.access.matrix import CALLERS, MATRIX, SEEN, UNSEEN, Row, aktivitas_body, jp_body
from tests.conftest import ENGLISH, SETTINGS, BoundDatabase, auth
from tests.pegawai.factories import make_jabatan, make_pegawai, make_unit, new_nip

APPS = ("pegawai", "kompetensi", "kinerja", "pengembangan", "gateway")


@dataclass
class World:
    A: str
    B: str
    A1: str
    JA: str
    JA2: str
    JA2_KODE: str
    E: str
    S: str
    F: str
    T: str
    T_KODE: str
    new_nip: str
    P: str = ""  # E's award (kinerja), when the world was built with kinerja
    H: str = ""  # E's disciplinary sanction
    PER: str = ""  # the SKP period of 2026, in which E's SKP (rated by S) is submitted
    PER2: str = ""  # the period of 2027, open, without SKPs
    K: str = ""  # E's SKP of 2026
    K2: str = ""  # E's SKP of 2025 (a period evaluated triwulanan), agreed by S: periodic evaluations are due
    AK: str = ""  # E's activity entry of yesterday, 08:00-09:00, submitted (diajukan)
    PRG: str = ""  # a program of the development catalogue (pengembangan), developing T, with five batches
    ANG: str = ""  # its batch of 2030-02, planned (direncanakan), named by nothing else
    ANG5: str = ""  # its open batch (dibuka) that E has neither asked for, been proposed for nor joined
    USL: str = ""  # E's pending proposal (usulan) by A for another open batch of PRG
    PST: str = ""  # E's enrollment (peserta, terdaftar) in a third open batch, charged to A's budget of 2030
    PMT: str = ""  # E's pending request (permintaan) to join a fourth open batch
    ST: str = ""  # E's running study (studi lanjut, tugas belajar)
    OB: str = ""  # a parked message of pengembangan's outbox (a training outcome for E that kompetensi refused)
    KK: str = ""  # a running cohort of the cadre school (sekolah kader) holding E, a peserta
    KS: str = ""  # a cohort of the cadre school in selection (seleksi) holding E
    JP: str = ""  # E's JP entry of today (pengembangan): a coaching session, 10 JP
    PD: str = ""  # E's passed enrollment in a batch of PRG that ended four months ago, its impact evaluated
    PD2: str = ""  # E's passed enrollment in another such batch, its impact evaluation due (window open)

    def path(self, template: str, nip: str = "E", skp: str = "K", given: dict[str, str] | None = None) -> str:
        values = {
            "nip": getattr(self, nip),
            "unit_id": self.A1,
            "jabatan_id": self.JA,
            "kompetensi_id": self.T,
            "jenis": "pegawai",
            "penghargaan_id": self.P or str(uuid.UUID(int=1)),
            "hukdis_id": self.H or str(uuid.UUID(int=2)),
            "periode_id": self.PER or str(uuid.UUID(int=3)),
            "skp_id": getattr(self, skp) or str(uuid.UUID(int=4)),
            "ke": "1",
            "aktivitas_id": self.AK or str(uuid.UUID(int=5)),
            "program_id": self.PRG or str(uuid.UUID(int=6)),
            "angkatan_id": self.ANG or str(uuid.UUID(int=7)),
            "studi_id": self.ST or str(uuid.UUID(int=8)),
            "outbox_id": self.OB or str(uuid.UUID(int=9)),
            "kohort_id": self.KK or str(uuid.UUID(int=10)),
            "jp_id": self.JP or str(uuid.UUID(int=11)),
            "usulan_id": self.USL or str(uuid.UUID(int=12)),
            "peserta_id": self.PST or str(uuid.UUID(int=13)),
            "permintaan_id": self.PMT or str(uuid.UUID(int=14)),
            "opd_id": self.A,
            "tahun": "2030",
            **(given or {}),
        }
        return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], template)

    def target(self, name: str) -> str:
        return {"E": self.E, "A1": self.A1, "JA": self.JA, "KK": self.KK, "A": self.A, "PRG": self.PRG}[name]


def _secret() -> str:
    return SETTINGS.jwt_dev_secret.get_secret_value()


def caller_headers(world: World) -> dict[str, dict[str, str]]:
    return {
        "admin_bkpsdm": auth("admin_bkpsdm"),
        "opd": auth("admin_opd", opd=world.A),
        "opd_foreign": auth("admin_opd", opd=world.B),
        "atasan": auth("atasan", nip=world.S),
        "self": auth("pegawai", nip=world.E),
        "other": auth("pegawai", nip=world.F),
        "integrasi": auth("integrasi"),
        "layanan": auth("layanan"),
    }


def bad_credentials() -> dict[str, dict[str, str]]:
    claims = {
        "iss": SETTINGS.jwt_dev_issuer,
        "sub": "mallory",
        "roles": ["admin_bkpsdm"],
        "exp": int(time.time()) + 600,
    }
    expired = create_dev_token(SETTINGS, sub="late", roles=["admin_bkpsdm"], ttl_seconds=-60)
    return {
        "no token": {},
        "expired": {"Authorization": f"Bearer {expired}"},
        "another key": {
            "Authorization": f"Bearer {jwt.encode(claims, 'another-key-of-32-bytes-or-more-!!', algorithm='HS256')}"
        },
        "alg none": {"Authorization": f"Bearer {jwt.encode(claims, None, algorithm='none')}"},
        "roles not a list": {
            "Authorization": f"Bearer {jwt.encode({**claims, 'roles': 5}, _secret(), algorithm='HS256')}"
        },
        "realm_access not an object": {
            "Authorization": f"Bearer {jwt.encode({**claims, 'realm_access': 'x'}, _secret(), algorithm='HS256')}"
        },
    }


def operations(app: Any) -> dict[str, tuple[str, str]]:
    """operationId -> (METHOD, path template) of every /api/v1 operation an app publishes."""
    return {
        op["operationId"]: (method.upper(), path)
        for path, item in app.openapi()["paths"].items()
        if path.startswith("/api/v1/")
        for method, op in item.items()
    }


@pytest_asyncio.fixture
async def apps(
    pegawai_app: Any, kompetensi_app: Any, kinerja_app: Any, pengembangan_app: Any, gateway_app: Any
) -> dict[str, Any]:
    """The five apps, the services on the test databases, the gateway routing to them in-process."""
    served = {
        "pegawai": pegawai_app,
        "kompetensi": kompetensi_app,
        "kinerja": kinerja_app,
        "pengembangan": pengembangan_app,
        "gateway": gateway_app,
    }
    return {**served, "dbs": {name: app.state.db for name, app in served.items() if name != "gateway"}}


async def build_world(
    client: httpx.AsyncClient,
    kom: httpx.AsyncClient,
    kin: httpx.AsyncClient | None = None,
    pen: httpx.AsyncClient | None = None,
    outbox: BoundDatabase | None = None,
) -> World:
    root = await make_unit(client, jenis="instansi")
    a = await make_unit(client, parent_id=root["id"], jenis="opd", nama="Dinas A")
    b = await make_unit(client, parent_id=root["id"], jenis="opd", nama="Dinas B")
    a1 = await make_unit(client, parent_id=a["id"], nama="Bidang A1")
    b1 = await make_unit(client, parent_id=b["id"], nama="Bidang B1")
    ja = await make_jabatan(client, a1["id"], kebutuhan=5)
    ja2 = await make_jabatan(client, a1["id"], kebutuhan=5)
    jb = await make_jabatan(client, b1["id"], kebutuhan=5)
    e = await make_pegawai(client, ja["id"], nama="Eka Putri")
    s = await make_pegawai(client, ja["id"], nama="Sari Atasan")
    f = await make_pegawai(client, jb["id"], nama="Fajar Lain")
    # S supervises E (set by hand; the chain of positions is tested in tests/pegawai/test_atasan.py).
    supervised = await client.patch(f"/api/v1/pegawai/{e['nip']}", json={"atasan_nip": s["nip"]}, headers=ANY)
    assert supervised.status_code == 200, supervised.text
    t = await kom.post(
        "/api/v1/kompetensi",
        json={
            "kode": "TEK-MX-01",
            "nama": "Teknis Matriks",
            "definisi": "Teknis.",
            "levels": [{"level": i, "deskripsi": f"Level {i}"} for i in range(1, 6)],
        },
    )
    assert t.status_code == 201, t.text
    std = await kom.put(
        f"/api/v1/standar-kompetensi/{ja['id']}", json={"items": [{"kompetensi_kode": "TEK-MX-01", "level": 3}]}
    )
    assert std.status_code == 200, std.text
    assessed = await kom.post(
        "/api/v1/asesmen",
        json={
            "nip": e["nip"],
            "kompetensi_kode": "TEK-MX-01",
            "level": 2,
            "tanggal": "2025-01-10",
            "metode": "uji_kompetensi",
        },
    )
    assert assessed.status_code == 201, assessed.text
    award = sanction = ""
    periods, skp, agreed, entry = ["", "", ""], {"id": ""}, {"id": ""}, {"id": ""}
    if kin is not None:
        made = await kin.post(
            "/api/v1/penghargaan",
            json={"nip": e["nip"], "jenis": "slks_x", "tanggal": "2025-08-17", "nomor_sk": "KEPPRES 1/2025"},
        )
        assert made.status_code == 201, made.text
        award = made.json()["id"]
        made = await kin.post(
            "/api/v1/hukuman-disiplin",
            json={
                "nip": e["nip"],
                "tingkat": "sedang",
                "jenis": "S1",
                "nomor_sk": "800/1/2025",
                "tanggal_sk": "2025-03-03",
                "tmt": "2025-04-01",
            },
        )
        assert made.status_code == 201, made.text
        sanction = made.json()["id"]
        periods = [
            (await kin.post("/api/v1/periode-skp", json={"tahun": t, "evaluasi": "triwulanan"})).json()["id"]
            for t in (2026, 2027, 2025)
        ]
        skp = (await kin.post("/api/v1/skp", json={"nip": e["nip"], "periode_id": periods[0]})).json()
        assert skp["penilai_nip"] == s["nip"], skp
        plan = {"items": [{"uraian": "Laporan", "indikator": ["Tepat waktu"], "target": "12 laporan"}]}
        skp = (await kin.put(f"/api/v1/skp/{skp['id']}/rencana", json=plan, headers=ANY)).json()
        submitted = await kin.post(f"/api/v1/skp/{skp['id']}/ajukan", headers=ANY)
        assert submitted.status_code == 200, submitted.text
        agreed = (await kin.post("/api/v1/skp", json={"nip": e["nip"], "periode_id": periods[2]})).json()
        await kin.put(f"/api/v1/skp/{agreed['id']}/rencana", json=plan, headers=ANY)
        for step in ("ajukan", "setujui"):
            made = await kin.post(f"/api/v1/skp/{agreed['id']}/{step}", headers=ANY)
            assert made.status_code == 200, made.text
        made = await kin.post("/api/v1/aktivitas", json=aktivitas_body(e["nip"], "08:00", "09:00"))
        assert made.status_code == 201, made.text
        entry = made.json()
    program = batch = study = running = selecting = jp = {"id": ""}
    development: dict[str, str] = {}
    if pen is not None:
        made = await pen.post(
            "/api/v1/program",
            json={
                "kode": "MX-PRG-01",
                "nama": "Bimtek Matriks",
                "jenis": "bimtek",
                "kompetensi": [{"kode_kompetensi": "TEK-MX-01", "level": 3}],
                "jp": 24,
                "penyelenggara": "bkpsdm",
                "biaya_per_peserta": 1_000_000,
            },
        )
        assert made.status_code == 201, made.text
        program = made.json()
        made = await pen.post(
            "/api/v1/angkatan",
            json={
                "program_id": program["id"],
                "kode": "MX-01",
                "tanggal_mulai": "2030-02-04",
                "tanggal_selesai": "2030-02-06",
                "kuota": 20,
            },
        )
        assert made.status_code == 201, made.text
        batch = made.json()
        made = await pen.post(
            "/api/v1/studi-lanjut",
            json={
                "nip": e["nip"],
                "jenis": "tugas_belajar",
                "jenjang": "S2",
                "institusi": "Universitas Matriks",
                "jurusan": "Magister Administrasi Publik",
                "nomor_sk": "800/1/2025",
                "tanggal_mulai": "2025-08-25",
                "tanggal_selesai": "2027-08-24",
            },
        )
        assert made.status_code == 201, made.text
        study = made.json()
        running, selecting = [await make_kohort(pen, kode, e["nip"]) for kode in ("MX-KADER-1", "MX-KADER-2")]
        started = await pen.patch(f"/api/v1/sekolah-kader/{running['id']}", json={"status": "berjalan"}, headers=ANY)
        assert started.status_code == 200, started.text
        made = await pen.post("/api/v1/jp", json=jp_body(e["nip"]))
        assert made.status_code == 201, made.text
        jp = made.json()
        development = await build_development(pen, a["id"], e["nip"], program["id"])
        development |= await build_dampak(pen, a["id"], e["nip"], program["id"])
    parked = await park_a_message(outbox, e["nip"]) if outbox is not None else ""
    return World(
        A=a["id"],
        B=b["id"],
        A1=a1["id"],
        JA=ja["id"],
        JA2=ja2["id"],
        JA2_KODE=ja2["kode"],
        E=e["nip"],
        S=s["nip"],
        F=f["nip"],
        T=t.json()["id"],
        T_KODE="TEK-MX-01",
        new_nip=new_nip(date(1990, 6, 1), (2015, 3), JenisKelamin.PEREMPUAN),
        P=award,
        H=sanction,
        PER=periods[0],
        PER2=periods[1],
        K=skp["id"],
        K2=agreed["id"],
        AK=entry["id"],
        PRG=program["id"],
        ANG=batch["id"],
        ST=study["id"],
        OB=parked,
        KK=running["id"],
        KS=selecting["id"],
        JP=jp["id"],
        **development,
    )


async def make_kohort(pen: httpx.AsyncClient, kode: str, nip: str) -> dict[str, Any]:
    """A cohort of the cadre school that started a month ago, in selection, with `nip` its member."""
    today = date.today()
    made = await pen.post(
        "/api/v1/sekolah-kader",
        json={
            "kode": kode,
            "nama": f"Sekolah Kader Matriks {kode}",
            "tahun": today.year,
            "tanggal_mulai": (today - timedelta(days=30)).isoformat(),
            "tanggal_selesai": (today + timedelta(days=150)).isoformat(),
        },
    )
    assert made.status_code == 201, made.text
    added = await pen.post(f"/api/v1/sekolah-kader/{made.json()['id']}/anggota", json={"nips": [nip]})
    assert added.status_code == 201, added.text
    return dict(made.json())


async def park_a_message(db: BoundDatabase, nip: str) -> str:
    """A message of pengembangan's outbox that kompetensi refused (an unknown competency): parked."""
    async with db.sessionmaker() as session:
        message_id = await outbox.enqueue(
            session,
            target="kompetensi",
            method="POST",
            path="/api/v1/asesmen/hasil-pelatihan",
            body={
                "sumber": "pengembangan/angkatan/1",
                "hasil": [{"nip": nip, "kompetensi_kode": "NOPE", "level": 3, "tanggal": "2025-06-01"}],
            },
        )
        problem = outbox.own_problem("unknown-kompetensi", "Kode kompetensi tidak dikenal: NOPE.")
        await outbox.mark_failed(session, message_id, status=422, problem=problem, retry_in=None)
        await session.commit()
    return str(message_id)


async def build_development(pen: httpx.AsyncClient, opd: str, nip: str, program: str) -> dict[str, str]:
    """A's development budget of 2030, and four more open batches of the program: E asks to join
    one (PMT), A proposes E for another (USL), E is enrolled in a third (PST), the fourth is free."""
    made = await pen.put(f"/api/v1/anggaran/{opd}/2030", json={"pagu": 500_000_000, "alokasi": 50_000_000})
    assert made.status_code == 200, made.text
    batches = []
    for month in (3, 4, 5, 6):
        made = await pen.post(
            "/api/v1/angkatan",
            json={
                "program_id": program,
                "kode": f"MX-0{month}",
                "tanggal_mulai": f"2030-0{month}-04",
                "tanggal_selesai": f"2030-0{month}-06",
                "kuota": 20,
                "status": "dibuka",
            },
        )
        assert made.status_code == 201, made.text
        batches.append(made.json()["id"])
    asked = await pen.post("/api/v1/permintaan", json={"angkatan_id": batches[0]}, headers=auth("pegawai", nip=nip))
    assert asked.status_code == 201, asked.text
    proposed = await pen.post("/api/v1/usulan", json={"angkatan_id": batches[1], "nips": [nip], "opd_id": opd})
    assert proposed.status_code == 201, proposed.text
    enrolled = await pen.post("/api/v1/usulan", json={"angkatan_id": batches[2], "nips": [nip], "opd_id": opd})
    assert enrolled.status_code == 201, enrolled.text
    approved = await pen.post(f"/api/v1/usulan/{enrolled.json()['items'][0]['id']}/setujui", headers=ANY)
    assert approved.status_code == 200, approved.text
    return {
        "ANG5": batches[3],
        "USL": proposed.json()["items"][0]["id"],
        "PST": approved.json()["peserta_id"],
        "PMT": asked.json()["id"],
    }


async def build_dampak(pen: httpx.AsyncClient, opd: str, nip: str, program: str) -> dict[str, str]:
    """Two batches of the program that ended four months ago (the impact evaluation's window is
    open), E enrolled by A in both and passed; the first's evaluation recorded (PD), the second's
    due (PD2). A's budget of the year they started."""
    end = shift_months(date.today(), -4)
    start = end - timedelta(days=2)
    made = await pen.put(f"/api/v1/anggaran/{opd}/{start.year}", json={"pagu": 500_000_000, "alokasi": 50_000_000})
    assert made.status_code == 200, made.text
    enrolled = []
    for kode in ("MX-D1", "MX-D2"):
        made = await pen.post(
            "/api/v1/angkatan",
            json={
                "program_id": program,
                "kode": kode,
                "tanggal_mulai": start.isoformat(),
                "tanggal_selesai": end.isoformat(),
                "kuota": 20,
                "status": "dibuka",
            },
        )
        assert made.status_code == 201, made.text
        proposed = await pen.post(
            "/api/v1/usulan", json={"angkatan_id": made.json()["id"], "nips": [nip], "opd_id": opd}
        )
        assert proposed.status_code == 201, proposed.text
        approved = await pen.post(f"/api/v1/usulan/{proposed.json()['items'][0]['id']}/setujui", headers=ANY)
        assert approved.status_code == 200, approved.text
        peserta = approved.json()["peserta_id"]
        for step in ("hadir", "lulus"):
            moved = await pen.post(f"/api/v1/peserta/{peserta}/status", json={"status": step}, headers=ANY)
            assert moved.status_code == 200, moved.text
        enrolled.append(peserta)
    scores = {"penerapan": 3, "perubahan_perilaku": 3, "kontribusi_kinerja": 2, "berbagi_pengetahuan": 2}
    evaluated = await pen.put(
        f"/api/v1/peserta/{enrolled[0]}/evaluasi-dampak", json={"skor": scores, "rekomendasi": "cukup"}
    )
    assert evaluated.status_code == 200, evaluated.text
    return {"PD": enrolled[0], "PD2": enrolled[1]}


def import_csv(world: World, upload: str) -> bytes:
    """The file a row's import sends: an employee for pegawai, a numeric SKP of E for kinerja, a JP
    entry of E's history for pengembangan."""
    if upload == "skp-lama":
        return f"NIP;Tahun;Skala;Nilai\r\n{world.E};2020;pp_30_2019;92.5\r\n".encode()
    if upload == "jp":
        header = "NIP;Tahun;Tanggal;JP;Sumber;Jenis;Uraian;Nomor Bukti"
        return f"{header}\r\n{world.E};2025;;24;riwayat;bimtek;Bimtek Matriks;SERT/1\r\n".encode()
    from pegawai.impor.columns import Jenis, columns

    values = {"nip": world.new_nip, "nama": "Rina Wati", "status_kepegawaian": "PNS", "jabatan_kode": world.JA2_KODE}
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    cols = columns(Jenis.PEGAWAI)
    writer.writerow([c.header for c in cols])
    writer.writerow([values.get(c.key, "") for c in cols])
    return out.getvalue().encode()


async def call(
    client: httpx.AsyncClient, method: str, path: str, row: Row, world: World, headers: dict[str, str]
) -> httpx.Response:
    kwargs: dict[str, Any] = {"params": row.query, "headers": {**row.headers, **headers}}
    if row.upload:
        kwargs["files"] = {"file": ("impor.csv", import_csv(world, row.upload), "text/csv")}
    elif row.body is not None:
        kwargs["json"] = row.body
    return await client.request(method, path, **kwargs)


def verdict(response: httpx.Response, expected: int | str, target: str) -> str | None:
    """Why the answer differs from the expectation, or None."""
    if expected in (SEEN, UNSEEN):
        if response.status_code != 200:
            return f"expected 200 ({expected}), got {response.status_code}: {response.text[:200]}"
        body = response.json()
        items = body["items"] if isinstance(body, dict) and "items" in body else body
        present = target in json.dumps(items)
        if present != (expected == SEEN):
            return f"expected the target {'in' if expected == SEEN else 'not in'} the answer"
        return None
    if response.status_code != expected:
        return f"expected {expected}, got {response.status_code}: {response.text[:200]}"
    if response.status_code >= 400 and not response.headers.get("content-type", "").startswith(
        "application/problem+json"
    ):
        return f"{response.status_code} is not problem+json"
    return None


@pytest.mark.parametrize("app_name", APPS)
def test_every_operation_has_an_expectation_for_every_caller(app_name: str, request: pytest.FixtureRequest) -> None:
    app = _app_for_spec(app_name)
    ops = operations(app)
    assert all(ops), "every operation has an operationId"
    written = MATRIX[app_name]
    assert sorted(set(ops) - set(written)) == [], f"operations of {app_name} without a row in tests/access/matrix.py"
    assert sorted(set(written) - set(ops)) == [], f"rows of {app_name} without an operation"


def _app_for_spec(name: str) -> Any:
    import importlib

    module = importlib.import_module(f"{name}.app")
    return module.create_app()


@pytest.mark.parametrize("way", ["direct", "gateway"])
async def test_each_caller_gets_the_written_answer_from_every_operation(
    apps: dict[str, Any],
    pegawai_client: httpx.AsyncClient,
    kompetensi_client: httpx.AsyncClient,
    kinerja_client: httpx.AsyncClient,
    pengembangan_client: httpx.AsyncClient,
    way: str,
) -> None:
    dbs: dict[str, BoundDatabase] = apps["dbs"]
    world = await build_world(
        pegawai_client, kompetensi_client, kinerja_client, pengembangan_client, dbs["pengembangan"]
    )
    callers = caller_headers(world)
    wrong: list[str] = []
    # The gateway's own operations (composed endpoints) once, through the gateway.
    owners = ("pegawai", "kompetensi", "kinerja", "pengembangan", *(("gateway",) if way == "gateway" else ()))
    for service in owners:
        app = apps[service] if way == "direct" else apps["gateway"]
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://matrix", headers=ENGLISH
        ) as c:
            for op_id, (method, template) in operations(apps[service]).items():
                row = MATRIX[service][op_id](world)
                path = world.path(
                    template if way == "direct" else at_gateway(service, template), row.nip, row.skp, row.path
                )
                for caller in CALLERS:
                    savepoints = [await db.conn.begin_nested() for db in dbs.values()]
                    try:
                        response = await call(c, method, path, row, world, callers[caller])
                    finally:
                        for sp in reversed(savepoints):
                            await sp.rollback()
                    why = verdict(response, row.answers[caller], world.target(row.target))
                    if why:
                        wrong.append(f"{way} {service} {op_id} as {caller}: {why}")
    assert wrong == [], "\n".join(wrong)


@pytest.mark.parametrize("way", ["direct", "gateway"])
async def test_every_operation_answers_401_to_every_kind_of_bad_token(apps: dict[str, Any], way: str) -> None:
    dummy = World(
        A=str(uuid.uuid4()),
        B=str(uuid.uuid4()),
        A1=str(uuid.uuid4()),
        JA=str(uuid.uuid4()),
        JA2=str(uuid.uuid4()),
        JA2_KODE="X",
        E="198503122010011003",
        S="198503122010011004",
        F="198503122010011005",
        T=str(uuid.uuid4()),
        T_KODE="X",
        new_nip="198503122010011006",
    )
    wrong: list[str] = []
    owners = ("pegawai", "kompetensi", "kinerja", "pengembangan", *(("gateway",) if way == "gateway" else ()))
    for app_name in owners:
        app = apps[app_name] if way == "direct" else apps["gateway"]
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://matrix") as c:
            for op_id, (method, template) in operations(apps[app_name]).items():
                row = MATRIX[app_name][op_id](dummy)
                path = dummy.path(
                    template if way == "direct" else at_gateway(app_name, template), row.nip, row.skp, row.path
                )
                for kind, headers in bad_credentials().items():
                    response = await call(c, method, path, row, dummy, headers)
                    if template.startswith(PUBLIC_PREFIX):  # read without a token: a bad one is not looked at
                        if response.status_code != 200:
                            wrong.append(f"{way} {app_name} {op_id} with {kind}: {response.status_code}, not 200")
                    elif response.status_code != 401 or response.headers.get("www-authenticate") != "Bearer":
                        wrong.append(
                            f"{way} {app_name} {op_id} with {kind}: {response.status_code} {response.text[:120]}"
                        )
                    elif not response.headers["content-type"].startswith("application/problem+json"):
                        wrong.append(f"{way} {app_name} {op_id} with {kind}: not problem+json")
    assert wrong == [], "\n".join(wrong)
