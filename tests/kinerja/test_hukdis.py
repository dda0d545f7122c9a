"""Disciplinary sanctions (PP 94/2021): kinds by level, their period, and who may ever see them."""

from __future__ import annotations

from datetime import date

import httpx
import pytest

from tests.conftest import ENGLISH, auth
from tests.pegawai.helpers import ANY_VERSION, if_match
from tests.problem import assert_problem

URL = "/api/v1/hukuman-disiplin"


def sanction(nip: str, **kw) -> dict:
    body = {
        "nip": nip,
        "tingkat": "sedang",
        "jenis": "S1",
        "nomor_sk": "800/123/BKPSDM/2025",
        "tanggal_sk": "2024-01-15",
        "tmt": "2025-04-01",
    }
    return {**body, **kw}


@pytest.mark.parametrize(
    ("tingkat", "jenis", "tmt", "selesai"),
    [
        ("sedang", "S1", "2025-04-01", "2025-09-30"),  # six months
        ("sedang", "S3", "2025-01-31", "2026-01-30"),  # twelve months from the end of a month
        ("berat", "B1", "2024-03-01", "2025-02-28"),
        ("ringan", "R2", "2025-04-01", "2025-04-01"),  # a reprimand takes effect on its day
        ("berat", "B3", "2025-04-01", None),  # ends the employment: no end
    ],
)
async def test_the_end_follows_from_the_kinds_duration(kinerja_client, world, tingkat, jenis, tmt, selesai):
    r = await kinerja_client.post(URL, json=sanction(world["a1"]["nip"], tingkat=tingkat, jenis=jenis, tmt=tmt))
    assert r.status_code == 201, r.text
    assert r.json()["tanggal_selesai"] == selesai and r.json()["jenis"] == jenis


async def test_a_kind_of_another_level_and_impossible_dates_are_refused_and_nothing_written(kinerja_client, world):
    nip = world["a1"]["nip"]
    wrong = assert_problem(await kinerja_client.post(URL, json=sanction(nip, tingkat="ringan", jenis="S1")), 422)
    assert wrong["type"].endswith("/hukdis-jenis-tingkat") and "R1, R2, R3" in wrong["detail"]
    unknown = assert_problem(await kinerja_client.post(URL, json=sanction(nip, jenis="S9")), 422)
    assert unknown["errors"][0]["field"] == "jenis" and "S9" in unknown["errors"][0]["message"]
    before = sanction(nip, tanggal_sk="2025-03-03", tmt="2025-03-01")
    early = assert_problem(await kinerja_client.post(URL, json=before), 422)
    assert early["type"].endswith("/hukdis-tmt-before-sk")
    assert_problem(await kinerja_client.post(URL, json=sanction(nip, tanggal_sk="2999-01-01", tmt="2999-02-01")), 422)
    assert (await kinerja_client.get(URL, params={"nip": nip})).json()["total"] == 0


async def test_only_the_admins_in_reach_and_the_employee_see_a_sanction(kinerja_app, kinerja_client, world):
    a1, a2 = world["a1"], world["a2"]
    made = (await kinerja_client.post(URL, json=sanction(a1["nip"]))).json()
    seeing = {
        "admin_bkpsdm": auth("admin_bkpsdm"),
        "admin_opd": auth("admin_opd", opd=world["opd_a"]["id"]),
        "the employee": auth("pegawai", nip=a1["nip"]),
    }
    blind = {
        "foreign admin_opd": auth("admin_opd", opd=world["opd_b"]["id"]),
        "a colleague": auth("pegawai", nip=a2["nip"]),
        "an atasan": auth("atasan", nip=a2["nip"]),
        "integrasi": auth("integrasi"),
        "layanan": auth("layanan"),
    }
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=kinerja_app), base_url="http://k") as c:
        for who, headers in {**seeing, **blind}.items():
            headers = {**ENGLISH, **headers}
            one = await c.get(f"{URL}/{made['id']}", headers=headers)
            listed = (await c.get(URL, headers=headers)).json()
            running = await c.post(f"{URL}/aktif", json={"nips": [a1["nip"]], "tanggal": "2025-05-01"}, headers=headers)
            if who in seeing:
                assert one.status_code == 200, who
                assert [h["id"] for h in listed["items"]] == [made["id"]], who
                assert running.json()["items"][0]["aktif"][0]["id"] == made["id"], who
            else:
                assert one.status_code == 404, who
                assert listed["items"] == [], who
                assert running.json() == {"tanggal": "2025-05-01", "items": [], "missing": [a1["nip"]]}, who


async def test_running_sanctions_for_many_nips_in_one_request(kinerja_client, world):
    a1, a2, b1 = world["a1"]["nip"], world["a2"]["nip"], world["b1"]["nip"]
    await kinerja_client.post(URL, json=sanction(a1))  # 2025-04-01 .. 2025-09-30
    await kinerja_client.post(URL, json=sanction(a2, tingkat="berat", jenis="B1", tmt="2024-03-01"))  # .. 2025-02-28
    unknown = "199001012015031999"
    r = await kinerja_client.post(f"{URL}/aktif", json={"nips": [a1, a2, b1, unknown], "tanggal": "2025-06-01"})
    assert r.status_code == 200, r.text
    running = {i["nip"]: [h["jenis"] for h in i["aktif"]] for i in r.json()["items"]}
    assert running == {a1: ["S1"], a2: [], b1: []} and r.json()["missing"] == [unknown]
    on = (await kinerja_client.post(f"{URL}/aktif", json={"nips": [a2], "tanggal": "2025-02-28"})).json()
    assert [h["jenis"] for h in on["items"][0]["aktif"]] == ["B1"]  # its last day still counts
    listed = await kinerja_client.get(URL, params={"aktif_pada": "2025-06-01"})
    assert [h["nip"] for h in listed.json()["items"]] == [a1]


async def test_nips_from_pegawai_change_no_reach(kinerja_client, world):
    """`dari_pegawai` (the gateway's placement): the same answer for the NIPs pegawai listed; only a
    caller that reaches everyone is taken at its word, anyone else's reach is still pegawai's."""
    a1, a2, b1 = world["a1"]["nip"], world["a2"]["nip"], world["b1"]["nip"]
    await kinerja_client.post(URL, json=sanction(a1))
    body = {"nips": [a1, a2, b1], "tanggal": "2025-06-01"}
    plain = await kinerja_client.post(f"{URL}/aktif", json=body)
    hinted = await kinerja_client.post(f"{URL}/aktif", json={**body, "dari_pegawai": True})
    assert hinted.status_code == 200, hinted.text
    assert hinted.json() == plain.json() and plain.json()["missing"] == []
    opd_a = auth("admin_opd", opd=world["opd_a"]["id"])
    mine = await kinerja_client.post(f"{URL}/aktif", json={**body, "dari_pegawai": True}, headers=opd_a)
    assert {i["nip"] for i in mine.json()["items"]} == {a1, a2} and mine.json()["missing"] == [b1]
    own = await kinerja_client.post(
        f"{URL}/aktif", json={**body, "dari_pegawai": True}, headers=auth("pegawai", nip=a2)
    )
    assert [i["nip"] for i in own.json()["items"]] == [a2] and own.json()["missing"] == [a1, b1]


async def test_a_correction_works_the_end_out_again_and_needs_the_version(kinerja_client, world):
    made = (await kinerja_client.post(URL, json=sanction(world["a1"]["nip"]))).json()
    url = f"{URL}/{made['id']}"
    assert_problem(await kinerja_client.patch(url, json={"jenis": "S2"}), 428)
    fixed = await kinerja_client.patch(url, json={"jenis": "S2"}, headers=if_match(made))
    assert fixed.status_code == 200, fixed.text
    assert fixed.json()["tanggal_selesai"] == "2025-12-31" and fixed.json()["version"] == 2
    assert_problem(await kinerja_client.patch(url, json={"jenis": "B1"}, headers=if_match(fixed.json())), 422)
    assert (await kinerja_client.delete(url, headers=if_match(fixed.json()))).status_code == 204


async def test_an_internal_announcement_reaches_signed_in_employees_never_the_public(
    kinerja_app, kinerja_client, world
):
    a1 = world["a1"]
    today = date.today()
    await kinerja_client.post(
        URL,
        json=sanction(a1["nip"], tanggal_sk=today.isoformat(), tmt=today.isoformat(), diumumkan_internal=True),
    )
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=kinerja_app), base_url="http://k") as c:
        colleague = {**ENGLISH, **auth("pegawai", nip=world["b1"]["nip"])}
        shown = (await c.get(f"{URL}/pengumuman", headers=colleague)).json()["items"]
        assert shown == [
            {
                "nama": a1["nama_lengkap"],
                "unit": world["opd_a"]["nama"],
                "hukuman": "Pemotongan tunjangan kinerja 25% selama 6 bulan",
                "tmt": today.isoformat(),
                "tanggal_selesai": shown[0]["tanggal_selesai"],
            }
        ]
        assert (await c.get(f"{URL}/pengumuman")).status_code == 401
        public = await c.get("/api/v1/publik/penghargaan")
        assert a1["nama_lengkap"] not in public.text


async def test_the_heaviest_sanction_of_a_window_level_for_readers_details_for_those_who_see(
    kinerja_app, kinerja_client, pegawai_client, world
):
    """`terberat` (IP ASN's discipline): per NIP the heaviest level whose TMT lies in the window (a
    heavier one before the window does not count, the latest among equals wins); the sanction itself
    only to those who may see it, the level to anyone who reads the employee (an atasan its reports)."""
    a1, a2, b1 = world["a1"]["nip"], world["a2"]["nip"], world["b1"]["nip"]
    await kinerja_client.post(URL, json=sanction(a1, tingkat="berat", jenis="B1", tmt="2024-12-31"))  # before
    await kinerja_client.post(URL, json=sanction(a1, tingkat="ringan", jenis="R1", tmt="2025-01-01"))  # first day
    await kinerja_client.post(URL, json=sanction(a1, tingkat="sedang", jenis="S1", tmt="2025-06-01", nomor_sk="A/1"))
    await kinerja_client.post(URL, json=sanction(a1, tingkat="sedang", jenis="S2", tmt="2025-12-31", nomor_sk="A/2"))
    await kinerja_client.post(URL, json=sanction(a2, tingkat="ringan", jenis="R2", tmt="2026-01-01"))  # after
    window = {"dari": "2025-01-01", "sampai": "2025-12-31"}
    unknown = "199001012015031999"
    r = await kinerja_client.post(f"{URL}/terberat", json={"nips": [a1, a2, b1, unknown], **window})
    assert r.status_code == 200, r.text
    items = {i["nip"]: i for i in r.json()["items"]}
    assert [items[n]["tingkat"] for n in (a1, a2, b1)] == ["sedang", None, None]
    assert items[a1]["rincian"]["jenis"] == "S2" and items[a1]["rincian"]["nomor_sk"] == "A/2"
    assert items[a1]["rincian"]["tmt"] == "2025-12-31"
    # admin_bkpsdm reads every NIP (kinerja keeps no register of employees, as jp/bulk): none recorded
    assert items[unknown]["tingkat"] is None and r.json()["missing"] == []
    r = await pegawai_client.patch(f"/api/v1/pegawai/{a1}", json={"atasan_nip": a2}, headers=ANY_VERSION)
    assert r.status_code == 200, r.text
    body = {"nips": [a1, a2, b1], **window}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=kinerja_app), base_url="http://k") as c:
        atasan = (await c.post(f"{URL}/terberat", json=body, headers=auth("atasan", nip=a2))).json()
        self_ = (await c.post(f"{URL}/terberat", json=body, headers=auth("pegawai", nip=a1))).json()
        opd_b = (await c.post(f"{URL}/terberat", json=body, headers=auth("admin_opd", opd=world["opd_b"]["id"]))).json()
    seen = {i["nip"]: i for i in atasan["items"]}
    assert seen[a1] == {"nip": a1, "tingkat": "sedang", "terlihat": False, "rincian": None}
    assert seen[a2]["terlihat"] is True and atasan["missing"] == [b1]
    assert [i["nip"] for i in self_["items"]] == [a1] and self_["items"][0]["rincian"]["jenis"] == "S2"
    assert [i["nip"] for i in opd_b["items"]] == [b1] and opd_b["missing"] == [a1, a2]
    inverted = assert_problem(
        await kinerja_client.post(f"{URL}/terberat", json={"nips": [a1], "dari": "2025-02-01", "sampai": "2025-01-01"}),
        422,
    )
    assert inverted["errors"][0]["code"] == "hukdis-window-inverted"
