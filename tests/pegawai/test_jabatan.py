"""Positions (jabatan): validation, filters, lookup, versions and deletion."""

import pytest

from tests.conftest import auth
from tests.pegawai.factories import make_jabatan, make_pegawai
from tests.pegawai.helpers import audit_entries, if_match
from tests.problem import assert_problem


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("jenis", "kepala_dinas", "unknown jenis jabatan"),
        ("kelas_jabatan", 18, "kelas_jabatan"),
        ("syarat_golongan_min", "V/a", "unknown golongan"),
        ("syarat_pendidikan_min", "SMA Plus", "unknown education level"),
        ("kebutuhan", -1, "kebutuhan"),
    ],
)
async def test_invalid_position_fields_are_named(pegawai_client, org, field, value, fragment):
    body = {
        "kode": "J-X",
        "nama": "X",
        "jenis": "pelaksana",
        "kelas_jabatan": 5,
        "unit_id": org["bidang_a"]["id"],
        field: value,
    }
    problem = assert_problem(await pegawai_client.post("/api/v1/jabatan", json=body), 422, fragment)
    assert any(e["field"] == field for e in problem["errors"])
    listed = await pegawai_client.get("/api/v1/jabatan", params={"q": "J-X"})
    assert listed.json()["total"] == 0


async def test_position_in_unknown_unit_is_refused(pegawai_client, org):
    body = {
        "kode": "J-Y",
        "nama": "Y",
        "jenis": "pelaksana",
        "kelas_jabatan": 5,
        "unit_id": "00000000-0000-0000-0000-000000000001",
    }
    assert_problem(await pegawai_client.post("/api/v1/jabatan", json=body), 422, "does not exist")


async def test_filters_by_kind_kelas_and_rumpun(pegawai_client, org):
    await make_jabatan(
        pegawai_client,
        org["bidang_a"]["id"],
        nama="Perawat Ahli Muda",
        jenis="ahli_muda",
        kelas_jabatan=9,
        rumpun="kesehatan",
    )
    r = await pegawai_client.get("/api/v1/jabatan", params={"kelas_min": 8, "kelas_max": 9, "rumpun": "kesehatan"})
    assert [j["nama"] for j in r.json()["items"]] == ["Perawat Ahli Muda"]
    r = await pegawai_client.get("/api/v1/jabatan", params=[("jenis", "ahli_muda"), ("jenis", "ahli_pertama")])
    assert {j["nama"] for j in r.json()["items"]} == {"Perawat Ahli Muda", "Guru Ahli Pertama"}


async def test_lookup_many_positions_reports_missing(pegawai_client, org):
    missing = "00000000-0000-0000-0000-0000000000aa"
    r = await pegawai_client.post(
        "/api/v1/jabatan/lookup", json={"ids": [org["jab_a"]["id"], org["jab_b"]["id"], missing]}
    )
    assert {j["id"] for j in r.json()["items"]} == {org["jab_a"]["id"], org["jab_b"]["id"]}
    assert r.json()["missing"] == [missing]
    scoped = await pegawai_client.post(
        "/api/v1/jabatan/lookup",
        json={"ids": [org["jab_a"]["id"], org["jab_b"]["id"]]},
        headers=auth("admin_opd", opd=org["opd_a"]["id"]),
    )
    assert [j["id"] for j in scoped.json()["items"]] == [org["jab_a"]["id"]]
    assert scoped.json()["missing"] == [org["jab_b"]["id"]]


async def test_occupied_position_cannot_be_deleted(pegawai_client, org):
    await make_pegawai(pegawai_client, org["jab_a"]["id"])
    assert_problem(
        await pegawai_client.delete(f"/api/v1/jabatan/{org['jab_a']['id']}", headers=if_match(org["jab_a"])),
        409,
        "transfer them first",
    )
    assert (await pegawai_client.get(f"/api/v1/jabatan/{org['jab_a']['id']}")).status_code == 200


async def test_moving_a_position_moves_its_holders(pegawai_client, org):
    p = await make_pegawai(pegawai_client, org["jab_a"]["id"])
    r = await pegawai_client.patch(
        f"/api/v1/jabatan/{org['jab_a']['id']}", json={"unit_id": org["opd_a"]["id"]}, headers={"If-Match": '"1"'}
    )
    assert r.status_code == 200, r.text
    assert (await pegawai_client.get(f"/api/v1/pegawai/{p['nip']}")).json()["unit_id"] == org["opd_a"]["id"]


async def test_integrasi_reads_but_cannot_write(pegawai_client, org):
    headers = auth("integrasi")
    assert (await pegawai_client.get("/api/v1/jabatan", headers=headers)).json()["total"] == 2
    body = {"kode": "J-Z", "nama": "Z", "jenis": "pelaksana", "kelas_jabatan": 5, "unit_id": org["bidang_a"]["id"]}
    assert_problem(await pegawai_client.post("/api/v1/jabatan", json=body, headers=headers), 403)


async def test_null_for_a_task_list_empties_it_and_null_for_a_required_field_is_refused(pegawai_client, org):
    url = f"/api/v1/jabatan/{org['jab_a']['id']}"
    filled = await pegawai_client.patch(
        url, json={"uraian_tugas": ["Menyusun laporan"], "hasil_kerja": ["Laporan"]}, headers=if_match(org["jab_a"])
    )
    assert filled.status_code == 200, filled.text
    emptied = await pegawai_client.patch(
        url, json={"uraian_tugas": None, "hasil_kerja": None}, headers=if_match(filled.json())
    )
    assert emptied.status_code == 200, emptied.text
    assert emptied.json()["uraian_tugas"] == [] and emptied.json()["hasil_kerja"] == []
    problem = assert_problem(
        await pegawai_client.patch(url, json={"nama": None}, headers=if_match(emptied.json())), 422, "nama"
    )
    assert problem["type"].endswith("/field-cannot-be-emptied")


async def test_a_field_error_names_the_value_and_the_choices_in_the_requests_language(pegawai_client, org):
    body = {"kode": "J-Q", "nama": "Q", "jenis": "kepala_dinas", "kelas_jabatan": 5, "unit_id": org["bidang_a"]["id"]}
    for language, words in (("en", "unknown jenis jabatan"), ("id", "tidak dikenal")):
        r = await pegawai_client.post("/api/v1/jabatan", json=body, headers={"Accept-Language": language})
        (error,) = assert_problem(r, 422)["errors"]
        assert error["field"] == "jenis" and error["code"] == "jenis-jabatan-unknown"
        # The placeholders were once sent unfilled ("{value}"); the value and the choices are in it.
        assert words in error["message"] and "kepala_dinas" in error["message"] and "pelaksana" in error["message"]
        assert "{" not in error["message"]


async def test_a_key_position_is_marked_read_in_the_compact_rows_and_audited(pegawai_client, org):
    made = await make_jabatan(pegawai_client, org["bidang_a"]["id"], kunci=True)
    assert made["kunci"] is True and org["jab_a"]["kunci"] is False  # not marked unless asked
    rows = (await pegawai_client.get("/api/v1/jabatan/ringkas", params={"unit_id": org["bidang_a"]["id"]})).json()
    assert {r["id"]: r["kunci"] for r in rows["items"]}[made["id"]] is True
    url = f"/api/v1/jabatan/{made['id']}"
    unmarked = await pegawai_client.patch(url, json={"kunci": False}, headers=if_match(made))
    assert unmarked.status_code == 200 and unmarked.json()["kunci"] is False
    entry = (await audit_entries(pegawai_client, "jabatan", made["id"]))[0]
    assert entry["action"] == "update" and entry["before"]["kunci"] is True and entry["after"]["kunci"] is False
    problem = assert_problem(
        await pegawai_client.patch(url, json={"kunci": None}, headers=if_match(unmarked.json())), 422, "kunci"
    )
    assert problem["type"].endswith("/field-cannot-be-emptied")
    assert_problem(await pegawai_client.patch(url, json={"kunci": "ya"}, headers=if_match(unmarked.json())), 422)
