"""The JP ledger: entries recorded, corrected and read within reach, credits of completed batches,
the bulk totals with the rule of each status, the compliance report of a unit, and the history
import. The rule values come from shared/rules/pengembangan.yaml, never from the test."""

from __future__ import annotations

import io
import uuid
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from openpyxl import Workbook, load_workbook

from pengembangan.jp import service
from pengembangan.jp.schemas import columns
from shared.rules import load_pengembangan
from shared.workbook import XLSX_MEDIA
from tests.conftest import auth
from tests.pegawai.helpers import audit_entries, if_match
from tests.pengembangan.conftest import LAST_YEAR, TODAY, jp_body, make_angkatan, make_jp, make_program
from tests.problem import assert_problem

RULES = load_pengembangan()
MIN, MAX = RULES.pns_min_jp_per_tahun, RULES.pppk_max_jp_per_tahun_kontrak
HEADERS = [c.header for c in columns()]


async def entries(client: httpx.AsyncClient, **params: Any) -> list[dict[str, Any]]:
    r = await client.get("/api/v1/jp", params={"limit": 1000, **params})
    assert r.status_code == 200, r.text
    return r.json()["items"]


async def audit(client: httpx.AsyncClient, **params: Any) -> list[dict[str, Any]]:
    r = await client.get("/api/v1/audit-log", params={"entity": "jp_entri", "limit": 1000, **params})
    assert r.status_code == 200, r.text
    return r.json()["items"]


# --- recording ----------------------------------------------------------------------------


async def test_an_entry_is_recorded_with_its_year_kind_and_recorder_and_audited(pengembangan_client, pemda):
    nip = pemda["pns1"]["nip"]
    r = await pengembangan_client.post("/api/v1/jp", json=jp_body(nip, nomor_bukti="800/1/2026"))
    assert r.status_code == 201, r.text
    body = r.json()
    assert r.headers["ETag"] == '"1"' and r.headers["Location"] == f"/api/v1/jp/{body['id']}"
    assert body["tahun"] == TODAY.year and body["sumber"] == "nonklasikal" and body["jalur"] == "nonklasikal"
    assert body["jenis_nama"] == "Coaching" and body["nomor_bukti"] == "800/1/2026"
    assert body["dicatat_oleh"] == "test-admin_bkpsdm"  # who recorded it: the token's subject
    assert body["program_id"] is None and body["angkatan_id"] is None
    got = await pengembangan_client.get(f"/api/v1/jp/{body['id']}")
    assert got.status_code == 200 and got.headers["ETag"] == '"1"' and got.json()["uraian"] == body["uraian"]
    [logged] = await audit_entries(pengembangan_client, "jp_entri", body["id"])
    assert logged["action"] == "insert" and logged["after"]["jp"] == 10 and logged["actor"] == "test-admin_bkpsdm"


async def test_history_may_be_known_by_its_year_alone(pengembangan_client, pemda):
    body = await make_jp(
        pengembangan_client, pemda["pns1"]["nip"], sumber="riwayat", jenis="bimtek", tanggal=None, tahun=LAST_YEAR
    )
    assert (body["tahun"], body["tanggal"], body["jalur"]) == (LAST_YEAR, None, "klasikal")
    dated = date(LAST_YEAR, 6, 1).isoformat()
    untyped = await make_jp(pengembangan_client, pemda["pns1"]["nip"], sumber="riwayat", jenis=None, tanggal=dated)
    assert untyped["jenis"] is None and untyped["tahun"] == LAST_YEAR and untyped["tanggal"] == dated


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"jp": -8}, "jp"),
        ({"jp": 0}, "jp"),
        ({"jp": 100_000}, "jp"),
        ({"jp": 1.5}, "jp"),
        ({"jenis": "ngopi"}, "jenis"),  # not a kind of the rule file
        ({"jenis": "bimtek"}, "jenis"),  # a classroom kind is not a non-classroom activity
        ({"jenis": None}, "jenis"),  # a non-classroom activity names its kind
        ({"tanggal": None}, "tanggal"),  # ... and its date
        ({"tanggal": (TODAY + timedelta(days=1)).isoformat()}, "tanggal"),
        ({"tanggal": "1999-12-31"}, "tanggal"),
        ({"tahun": TODAY.year - 1}, "tahun"),  # not the year of its date
        ({"sumber": "riwayat", "tanggal": None}, "tahun"),  # history needs a date or a year
        ({"sumber": "riwayat", "tanggal": None, "tahun": TODAY.year + 1}, "tahun"),
        ({"sumber": "pelatihan"}, "sumber"),  # credited by enrollment, never typed in
        ({"sumber": "seminar"}, "sumber"),
        ({"uraian": "Coaching\x00"}, "uraian"),
        ({"uraian": "x" * 501}, "uraian"),
        ({"nomor_bukti": "x" * 101}, "nomor_bukti"),
        ({"nip": "19850312201001100"}, "nip"),
    ],
)
async def test_bad_input_is_refused_naming_the_field_and_nothing_is_written(pengembangan_client, pemda, change, field):
    body = {**jp_body(pemda["pns1"]["nip"]), **change}
    problem = assert_problem(await pengembangan_client.post("/api/v1/jp", json=body), 422)
    assert field in [e["field"] for e in problem["errors"]], problem
    assert await entries(pengembangan_client) == []
    assert await audit(pengembangan_client) == []


async def test_an_unknown_kind_is_answered_with_the_kinds_of_the_path(pengembangan_client, pemda):
    problem = assert_problem(
        await pengembangan_client.post("/api/v1/jp", json=jp_body(pemda["pns1"]["nip"], jenis="bimtek")), 422
    )
    [error] = problem["errors"]
    assert error["code"] == "jp-jenis-not-nonklasikal"
    assert all(k.kode in error["message"] for k in RULES.of_jalur("nonklasikal"))


# --- reach --------------------------------------------------------------------------------


async def test_an_opd_admin_records_for_its_own_employees_only_and_employees_never(pengembangan_client, pemda):
    opd_a = auth("admin_opd", opd=pemda["opd_a"]["id"])
    mine = await pengembangan_client.post("/api/v1/jp", json=jp_body(pemda["pns2"]["nip"]), headers=opd_a)
    assert mine.status_code == 201, mine.text
    foreign = await pengembangan_client.post("/api/v1/jp", json=jp_body(pemda["pns_b"]["nip"]), headers=opd_a)
    assert_problem(foreign, 404)
    for role in ("pegawai", "atasan"):
        own = await pengembangan_client.post(
            "/api/v1/jp", json=jp_body(pemda["pns1"]["nip"]), headers=auth(role, nip=pemda["pns1"]["nip"])
        )
        assert_problem(own, 403)
    assert [e["nip"] for e in await entries(pengembangan_client)] == [pemda["pns2"]["nip"]]


async def test_entries_are_read_by_the_employee_its_atasan_and_admins_reaching_it(pengembangan_client, pemda):
    pns1, pns2, pns_b = (pemda[k]["nip"] for k in ("pns1", "pns2", "pns_b"))
    own = await make_jp(pengembangan_client, pns2)
    await make_jp(pengembangan_client, pns_b)
    readers = {
        "itself": (auth("pegawai", nip=pns2), {pns2}),
        "its atasan": (auth("atasan", nip=pns1), {pns2}),  # pns2 is pns1's direct report
        "its OPD": (auth("admin_opd", opd=pemda["opd_a"]["id"]), {pns2}),
        "another OPD": (auth("admin_opd", opd=pemda["opd_b"]["id"]), {pns_b}),
        "another employee": (auth("pegawai", nip=pns_b), {pns_b}),
        "integrasi": (auth("integrasi"), {pns2, pns_b}),
    }
    for who, (headers, seen) in readers.items():
        r = await pengembangan_client.get("/api/v1/jp", headers=headers)
        assert r.status_code == 200, (who, r.text)
        assert {e["nip"] for e in r.json()["items"]} == seen, who
        one = await pengembangan_client.get(f"/api/v1/jp/{own['id']}", headers=headers)
        assert one.status_code == (200 if pns2 in seen else 404), who
    by_nip = await pengembangan_client.get("/api/v1/jp", params={"nip": pns2, "tahun": TODAY.year})
    assert [e["id"] for e in by_nip.json()["items"]] == [own["id"]]
    assert (await pengembangan_client.get("/api/v1/jp", params={"nip": pns2, "tahun": LAST_YEAR})).json()["total"] == 0


# --- correcting ---------------------------------------------------------------------------


async def test_a_correction_needs_the_version_read_and_is_audited_before_and_after(pengembangan_client, pemda):
    entry = await make_jp(pengembangan_client, pemda["pns1"]["nip"])
    url = f"/api/v1/jp/{entry['id']}"
    assert_problem(await pengembangan_client.patch(url, json={"jp": 12}), 428)
    assert_problem(await pengembangan_client.patch(url, json={"jp": 12}, headers={"If-Match": '"7"'}), 412)
    moved = (TODAY - timedelta(days=400)).isoformat()
    r = await pengembangan_client.patch(url, json={"jp": 12, "tanggal": moved}, headers=if_match(entry))
    assert r.status_code == 200, r.text
    assert r.headers["ETag"] == '"2"' and r.json()["jp"] == 12
    assert r.json()["tahun"] == int(moved[:4])  # a new date moves the entry to its year
    # A stale version is refused; the employee and source never change; a classroom kind is no
    # non-classroom activity; the year of a dated entry is its date's.
    assert_problem(await pengembangan_client.patch(url, json={"jp": 5}, headers=if_match(entry)), 412)
    fresh = r.json()
    refused = [
        ({"nip": pemda["pns2"]["nip"]}, 422),
        ({"sumber": "riwayat"}, 422),
        ({"jenis": "bimtek"}, 422),
        ({"tahun": TODAY.year}, 422),
        ({"jp": 0}, 422),
        ({"jp": None}, 422),
        ({"tanggal": None}, 422),
    ]
    for change, status in refused:
        assert_problem(await pengembangan_client.patch(url, json=change, headers=if_match(fresh)), status)
    [update, insert] = await audit_entries(pengembangan_client, "jp_entri", entry["id"])
    assert (insert["action"], update["action"]) == ("insert", "update")
    assert (update["before"]["jp"], update["after"]["jp"]) == (10, 12)
    assert_problem(await pengembangan_client.delete(url), 428)
    assert (await pengembangan_client.delete(url, headers=if_match(fresh))).status_code == 204
    assert_problem(await pengembangan_client.get(url), 404)
    assert (await audit_entries(pengembangan_client, "jp_entri", entry["id"]))[0]["action"] == "delete"


async def test_only_admins_reaching_the_employee_correct_or_delete(pengembangan_client, pemda):
    entry = await make_jp(pengembangan_client, pemda["pns2"]["nip"])
    url = f"/api/v1/jp/{entry['id']}"
    any_version = {"If-Match": "*"}
    foreign = {**auth("admin_opd", opd=pemda["opd_b"]["id"]), **any_version}
    assert_problem(await pengembangan_client.patch(url, json={"jp": 3}, headers=foreign), 404)
    assert_problem(await pengembangan_client.delete(url, headers=foreign), 404)
    for headers in (auth("pegawai", nip=pemda["pns2"]["nip"]), auth("atasan", nip=pemda["pns1"]["nip"])):
        assert_problem(await pengembangan_client.patch(url, json={"jp": 3}, headers={**headers, **any_version}), 403)
    own = {**auth("admin_opd", opd=pemda["opd_a"]["id"]), **any_version}
    assert (await pengembangan_client.patch(url, json={"jp": 3}, headers=own)).json()["jp"] == 3


# --- credits from enrollment --------------------------------------------------------------


async def _batch(client: httpx.AsyncClient) -> tuple[dict[str, Any], dict[str, Any]]:
    program = await make_program(client, "BIMTEK-JP-01", jp=32)
    batch = await make_angkatan(
        client,
        program["id"],
        f"{TODAY.year}-01",
        tanggal_mulai=date(TODAY.year, 1, 1).isoformat(),
        tanggal_selesai=date(TODAY.year, 1, 1).isoformat(),
        status="selesai",
    )
    return program, batch


async def test_completed_batches_are_credited_once_per_employee_and_change_only_there(
    pengembangan_client, pengembangan_db, pemda
):
    program, batch = await _batch(pengembangan_client)
    nips = [pemda["pns1"]["nip"], pemda["pns2"]["nip"]]

    def kredit(nip: str) -> service.Kredit:
        return service.Kredit(
            nip=nip,
            angkatan_id=uuid.UUID(batch["id"]),
            program_id=uuid.UUID(program["id"]),
            tanggal=date(TODAY.year, 1, 1),
            jp=32,
            jenis="bimtek",
            uraian=f"{program['nama']} angkatan {batch['kode']}",
        )

    async with pengembangan_db.unlocked() as session:
        session.info["actor"] = "layanan-pendaftaran"
        written = await service.credit(session, [kredit(nips[0]), kredit(nips[0]), kredit(nips[1])])
        assert [k.nip for k in written] == nips  # the same credit twice in one call: once
        again = await service.credit(session, [kredit(nips[0])])
        assert again == []  # a retried completion adds nothing
        await session.commit()
    credited = await entries(pengembangan_client, sumber="pelatihan")
    assert sorted(e["nip"] for e in credited) == sorted(nips)
    first = credited[0]
    assert (first["angkatan_id"], first["program_id"], first["jp"]) == (batch["id"], program["id"], 32)
    assert first["tahun"] == TODAY.year and first["dicatat_oleh"] == "layanan-pendaftaran"
    assert len(await audit(pengembangan_client, action="insert")) == 2
    url = f"/api/v1/jp/{first['id']}"
    assert_problem(await pengembangan_client.patch(url, json={"jp": 8}, headers={"If-Match": "*"}), 409)
    assert_problem(await pengembangan_client.delete(url, headers={"If-Match": "*"}), 409)
    # A batch with credits is not deleted from under them.
    assert_problem(await pengembangan_client.delete(f"/api/v1/angkatan/{batch['id']}", headers={"If-Match": "*"}), 409)


# --- totals -------------------------------------------------------------------------------


async def _year_of(client: httpx.AsyncClient, pemda: dict[str, Any]) -> None:
    """This year: pns1 the minimum exactly (two entries), pns2 6 JP short, pppk1 at the ceiling,
    pppk2 over it, cpns some JP, pns_b none; last year, pns2 plenty."""
    p = {k: pemda[k]["nip"] for k in ("pns1", "pns2", "pppk1", "pppk2", "cpns")}
    await make_jp(client, p["pns1"], jp=MIN - 4)
    await make_jp(client, p["pns1"], sumber="riwayat", jenis="seminar", jp=4, uraian="Seminar pelayanan publik")
    await make_jp(client, p["pns2"], jp=MIN - 6)
    await make_jp(client, p["pns2"], sumber="riwayat", jenis=None, tanggal=None, tahun=LAST_YEAR, jp=40)
    await make_jp(client, p["pppk1"], jp=MAX)
    await make_jp(client, p["pppk2"], jp=MAX + 2)
    await make_jp(client, p["cpns"], jp=8)


async def test_the_bulk_answers_each_total_and_the_rule_of_the_status_given(pengembangan_client, pemda):
    await _year_of(pengembangan_client, pemda)
    p = {k: pemda[k]["nip"] for k in ("pns1", "pns2", "pppk1", "pppk2", "cpns", "pns_b")}
    status = {p["pns1"]: "PNS", p["pns2"]: "PNS", p["pppk1"]: "PPPK", p["pppk2"]: "PPPK", p["cpns"]: "CPNS"}
    asked = [p["pns2"], p["pns1"], p["pppk1"], p["pppk2"], p["cpns"], p["pns_b"], p["pns2"]]
    r = await pengembangan_client.post("/api/v1/jp/bulk", json={"nips": asked, "tahun": TODAY.year, "status": status})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["ketentuan"]["pns_min_jp_per_tahun"] == MIN and body["ketentuan"]["pppk_max_jp_per_tahun"] == MAX
    assert body["missing"] == []
    items = {i["nip"]: i for i in body["items"]}
    assert [i["nip"] for i in body["items"]] == list(dict.fromkeys(asked))  # as asked, each once
    assert items[p["pns2"]] == {
        "nip": p["pns2"],
        "total_jp": MIN - 6,
        "status_kepegawaian": "PNS",
        "kategori": "pns_kurang",
        "batas_jp": MIN,
        "kurang_jp": 6,
        "sisa_jp": None,
        "lebih_jp": None,
    }
    assert (items[p["pns1"]]["kategori"], items[p["pns1"]]["kurang_jp"]) == ("pns_memenuhi", 0)
    assert (items[p["pppk1"]]["kategori"], items[p["pppk1"]]["sisa_jp"]) == ("pppk_mencapai_batas", 0)
    assert (items[p["pppk2"]]["kategori"], items[p["pppk2"]]["lebih_jp"], items[p["pppk2"]]["batas_jp"]) == (
        "pppk_melebihi_batas",
        2,
        MAX,
    )
    assert items[p["pppk2"]]["kurang_jp"] is None  # the PNS minimum is never applied to a PPPK
    assert (items[p["cpns"]]["kategori"], items[p["cpns"]]["batas_jp"]) == ("tanpa_ketentuan", None)
    # Without a status: the total only. Last year, from history.
    assert (items[p["pns_b"]]["total_jp"], items[p["pns_b"]]["kategori"]) == (0, None)
    last = await pengembangan_client.post("/api/v1/jp/bulk", json={"nips": [p["pns2"]], "tahun": LAST_YEAR})
    assert last.json()["items"][0]["total_jp"] == 40 and last.json()["items"][0]["status_kepegawaian"] is None


async def test_the_bulk_leaves_out_of_reach_nips_in_missing_and_refuses_bad_lists(pengembangan_client, pemda):
    await _year_of(pengembangan_client, pemda)
    p = {k: pemda[k]["nip"] for k in ("pns1", "pns_b")}
    opd_a = auth("admin_opd", opd=pemda["opd_a"]["id"])
    r = await pengembangan_client.post(
        "/api/v1/jp/bulk", json={"nips": [p["pns1"], p["pns_b"]], "tahun": TODAY.year}, headers=opd_a
    )
    assert [i["nip"] for i in r.json()["items"]] == [p["pns1"]] and r.json()["missing"] == [p["pns_b"]]
    assert r.json()["items"][0]["total_jp"] == MIN
    # NIPs and status keys as people type them (spaces, dots) are the same NIPs.
    typed, dotted = p["pns1"][:8] + " " + p["pns1"][8:], ".".join((p["pns1"][:8], p["pns1"][8:]))
    body = {"nips": [typed], "tahun": TODAY.year, "status": {dotted: "PNS"}}
    [item] = (await pengembangan_client.post("/api/v1/jp/bulk", json=body)).json()["items"]
    assert (item["nip"], item["kategori"]) == (p["pns1"], "pns_memenuhi")
    refused = [
        {"nips": [p["pns1"]], "tahun": TODAY.year, "status": {p["pns_b"]: "PNS"}},  # a status of a NIP not asked
        {"nips": [p["pns1"]], "tahun": TODAY.year, "status": {p["pns1"]: "HONORER"}},
        {"nips": ["12345"], "tahun": TODAY.year},
        {"nips": [p["pns1"]] * 10_001, "tahun": TODAY.year},
        {"nips": [], "tahun": TODAY.year},
        {"nips": [p["pns1"]], "tahun": 1999},
    ]
    for body in refused:
        assert_problem(await pengembangan_client.post("/api/v1/jp/bulk", json=body), 422)
    # An employee reads its own year through the bulk too (the gateway's profile does), never another's.
    for role in ("pegawai", "atasan"):
        employee = auth(role, nip=p["pns1"])
        body = {"nips": [p["pns1"], p["pns_b"]], "tahun": TODAY.year}
        own = await pengembangan_client.post("/api/v1/jp/bulk", json=body, headers=employee)
        assert own.status_code == 200, own.text
        assert [i["nip"] for i in own.json()["items"]] == [p["pns1"]] and own.json()["missing"] == [p["pns_b"]]


async def test_an_employee_reads_its_own_year_by_source_with_its_rule(pengembangan_client, pemda):
    await _year_of(pengembangan_client, pemda)
    nip = pemda["pns1"]["nip"]
    r = await pengembangan_client.get(f"/api/v1/jp/pegawai/{nip}", headers=auth("pegawai", nip=nip))
    assert r.status_code == 200, r.text
    assert r.json() == {
        "nip": nip,
        "tahun": TODAY.year,
        "total_jp": MIN,
        "per_sumber": {"pelatihan": 0, "riwayat": 4, "nonklasikal": MIN - 4},
        "jumlah_entri": 2,
        "status_kepegawaian": "PNS",
        "kategori": "pns_memenuhi",
        "batas_jp": MIN,
        "kurang_jp": 0,
        "sisa_jp": None,
        "lebih_jp": None,
    }
    pppk = pemda["pppk2"]["nip"]
    assert (await pengembangan_client.get(f"/api/v1/jp/pegawai/{pppk}")).json()["lebih_jp"] == 2
    assert_problem(await pengembangan_client.get(f"/api/v1/jp/pegawai/{pppk}", headers=auth("pegawai", nip=nip)), 404)


# --- the compliance report ----------------------------------------------------------------


async def test_the_compliance_report_counts_pns_below_the_minimum_and_pppk_at_the_ceiling(pengembangan_client, pemda):
    await _year_of(pengembangan_client, pemda)
    r = await pengembangan_client.get(
        "/api/v1/jp/kepatuhan", params={"unit_id": pemda["opd_a"]["id"], "tahun": TODAY.year}
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["ringkasan"] == {
        "jumlah_pegawai": 5,
        "pns": {
            "jumlah": 2,
            "memenuhi": 1,
            "kurang": 1,
            "persen_memenuhi": 50.0,
            "persen_kurang": 50.0,
            "total_kekurangan_jp": 6,
        },
        "pppk": {
            "jumlah": 2,
            "di_bawah_batas": 0,
            "mencapai_batas": 1,
            "melebihi_batas": 1,
            "persen_mencapai_batas": 50.0,
            "persen_melebihi_batas": 50.0,
        },
        "tanpa_ketentuan": 1,
    }
    items = {i["nip"]: i for i in body["items"]}
    short = items[pemda["pns2"]["nip"]]
    assert (short["kategori"], short["total_jp"], short["kurang_jp"]) == ("pns_kurang", MIN - 6, 6)
    assert short["nama_lengkap"].startswith("Budi Bawahan") and short["unit_nama"] == "Bidang Pelayanan"
    # Last year only pns2 had JP: both PNS fall short but one, and the PPPK are below the ceiling.
    last = await pengembangan_client.get(
        "/api/v1/jp/kepatuhan", params={"unit_id": pemda["opd_a"]["id"], "tahun": LAST_YEAR}
    )
    assert last.json()["ringkasan"]["pns"]["kurang"] == 1 and last.json()["ringkasan"]["pppk"]["di_bawah_batas"] == 2
    # The categories asked narrow the list, never the counts.
    narrowed = await pengembangan_client.get(
        "/api/v1/jp/kepatuhan",
        params={"unit_id": pemda["opd_a"]["id"], "kategori": ["pns_kurang", "pppk_melebihi_batas"]},
    )
    assert {i["nip"] for i in narrowed.json()["items"]} == {pemda["pns2"]["nip"], pemda["pppk2"]["nip"]}
    assert narrowed.json()["ringkasan"] == body["ringkasan"]  # this year by default


async def test_the_whole_pemda_from_its_root_and_the_report_within_reach(pengembangan_client, pemda):
    await _year_of(pengembangan_client, pemda)
    whole = await pengembangan_client.get("/api/v1/jp/kepatuhan", params={"unit_id": pemda["root"]["id"]})
    assert whole.json()["ringkasan"]["jumlah_pegawai"] == 6
    pns = whole.json()["ringkasan"]["pns"]
    assert (pns["jumlah"], pns["kurang"], pns["total_kekurangan_jp"]) == (3, 2, 6 + MIN)  # pns_b of OPD B has none
    foreign = auth("admin_opd", opd=pemda["opd_b"]["id"])
    url = "/api/v1/jp/kepatuhan"
    assert_problem(await pengembangan_client.get(url, params={"unit_id": pemda["opd_a"]["id"]}, headers=foreign), 404)
    employee = auth("pegawai", nip=pemda["pns1"]["nip"])
    assert_problem(await pengembangan_client.get(url, params={"unit_id": pemda["a1"]["id"]}, headers=employee), 403)


async def test_the_compliance_report_downloads_as_a_workbook(pengembangan_client, pemda):
    await _year_of(pengembangan_client, pemda)
    r = await pengembangan_client.get(
        "/api/v1/jp/kepatuhan",
        params={"unit_id": pemda["opd_a"]["id"]},
        headers={"Accept": XLSX_MEDIA, "Accept-Language": "id"},
    )
    assert r.status_code == 200 and r.headers["content-type"] == XLSX_MEDIA
    wb = load_workbook(io.BytesIO(r.content))
    sheet = wb["Kepatuhan JP"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:6] == ["NIP", "Nama", "Status", "Jabatan", "Unit", "JP"]
    short = next(row for row in rows if row[0] == pemda["pns2"]["nip"])
    assert (short[5], short[6], short[8]) == (MIN - 6, "PNS, kurang dari minimal", 6)
    assert sheet["A2"].number_format == "@"
    assert "Ringkasan" in wb.sheetnames


# --- import of history --------------------------------------------------------------------


def xlsx(rows: list[list[Any]]) -> dict[str, Any]:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Data"
    ws.append(HEADERS)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return {"file": ("jp.xlsx", out.getvalue(), XLSX_MEDIA)}


async def test_history_is_imported_from_a_workbook_once(pengembangan_client, pemda):
    pns1, pppk1 = pemda["pns1"]["nip"], pemda["pppk1"]["nip"]
    rows = [
        [pns1, LAST_YEAR, None, 24, "riwayat", "Bimbingan teknis", "Bimtek Asuhan Keperawatan", "SERT/1"],
        [pppk1, None, date(TODAY.year, 1, 1), 6, "nonklasikal", "mentoring", "Mentoring", None],
    ]
    r = await pengembangan_client.post("/api/v1/jp/impor", files=xlsx(rows))
    assert r.status_code == 200, r.text
    assert (r.json()["diterima"], r.json()["dibuat"]) == (2, 2)
    stored = {e["nip"]: e for e in await entries(pengembangan_client)}
    assert (stored[pns1]["tahun"], stored[pns1]["jenis"], stored[pns1]["tanggal"]) == (LAST_YEAR, "bimtek", None)
    assert stored[pppk1]["tahun"] == TODAY.year and stored[pppk1]["jenis"] == "mentoring"
    assert len(await audit(pengembangan_client)) == 2
    # The same file again: every row is in the ledger already, nothing is added.
    again = await pengembangan_client.post("/api/v1/jp/impor", files=xlsx(rows))
    problem = assert_problem(again, 422)
    assert {(e["baris"], e["code"]) for e in problem["errors"]} == {(2, "impor.jp-ada"), (3, "impor.jp-ada")}
    assert len(await entries(pengembangan_client)) == 2


async def test_bad_import_rows_are_named_by_column_and_nothing_is_written(pengembangan_client, pemda):
    pns1, pns_b = pemda["pns1"]["nip"], pemda["pns_b"]["nip"]
    rows = [
        [pns1, LAST_YEAR, None, 24, "riwayat", "bimtek", "Bimtek", None],  # good
        [pns1, None, date(TODAY.year, 1, 1), 8, "nonklasikal", "bimtek", "Bimtek", None],  # not nonklasikal
        [pns1, LAST_YEAR, None, -3, "riwayat", None, "Negatif", None],
        [pns1, LAST_YEAR, None, 5, "pelatihan", None, "Pelatihan", None],
        [pns_b, LAST_YEAR, None, 5, "riwayat", None, "Di luar OPD", None],  # out of the OPD admin's reach
        [pns1, LAST_YEAR, None, 24, "riwayat", "bimtek", "Bimtek", None],  # twice in the file
    ]
    opd_a = auth("admin_opd", opd=pemda["opd_a"]["id"])
    problem = assert_problem(await pengembangan_client.post("/api/v1/jp/impor", files=xlsx(rows), headers=opd_a), 422)
    by_row = {(e["baris"], e["kolom"]) for e in problem["errors"]}
    assert {(3, "Jenis"), (4, "JP"), (5, "Sumber"), (6, "NIP"), (7, "Uraian"), (2, "Uraian")} <= by_row
    assert await entries(pengembangan_client) == []
    # The officer's rows come back with a Kesalahan column; partial writes the good rows.
    report = await pengembangan_client.post(
        "/api/v1/jp/impor", files=xlsx(rows[:3]), headers={**opd_a, "Accept": XLSX_MEDIA}
    )
    assert report.status_code == 422 and report.headers["x-impor-ditolak"] == "2"
    sheet = load_workbook(io.BytesIO(report.content))["Data"]
    assert [c.value for c in sheet[1]] == [*HEADERS, "Kesalahan"]
    partial = await pengembangan_client.post(
        "/api/v1/jp/impor", params={"partial": "true"}, files=xlsx(rows[:3]), headers=opd_a
    )
    assert partial.status_code == 200 and partial.json()["dibuat"] == 1
    employee = auth("pegawai", nip=pns1)
    assert_problem(await pengembangan_client.post("/api/v1/jp/impor", files=xlsx(rows[:1]), headers=employee), 403)


async def test_the_import_template_lists_the_kinds_and_the_rules(pengembangan_client):
    r = await pengembangan_client.get("/api/v1/jp/impor/template", headers={"Accept-Language": "id"})
    assert r.status_code == 200 and r.headers["content-type"] == XLSX_MEDIA
    wb = load_workbook(io.BytesIO(r.content))
    data = wb["Data"]
    assert [c.value for c in data[1]] == HEADERS
    assert data["A2"].number_format == "@"
    notes = " ".join(str(c.value) for row in wb["Petunjuk"].iter_rows() for c in row if c.value)
    assert "nonklasikal" in notes and "Teks" in notes


async def test_rotation_puts_the_never_developed_first_then_the_longest_ago(pengembangan_client, pemda):
    c = pengembangan_client
    p = {k: pemda[k]["nip"] for k in ("pns1", "pns2", "pppk1", "pppk2", "cpns")}
    long_ago, recent = TODAY - timedelta(days=400), TODAY - timedelta(days=10)
    await make_jp(c, p["pns1"], tanggal=long_ago.isoformat(), jp=12)
    await make_jp(c, p["pns2"], tanggal=recent.isoformat(), jp=8)
    await make_jp(c, p["pns2"], sumber="riwayat", jenis=None, tanggal=None, tahun=TODAY.year - 5, jp=40)
    r = await c.get("/api/v1/jp/rotasi", params={"unit_id": pemda["opd_a"]["id"]})
    assert r.status_code == 200, r.text
    body = r.json()
    order = [i["nip"] for i in body["items"]]
    assert set(order[:3]) == {p["pppk1"], p["pppk2"], p["cpns"]} and order[3:] == [p["pns1"], p["pns2"]]
    items = {i["nip"]: i for i in body["items"]}
    assert (items[p["pns1"]]["terakhir"], items[p["pns1"]]["hari_sejak"]) == (long_ago.isoformat(), 400)
    assert items[p["pns2"]]["jp_terakhir"] == 8  # the entry of five years ago is outside the last three years
    assert items[p["pppk1"]]["terakhir"] is None and body["belum_pernah"] == 3
    assert sum(u["jumlah"] for u in body["per_unit"]) == 5
    assert sum(u["belum_pernah"] for u in body["per_unit"]) == 3
    wider = await c.get("/api/v1/jp/rotasi", params={"unit_id": pemda["opd_a"]["id"], "tahun_terakhir": 6})
    assert {i["nip"]: i for i in wider.json()["items"]}[p["pns2"]]["jp_terakhir"] == 48
    foreign = auth("admin_opd", opd=pemda["opd_b"]["id"])
    assert_problem(await c.get("/api/v1/jp/rotasi", params={"unit_id": pemda["opd_a"]["id"]}, headers=foreign), 404)
    employee = auth("pegawai", nip=p["pns1"])
    assert_problem(await c.get("/api/v1/jp/rotasi", params={"unit_id": pemda["a1"]["id"]}, headers=employee), 403)


async def test_the_window_read_sums_each_kind_and_lists_the_entries(pengembangan_client, pemda):
    """`jendela` (IP ASN's kompetensi): per NIP and kind the JP of the entries whose day lies in the
    window, history known by year only when its year overlaps it, a `sepanjang` kind at any time
    before its end; the entries with `rinci`; NIPs out of reach in `missing`."""
    nip, other = pemda["pns1"]["nip"], pemda["pns_b"]["nip"]
    riwayat = {"sumber": "riwayat"}
    await make_jp(pengembangan_client, nip, jenis="pelatihan_teknis", tanggal="2023-05-31", jp=12, **riwayat)  # before
    await make_jp(pengembangan_client, nip, jenis="pelatihan_teknis", tanggal=None, tahun=2023, jp=5, **riwayat)
    await make_jp(pengembangan_client, nip, jenis="bimtek", tanggal="2023-06-01", jp=10, **riwayat)  # first day
    await make_jp(pengembangan_client, nip, jenis="bimtek", tanggal="2025-05-31", jp=6, **riwayat)  # last day
    await make_jp(pengembangan_client, nip, jenis="seminar", tanggal="2025-06-01", jp=3, **riwayat)  # after
    await make_jp(
        pengembangan_client, nip, jenis="pelatihan_struktural_kepemimpinan", tanggal="2019-10-01", jp=200, **riwayat
    )
    await make_jp(pengembangan_client, nip, jenis="coaching", tanggal="2024-01-10", jp=4)  # a kind not asked
    body = {
        "nips": [nip, other],
        "dari": "2023-06-01",
        "sampai": "2025-05-31",
        "jenis": ["pelatihan_teknis", "bimtek", "seminar", "pelatihan_struktural_kepemimpinan"],
        "sepanjang": ["pelatihan_struktural_kepemimpinan"],
        "rinci": True,
    }
    opd_a = auth("admin_opd", opd=pemda["opd_a"]["id"])
    r = await pengembangan_client.post("/api/v1/jp/jendela", json=body, headers=opd_a)
    assert r.status_code == 200, r.text
    assert r.json()["missing"] == [other]
    [item] = r.json()["items"]
    assert item["per_jenis"] == {
        "pelatihan_teknis": {"jp": 5, "jumlah": 1, "terakhir": None},
        "bimtek": {"jp": 16, "jumlah": 2, "terakhir": "2025-05-31"},
        "pelatihan_struktural_kepemimpinan": {"jp": 200, "jumlah": 1, "terakhir": "2019-10-01"},
    }
    assert [(e["jenis"], e["jp"], e["tanggal"]) for e in item["entri"]] == [
        ("bimtek", 6, "2025-05-31"),
        ("bimtek", 10, "2023-06-01"),
        ("pelatihan_teknis", 5, None),
        ("pelatihan_struktural_kepemimpinan", 200, "2019-10-01"),
    ]
    without = {**body, "sepanjang": [], "rinci": False}
    [plain] = (await pengembangan_client.post("/api/v1/jp/jendela", json=without)).json()["items"][:1]
    assert "pelatihan_struktural_kepemimpinan" not in plain["per_jenis"] and plain["entri"] is None
    employee = auth("pegawai", nip=other)
    own = (await pengembangan_client.post("/api/v1/jp/jendela", json=body, headers=employee)).json()
    assert [i["nip"] for i in own["items"]] == [other] and own["items"][0]["per_jenis"] == {}
    for bad in ({**body, "dari": "2025-06-01"}, {**body, "jenis": ["diklat_x"]}, {**body, "jenis": []}):
        assert_problem(await pengembangan_client.post("/api/v1/jp/jendela", json=bad), 422)
