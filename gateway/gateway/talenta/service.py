"""The talent map: every part started at once (for a caller that reaches everyone every call at
once; for anyone else the calls by NIP and the standards as soon as pegawai has listed the people
and positions), then the pure core (kotak.py for the 9-box, suksesi.py for the successors) on what came
back. The services decide what the caller sees; the gateway adds no rule of its own."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from gateway.compose import Composer
from gateway.penempatan.jpm import rincian
from gateway.penempatan.kelayakan import Alasan as AlasanSyarat
from gateway.penempatan.kelayakan import Aturan
from gateway.penempatan.model import Jabatan, Pegawai
from gateway.talenta import sources
from gateway.talenta.kotak import Alasan, Peta, hitung, kategori_kinerja, kotak_pool, petakan
from gateway.talenta.suksesi import Calon, Suksesi, suksesi
from shared.access import Record
from shared.dates import shift_years
from shared.messages import locale_var, t
from shared.rules import JpmRules, Kotak, TalentaRules, load_jpm, load_skp, load_talenta


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 2)


def _pesan(alasan: Sequence[Alasan]) -> list[dict[str, Any]]:
    return [{"kode": a.kode, "pesan": t(a.message_code, **a.params())} for a in alasan]


def _kurang(alasan: Sequence[AlasanSyarat]) -> list[dict[str, Any]]:
    """What stands between a successor and ready now: placement's requirement reasons, and the JPM band."""
    code = {"jpm": "talenta.kurang.jpm"}
    return [{"kode": a.kode, "pesan": t(code.get(a.kode, a.message_code), **a.params())} for a in alasan]


class Konteks:
    """The rules and labels one answer reads, loaded once."""

    def __init__(self) -> None:
        self.rules: TalentaRules = load_talenta()
        self.jpm: JpmRules = load_jpm()
        self.aturan = Aturan.load()
        self.locale = locale_var.get()
        self.kinerja = {k.kode: k.label(self.locale) for k in self.rules.kinerja}
        self.potensial = {k.kode: k.label(self.locale) for k in self.rules.potensial}
        self.predikat = {k: p.nama for k, p in load_skp().predikat.items()}
        self.band = {b.kode: b.nama for b in self.jpm.bands[self.rules.band_set]}

    def kotak_nama(self, box: Kotak) -> str:
        return t("talenta.kotak-nama", kinerja=self.kinerja[box.kinerja], potensial=self.potensial[box.potensial])

    def tindakan(self, box: Kotak | None) -> list[dict[str, str]]:
        if box is None:
            return []
        return [{"kode": k, "nama": self.rules.tindakan[k].label(self.locale)} for k in box.tindakan]


def _orang(
    k: Konteks,
    row: Record,
    peta: Peta,
    pegawai: Pegawai,
    jabatan: Jabatan | None,
    kompetensi: dict[str, Any],
) -> dict[str, Any]:
    """One employee in the documented shape (PegawaiTalenta): the box and the evidence of each axis."""
    kin, pot = peta.kinerja, peta.potensial
    return {
        "nip": peta.nip,
        "nama": row.get("nama"),
        "jabatan_id": str(row["jabatan_id"]) if row.get("jabatan_id") else None,
        "jabatan_nama": row.get("jabatan_nama"),
        "unit_id": str(row["unit_id"]) if row.get("unit_id") else None,
        "unit_nama": row.get("unit_nama"),
        "golongan": row.get("golongan"),
        "kotak": peta.kotak.nomor if peta.kotak else None,
        "kotak_nama": k.kotak_nama(peta.kotak) if peta.kotak else None,
        "kinerja": {
            "kategori": kin.kategori,
            "nama": k.kinerja.get(kin.kategori or ""),
            "tahun": kin.tahun,
            "predikat": kin.predikat,
            "riwayat": [{"tahun": y, "predikat": p, "predikat_nama": k.predikat.get(p, p)} for y, p in kin.riwayat],
        },
        "potensial": {
            "kategori": pot.kategori,
            "nama": k.potensial.get(pot.kategori or ""),
            "jpm": _round(pot.jpm),
            "band": pot.band,
            "band_nama": k.band.get(pot.band or ""),
            "tanggal_asesmen": pot.tanggal_asesmen.isoformat() if pot.tanggal_asesmen else None,
            "rincian": _rincian(pegawai, jabatan, kompetensi) if jabatan is not None else [],
        },
        "tindakan": k.tindakan(peta.kotak),
        "alasan": _pesan(peta.alasan),
    }


def _rincian(p: Pegawai, j: Jabatan, kompetensi: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "kompetensi_kode": g.kompetensi_kode,
            "nama": kompetensi.get(g.kompetensi_kode),
            "dibutuhkan": g.dibutuhkan,
            "dimiliki": g.dimiliki,
            "gap": g.gap,
        }
        for g in rincian(p, j)
    ]


def _aturan(k: Konteks) -> dict[str, Any]:
    r = k.rules
    return {
        "regulation": r.regulation,
        "versi": r.version,
        "dikonfirmasi": r.confirmed,
        "kinerja_dari_predikat": r.kinerja_dari_predikat,
        "kinerja_tahun_maks": r.kinerja_tahun_maks,
        "potensial_dari_band": r.potensial_dari_band,
        "band_set": r.band_set,
        "asesmen_maks_tahun": r.asesmen_maks_tahun,
        "kotak_suksesor": sorted(r.kotak_kandidat),
        "jenis_kunci": sorted(r.jenis_kunci),
        "catatan": t("talenta.aturan-belum-dikonfirmasi"),
    }


def _kotak_list(k: Konteks, counts: dict[int, int]) -> list[dict[str, Any]]:
    return [
        {
            "nomor": n,
            "nama": k.kotak_nama(box),
            "kinerja": box.kinerja,
            "potensial": box.potensial,
            "jumlah": counts[n],
            "tindakan": k.tindakan(box),
        }
        for n, box in sorted(k.rules.kotak.items())
    ]


def grid(rules: TalentaRules) -> list[list[int]]:
    """The box numbers as the box is drawn: potensial rows from tinggi at the top, kinerja columns
    from dibawah at the left."""
    return [[rules.nomor(kin.kode, pot.kode) for kin in rules.kinerja] for pot in reversed(rules.potensial)]


class Dunia:
    """Everyone read: the place of each of `terpetakan` with its evidence, and for the rest (the
    successors' pool beyond them) the box alone, where it can be a succession box; the core's
    inputs (`pegawai`, `jabatan`) of `terpetakan` and of the rest in a succession box."""

    def __init__(
        self,
        k: Konteks,
        rows: Sequence[Record],
        standar: sources.Standar,
        levels: dict[str, sources.Level],
        predikat: dict[str, dict[int, str]],
        today: date,
        terpetakan: set[str],
    ) -> None:
        year = sources.tahun_terakhir(today)
        self.rows = {str(r["nip"]): r for r in rows}
        self.kompetensi = standar.nama
        own: dict[str, Jabatan] = {}
        self.pegawai: dict[str, Pegawai] = {}
        self.jabatan: dict[str, Jabatan | None] = {}
        self.peta: dict[str, Peta] = {}
        self.kotak: dict[str, int] = {}
        boleh = frozenset(k.rules.kotak[n].kinerja for n in k.rules.kotak_kandidat)
        batas = shift_years(today, -k.rules.asesmen_maks_tahun)  # asesmen_berlaku's, once
        for nip, row in self.rows.items():
            kinerja = None
            if nip not in terpetakan:
                kinerja = kategori_kinerja(predikat.get(nip, {}), year, k.rules)
                if kinerja not in boleh:
                    continue  # beyond the unit and in no succession box: nothing more to read
                # The box from the raw levels first: of the Pemda's thousands only the successors
                # need their `Pegawai` (building one for each cost more than the rest of the map).
                held = levels.get(nip)
                jid = str(row["jabatan_id"]) if row.get("jabatan_id") else None
                box = kotak_pool(
                    held.level if held else {},
                    standar.level.get(jid, {}) if jid is not None else None,
                    kinerja,
                    held.tanggal_asesmen if held else None,
                    batas,
                    k.rules,
                    k.jpm,
                )
                if box is None:
                    continue
                self.kotak[nip] = box.nomor
                if box.nomor not in k.rules.kotak_kandidat:
                    continue
            p = sources.pegawai_dari(row, levels, predikat)
            jid = str(row["jabatan_id"]) if row.get("jabatan_id") else None
            j = None
            if jid is not None:
                j = own.get(jid)
                if j is None:
                    j = own[jid] = sources.jabatan_sendiri(row, standar.level.get(jid, {}))
            held = levels.get(nip)
            tanggal = held.tanggal_asesmen if held else None
            self.pegawai[nip], self.jabatan[nip] = p, j
            if kinerja is None:  # one of the unit's: mapped with every piece of evidence
                box = (m := petakan(p, j, tanggal, year, today, k.rules, k.jpm)).kotak
                self.peta[nip] = m
                if box is not None:
                    self.kotak[nip] = box.nomor

    def orang(self, k: Konteks, nip: str) -> dict[str, Any]:
        return _orang(k, self.rows[nip], self.peta[nip], self.pegawai[nip], self.jabatan[nip], self.kompetensi)


# --- a unit's talent map -----------------------------------------------------------------------


def kunci(row: Record, rules: TalentaRules) -> str | None:
    """Why a position is key: its kind (structural), or an admin's mark; None: not key."""
    if row.get("jenis") in rules.jenis_kunci:
        return "jenis"
    return "ditandai" if row.get("kunci") else None


async def talenta_unit(c: Composer, unit_id: uuid.UUID, limit: int, today: date) -> dict[str, Any]:
    u = c.need(sources.UNIT, sources.unit(c, unit_id))  # pegawai's 404 decides reach
    members = c.need(sources.PEGAWAI, sources.anggota(c, unit_id))
    pool = c.need(sources.KANDIDAT, sources.semua(c))
    positions = c.need(sources.JABATAN, sources.jabatan_unit(c, unit_id))
    standar = c.need(sources.STANDAR, sources.standar(c, pool, members, positions, semua=True))
    levels = c.need(sources.KOMPETENSI, sources.level(c, pool, members, semua=True))
    predikat = c.need(sources.PREDIKAT, sources.predikat(c, pool, members, semua=True))
    await c.settle()
    return susun(
        u.result(),
        members.result(),
        pool.result(),
        positions.result(),
        standar.result(),
        levels.result(),
        predikat.result(),
        limit,
        today,
    )


def susun(
    unit_row: Record,
    members: list[Record],
    pool: list[Record],
    positions: list[Record],
    std: sources.Standar,
    levels: dict[str, sources.Level],
    predikat: dict[str, dict[int, str]],
    limit: int,
    today: date,
) -> dict[str, Any]:
    """The answer from what the services said (no call here)."""
    k = Konteks()
    rows = {str(r["nip"]): r for r in (*pool, *members)}
    anggota = [str(r["nip"]) for r in members]
    dunia = Dunia(k, list(rows.values()), std, levels, predikat, today, set(anggota))
    peta = [dunia.peta[n] for n in anggota]
    orang = [dunia.orang(k, n) for n in anggota]
    mapped = sorted((o for o in orang if o["kotak"]), key=lambda o: (-o["kotak"], o["nama"] or "", o["nip"]))
    unmapped = sorted((o for o in orang if not o["kotak"]), key=lambda o: (o["nama"] or "", o["nip"]))
    key_rows = [(r, why) for r in positions if (why := kunci(r, k.rules))]
    key_jabatan = [sources.jabatan_dari(r, std.level.get(str(r["id"]), {})) for r, _ in key_rows]
    calon = [
        Calon(dunia.pegawai[nip], box)
        for nip in (str(r["nip"]) for r in pool)
        if (box := dunia.kotak.get(nip)) is not None and box in k.rules.kotak_kandidat
    ]
    plans = suksesi(key_jabatan, calon, limit, k.rules, k.jpm, k.aturan)
    holders: dict[str, list[dict[str, Any]]] = {str(r["id"]): [] for r, _ in key_rows}
    for r in rows.values():
        if (held := holders.get(str(r.get("jabatan_id")))) is not None:
            held.append({"nip": str(r["nip"]), "nama": r.get("nama")})
    jabatan_kunci = [
        _jabatan_kunci(k, r, why, j, plan, holders.get(str(r["id"]), []), dunia)
        for (r, why), j, plan in zip(key_rows, key_jabatan, plans, strict=True)
    ]
    counts = hitung(peta)
    tanpa = [j for j in jabatan_kunci if j["tanpa_siap_sekarang"]]
    catatan = [t("talenta.catatan-kandidat", jumlah=len(calon)), t("talenta.catatan-tanpa-hukdis")]
    if tanpa:
        catatan.append(t("talenta.catatan-tanpa-siap", jumlah=len(tanpa)))
    answer = {
        "unit": {
            "unit_id": str(unit_row["id"]),
            "kode": unit_row.get("kode", ""),
            "nama": unit_row.get("nama", ""),
            "jenis": unit_row.get("jenis", ""),
        },
        "per_tanggal": today.isoformat(),
        "tahun_predikat": sources.tahun_terakhir(today),
        "aturan": _aturan(k),
        "ringkasan": {
            "jumlah_pegawai": len(orang),
            "terpetakan": len(mapped),
            "tidak_terpetakan": len(unmapped),
            "jabatan_kunci": len(jabatan_kunci),
            "jabatan_tanpa_siap_sekarang": len(tanpa),
            "kandidat_suksesor": len(calon),
        },
        "grid": grid(k.rules),
        "kotak": _kotak_list(k, counts),
        "pegawai": mapped,
        "tidak_terpetakan": unmapped,
        "jabatan_kunci": jabatan_kunci,
        "catatan": catatan,
    }
    # Built in its documented shape (TalentaUnitOut; the tests validate it), not validated here:
    # over a whole OPD that would cost as much as the rest of the work (as perencanaan does).
    return answer


def _jabatan_kunci(
    k: Konteks,
    row: Record,
    why: str,
    j: Jabatan,
    plan: Suksesi,
    pemegang: list[dict[str, Any]],
    dunia: Dunia,
) -> dict[str, Any]:
    def successor(s: Any) -> dict[str, Any]:
        r = dunia.rows[s.nip]
        return {
            "urutan": s.urutan,
            "nip": s.nip,
            "nama": r.get("nama"),
            "jabatan_nama": r.get("jabatan_nama"),
            "unit_nama": r.get("unit_nama"),
            "golongan": r.get("golongan"),
            "pendidikan": r.get("pendidikan_tingkat"),
            "kotak": s.kotak,
            "jpm": _round(s.jpm),
            "band": s.band,
            "kesiapan": s.kesiapan,
            "kesiapan_nama": t(f"talenta.kesiapan.{s.kesiapan}"),
            "kurang": _kurang(s.kurang),
            "rincian": [
                {
                    "kompetensi_kode": g.kompetensi_kode,
                    "nama": dunia.kompetensi.get(g.kompetensi_kode),
                    "dibutuhkan": g.dibutuhkan,
                    "dimiliki": g.dimiliki,
                    "gap": g.gap,
                }
                for g in s.rincian
            ],
        }

    return {
        "jabatan_id": str(row["id"]),
        "kode": row.get("kode"),
        "nama": row.get("nama"),
        "jenis": row.get("jenis"),
        "kelas_jabatan": j.kelas_jabatan,
        "unit_id": j.unit_id,
        "unit_nama": row.get("unit_nama"),
        "syarat_pendidikan_min": j.syarat_pendidikan_min,
        "syarat_golongan_min": j.syarat_golongan_min,
        "dasar_kunci": why,
        "pemegang": sorted(pemegang, key=lambda p: (p["nama"] or "", p["nip"])),
        "tanpa_standar": plan.tanpa_standar,
        "tanpa_siap_sekarang": plan.tanpa_siap_sekarang,
        "jumlah_suksesor": plan.jumlah,
        "jumlah_siap_sekarang": plan.siap_sekarang,
        "suksesor": [successor(s) for s in plan.suksesor],
    }


# --- one employee --------------------------------------------------------------------------------


async def talenta_pegawai(c: Composer, nip: str, today: date) -> dict[str, Any]:
    person = c.need(sources.PEGAWAI, sources.satu(c, nip))  # pegawai's 404 decides reach
    standar = c.need(sources.STANDAR, sources.standar_sendiri(c, person))
    levels = c.need(sources.KOMPETENSI, sources.level(c, person))
    predikat = c.need(sources.PREDIKAT, sources.predikat(c, person))
    await c.settle()
    k = Konteks()
    dunia = Dunia(k, person.result(), standar.result(), levels.result(), predikat.result(), today, {nip})
    return {
        "per_tanggal": today.isoformat(),
        "tahun_predikat": sources.tahun_terakhir(today),
        "aturan": _aturan(k),
        "pegawai": dunia.orang(k, nip),
    }
