"""The training needs, pure: gaps per competency and what the catalogue offers to close them, on
the training plan's own terms (gateway.pelatihan.masalah: its relevance rule and its weighted gap,
so this read and the plan agree on who needs what).

A gap against the position held: a competency of its standard held below the required level
(absent counts 0), `kurang` = required - held. A gap against the career target: a competency a
target position's standard asks (the highest of the targets) above both the held and the position's
level, `kurang` = target - max(held, required). A program closes a gap when the level it brings is
above where the gap starts (held, or max(held, required) for a career gap); `menutup` is the levels
it closes. `celah_tertimbang` is the plan's value of the program for the person before the
person's priority factors (shared/rules/pelatihan.yaml bobot: standar_jabatan per level of the
position's gap, target_karier per level beyond it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from gateway.pelatihan.masalah import Masalah, masalah
from gateway.pelatihan.model import PNS, PPPK, Angkatan, Pegawai, Program, biaya
from shared.access import Record


@dataclass(frozen=True)
class Sumber:
    """What the services answered, by NIP (people), by position id (standards)."""

    people: Sequence[Record]
    standar: Mapping[str, Sequence[Record]]
    level: Mapping[str, Mapping[str, int]]
    predikat: Mapping[str, Record | None]
    jp: Mapping[str, Record]
    program: Sequence[Record]
    angkatan: Sequence[Record]


def pegawai_model(p: Record, s: Sumber) -> Pegawai:
    nip = str(p["nip"])
    own = s.standar.get(str(p.get("jabatan_id")), ()) if p.get("jabatan_id") else ()
    karier: dict[str, int] = {}
    for jid in p.get("minat_jabatan_ids") or ():
        if str(jid) == str(p.get("jabatan_id")):
            continue
        for item in s.standar.get(str(jid), ()):
            code = str(item["kompetensi_kode"])
            karier[code] = max(karier.get(code, 0), int(item["level"]))
    last = s.predikat.get(nip)
    return Pegawai(
        nip=nip,
        unit_id=str(p["unit_id"]) if p.get("unit_id") else None,
        opd_id=None,
        status=p.get("status_kepegawaian"),
        predikat_terakhir=str(last["predikat"]) if last else None,
        jp_tahun_ini=int((s.jp.get(nip) or {}).get("total_jp") or 0),
        kompetensi=dict(s.level.get(nip, {})),
        standar={str(i["kompetensi_kode"]): int(i["level"]) for i in own},
        standar_karier=karier,
    )


def program_model(g: Record) -> Program:
    return Program(
        id=str(g["id"]),
        jp=int(g["jp"]),
        biaya_per_peserta=int(g["biaya_per_peserta"]),
        biaya_perjalanan_per_peserta=int(g.get("biaya_perjalanan_per_peserta") or 0),
        luar_kota=bool(g.get("luar_kota")),
        kompetensi={str(k["kode_kompetensi"]): int(k["level"]) for k in g.get("kompetensi") or ()},
        kode=g.get("kode"),
        jenis=g.get("jenis"),
    )


def angkatan_model(a: Record) -> Angkatan:
    return Angkatan(
        id=str(a["id"]), program_id=str(a["program_id"]), sisa_kursi=int(a["sisa_kursi"]), daring=bool(a["daring"])
    )


@dataclass(frozen=True)
class Dasar:
    """The plan's problem over the people and the catalogue, with the records beside it."""

    m: Masalah
    program: list[Record]
    angkatan_per_program: dict[str, list[tuple[Record, Angkatan]]]
    nama_kompetensi: dict[str, Record]


def dasar(s: Sumber) -> Dasar:
    pegawai = [pegawai_model(p, s) for p in s.people]
    programs = list(s.program)
    ids = {str(g["id"]) for g in programs}
    batches = [(a, angkatan_model(a)) for a in s.angkatan if str(a["program_id"]) in ids]
    # No budget decides a need: none is given, so only the gaps count.
    m = masalah(pegawai, [program_model(g) for g in programs], [b for _, b in batches], [])
    per: dict[str, list[tuple[Record, Angkatan]]] = {}
    for rec, b in batches:
        per.setdefault(b.program_id, []).append((rec, b))
    names: dict[str, Record] = {}
    for items in s.standar.values():
        for i in items:
            names.setdefault(str(i["kompetensi_kode"]), {"nama": i.get("nama"), "jenis": i.get("jenis")})
    return Dasar(m, programs, per, names)


def jp_terutang(status: str | None, item: Record) -> int | None:
    """PNS: JP still missing to the yearly minimum; PPPK: the room left under the ceiling; else None."""
    if status == PNS:
        return int(item.get("kurang_jp") or 0)
    if status == PPPK:
        return int(item.get("sisa_jp") or 0)
    return None


def celah(p: Pegawai) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(gaps against the position's standard, gaps against the career target), largest first."""
    jabatan = []
    for code, need in p.standar.items():
        held = p.kompetensi.get(code, 0)
        if held < need:
            jabatan.append(
                {
                    "kompetensi_kode": code,
                    "dibutuhkan": need,
                    "dimiliki": p.kompetensi.get(code),
                    "dari": held,
                    "kurang": need - held,
                }
            )
    karier = []
    for code, target in p.standar_karier.items():
        base = max(p.kompetensi.get(code, 0), p.standar.get(code, 0))
        if target > base:
            karier.append(
                {
                    "kompetensi_kode": code,
                    "dibutuhkan": target,
                    "dimiliki": p.kompetensi.get(code),
                    "dari": base,
                    "kurang": target - base,
                }
            )
    key = lambda g: (-g["kurang"], g["kompetensi_kode"])  # noqa: E731
    return sorted(jabatan, key=key), sorted(karier, key=key)


def _angkatan_out(g: Program, batches: list[tuple[Record, Angkatan]]) -> list[dict[str, Any]]:
    return [
        {
            "id": rec["id"],
            "kode": rec["kode"],
            "tanggal_mulai": rec["tanggal_mulai"],
            "tanggal_selesai": rec["tanggal_selesai"],
            "sisa_kursi": b.sisa_kursi,
            "daring": b.daring,
            "biaya_per_peserta": biaya(g, b),
        }
        for rec, b in batches
    ]


def penutup(d: Dasar, i: int, gap: dict[str, Any]) -> list[dict[str, Any]]:
    """The programs that close a gap of person i: most levels closed, then the larger weighted gap
    of the whole program, then the cheaper, first."""
    out = []
    for k, g in enumerate(d.m.program):
        level = g.kompetensi.get(gap["kompetensi_kode"], 0)
        if level <= gap["dari"]:
            continue
        rec = d.program[k]
        batches = d.angkatan_per_program.get(g.id, [])
        out.append(
            {
                "id": g.id,
                "kode": g.kode,
                "nama": rec.get("nama"),
                "jenis": g.jenis,
                "level": level,
                "menutup": min(level, gap["dibutuhkan"]) - gap["dari"],
                "jp": g.jp,
                "melebihi_batas_jp": bool(g.jp > d.m.ruang_jp[i]),
                "biaya_per_peserta": int(rec.get("biaya_total_per_peserta") or g.biaya_per_peserta),
                "celah_tertimbang": round(float(d.m.celah_program[i, k]), 4),
                "angkatan": _angkatan_out(g, batches),
            }
        )
    return sorted(out, key=lambda x: (-x["menutup"], -x["celah_tertimbang"], x["biaya_per_peserta"], x["kode"] or ""))
