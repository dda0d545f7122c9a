"""The competency dictionary (kamus): the seeded competencies, technical ones, levels and retirement."""

from tests.conftest import auth
from tests.kompetensi.factories import levels, make_teknis
from tests.pegawai.helpers import ANY_VERSION, if_match
from tests.problem import assert_problem


async def test_seeded_dictionary_has_the_nine_competencies_with_five_levels(kompetensi_client):
    r = await kompetensi_client.get("/api/v1/kompetensi", params={"limit": 100})
    seeded = {k["kode"]: k for k in r.json()["items"] if k["jenis"] != "teknis"}
    assert set(seeded) == {"INT", "KER", "KOM", "OPH", "PPU", "PDO", "MP", "PK", "PB"}
    assert seeded["PB"]["jenis"] == "sosial_kultural"
    assert [lv["level"] for lv in seeded["INT"]["levels"]] == [1, 2, 3, 4, 5]
    assert all(lv["deskripsi"] and lv["indikator"] for lv in seeded["KOM"]["levels"])


async def test_bkpsdm_adds_technical_competencies_and_others_cannot(kompetensi_client):
    k = await make_teknis(kompetensi_client, "TEK-IT-01", rumpun="informatika")
    assert k["jenis"] == "teknis" and k["aktif"] is True and len(k["levels"]) == 5
    body = {"kode": "TEK-X", "nama": "Xyz", "definisi": "x..", "levels": levels()}
    assert_problem(
        await kompetensi_client.post(
            "/api/v1/kompetensi", json=body, headers=auth("admin_opd", opd="00000000-0000-0000-0000-000000000001")
        ),
        403,
    )
    assert_problem(
        await kompetensi_client.post("/api/v1/kompetensi", json={**body, "kode": "TEK-IT-01"}), 409, "already exists"
    )
    assert_problem(await kompetensi_client.post("/api/v1/kompetensi", json={**body, "jenis": "manajerial"}), 422)
    assert_problem(
        await kompetensi_client.post("/api/v1/kompetensi", json={**body, "levels": levels()[:4]}), 422, "each level"
    )
    bad_level = [*levels()[:4], {"level": 6, "deskripsi": "too high"}]
    assert_problem(await kompetensi_client.post("/api/v1/kompetensi", json={**body, "levels": bad_level}), 422)


async def test_update_levels_needs_if_match_and_moves_the_etag(kompetensi_client):
    k = await make_teknis(kompetensi_client, "TEK-IT-02")
    url = f"/api/v1/kompetensi/{k['id']}"
    new_levels = levels("Baru")
    assert_problem(await kompetensi_client.patch(url, json={"levels": new_levels}), 428)
    r = await kompetensi_client.patch(url, json={"levels": new_levels}, headers={"If-Match": '"1"'})
    assert r.status_code == 200 and r.json()["levels"][0]["deskripsi"] == "Baru 1 description"
    assert r.headers["etag"] == '"2"'


async def test_a_used_competency_cannot_be_deleted_only_retired(kompetensi_client, world):
    put = await kompetensi_client.put(
        f"/api/v1/standar-kompetensi/{world['jab_a']['id']}",
        json={"items": [{"kompetensi_kode": "TEK-KEP-01", "level": 3}]},
    )
    assert put.status_code == 200, put.text
    teknis = world["teknis"]
    assert_problem(
        await kompetensi_client.delete(f"/api/v1/kompetensi/{teknis['id']}", headers=if_match(teknis)),
        409,
        "retire it instead",
    )
    retired = await kompetensi_client.post(f"/api/v1/kompetensi/{teknis['id']}/pensiun", headers=if_match(teknis))
    assert retired.json()["aktif"] is False and retired.json()["dipensiunkan_pada"]
    still = await kompetensi_client.get(f"/api/v1/standar-kompetensi/{world['jab_a']['id']}")
    assert "TEK-KEP-01" in {i["kompetensi_kode"] for i in still.json()["items"]}, "history stays"
    again = await kompetensi_client.put(
        f"/api/v1/standar-kompetensi/{world['jab_b']['id']}",
        json={"items": [{"kompetensi_kode": "TEK-KEP-01", "level": 2}]},
    )
    assert_problem(again, 422, "retired")
    unused = await make_teknis(kompetensi_client, "TEK-UNUSED")
    assert (
        await kompetensi_client.delete(f"/api/v1/kompetensi/{unused['id']}", headers=if_match(unused))
    ).status_code == 204


async def test_regulation_competencies_cannot_be_deleted_only_retired(kompetensi_client):
    seeded = (await kompetensi_client.get("/api/v1/kompetensi", params={"q": "PB", "jenis": "sosial_kultural"})).json()[
        "items"
    ][0]
    managerial = (await kompetensi_client.get("/api/v1/kompetensi", params={"jenis": "manajerial", "limit": 1})).json()[
        "items"
    ][0]
    for k in (seeded, managerial):
        assert_problem(
            await kompetensi_client.delete(f"/api/v1/kompetensi/{k['id']}", headers=if_match(k)),
            409,
            "PermenPAN-RB 38/2017",
        )
        assert (await kompetensi_client.get(f"/api/v1/kompetensi/{k['id']}")).status_code == 200, (
            "still in the dictionary"
        )
    retired = await kompetensi_client.post(f"/api/v1/kompetensi/{seeded['id']}/pensiun", headers=if_match(seeded))
    assert retired.status_code == 200 and retired.json()["aktif"] is False
    assert_problem(
        await kompetensi_client.delete(f"/api/v1/kompetensi/{seeded['id']}", headers=ANY_VERSION),
        409,
        "cannot be deleted",
    )


async def test_an_assessment_alone_blocks_deletion(kompetensi_client, world):
    teknis = await make_teknis(kompetensi_client, "TEK-ASESMEN-ONLY")
    body = {
        "nip": world["a1"]["nip"],
        "kompetensi_kode": "TEK-ASESMEN-ONLY",
        "level": 2,
        "tanggal": "2025-01-15",
        "metode": "uji_kompetensi",
    }
    assert (await kompetensi_client.post("/api/v1/asesmen", json=body)).status_code == 201
    standards = await kompetensi_client.post(
        "/api/v1/standar-kompetensi/bulk", json={"jabatan_ids": [world["jab_a"]["id"], world["jab_b"]["id"]]}
    )
    assert all(not s["items"] for s in standards.json()), "no standard uses it"
    assert_problem(
        await kompetensi_client.delete(f"/api/v1/kompetensi/{teknis['id']}", headers=if_match(teknis)),
        409,
        "retire it instead",
    )
    assert (await kompetensi_client.get(f"/api/v1/kompetensi/{teknis['id']}")).json()["aktif"] is True


async def test_a_duplicate_code_is_refused_and_nothing_written(kompetensi_client):
    first = await make_teknis(kompetensi_client, "TEK-DUP-01")
    log_before = (await kompetensi_client.get("/api/v1/audit-log", params={"entity": "kompetensi", "limit": 1})).json()[
        "total"
    ]
    body = {"kode": "TEK-DUP-01", "nama": "Another name", "definisi": "Other.", "levels": levels("Other")}
    assert_problem(await kompetensi_client.post("/api/v1/kompetensi", json=body), 409, "TEK-DUP-01 already exists")
    same = (await kompetensi_client.get("/api/v1/kompetensi", params={"q": "TEK-DUP-01"})).json()["items"]
    assert [(k["id"], k["nama"]) for k in same] == [(first["id"], first["nama"])]
    assert (await kompetensi_client.get(f"/api/v1/kompetensi/{first['id']}")).json()["levels"] == first["levels"]
    assert (await kompetensi_client.get("/api/v1/audit-log", params={"entity": "kompetensi", "limit": 1})).json()[
        "total"
    ] == log_before


async def test_a_dictionary_change_is_audited_with_before_and_after(kompetensi_client):
    k = await make_teknis(kompetensi_client, "TEK-AUDIT-01")
    changed = await kompetensi_client.patch(
        f"/api/v1/kompetensi/{k['id']}", json={"nama": "Nama Baru"}, headers={"If-Match": '"1"'}
    )
    assert changed.status_code == 200, changed.text
    log = (
        await kompetensi_client.get("/api/v1/audit-log", params={"entity": "kompetensi", "entity_id": k["id"]})
    ).json()["items"]
    by_action = {e["action"]: e for e in log}
    assert by_action["insert"]["before"] is None and by_action["insert"]["after"]["kode"] == "TEK-AUDIT-01"
    update = by_action["update"]
    assert update["before"]["nama"] == "Kompetensi TEK-AUDIT-01" and update["after"]["nama"] == "Nama Baru"
    assert update["actor"] == "test-admin_bkpsdm"


async def test_a_retried_create_with_the_same_idempotency_key_makes_one_competency(kompetensi_client):
    body = {
        "kode": "TEK-IDEM-01",
        "nama": "Kompetensi Idem",
        "definisi": "Teknis.",
        "rumpun": "kesehatan",
        "levels": levels(),
    }
    key = {"Idempotency-Key": "kamus-retry-1"}
    first = await kompetensi_client.post("/api/v1/kompetensi", json=body, headers=key)
    again = await kompetensi_client.post("/api/v1/kompetensi", json=body, headers=key)
    assert (first.status_code, again.status_code) == (201, 201), first.text
    assert again.json() == first.json() and again.headers.get("Idempotent-Replayed") == "true"
    assert (
        again.headers["ETag"] == first.headers["ETag"]
        and first.headers["Location"] == f"/api/v1/kompetensi/{first.json()['id']}"
    )
    listed = (await kompetensi_client.get("/api/v1/kompetensi", params={"q": "TEK-IDEM"})).json()
    assert [k["kode"] for k in listed["items"]] == ["TEK-IDEM-01"]
