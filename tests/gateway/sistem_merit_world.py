"""The world of the merit-evidence tests, made through the services' APIs (every rule applies).

On pengembangan's world (tests/pengembangan/dunia.py: instansi; OPD A with bidang A1, OPD B with
bidang B1; JA pelaksana kelas 7 kebutuhan 100 and JT administrator kelas 9 kebutuhan 3 in A1, JB
pelaksana kelas 7 kebutuhan 10 in B1; staff 0-3 hold JA, Q holds JB; staff 0 and 1 assessed
TEK-KES-T1 on 2025-05-05 by uji_kompetensi):

- JK: pengawas kelas 8 in A1, kebutuhan 0, no job description, no standard.
- JT's standard: MP (manajerial) 3, PB (sosial_kultural) 3, TEK-KES-T1 3: complete.
- Promotions of the year (yesterday): staff 1 JA -> JT (assessed MP, PB and TEK-KES-T1 at 3: JPM
  100), staff 2 JA -> JK (no standard: no JPM).
- R holds JA without education; Z serves in B1 without a position.
- Q assessed four years ago (out of the three-year window).
- SKP of the year: staff 0 final with a predikat, staff 3 agreed, R a draft.
- Sanctions: R's of this year (SK dated in it), one of last year.
- Proposals approved for batches of this year: staff 0 for askep (relevant to JA), staff 3 for guru
  (not relevant, with a reason).
- JP this year: staff 0 20 JP (coaching).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import httpx

from tests.kinerja.test_skp import perilaku, rencana
from tests.kompetensi.factories import assess, standard
from tests.pegawai.factories import make_jabatan, make_pegawai
from tests.pegawai.helpers import ANY_VERSION
from tests.pengembangan.conftest import jp_body
from tests.pengembangan.dunia import Dunia, build

TODAY = date.today()
PROMO = TODAY - timedelta(days=1)  # a TMT must be in the past
Y = PROMO.year


@dataclass
class MeritWorld:
    dunia: Dunia
    root: str
    JK: str
    R: str
    Z: str

    @property
    def A(self) -> str:
        return self.dunia.A

    @property
    def A1(self) -> str:
        return self.dunia.A1

    def nip(self, i: int) -> str:
        return self.dunia.nip(i)


def _ok(r: httpx.Response, status: int = 200) -> dict[str, Any]:
    assert r.status_code == status, r.text
    body: dict[str, Any] = r.json()
    return body


async def _skp(kin: httpx.AsyncClient, periode: str, nip: str, penilai: str, until: str) -> None:
    """An SKP of the year taken by an admin to `until` (draft, disetujui or final)."""
    skp = _ok(await kin.post("/api/v1/skp", json={"nip": nip, "periode_id": periode, "penilai_nip": penilai}), 201)
    if until == "draft":
        return
    skp = _ok(
        await kin.put(f"/api/v1/skp/{skp['id']}/rencana", json={"items": [rencana("Laporan")]}, headers=ANY_VERSION)
    )
    skp = _ok(await kin.post(f"/api/v1/skp/{skp['id']}/ajukan", headers=ANY_VERSION))
    skp = _ok(await kin.post(f"/api/v1/skp/{skp['id']}/setujui", headers=ANY_VERSION))
    if until == "disetujui":
        return
    body = {
        "realisasi": [{"id": skp["rencana"][0]["id"], "realisasi": "12 laporan"}],
        "rating_hasil_kerja": "sesuai",
        "perilaku": perilaku("sesuai"),
    }
    skp = _ok(await kin.post(f"/api/v1/skp/{skp['id']}/nilai", json=body, headers=ANY_VERSION))
    _ok(await kin.post(f"/api/v1/skp/{skp['id']}/final", headers=ANY_VERSION))


async def build_merit(
    peg: httpx.AsyncClient, kom: httpx.AsyncClient, kin: httpx.AsyncClient, pen: httpx.AsyncClient
) -> MeritWorld:
    d = await build(peg, kom, pen, staff=4)
    units = _ok(await peg.get("/api/v1/unit-organisasi", params={"jenis": "instansi"}))["items"]
    b1 = _ok(await peg.get(f"/api/v1/jabatan/{d.JB}"))["unit_id"]
    jk = await make_jabatan(
        peg, d.A1, nama="Kepala Subbagian", jenis="pengawas", kelas_jabatan=8, kebutuhan=0, uraian_tugas=[]
    )
    r = await make_pegawai(peg, d.JA, nama="Rudi", pendidikan_tingkat=None, pendidikan_jurusan=None)
    z = await make_pegawai(peg, None, nama="Zaki", unit_id=b1)
    # JT's standard complete; staff 1 meets it in full.
    await standard(
        kom,
        d.JT,
        [
            {"kompetensi_kode": "MP", "level": 3},
            {"kompetensi_kode": "PB", "level": 3},
            {"kompetensi_kode": "TEK-KES-T1", "level": 3},
        ],
    )
    for kode in ("MP", "PB"):
        await assess(kom, d.nip(1), kode, 3, tanggal=(TODAY - timedelta(days=10)).isoformat())
    await assess(kom, str(d.Q["nip"]), "TEK-DIK-T1", 3, tanggal=date(TODAY.year - 4, 1, 10).isoformat())
    for i, jabatan in ((1, d.JT), (2, jk["id"])):
        mutasi = {"jabatan_id": jabatan, "tmt": PROMO.isoformat(), "nomor_sk": f"821/{i}/{Y}"}
        if jabatan == jk["id"]:  # JK needs nobody (kebutuhan 0): BKPSDM fills it anyway, with a reason
            mutasi |= {"paksa": True, "alasan": "Pelaksana tugas"}
        _ok(await peg.post(f"/api/v1/pegawai/{d.nip(i)}/mutasi", json=mutasi, headers=ANY_VERSION))
    # kinerja: SKPs of the year and sanctions.
    periode = _ok(await kin.post("/api/v1/periode-skp", json={"tahun": Y, "evaluasi": "triwulanan"}), 201)["id"]
    boss = str(d.Q["nip"])
    await _skp(kin, periode, d.nip(0), boss, "final")
    await _skp(kin, periode, d.nip(3), boss, "disetujui")
    await _skp(kin, periode, r["nip"], boss, "draft")
    for tanggal in (date(Y, 1, 15), date(Y - 1, 6, 1)):
        body = {
            "nip": r["nip"],
            "tingkat": "ringan",
            "jenis": "R2",
            "nomor_sk": f"800/{tanggal.year}/BKPSDM",
            "tanggal_sk": tanggal.isoformat(),
            "tmt": tanggal.isoformat(),
        }
        _ok(await kin.post("/api/v1/hukuman-disiplin", json=body), 201)
    # pengembangan: one relevant and one not relevant proposal approved; 20 JP of staff 0.
    relevant = (await d.propose("askep", 0))[0]
    body = {"angkatan_id": d.batches["guru"]["id"], "nips": [d.nip(3)], "alasan_tidak_relevan": "Tugas tambahan"}
    other = _ok(await pen.post("/api/v1/usulan", json=body, headers=d.opd_a), 201)["items"][0]
    assert (relevant["relevan"], other["relevan"]) == (True, False)
    for u in (relevant, other):
        _ok(await d.approve(u))
    _ok(await pen.post("/api/v1/jp", json=jp_body(d.nip(0), jp=20)), 201)
    return MeritWorld(d, str(units[0]["id"]), str(jk["id"]), str(r["nip"]), str(z["nip"]))


async def roster(pegawai: httpx.AsyncClient, unit_id: str) -> list[dict[str, Any]]:
    """pegawai's roster of a unit as BKPSDM reads it, with the fields a count over it reads (what
    the gateway passes)."""
    items = _ok(await pegawai.get(f"/api/v1/unit-organisasi/{unit_id}/pegawai"))["items"]
    return [{k: p[k] for k in ("nip", "status_kepegawaian", "jabatan_jenis")} for p in items]


async def passed_roster(
    client: httpx.AsyncClient, pegawai: httpx.AsyncClient, world: MeritWorld, path: str, post: str, **query: Any
) -> dict[str, Any]:
    """What every count over a passed roster (shared.access.RosterIn) holds: over pegawai's roster
    it answers what the count's own read does (the list of people left out); an OPD admin's roster
    is ignored (its own OPD's counts whatever it passes, another's unit 404). Returns the count
    over staff 0 alone passed by BKPSDM: taken at its word (pegawai not asked again)."""

    def counts(answer: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in answer.items() if k != "items"}

    whole = await roster(pegawai, world.root)
    assert len(whole) == 7
    plain = _ok(await client.get(path, params={**query, "unit_id": world.root}))
    given = _ok(await client.post(post, json={**query, "unit_id": world.root, "pegawai": whole}))
    assert given == counts(plain)
    twice = _ok(await client.post(post, json={**query, "unit_id": world.root, "pegawai": whole + whole[:2]}))
    assert twice == given  # each NIP once, as pegawai lists it
    d = world.dunia
    own = _ok(await client.get(path, params={**query, "unit_id": d.A}, headers=d.opd_a))
    mine = _ok(await client.post(post, json={**query, "unit_id": d.A, "pegawai": whole}, headers=d.opd_a))
    assert mine == counts(own)  # B's Z in the roster passed is not counted
    r = await client.post(post, json={**query, "unit_id": d.A1, "pegawai": whole}, headers=d.opd_b)
    assert r.status_code == 404, r.text
    staff0 = [p for p in whole if p["nip"] == world.nip(0)]
    return _ok(await client.post(post, json={**query, "unit_id": world.root, "pegawai": staff0}))
