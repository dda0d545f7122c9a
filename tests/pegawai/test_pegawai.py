"""Employees: registration, the record, filters and search, transfers and history."""

from datetime import date

import pytest

from shared.nip import JenisKelamin
from tests.conftest import auth
from tests.pegawai.factories import make_jabatan, make_pegawai, new_nip
from tests.pegawai.helpers import if_match
from tests.problem import assert_problem


async def count(client) -> int:
    return (await client.get("/api/v1/pegawai", params={"limit": 1})).json()["total"]


async def test_created_employee_reads_back_with_decoded_nip_and_history(pegawai_client, org):
    nip = new_nip(date(1988, 7, 9), (2012, 3), JenisKelamin.PEREMPUAN)
    p = await make_pegawai(
        pegawai_client, org["jab_a"]["id"], nip=nip, nama="Siti Rahmawati", gelar_depan="dr.", gelar_belakang="M.Kes."
    )
    assert p["tanggal_lahir"] == "1988-07-09"
    assert p["jenis_kelamin"] == "P"
    assert p["nama_lengkap"] == "dr. Siti Rahmawati, M.Kes."
    assert p["pangkat"] == "Penata Muda Tingkat I"
    assert p["unit_id"] == org["bidang_a"]["id"]
    jab = (await pegawai_client.get(f"/api/v1/pegawai/{nip}/riwayat-jabatan")).json()
    assert [(h["nama_jabatan"], h["tmt_selesai"]) for h in jab] == [("Pranata Komputer", None)]
    assert [g["golongan"] for g in (await pegawai_client.get(f"/api/v1/pegawai/{nip}/riwayat-golongan")).json()] == [
        "III/b"
    ]
    assert [e["tingkat"] for e in (await pegawai_client.get(f"/api/v1/pegawai/{nip}/riwayat-pendidikan")).json()] == [
        "S1"
    ]


@pytest.mark.parametrize(
    ("overrides", "fragment"),
    [
        ({"nip": "1985031220100110"}, "18 digits"),
        ({"nip": "198502302010011003"}, "not a date"),
        ({"tanggal_lahir": "1985-03-13"}, "does not match the NIP"),
        ({"jenis_kelamin": "P"}, "does not match NIP digit 15"),
        ({"tmt_golongan": "2023-02-30"}, "tmt_golongan"),
        ({"golongan": "III/f"}, "unknown golongan"),
        ({"golongan": "IX"}, "not a PNS grade"),
        ({"status_kepegawaian": "PPPK"}, "not a PPPK grade"),
        ({"tmt_golongan": "1970-01-01"}, "before the TMT CPNS 2010-01"),
        ({"pendidikan_tingkat": "SMA+"}, "unknown education level"),
    ],
)
async def test_bad_employee_input_is_refused_with_a_reason(pegawai_client, org, overrides, fragment):
    before = await count(pegawai_client)
    body = {
        "nip": "198503122010011003",
        "nama": "Budi",
        "status_kepegawaian": "PNS",
        "golongan": "III/a",
        "tmt_golongan": "2010-01-01",
        **overrides,
    }
    assert_problem(await pegawai_client.post("/api/v1/pegawai", json=body), 422, fragment)
    assert await count(pegawai_client) == before


async def test_duplicate_nip_is_a_conflict_and_writes_nothing(pegawai_client, org):
    p = await make_pegawai(pegawai_client, org["jab_a"]["id"])
    before = await count(pegawai_client)
    body = {"nip": p["nip"], "nama": "Someone Else", "status_kepegawaian": "PNS", "unit_id": org["bidang_a"]["id"]}
    assert_problem(await pegawai_client.post("/api/v1/pegawai", json=body), 409, "already exists")
    assert await count(pegawai_client) == before


async def test_list_filters_combine(pegawai_client, org):
    senior = await make_pegawai(
        pegawai_client,
        org["jab_a"]["id"],
        nama="Agus Senior",
        golongan="IV/a",
        tmt_golongan="2019-04-01",
        pendidikan_tingkat="S2",
    )
    await make_pegawai(
        pegawai_client,
        org["jab_a"]["id"],
        nama="Dewi Junior",
        golongan="II/c",
        tmt_golongan="2019-04-01",
        pendidikan_tingkat="D3",
    )
    d4 = await make_pegawai(
        pegawai_client,
        org["jab_b"]["id"],
        nama="Rina Terapan",
        golongan="III/a",
        tmt_golongan="2019-04-01",
        pendidikan_tingkat="D4",
    )
    r = await pegawai_client.get("/api/v1/pegawai", params={"golongan_min": "III/a"})
    assert {p["nip"] for p in r.json()["items"]} == {senior["nip"], d4["nip"]}
    r = await pegawai_client.get("/api/v1/pegawai", params={"pendidikan_min": "S1"})
    assert {p["nip"] for p in r.json()["items"]} == {senior["nip"], d4["nip"]}, "D4 counts as S1"
    r = await pegawai_client.get("/api/v1/pegawai", params={"unit_id": org["opd_a"]["id"], "golongan_max": "III/d"})
    assert [p["nama"] for p in r.json()["items"]] == ["Dewi Junior"]
    r = await pegawai_client.get("/api/v1/pegawai", params={"kelas_min": 8, "jenis_jabatan": "ahli_pertama"})
    assert [p["nip"] for p in r.json()["items"]] == [d4["nip"]]
    r = await pegawai_client.get("/api/v1/pegawai", params={"sort": "golongan", "desc": "true"})
    assert [p["nama"] for p in r.json()["items"]] == ["Agus Senior", "Rina Terapan", "Dewi Junior"]
    r = await pegawai_client.get("/api/v1/pegawai", params={"limit": 2, "offset": 2, "sort": "nama"})
    assert r.json()["total"] == 3 and [p["nama"] for p in r.json()["items"]] == ["Rina Terapan"]
    assert_problem(await pegawai_client.get("/api/v1/pegawai", params={"golongan_min": "Z"}), 422, "unknown golongan")


async def test_list_filters_by_kedudukan_status_and_rumpun(pegawai_client, org):
    from tests.pegawai.factories import make_jabatan

    guru = await make_jabatan(
        pegawai_client,
        org["bidang_b"]["id"],
        nama="Guru Kelas",
        jenis="ahli_pertama",
        kelas_jabatan=8,
        rumpun="pendidikan",
    )
    aktif = await make_pegawai(pegawai_client, org["jab_a"]["id"], nama="Aktif Bekerja")
    belajar = await make_pegawai(pegawai_client, org["jab_a"]["id"], nama="Sedang Belajar", kedudukan="tugas_belajar")
    pppk = await make_pegawai(pegawai_client, guru["id"], nama="Guru Kontrak", status_kepegawaian="PPPK", golongan="IX")
    r = await pegawai_client.get("/api/v1/pegawai", params={"kedudukan": "tugas_belajar"})
    assert [p["nip"] for p in r.json()["items"]] == [belajar["nip"]]
    r = await pegawai_client.get(
        "/api/v1/pegawai",
        params=[("kedudukan", "aktif"), ("kedudukan", "tugas_belajar"), ("status_kepegawaian", "PNS")],
    )
    assert {p["nip"] for p in r.json()["items"]} == {aktif["nip"], belajar["nip"]}
    r = await pegawai_client.get("/api/v1/pegawai", params={"status_kepegawaian": "PPPK"})
    assert [(p["nip"], p["golongan"]) for p in r.json()["items"]] == [(pppk["nip"], "IX")]
    r = await pegawai_client.get("/api/v1/pegawai", params={"rumpun": "pendidikan"})
    assert [p["nip"] for p in r.json()["items"]] == [pppk["nip"]]
    assert_problem(await pegawai_client.get("/api/v1/pegawai", params={"kedudukan": "liburan"}), 422)


async def test_search_tolerates_typos_and_finds_nip_prefixes(pegawai_client, org):
    target = await make_pegawai(pegawai_client, org["jab_a"]["id"], nama="Bambang Sutrisno")
    await make_pegawai(pegawai_client, org["jab_a"]["id"], nama="Sri Wahyuni")
    r = await pegawai_client.get("/api/v1/pegawai", params={"q": "Sutrisna"})
    assert [p["nip"] for p in r.json()["items"]] == [target["nip"]]
    r = await pegawai_client.get("/api/v1/pegawai", params={"q": "bambang sutris"})
    assert r.json()["items"][0]["nip"] == target["nip"]
    r = await pegawai_client.get("/api/v1/pegawai", params={"q": target["nip"][:12]})
    assert target["nip"] in {p["nip"] for p in r.json()["items"]}


async def test_bulk_lookup_of_a_thousand_nips_in_one_request(pegawai_client, org):
    made = [
        await make_pegawai(
            pegawai_client, org["jab_b"]["id"] if i % 2 else org["jab_a"]["id"], paksa=True, alasan="test"
        )
        for i in range(5)
    ]
    unknown = [new_nip(date(1970, 1, 1), (2000, 1)) for _ in range(994)]
    nips = [p["nip"] for p in made] + unknown + ["123"]
    r = await pegawai_client.post("/api/v1/pegawai/lookup", json={"nips": nips})
    assert r.status_code == 200
    body = r.json()
    assert {p["nip"] for p in body["items"]} == {p["nip"] for p in made}
    assert len(body["missing"]) == 994
    assert body["invalid"][0]["nip"] == "123"
    scoped = await pegawai_client.post(
        "/api/v1/pegawai/lookup", json={"nips": nips}, headers=auth("admin_opd", opd=org["opd_a"]["id"])
    )
    assert {p["unit_id"] for p in scoped.json()["items"]} == {org["bidang_a"]["id"]}
    too_many = await pegawai_client.post("/api/v1/pegawai/lookup", json={"nips": nips + nips})
    assert_problem(too_many, 422, "1000")


async def test_mutasi_moves_the_employee_and_writes_history(pegawai_client, org):
    p = await make_pegawai(pegawai_client, org["jab_a"]["id"])
    r = await pegawai_client.post(
        f"/api/v1/pegawai/{p['nip']}/mutasi",
        json={"jabatan_id": org["jab_b"]["id"], "tmt": "2024-07-01", "nomor_sk": "800/12/2024"},
        headers=if_match(p),
    )
    assert r.status_code == 200, r.text
    assert r.json()["jabatan_id"] == org["jab_b"]["id"] and r.json()["unit_id"] == org["bidang_b"]["id"]
    history = (await pegawai_client.get(f"/api/v1/pegawai/{p['nip']}/riwayat-jabatan")).json()
    assert [(h["nama_jabatan"], h["tmt_mulai"], h["tmt_selesai"]) for h in history] == [
        ("Guru Ahli Pertama", "2024-07-01", None),
        ("Pranata Komputer", "2020-01-01", "2024-07-01"),
    ]


async def test_mutasi_into_a_full_position_is_refused_and_nothing_changes(pegawai_client, org):
    full = await make_jabatan(
        pegawai_client, org["bidang_b"]["id"], nama="Kepala Seksi", jenis="pengawas", kelas_jabatan=9, kebutuhan=1
    )
    await make_pegawai(pegawai_client, full["id"])
    mover = await make_pegawai(pegawai_client, org["jab_a"]["id"])
    r = await pegawai_client.post(
        f"/api/v1/pegawai/{mover['nip']}/mutasi",
        json={"jabatan_id": full["id"], "tmt": "2024-07-01"},
        headers=if_match(mover),
    )
    body = assert_problem(r, 409, "is full (1 of 1 filled)")
    assert body["kebutuhan"] == 1 and body["bezetting"] == 1
    after = (await pegawai_client.get(f"/api/v1/pegawai/{mover['nip']}")).json()
    assert after["jabatan_id"] == org["jab_a"]["id"] and after["version"] == mover["version"]
    assert len((await pegawai_client.get(f"/api/v1/pegawai/{mover['nip']}/riwayat-jabatan")).json()) == 1
    opd_admin = auth("admin_opd", opd=org["instansi"]["id"])
    forced_by_opd = await pegawai_client.post(
        f"/api/v1/pegawai/{mover['nip']}/mutasi",
        json={"jabatan_id": full["id"], "tmt": "2024-07-01", "paksa": True, "alasan": "urgent"},
        headers={**opd_admin, **if_match(mover)},
    )
    assert_problem(forced_by_opd, 403, "admin_bkpsdm")
    assert_problem(
        await pegawai_client.post(
            f"/api/v1/pegawai/{mover['nip']}/mutasi",
            json={"jabatan_id": full["id"], "tmt": "2024-07-01", "paksa": True},
            headers=if_match(mover),
        ),
        422,
        "reason",
    )
    forced = await pegawai_client.post(
        f"/api/v1/pegawai/{mover['nip']}/mutasi",
        json={"jabatan_id": full["id"], "tmt": "2024-07-01", "paksa": True, "alasan": "Penugasan khusus Bupati"},
        headers=if_match(mover),
    )
    assert forced.status_code == 200
    log = (
        await pegawai_client.get("/api/v1/audit-log", params={"entity": "pegawai", "entity_id": mover["id"]})
    ).json()["items"]
    assert log[0]["action"] == "update" and "Penugasan khusus Bupati" in log[0]["reason"]
    assert log[0]["before"]["jabatan_id"] == org["jab_a"]["id"] and log[0]["after"]["jabatan_id"] == full["id"]


async def test_kenaikan_golongan_updates_the_current_grade(pegawai_client, org):
    p = await make_pegawai(pegawai_client, org["jab_a"]["id"])
    r = await pegawai_client.post(
        f"/api/v1/pegawai/{p['nip']}/riwayat-golongan", json={"golongan": "III/c", "tmt": "2022-04-01"}
    )
    assert r.status_code == 201
    assert (await pegawai_client.get(f"/api/v1/pegawai/{p['nip']}")).json()["golongan"] == "III/c"
    older = await pegawai_client.post(
        f"/api/v1/pegawai/{p['nip']}/riwayat-golongan", json={"golongan": "III/a", "tmt": "2014-04-01"}
    )
    assert older.status_code == 201
    assert (await pegawai_client.get(f"/api/v1/pegawai/{p['nip']}")).json()["golongan"] == "III/c", (
        "history before today keeps current"
    )
    assert_problem(
        await pegawai_client.post(
            f"/api/v1/pegawai/{p['nip']}/riwayat-golongan", json={"golongan": "X", "tmt": "2023-04-01"}
        ),
        422,
        "not a PNS grade",
    )


async def test_patch_record_needs_if_match(pegawai_client, org):
    p = await make_pegawai(pegawai_client, org["jab_a"]["id"])
    url = f"/api/v1/pegawai/{p['nip']}"
    assert_problem(await pegawai_client.patch(url, json={"kedudukan": "tugas_belajar"}), 428)
    ok = await pegawai_client.patch(url, json={"kedudukan": "tugas_belajar"}, headers={"If-Match": f'"{p["version"]}"'})
    assert ok.status_code == 200 and ok.json()["kedudukan"] == "tugas_belajar"
    assert_problem(
        await pegawai_client.patch(url, json={"nama": "X Y"}, headers={"If-Match": f'"{p["version"]}"'}), 412
    )


async def test_pegawai_sees_and_edits_only_itself(pegawai_client, org):
    me = await make_pegawai(pegawai_client, org["jab_a"]["id"])
    other = await make_pegawai(pegawai_client, org["jab_a"]["id"])
    mine = auth("pegawai", nip=me["nip"])
    assert (await pegawai_client.get(f"/api/v1/pegawai/{me['nip']}", headers=mine)).status_code == 200
    assert_problem(await pegawai_client.get(f"/api/v1/pegawai/{other['nip']}", headers=mine), 404)
    listed = await pegawai_client.get("/api/v1/pegawai", headers=mine)
    assert [p["nip"] for p in listed.json()["items"]] == [me["nip"]]
    edit = await pegawai_client.patch(
        f"/api/v1/pegawai/{me['nip']}",
        json={"telepon": "0812-3456-7890", "minat_rumpun": ["kesehatan"]},
        headers={**mine, "If-Match": f'"{me["version"]}"'},
    )
    assert edit.status_code == 200 and edit.json()["minat_rumpun"] == ["kesehatan"]
    denied = await pegawai_client.patch(
        f"/api/v1/pegawai/{me['nip']}",
        json={"kedudukan": "aktif"},
        headers={**mine, "If-Match": f'"{edit.json()["version"]}"'},
    )
    assert_problem(denied, 403, "kedudukan")
    # Its own position and unit are within its reach, nothing else.
    own = (await pegawai_client.get("/api/v1/jabatan", headers=mine)).json()
    assert [j["id"] for j in own["items"]] == [org["jab_a"]["id"]]
    assert_problem(await pegawai_client.get(f"/api/v1/jabatan/{org['jab_b']['id']}", headers=mine), 404)
    units = (await pegawai_client.get("/api/v1/unit-organisasi", headers=mine)).json()
    assert [u["id"] for u in units["items"]] == [org["bidang_a"]["id"]]


async def test_admin_opd_gets_404_for_another_opds_employee(pegawai_client, org):
    theirs = await make_pegawai(pegawai_client, org["jab_b"]["id"])
    headers = auth("admin_opd", opd=org["opd_a"]["id"])
    assert_problem(await pegawai_client.get(f"/api/v1/pegawai/{theirs['nip']}", headers=headers), 404)
    assert_problem(
        await pegawai_client.post(
            f"/api/v1/pegawai/{theirs['nip']}/mutasi",
            json={"jabatan_id": org["jab_a"]["id"], "tmt": "2024-01-01"},
            headers=headers,
        ),
        404,
    )


async def test_idempotency_key_creates_once_and_replays_the_answer(pegawai_client, org):
    body = {"nip": new_nip(), "nama": "Rudi Hartono", "status_kepegawaian": "PNS", "unit_id": org["bidang_a"]["id"]}
    headers = {"Idempotency-Key": "import-42"}
    first = await pegawai_client.post("/api/v1/pegawai", json=body, headers=headers)
    again = await pegawai_client.post("/api/v1/pegawai", json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert again.headers["idempotent-replayed"] == "true"
    r = await pegawai_client.get("/api/v1/pegawai", params={"q": body["nip"]})
    assert r.json()["total"] == 1
    other = await pegawai_client.post("/api/v1/pegawai", json={**body, "nama": "Different"}, headers=headers)
    assert_problem(other, 422, "different request")


async def test_career_interest_must_name_real_positions(pegawai_client, org):
    me = await make_pegawai(pegawai_client, org["jab_a"]["id"])
    url, mine = f"/api/v1/pegawai/{me['nip']}", auth("pegawai", nip=me["nip"])
    bad = await pegawai_client.patch(
        url, json={"minat_jabatan_ids": ["00000000-0000-0000-0000-00000000beef"]}, headers={**mine, "If-Match": '"1"'}
    )
    assert_problem(bad, 422, "no position")
    ok = await pegawai_client.patch(
        url, json={"minat_jabatan_ids": [org["jab_b"]["id"]]}, headers={**mine, "If-Match": '"1"'}
    )
    assert ok.status_code == 200 and ok.json()["minat_jabatan_ids"] == [org["jab_b"]["id"]]
