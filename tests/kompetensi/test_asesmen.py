"""Assessments: the current profile, corrections, refusals and who may assess whom."""

from datetime import date, timedelta

import httpx
import pytest

from kompetensi.asesmen.service import stale_before
from tests.conftest import ENGLISH, auth
from tests.problem import assert_problem


def asesmen(nip, kode="INT", level=3, tanggal="2025-06-01", **kw):
    return {
        "nip": nip,
        "kompetensi_kode": kode,
        "level": level,
        "tanggal": tanggal,
        "metode": "assessment_center",
        "asesor": "Tim AC",
        **kw,
    }


async def test_profile_is_the_latest_valid_level_and_marks_stale_ones(kompetensi_client, world):
    nip = world["a1"]["nip"]
    old = (date.today() - timedelta(days=365 * 4)).isoformat()
    for body in (
        asesmen(nip, "INT", 2, "2024-01-10"),
        asesmen(nip, "INT", 3, "2025-02-01"),
        asesmen(nip, "KOM", 2, old),
    ):
        assert (await kompetensi_client.post("/api/v1/asesmen", json=body)).status_code == 201
    profil = (await kompetensi_client.get(f"/api/v1/profil-kompetensi/{nip}")).json()
    items = {i["kompetensi_kode"]: i for i in profil["items"]}
    assert items["INT"]["level"] == 3 and items["INT"]["kedaluwarsa"] is False
    assert items["KOM"]["kedaluwarsa"] is True
    assert profil["masa_berlaku_tahun"] == 3


async def test_a_correction_is_a_new_record_that_supersedes(kompetensi_client, world):
    nip = world["a1"]["nip"]
    first = (await kompetensi_client.post("/api/v1/asesmen", json=asesmen(nip, "PK", 4, "2025-03-01"))).json()
    fix = await kompetensi_client.post(
        "/api/v1/asesmen",
        json=asesmen(nip, "PK", 2, "2025-03-01", koreksi_dari=first["id"], keterangan="typo in AC report"),
    )
    assert fix.status_code == 201
    history = (await kompetensi_client.get("/api/v1/asesmen", params={"nip": nip, "kompetensi_kode": "PK"})).json()[
        "items"
    ]
    assert {(h["level"], h["dikoreksi"]) for h in history} == {(4, True), (2, False)}
    assert {
        i["kompetensi_kode"]: i["level"]
        for i in (await kompetensi_client.get(f"/api/v1/profil-kompetensi/{nip}")).json()["items"]
    }["PK"] == 2
    assert_problem(
        await kompetensi_client.post("/api/v1/asesmen", json=asesmen(nip, "PK", 3, koreksi_dari=first["id"])),
        409,
        "already corrected",
    )
    assert_problem(
        await kompetensi_client.post("/api/v1/asesmen", json=asesmen(nip, "INT", 3, koreksi_dari=fix.json()["id"])),
        422,
        "same NIP and competency",
    )


async def test_bad_assessments_are_refused(kompetensi_client, world):
    nip = world["a1"]["nip"]
    future = (date.today() + timedelta(days=3)).isoformat()
    assert_problem(await kompetensi_client.post("/api/v1/asesmen", json=asesmen(nip, tanggal=future)), 422, "future")
    assert_problem(await kompetensi_client.post("/api/v1/asesmen", json=asesmen(nip, level=0)), 422, "level")
    assert_problem(
        await kompetensi_client.post("/api/v1/asesmen", json=asesmen(nip, kode="NOPE")), 422, "Unknown competency"
    )
    assert_problem(await kompetensi_client.post("/api/v1/asesmen", json=asesmen("123")), 422, "18 digits")
    assert_problem(
        await kompetensi_client.post("/api/v1/asesmen", json=asesmen("198001012005011001")), 404, "in your scope"
    )
    assert (await kompetensi_client.get("/api/v1/asesmen", params={"nip": nip})).json()["total"] == 0


async def test_admin_opd_assesses_only_its_own_employees_and_pegawai_reads_only_itself(kompetensi_client, world):
    opd = auth("admin_opd", opd=world["opd_a"]["id"])
    assert (
        await kompetensi_client.post("/api/v1/asesmen", json=asesmen(world["a1"]["nip"]), headers=opd)
    ).status_code == 201
    assert_problem(await kompetensi_client.post("/api/v1/asesmen", json=asesmen(world["b1"]["nip"]), headers=opd), 404)
    me = auth("pegawai", nip=world["a1"]["nip"])
    assert (
        await kompetensi_client.get(f"/api/v1/profil-kompetensi/{world['a1']['nip']}", headers=me)
    ).status_code == 200
    # Another employee is outside a pegawai token's reach: 404, as if it did not exist.
    assert_problem(await kompetensi_client.get(f"/api/v1/profil-kompetensi/{world['a2']['nip']}", headers=me), 404)
    assert_problem(await kompetensi_client.get("/api/v1/asesmen", params={"nip": world["a2"]["nip"]}, headers=me), 404)
    assert_problem(await kompetensi_client.post("/api/v1/asesmen", json=asesmen(world["a1"]["nip"]), headers=me), 403)


async def test_training_results_ingest_once_per_idempotency_key(kompetensi_client, world):
    body = {
        "sumber": "pengembangan/batch/42",
        "hasil": [{"nip": world["a1"]["nip"], "kompetensi_kode": "TEK-KEP-01", "level": 3, "tanggal": "2025-10-01"}],
    }
    headers = {**auth("layanan"), "Idempotency-Key": "batch-42-results"}
    first = await kompetensi_client.post("/api/v1/asesmen/hasil-pelatihan", json=body, headers=headers)
    again = await kompetensi_client.post("/api/v1/asesmen/hasil-pelatihan", json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json() and first.json()["dicatat"] == 1
    history = (await kompetensi_client.get("/api/v1/asesmen", params={"nip": world["a1"]["nip"]})).json()
    assert (
        history["total"] == 1
        and history["items"][0]["metode"] == "hasil_pelatihan"
        and history["items"][0]["sumber"] == "pengembangan/batch/42"
    )
    assert_problem(
        await kompetensi_client.post(
            "/api/v1/asesmen/hasil-pelatihan", json=body, headers=auth("admin_opd", opd=world["opd_a"]["id"])
        ),
        403,
    )


async def test_bulk_profiles(kompetensi_client, world):
    await kompetensi_client.post("/api/v1/asesmen", json=asesmen(world["a1"]["nip"]))
    nips = [world["a1"]["nip"], world["b1"]["nip"]]
    r = await kompetensi_client.post("/api/v1/profil-kompetensi/bulk", json={"nips": nips})
    assert [p["nip"] for p in r.json()["items"]] == nips and len(r.json()["items"][0]["items"]) == 1
    scoped = await kompetensi_client.post(
        "/api/v1/profil-kompetensi/bulk", json={"nips": nips}, headers=auth("admin_opd", opd=world["opd_a"]["id"])
    )
    assert [p["nip"] for p in scoped.json()["items"]] == [world["a1"]["nip"]] and scoped.json()["missing"] == [
        world["b1"]["nip"]
    ]


@pytest.mark.parametrize(
    ("today", "years", "cutoff"),
    [
        (date(2026, 5, 31), 3, date(2023, 5, 31)),  # days 29-31 are not rounded down to 28
        (date(2026, 1, 30), 3, date(2023, 1, 30)),
        (date(2028, 2, 29), 3, date(2025, 2, 28)),  # no 29 February that year
        (date(2028, 2, 29), 4, date(2024, 2, 29)),
        (date(2026, 3, 1), 2, date(2024, 3, 1)),
    ],
)
def test_the_validity_cutoff_is_the_same_day_n_years_ago(today, years, cutoff):
    assert stale_before(today, years) == cutoff


async def _profile_by_code(client: httpx.AsyncClient, nip: str) -> dict:
    r = await client.get(f"/api/v1/profil-kompetensi/{nip}")
    assert r.status_code == 200, r.text
    return {
        "masa_berlaku_tahun": r.json()["masa_berlaku_tahun"],
        **{i["kompetensi_kode"]: i["kedaluwarsa"] for i in r.json()["items"]},
    }


async def test_an_assessment_is_stale_from_the_day_after_the_validity_ends(kompetensi_client, world):
    nip = world["a1"]["nip"]
    cutoff = stale_before(date.today(), 3)
    for kode, tanggal in (("INT", cutoff), ("KOM", cutoff - timedelta(days=1)), ("KER", cutoff - timedelta(days=3))):
        assert (
            await kompetensi_client.post("/api/v1/asesmen", json=asesmen(nip, kode, 3, tanggal.isoformat()))
        ).status_code == 201
    assert await _profile_by_code(kompetensi_client, nip) == {
        "masa_berlaku_tahun": 3,
        "INT": False,
        "KOM": True,
        "KER": True,
    }


@pytest.fixture
async def kom_validity_2(kompetensi_db, pegawai_app):
    """A kompetensi app configured with ASESMEN_VALIDITY_YEARS=2, on the test's database."""
    from kompetensi.app import create_app
    from kompetensi.config import KompetensiSettings

    app = create_app(
        KompetensiSettings(asesmen_validity_years=2), transports={"pegawai": httpx.ASGITransport(app=pegawai_app)}
    )
    app.state.db = kompetensi_db
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://kompetensi", headers=ENGLISH) as c,
    ):
        c.headers.update(auth("admin_bkpsdm"))
        yield c


async def test_the_validity_period_comes_from_the_settings(kompetensi_client, kom_validity_2, world):
    nip = world["a1"]["nip"]
    two_years = stale_before(date.today(), 2)
    for kode, tanggal in (("INT", two_years), ("KOM", two_years - timedelta(days=1))):
        assert (
            await kompetensi_client.post("/api/v1/asesmen", json=asesmen(nip, kode, 3, tanggal.isoformat()))
        ).status_code == 201
    assert await _profile_by_code(kom_validity_2, nip) == {"masa_berlaku_tahun": 2, "INT": False, "KOM": True}
    assert await _profile_by_code(kompetensi_client, nip) == {"masa_berlaku_tahun": 3, "INT": False, "KOM": False}


async def test_same_date_in_one_batch_the_later_row_wins(kompetensi_client, world):
    a1, a2 = world["a1"]["nip"], world["a2"]["nip"]
    rows = [(a1, 2), (a2, 5), (a1, 4), (a2, 1), (a1, 3)]
    body = {
        "sumber": "pengembangan/batch/tie",
        "hasil": [
            {"nip": nip, "kompetensi_kode": "TEK-KEP-01", "level": lv, "tanggal": "2025-09-01"} for nip, lv in rows
        ],
    }
    r = await kompetensi_client.post("/api/v1/asesmen/hasil-pelatihan", json=body, headers=auth("layanan"))
    assert r.status_code == 201, r.text
    for nip, last in ((a1, 3), (a2, 1)):
        profile = (await kompetensi_client.get(f"/api/v1/profil-kompetensi/{nip}")).json()["items"]
        assert [(i["kompetensi_kode"], i["level"]) for i in profile] == [("TEK-KEP-01", last)]
        history = (await kompetensi_client.get("/api/v1/asesmen", params={"nip": nip})).json()["items"]
        assert history[0]["level"] == last and history[0]["id"] == profile[0]["asesmen_id"], (
            "history lists the winner first"
        )


async def test_concurrent_writers_to_one_pair_leave_the_newest_level(engines):
    """Two transactions write the same NIP and competency; the one holding the newer assessment
    commits first. Without serialisation the other, deriving from its own snapshot, would
    overwrite the projection with its older level."""
    import asyncio
    import uuid

    from sqlalchemy import insert, select, text

    from kompetensi.asesmen import queries
    from kompetensi.asesmen.models import Asesmen, ProfilKompetensi
    from kompetensi.demo import kompetensi_id

    nip, kid, other = "197001012000011999", kompetensi_id("INT"), kompetensi_id("KOM")
    engine = engines["kompetensi"]

    async def write(conn, kompetensi, level, tanggal):
        row = {
            "id": uuid.uuid4(),
            "nip": nip,
            "kompetensi_id": kompetensi,
            "level": level,
            "tanggal": date.fromisoformat(tanggal),
            "metode": "uji_kompetensi",
            "dicatat_oleh": "test",
        }
        await conn.execute(insert(Asesmen), [row])
        await queries.refresh(conn, [(nip, kompetensi)])

    try:
        async with engine.connect() as newer, engine.connect() as older, engine.connect() as elsewhere:
            await newer.begin()
            await older.begin()
            await elsewhere.begin()
            await write(newer, kid, 4, "2025-06-01")
            late = asyncio.create_task(write(older, kid, 2, "2024-06-01"))
            await asyncio.sleep(0.3)
            assert not late.done(), "the second writer waits for the first"
            await asyncio.wait_for(write(elsewhere, other, 3, "2024-06-01"), 5)  # another pair does not wait
            await elsewhere.commit()
            await newer.commit()
            await asyncio.wait_for(late, 5)
            await older.commit()
        async with engine.connect() as conn:
            level = await conn.scalar(
                select(ProfilKompetensi.level).where(ProfilKompetensi.nip == nip, ProfilKompetensi.kompetensi_id == kid)
            )
        assert level == 4
    finally:
        async with engine.begin() as conn:
            await conn.execute(text("DELETE FROM profil_kompetensi WHERE nip = :nip"), {"nip": nip})
            await conn.execute(text("DELETE FROM asesmen WHERE nip = :nip"), {"nip": nip})


def _other_nips(n: int) -> list[str]:
    from shared.nip import JenisKelamin, make_nip

    return [make_nip(date(1980, 1, 1) + timedelta(days=i), 2010, 1, JenisKelamin.PEREMPUAN, 1) for i in range(n)]


async def test_bulk_profiles_take_a_thousand_nips_and_refuse_more(kompetensi_client, world):
    nip = world["a1"]["nip"]
    await kompetensi_client.post("/api/v1/asesmen", json=asesmen(nip, "INT", 4))
    nips = [*_other_nips(999), nip]
    r = await kompetensi_client.post("/api/v1/profil-kompetensi/bulk", json={"nips": nips})
    assert r.status_code == 200, r.text
    items = r.json()["items"]
    assert [p["nip"] for p in items] == nips and r.json()["missing"] == []
    assert [(i["kompetensi_kode"], i["level"]) for i in items[-1]["items"]] == [("INT", 4)]
    assert all(p["items"] == [] for p in items[:-1])
    too_many = await kompetensi_client.post(
        "/api/v1/profil-kompetensi/bulk", json={"nips": [*nips, _other_nips(1000)[-1]]}
    )
    body = assert_problem(too_many, 422)
    assert body["errors"][0]["field"] == "nips"


def _batch(world, sumber="pengembangan/batch/7", **first):
    return {
        "sumber": sumber,
        "hasil": [
            {"nip": world["a1"]["nip"], "kompetensi_kode": "TEK-KEP-01", "level": 3, "tanggal": "2025-10-01", **first},
            {"nip": world["a2"]["nip"], "kompetensi_kode": "INT", "level": 2, "tanggal": "2025-10-01"},
        ],
    }


async def _recorded(kom, world) -> int:
    return sum(
        [(await kom.get("/api/v1/asesmen", params={"nip": world[p]["nip"]})).json()["total"] for p in ("a1", "a2")]
    )


async def test_an_idempotency_key_reused_with_another_body_is_refused(kompetensi_client, world):
    headers = {**auth("layanan"), "Idempotency-Key": "batch-7"}
    assert (
        await kompetensi_client.post("/api/v1/asesmen/hasil-pelatihan", json=_batch(world), headers=headers)
    ).status_code == 201
    other = await kompetensi_client.post(
        "/api/v1/asesmen/hasil-pelatihan", json=_batch(world, level=5), headers=headers
    )
    assert_problem(other, 422, "already used for a different request")
    assert await _recorded(kompetensi_client, world) == 2, "only the first batch is recorded"


async def test_bad_input_inside_a_training_batch_records_nothing(kompetensi_client, world):
    headers = {**auth("layanan"), "Idempotency-Key": "batch-8"}
    future = (date.today() + timedelta(days=1)).isoformat()
    assert_problem(
        await kompetensi_client.post(
            "/api/v1/asesmen/hasil-pelatihan", json=_batch(world, kompetensi_kode="NOPE"), headers=headers
        ),
        422,
        "Unknown competency code(s): NOPE",
    )
    body = assert_problem(
        await kompetensi_client.post(
            "/api/v1/asesmen/hasil-pelatihan", json=_batch(world, tanggal=future), headers=headers
        ),
        422,
        "future",
    )
    assert body["errors"][0]["field"] == "hasil.0.tanggal"
    assert await _recorded(kompetensi_client, world) == 0
    assert (await kompetensi_client.get("/api/v1/audit-log", params={"entity": "asesmen"})).json()["total"] == 0
    # a refused batch does not use up its key: the corrected batch goes through under it
    fixed = await kompetensi_client.post("/api/v1/asesmen/hasil-pelatihan", json=_batch(world), headers=headers)
    assert fixed.status_code == 201 and fixed.json()["dicatat"] == 2


async def test_an_assessment_is_audited_with_who_and_the_row(kompetensi_client, world):
    r = await kompetensi_client.post(
        "/api/v1/asesmen", json=asesmen(world["a1"]["nip"], "INT", 3), headers={"X-Request-ID": "req-asesmen-1"}
    )
    assert r.status_code == 201
    log = (
        await kompetensi_client.get("/api/v1/audit-log", params={"entity": "asesmen", "entity_id": r.json()["id"]})
    ).json()["items"]
    assert len(log) == 1
    entry = log[0]
    assert entry["action"] == "insert" and entry["before"] is None and entry["actor"] == "test-admin_bkpsdm"
    assert entry["request_id"] == "req-asesmen-1"
    assert {k: entry["after"][k] for k in ("nip", "level", "tanggal", "metode")} == {
        "nip": world["a1"]["nip"],
        "level": 3,
        "tanggal": "2025-06-01",
        "metode": "assessment_center",
    }


async def test_a_retried_assessment_with_the_same_idempotency_key_is_recorded_once(kompetensi_client, world):
    nip = world["a1"]["nip"]
    key = {"Idempotency-Key": "asesmen-retry-1"}
    first = await kompetensi_client.post("/api/v1/asesmen", json=asesmen(nip, level=3), headers=key)
    again = await kompetensi_client.post("/api/v1/asesmen", json=asesmen(nip, level=3), headers=key)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json() and again.headers.get("Idempotent-Replayed") == "true"
    assert (await kompetensi_client.get("/api/v1/asesmen", params={"nip": nip})).json()["total"] == 1
    assert_problem(
        await kompetensi_client.post("/api/v1/asesmen", json=asesmen(nip, level=4), headers=key),
        422,
        "different request",
    )


async def test_the_compact_levels_are_the_profiles_and_only_of_those_the_caller_reads(kompetensi_client, world):
    """POST /profil-kompetensi/level: per NIP the current level per code (a correction's, not the
    corrected one's), an empty map for one never assessed; out of reach in `missing`."""
    a1, a2, b1 = world["a1"]["nip"], world["a2"]["nip"], world["b1"]["nip"]
    first = await kompetensi_client.post("/api/v1/asesmen", json=asesmen(a1, "TEK-KEP-01", level=2))
    await kompetensi_client.post(
        "/api/v1/asesmen", json=asesmen(a1, "TEK-KEP-01", level=4, koreksi_dari=first.json()["id"])
    )
    await kompetensi_client.post("/api/v1/asesmen", json=asesmen(b1, "TEK-KEP-01", level=3))
    r = await kompetensi_client.post("/api/v1/profil-kompetensi/level", json={"nips": [a1, a2, b1]})
    assert r.status_code == 200, r.text
    got = {i["nip"]: i["level"] for i in r.json()["items"]}
    assert got == {a1: {"TEK-KEP-01": 4}, a2: {}, b1: {"TEK-KEP-01": 3}} and r.json()["missing"] == []
    profile = (await kompetensi_client.get(f"/api/v1/profil-kompetensi/{a1}")).json()
    assert {i["kompetensi_kode"]: i["level"] for i in profile["items"]} == got[a1]
    opd = auth("admin_opd", opd=world["opd_a"]["id"])
    scoped = (
        await kompetensi_client.post("/api/v1/profil-kompetensi/level", json={"nips": [a1, b1]}, headers=opd)
    ).json()
    assert [i["nip"] for i in scoped["items"]] == [a1] and scoped["missing"] == [b1]
    me = (
        await kompetensi_client.post(
            "/api/v1/profil-kompetensi/level", json={"nips": [a1, a2]}, headers=auth("pegawai", nip=a2)
        )
    ).json()
    assert me == {"items": [{"nip": a2, "level": {}, "tanggal_asesmen": None}], "missing": [a1]}
    assert_problem(await kompetensi_client.post("/api/v1/profil-kompetensi/level", json={"nips": ["123"]}), 422)
    assert_problem(await kompetensi_client.post("/api/v1/profil-kompetensi/level", json={"nips": [a1] * 10001}), 422)
    # `semua`: everyone the caller reads, no list sent (the talent map's pool for BKPSDM): the same
    # levels; one never assessed may be left out, and a narrower caller still gets only its reach.
    every = (await kompetensi_client.post("/api/v1/profil-kompetensi/level", json={"semua": True})).json()
    found = {i["nip"]: i["level"] for i in every["items"]}
    assert found[a1] == got[a1] and found[b1] == got[b1] and found.get(a2, {}) == {} and every["missing"] == []
    scoped_all = (
        await kompetensi_client.post("/api/v1/profil-kompetensi/level", json={"semua": True}, headers=opd)
    ).json()
    assert a1 in {i["nip"] for i in scoped_all["items"]} and b1 not in {i["nip"] for i in scoped_all["items"]}
    only_me = await kompetensi_client.post(
        "/api/v1/profil-kompetensi/level", json={"semua": True}, headers=auth("pegawai", nip=a2)
    )
    assert only_me.json()["items"] == [{"nip": a2, "level": {}, "tanggal_asesmen": None}]
    for neither_or_both in ({}, {"semua": False}, {"nips": [a1], "semua": True}):
        assert_problem(await kompetensi_client.post("/api/v1/profil-kompetensi/level", json=neither_or_both), 422)


async def test_the_compact_levels_carry_the_date_of_the_latest_assessment_among_them(kompetensi_client, world):
    """The talent map counts a profile only when recent: the latest date among the current levels."""
    a1, a2 = world["a1"]["nip"], world["a2"]["nip"]
    await kompetensi_client.post("/api/v1/asesmen", json=asesmen(a1, "INT", tanggal="2022-03-10"))
    await kompetensi_client.post("/api/v1/asesmen", json=asesmen(a1, "TEK-KEP-01", tanggal="2024-11-05"))
    await kompetensi_client.post("/api/v1/asesmen", json=asesmen(a1, "INT", level=4, tanggal="2023-01-02"))
    r = await kompetensi_client.post("/api/v1/profil-kompetensi/level", json={"nips": [a1, a2]})
    got = {i["nip"]: (i["level"], i["tanggal_asesmen"]) for i in r.json()["items"]}
    assert got == {a1: ({"INT": 4, "TEK-KEP-01": 3}, "2024-11-05"), a2: ({}, None)}
