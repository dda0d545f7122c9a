import asyncio
import csv
import io

from openpyxl import Workbook, load_workbook
from sqlalchemy import text

from pegawai.impor.columns import Jenis, columns
from pegawai.pegawai.tanggal import latest_tmt
from tests.conftest import auth
from tests.factories import make_jabatan, make_pegawai, make_unit, new_nip
from tests.pegawai.helpers import audit_entries
from tests.problem import assert_problem

PEGAWAI_HEADERS = [c.header for c in columns(Jenis.PEGAWAI)]


def xlsx(rows: list[list[str]], headers: list[str] = PEGAWAI_HEADERS) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(headers)
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def csv_bytes(rows: list[list[str]], headers: list[str] = PEGAWAI_HEADERS) -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows([headers, *rows])
    return ("\ufeff" + out.getvalue()).encode()


def employee(nip: str, jabatan_kode: str, **kw: str) -> list[str]:
    values = {"NIP": nip, "Nama": "Rahmat Hidayat", "Status": "PNS", "Golongan": "III/a", "TMT Golongan": "2019-04-01",
              "Pendidikan": "S1", "Jurusan": "Hukum", "Kode Jabatan": jabatan_kode, "TMT Jabatan": "2021-01-04", **kw}
    return [values.get(h, "") for h in PEGAWAI_HEADERS]


async def total(client) -> int:
    return (await client.get("/api/v1/pegawai", params={"limit": 1})).json()["total"]


async def upload(client, jenis, content, name, **params):
    return await client.post(f"/api/v1/impor/{jenis}", files={"file": (name, content)}, params=params)


async def test_templates_download_in_both_formats(client):
    r = await client.get("/api/v1/impor/template/pegawai")
    assert r.headers["content-type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(io.BytesIO(r.content))
    assert [c.value for c in wb["Data"][1]] == PEGAWAI_HEADERS
    assert wb["Petunjuk"]["A2"].value == "NIP"
    r = await client.get("/api/v1/impor/template/jabatan", params={"format": "csv"})
    header = r.content.decode("utf-8-sig").splitlines()[0].split(";")
    assert header == [c.header for c in columns(Jenis.JABATAN)]
    assert 'filename="template-jabatan.csv"' in r.headers["content-disposition"]


async def test_good_xlsx_and_csv_import_with_history(client, org):
    kode = org["jab_b"]["kode"]
    first, second = new_nip(), new_nip()
    r = await upload(client, "pegawai", xlsx([employee(first, kode, Nama="Ahmad Fauzi")]), "data.xlsx")
    assert r.status_code == 200, r.text
    assert r.json() == {"diterima": 1, "ditolak": 0, "dibuat": 1, "errors": []}
    r = await upload(client, "pegawai", csv_bytes([employee(second, kode, **{"Tanggal Lahir": ""})]), "data.csv")
    assert r.json()["dibuat"] == 1
    got = (await client.get(f"/api/v1/pegawai/{first}")).json()
    assert got["jabatan_id"] == org["jab_b"]["id"] and got["unit_id"] == org["bidang_b"]["id"] and got["pangkat"] == "Penata Muda"
    history = (await client.get(f"/api/v1/pegawai/{first}/riwayat-jabatan")).json()
    assert history[0]["nama_jabatan"] == "Guru Ahli Pertama"
    audit = (await client.get("/api/v1/audit-log", params={"entity": "pegawai", "entity_id": got["id"]})).json()["items"]
    assert audit[0]["action"] == "insert" and audit[0]["after"]["nip"] == first and "data.xlsx" in audit[0]["reason"]


async def test_imported_history_rows_are_audited(client, org):
    nip = new_nip()
    r = await upload(client, "pegawai", xlsx([employee(nip, org["jab_b"]["kode"])]), "riwayat.xlsx")
    assert r.json()["dibuat"] == 1, r.text
    for kind, expected in (("jabatan", {"nama_jabatan": "Guru Ahli Pertama", "tmt_mulai": "2021-01-04"}),
                           ("golongan", {"golongan": "III/a", "tmt": "2019-04-01"}),
                           ("pendidikan", {"tingkat": "S1", "jurusan": "Hukum"})):
        row = (await client.get(f"/api/v1/pegawai/{nip}/riwayat-{kind}")).json()[0]
        entry = (await audit_entries(client, f"riwayat_{kind}", row["id"]))[0]
        assert (entry["action"], entry["before"], entry["actor"]) == ("insert", None, "test-admin_bkpsdm")
        assert "riwayat.xlsx" in entry["reason"]
        assert expected.items() <= entry["after"].items(), entry["after"]


async def test_impossible_dates_are_row_errors_in_their_column(client, org):
    kode = org["jab_b"]["kode"]
    too_far = latest_tmt().replace(day=1).replace(year=latest_tmt().year + 1).isoformat()
    rows = [
        employee(new_nip(), kode, **{"TMT Golongan": too_far}),
        employee(new_nip(tmt=(2010, 1)), kode, **{"TMT Jabatan": "2009-12-31"}),
    ]
    before = await total(client)
    body = assert_problem(await upload(client, "pegawai", xlsx(rows), "tanggal.xlsx"), 422, "nothing was imported")
    errors = {(e["baris"], e["kolom"]): e["pesan"] for e in body["errors"]}
    assert "more than a year ahead" in errors[(2, "TMT Golongan")]
    assert "before the TMT CPNS 2010-01" in errors[(3, "TMT Jabatan")]
    assert await total(client) == before


async def test_import_waits_for_a_transfer_into_the_same_position_and_then_sees_it_full(live):
    """Without the lock the import would count the seat as free while the transfer is uncommitted."""
    unit = await make_unit(live.client, nama="Dinas Uji")
    full_soon = await make_jabatan(live.client, unit["id"], nama="Kepala Seksi", kebutuhan=1)
    elsewhere = await make_jabatan(live.client, unit["id"], nama="Staf", kebutuhan=5)
    mover = await make_pegawai(live.client, elsewhere["id"])
    async with live.engine.connect() as transfer:  # a mutasi in progress: lock the position, take the seat
        await transfer.execute(text("SELECT 1 FROM jabatan WHERE id = :j FOR UPDATE"), {"j": full_soon["id"]})
        await transfer.execute(text("UPDATE pegawai SET jabatan_id = :j WHERE id = :p"), {"j": full_soon["id"], "p": mover["id"]})
        importing = asyncio.create_task(upload(live.client, "pegawai", xlsx([employee(new_nip(), full_soon["kode"])]), "x.xlsx"))
        await asyncio.sleep(0.5)
        assert not importing.done(), "the import must wait for the transfer that holds the position"
        await transfer.commit()
    body = assert_problem(await importing, 422, "nothing was imported")
    assert "is full" in body["errors"][0]["pesan"]
    staffing = {j["jabatan_id"]: j for j in (await live.client.get("/api/v1/kebutuhan/jabatan")).json()["items"]}
    assert staffing[full_soon["id"]]["bezetting"] == 1


async def test_one_bad_row_rejects_the_file_unless_partial(client, org):
    kode = org["jab_b"]["kode"]
    good, dup = new_nip(), new_nip()
    rows = [
        employee(good, kode),
        employee("19850312", kode),
        employee(new_nip(), kode, Golongan="III/z"),
        employee(new_nip(), "NO-SUCH-CODE"),
        employee(dup, kode),
        employee(dup, kode),
        employee(new_nip(), kode, **{"TMT Golongan": "2021-02-30"}),
    ]
    before = await total(client)
    r = await upload(client, "pegawai", xlsx(rows), "bad.xlsx")
    body = assert_problem(r, 422, "nothing was imported")
    by_row = {(e["baris"], e["kolom"]) for e in body["errors"]}
    assert (3, "NIP") in by_row and (4, "Golongan") in by_row and (5, "Kode Jabatan") in by_row
    assert (6, "NIP") in by_row and (7, "NIP") in by_row and (8, "TMT Golongan") in by_row
    assert body["dibuat"] == 0 and await total(client) == before
    r = await upload(client, "pegawai", xlsx(rows), "bad.xlsx", partial="true")
    assert r.status_code == 200
    assert (r.json()["diterima"], r.json()["dibuat"], r.json()["ditolak"]) == (1, 1, 6)
    assert await total(client) == before + 1


async def test_headcount_counts_rows_of_the_same_file(client, org):
    kode = org["jab_a"]["kode"]  # kebutuhan 2
    await make_pegawai(client, org["jab_a"]["id"])
    r = await upload(client, "pegawai", csv_bytes([employee(new_nip(), kode), employee(new_nip(), kode)]), "x.csv")
    body = assert_problem(r, 422)
    assert [e["baris"] for e in body["errors"]] == [3] and "is full" in body["errors"][0]["pesan"]


async def test_admin_opd_imports_only_into_its_opd(client, org):
    headers = auth("admin_opd", opd=org["opd_a"]["id"])
    rows = [employee(new_nip(), org["jab_a"]["kode"]), employee(new_nip(), org["jab_b"]["kode"])]
    r = await client.post("/api/v1/impor/pegawai", files={"file": ("x.xlsx", xlsx(rows))}, params={"partial": "true"}, headers=headers)
    assert r.json()["dibuat"] == 1
    assert r.json()["errors"][0]["baris"] == 3 and "in your scope" in r.json()["errors"][0]["pesan"]
    denied = await client.post("/api/v1/impor/pegawai", files={"file": ("x.xlsx", xlsx(rows))}, headers=auth("integrasi"))
    assert_problem(denied, 403)


async def test_pegawai_token_cannot_import_or_export(client, org):
    me = await make_pegawai(client, org["jab_a"]["id"])
    mine = auth("pegawai", nip=me["nip"])
    assert_problem(await client.get("/api/v1/ekspor/pegawai", headers=mine), 403)
    assert_problem(await client.post("/api/v1/impor/pegawai", files={"file": ("x.csv", b"NIP\n")}, headers=mine), 403)


async def test_positions_import_and_export_round_trip(client, org):
    headers = [c.header for c in columns(Jenis.JABATAN)]
    rows = [["J-NEW-1", "Analis Data", "ahli_pertama", "8", "informatika", org["bidang_a"]["kode"], "2", "Mengolah data | Menyusun dasbor", "Dasbor", "S1", "III/a"]]
    r = await upload(client, "jabatan", xlsx(rows, headers), "jabatan.xlsx")
    assert r.json()["dibuat"] == 1, r.text
    created = (await client.get("/api/v1/jabatan", params={"q": "J-NEW-1"})).json()["items"][0]
    assert created["uraian_tugas"] == ["Mengolah data", "Menyusun dasbor"] and created["unit_id"] == org["bidang_a"]["id"]
    exported = await client.get("/api/v1/ekspor/jabatan", params={"format": "csv"})
    lines = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig")), delimiter=";"))
    assert lines[0] == headers and ["J-NEW-1", "Analis Data"] == lines[[r[0] for r in lines].index("J-NEW-1")][:2]
    again = await upload(client, "jabatan", exported.content, "again.csv")
    assert_problem(again, 422, "nothing was imported")


async def test_employee_export_reimports_into_an_empty_position(client, org):
    p = await make_pegawai(client, org["jab_b"]["id"], nama="Eksport Uji")
    exported = await client.get("/api/v1/ekspor/pegawai", params={"q": p["nip"]})
    wb = load_workbook(io.BytesIO(exported.content))
    rows = list(wb["Data"].iter_rows(values_only=True))
    assert rows[0] == tuple(PEGAWAI_HEADERS)
    assert rows[1][0] == p["nip"] and rows[1][PEGAWAI_HEADERS.index("Kode Jabatan")] == org["jab_b"]["kode"]
    re = await upload(client, "pegawai", exported.content, "export.xlsx")
    body = assert_problem(re, 422)
    assert body["errors"][0]["pesan"].startswith(f"An employee with NIP {p['nip']} already exists")


async def test_not_a_spreadsheet_and_missing_columns_are_clear(client):
    assert_problem(await upload(client, "pegawai", b"PK\x03\x04garbage", "x.xlsx"), 422, "not a readable XLSX")
    assert_problem(await upload(client, "pegawai", "\xff\xfe".encode("latin-1") + b"\x00\x01", "x.csv"), 422, "neither XLSX nor UTF-8")
    assert_problem(await upload(client, "pegawai", b"Nama;Status\nBudi;PNS\n", "x.csv"), 422, "required column(s): NIP")
