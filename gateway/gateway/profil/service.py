"""The full profile: every part started at once, each from the service that owns it, then put
together. The services decide what the caller sees; nothing here widens or narrows it."""

from __future__ import annotations

from datetime import date
from typing import Any

from gateway.compose import Composer
from gateway.profil import sources
from gateway.profil.schemas import ProfilOut
from shared.access import Record

TAHUN_KINERJA = 5  # the SKP predikat of the last five years (a promotion looks back two to five)


async def profil(c: Composer, nip: str, today: date) -> dict[str, Any]:
    """One request to each service's bulk read, concurrently (pengembangan's JP ledger as soon as
    pegawai has said the employee's status); 404 when pegawai does not show the employee."""
    pegawai = c.need(sources.IDENTITAS, sources.pegawai(c, nip))
    kompetensi = c.need(sources.KOMPETENSI, sources.kompetensi(c, nip, pegawai))
    kinerja = c.need(sources.KINERJA, sources.kinerja(c, nip, TAHUN_KINERJA))
    hukdis = c.need(sources.HUKUMAN_DISIPLIN, sources.hukuman_disiplin(c, nip))
    penghargaan = c.may(sources.PENGHARGAAN, sources.penghargaan(c, nip))
    jp = c.need(sources.PENGEMBANGAN, sources.jp_tahun(c, nip, today.year, pegawai))
    riwayat = c.need(sources.RIWAYAT_PENGEMBANGAN, sources.riwayat_pengembangan(c, nip))
    await c.settle()
    p = pegawai.result()
    match, jpm_meta = kompetensi.result()
    year = jp.result()
    entries, total_entries = riwayat.result()
    answer = {
        "nip": nip,
        "identitas": p,
        "jabatan": {**p, "nama": p.get("jabatan_nama"), "jenis": p.get("jabatan_jenis")},
        "golongan": p,
        "pendidikan": {"tingkat": p.get("pendidikan_tingkat"), "jurusan": p.get("pendidikan_jurusan")},
        "minat": {"rumpun": p.get("minat_rumpun") or [], "jabatan_ids": p.get("minat_jabatan_ids") or []},
        "kompetensi": _kompetensi(p, match, jpm_meta),
        "kinerja": kinerja.result() or {"terakhir": None, "riwayat": []},
        "hukuman_disiplin": hukdis.result(),
        "penghargaan": penghargaan.result(),
        "pengembangan": {
            **year.items.get(nip, {"total_jp": 0}),
            "tahun": today.year,
            "ketentuan": year.meta.get("ketentuan"),
            "riwayat": entries,
            "jumlah_riwayat": total_entries,
        },
        "warnings": c.warnings,
    }
    # Validated into the documented shape: each service's record carries more than the profile shows.
    return ProfilOut.model_validate(answer).model_dump(mode="json")


def _kompetensi(p: Record, match: Record | None, meta: Record) -> dict[str, Any]:
    if match is not None:
        return {**match, "keterangan": None}
    reason = "tanpa_standar" if p.get("nip") in meta.get("tanpa_standar", ()) else "tanpa_jabatan"
    return {"jabatan_id": p.get("jabatan_id"), "jpm": None, "kategori": None, "keterangan": reason, "rincian": []}
