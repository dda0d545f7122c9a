"""The world of the proposal, enrollment, request and budget tests, made through the APIs.

pegawai: OPD A (Dinas Kesehatan, bidang A1) and OPD B (Dinas Pendidikan, bidang B1); positions
JA (perawat, A1), JT (kepala seksi, A1: a career target) and JB (guru, B1); `staff` serve in A
holding JA (the last of them has JT as its career target), Q serves in B holding JB.
kompetensi: JA's standard asks TEK-KES-T1 at level 3, JT's MP at 3, JB's TEK-DIK-T1 at 3;
staff[0] holds TEK-KES-T1 at 2 (a gap), staff[1] at 3 (none).
pengembangan: programs askep (TEK-KES-T1; 3.5 M + 2.75 M travel), manaj (MP; 2 M), guru
(TEK-DIK-T1; 1 M) and coaching (PDO; free), each with a batch open for enrollment ten days
ahead, and askep with a second open batch that started yesterday; A's budget of that year:
pagu 1 G, allocation 100 M.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import httpx

from tests.conftest import auth
from tests.kompetensi.factories import assess, make_teknis, standard
from tests.pegawai.factories import make_jabatan, make_pegawai, make_unit
from tests.pegawai.helpers import ANY_VERSION
from tests.pengembangan.conftest import make_angkatan, make_program

TODAY = date.today()
ASKEP_COST = 3_500_000 + 2_750_000


@dataclass
class Dunia:
    pen: httpx.AsyncClient  # pengembangan as admin_bkpsdm
    A: str
    B: str
    A1: str
    JA: str
    JT: str
    JB: str
    staff: list[dict[str, Any]]
    Q: dict[str, Any]
    programs: dict[str, dict[str, Any]]
    batches: dict[str, dict[str, Any]]
    tahun: int
    opd_a: dict[str, str] = field(default_factory=dict)  # admin_opd of A
    opd_b: dict[str, str] = field(default_factory=dict)  # admin_opd of B

    def nip(self, i: int) -> str:
        return str(self.staff[i]["nip"])

    def as_pegawai(self, i: int) -> dict[str, str]:
        return auth("pegawai", nip=self.nip(i))

    async def set_budget(self, alokasi: int, pagu: int = 1_000_000_000, opd: str | None = None) -> dict[str, Any]:
        r = await self.pen.put(
            f"/api/v1/anggaran/{opd or self.A}/{self.tahun}",
            json={"pagu": pagu, "alokasi": alokasi},
            headers=ANY_VERSION,
        )
        assert r.status_code == 200, r.text
        return r.json()

    async def budget(self, opd: str | None = None, tahun: int | None = None) -> dict[str, Any]:
        r = await self.pen.get(f"/api/v1/anggaran/{opd or self.A}/{tahun or self.tahun}")
        assert r.status_code == 200, r.text
        return r.json()

    async def propose(self, batch: str, *idx: int, bkpsdm: bool = False) -> list[dict[str, Any]]:
        """Proposals of staff `idx` for a batch, by A's admin (or by BKPSDM, naming A)."""
        body: dict[str, Any] = {"angkatan_id": self.batches[batch]["id"], "nips": [self.nip(i) for i in idx]}
        if bkpsdm:
            body["opd_id"] = self.A
        r = await self.pen.post("/api/v1/usulan", json=body, headers={} if bkpsdm else self.opd_a)
        assert r.status_code == 201, r.text
        return list(r.json()["items"])

    async def approve(self, usulan: dict[str, Any], **body: Any) -> httpx.Response:
        return await self.pen.post(f"/api/v1/usulan/{usulan['id']}/setujui", json=body or None, headers=ANY_VERSION)

    async def batch(self, name: str) -> dict[str, Any]:
        r = await self.pen.get(f"/api/v1/angkatan/{self.batches[name]['id']}")
        assert r.status_code == 200, r.text
        return r.json()


async def build(
    peg: httpx.AsyncClient, kom: httpx.AsyncClient, pen: httpx.AsyncClient, staff: int = 4, kuota: int = 30
) -> Dunia:
    root = await make_unit(peg, jenis="instansi", nama="Pemerintah Kabupaten Contoh")
    a = await make_unit(peg, parent_id=root["id"], jenis="opd", nama="Dinas Kesehatan")
    b = await make_unit(peg, parent_id=root["id"], jenis="opd", nama="Dinas Pendidikan")
    a1 = await make_unit(peg, parent_id=a["id"], nama="Bidang Pelayanan Kesehatan")
    b1 = await make_unit(peg, parent_id=b["id"], nama="Bidang SD")
    ja = await make_jabatan(peg, a1["id"], nama="Perawat Terampil", rumpun="kesehatan", kebutuhan=100)
    jt = await make_jabatan(peg, a1["id"], nama="Kepala Seksi Keperawatan", jenis="administrator", kelas_jabatan=9)
    jb = await make_jabatan(peg, b1["id"], nama="Guru Ahli Pertama", rumpun="pendidikan", kebutuhan=10)
    people = [await make_pegawai(peg, ja["id"], nama=f"Perawat {i}") for i in range(staff)]
    q = await make_pegawai(peg, jb["id"], nama="Guru Lain")
    r = await peg.patch(
        f"/api/v1/pegawai/{people[-1]['nip']}", json={"minat_jabatan_ids": [jt["id"]]}, headers=ANY_VERSION
    )
    assert r.status_code == 200, r.text
    await make_teknis(kom, "TEK-KES-T1", "kesehatan")
    await make_teknis(kom, "TEK-DIK-T1", "pendidikan")
    await standard(kom, ja["id"], [{"kompetensi_kode": "TEK-KES-T1", "level": 3}])
    await standard(kom, jt["id"], [{"kompetensi_kode": "MP", "level": 3}])
    await standard(kom, jb["id"], [{"kompetensi_kode": "TEK-DIK-T1", "level": 3}])
    await assess(kom, people[0]["nip"], "TEK-KES-T1", 2)
    if staff > 1:
        await assess(kom, people[1]["nip"], "TEK-KES-T1", 3)
    simple = {"luar_kota": False, "biaya_perjalanan_per_peserta": 0, "penyelenggara": "bkpsdm"}
    programs = {
        "askep": await make_program(pen, "T-ASKEP", kompetensi=[{"kode_kompetensi": "TEK-KES-T1", "level": 3}]),
        "manaj": await make_program(
            pen,
            "T-MANAJ",
            jenis="pelatihan_manajerial",
            kompetensi=[{"kode_kompetensi": "MP", "level": 3}],
            biaya_per_peserta=2_000_000,
            **simple,
        ),
        "guru": await make_program(
            pen,
            "T-GURU",
            kompetensi=[{"kode_kompetensi": "TEK-DIK-T1", "level": 3}],
            biaya_per_peserta=1_000_000,
            **simple,
        ),
        "coaching": await make_program(
            pen,
            "T-COACH",
            jenis="coaching",
            kompetensi=[{"kode_kompetensi": "PDO", "level": 2}],
            biaya_per_peserta=0,
            **simple,
        ),
    }
    batches = {
        name: await make_angkatan(pen, p["id"], f"T-{name.upper()}", status="dibuka", kuota=kuota)
        for name, p in programs.items()
    }
    yesterday = TODAY - timedelta(days=1)
    batches["askep_mulai"] = await make_angkatan(
        pen,
        programs["askep"]["id"],
        "T-ASKEP-MULAI",
        status="dibuka",
        kuota=kuota,
        tanggal_mulai=yesterday.isoformat(),
        tanggal_selesai=(yesterday + timedelta(days=3)).isoformat(),
    )
    tahun = int(batches["askep"]["tanggal_mulai"][:4])
    world = Dunia(
        pen=pen,
        A=a["id"],
        B=b["id"],
        A1=a1["id"],
        JA=ja["id"],
        JT=jt["id"],
        JB=jb["id"],
        staff=people,
        Q=q,
        programs=programs,
        batches=batches,
        tahun=tahun,
        opd_a=auth("admin_opd", opd=a["id"]),
        opd_b=auth("admin_opd", opd=b["id"]),
    )
    await world.set_budget(100_000_000)
    return world
