"""Inputs that crashed the service (found by fuzzing) are refused with a 4xx naming the field."""

import pytest

from tests.pegawai.factories import make_pegawai
from tests.problem import assert_problem


async def test_an_empty_education_level_is_refused_not_a_crash(pegawai_client, org):
    p = await make_pegawai(pegawai_client, org["jab_a"]["id"])
    body = assert_problem(
        await pegawai_client.post(f"/api/v1/pegawai/{p['nip']}/riwayat-pendidikan", json={"tingkat": ""}), 422
    )
    assert [(e["field"], e["code"]) for e in body["errors"]] == [("tingkat", "missing")]
    unknown = assert_problem(
        await pegawai_client.post(f"/api/v1/pegawai/{p['nip']}/riwayat-pendidikan", json={"tingkat": "X9"}), 422
    )
    assert [e["code"] for e in unknown["errors"]] == ["pendidikan-unknown"]


async def test_a_projection_date_out_of_range_is_refused_naming_it(pegawai_client):
    body = assert_problem(
        await pegawai_client.get("/api/v1/proyeksi-pensiun", params={"per_tanggal": "9999-12-31", "tahun": 40}), 422
    )
    assert [e["field"] for e in body["errors"]] == ["query.per_tanggal"]
    assert_problem(await pegawai_client.get("/api/v1/proyeksi-pensiun", params={"tahun": 41}), 422, "tahun")
    furthest = await pegawai_client.get("/api/v1/proyeksi-pensiun", params={"per_tanggal": "2100-12-31", "tahun": 40})
    assert furthest.status_code == 200 and furthest.json()["sampai"] == "2139-12-31"


async def test_a_nip_sent_as_a_number_is_refused_naming_the_field(pegawai_client, org):
    body = assert_problem(
        await pegawai_client.post(
            "/api/v1/pegawai",
            json={
                "nip": 198503122010011003,
                "nama": "Budi",
                "status_kepegawaian": "PNS",
                "jabatan_id": org["jab_a"]["id"],
            },
        ),
        422,
    )
    assert [(e["field"], e["code"]) for e in body["errors"]] == [("nip", "nip-type")]


async def test_a_bad_nip_in_a_path_is_422_naming_the_path_parameter_and_the_part(pegawai_client, kompetensi_client):
    """The same NIP type checks paths in every service: too short, and a month 13 in the birth date."""
    for client, url in (
        (pegawai_client, "/api/v1/pegawai/{}"),
        (pegawai_client, "/api/v1/pegawai/{}/riwayat-jabatan"),
        (kompetensi_client, "/api/v1/profil-kompetensi/{}"),
    ):
        short = assert_problem(await client.get(url.format("19850312201001100")), 422)
        assert [e["field"] for e in short["errors"]] == ["path.nip"], short
        month = assert_problem(await client.get(url.format("198513122010011003")), 422)
        assert [e["field"] for e in month["errors"]] == ["path.nip"]
        assert month["errors"][0]["code"] == "nip-birth-date" and "1-8" in month["errors"][0]["message"]


@pytest.mark.parametrize("body", [b"\x80\x81", b"\x00\x00\x00", b'{"ids": ['])
async def test_a_body_that_is_not_json_is_422_naming_the_body(pegawai_client, body):
    r = await pegawai_client.post("/api/v1/jabatan/lookup", content=body, headers={"Content-Type": "application/json"})
    problem = assert_problem(r, 422, "not valid JSON")
    assert problem["type"].endswith("/validation")
    assert problem["errors"] == [{"field": "body", "code": "json_invalid", "message": "is not valid JSON"}]


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("multipart/form-data", b""),
        ("multipart/form-data; boundary=b", b"--b\r\n[]--b--\r\n"),  # found by fuzzing: answered "request failed"
    ],
)
async def test_a_broken_upload_is_400_saying_how_to_send_the_file(pegawai_client, content_type, body):
    r = await pegawai_client.post("/api/v1/impor/pegawai", content=body, headers={"Content-Type": content_type})
    problem = assert_problem(r, 400, "cannot be read as multipart/form-data")
    assert problem["type"].endswith("/body-malformed") and 'the field "file"' in problem["detail"]
    documented = (await pegawai_client.get("/openapi.json")).json()["paths"]["/api/v1/impor/{jenis}"]["post"]
    assert {"400", "413"} <= set(documented["responses"])
