"""Training needs: every part started at once, settled, then put together by the pure rules of
kebutuhan.py (which are the training plan's)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import numpy as np

from gateway.compose import Composer
from gateway.kebutuhan_pelatihan import sources
from gateway.kebutuhan_pelatihan.kebutuhan import Dasar, Sumber, celah, dasar, jp_terutang, penutup
from gateway.kebutuhan_pelatihan.schemas import KebutuhanPegawaiOut, KebutuhanUnitOut
from gateway.pelatihan.model import biaya
from shared.access import Record
from shared.messages import t
from shared.workbook import Chart, Column, Kind, Sheet, write_xlsx


async def _sumber(c: Composer, people: Any, tahun: int, tahun_angkatan: int | None) -> Sumber:
    std = c.need(sources.STANDAR, sources.standar(c, people))
    lv = c.need(sources.KOMPETENSI, sources.level(c, people))
    pred = c.need(sources.PREDIKAT, sources.predikat(c, people))
    jp = c.need(sources.JP, sources.jp(c, people, tahun))
    kat = c.need(sources.KATALOG, sources.katalog(c, tahun_angkatan))
    await c.settle()
    return Sumber(
        people=people.result(),
        standar=std.result(),
        level=lv.result(),
        predikat=pred.result(),
        jp=jp.result().items,
        program=kat.result().program,
        angkatan=kat.result().angkatan,
    )


def _named(d: Dasar, gap: dict[str, Any]) -> dict[str, Any]:
    info = d.nama_kompetensi.get(gap["kompetensi_kode"], {})
    return {**gap, "nama": info.get("nama"), "jenis": info.get("jenis")}


async def pegawai(c: Composer, nip: str, today: date) -> dict[str, Any]:
    """One employee's needs: pegawai first (404 out of reach), the rest as soon as they can."""
    people = c.need(sources.PEGAWAI, sources.pegawai_satu(c, nip))
    s = await _sumber(c, people, today.year, None)
    d = dasar(s)
    rec, p = s.people[0], d.m.pegawai[0]
    jabatan, karier = celah(p)
    item = s.jp.get(nip, {})
    last = s.predikat.get(nip)
    answer = {
        "nip": nip,
        "nama": rec.get("nama"),
        "jabatan_id": rec.get("jabatan_id"),
        "jabatan_nama": rec.get("jabatan_nama"),
        "unit_nama": rec.get("unit_nama"),
        "status_kepegawaian": p.status,
        "celah_jabatan": [{**_named(d, g), "program": penutup(d, 0, g)} for g in jabatan],
        "celah_karier": [{**_named(d, g), "program": penutup(d, 0, g)} for g in karier],
        "kinerja": {
            "predikat_terakhir": last,
            "kinerja_rendah": bool(d.m.rendah[0]),
        },
        "jp": {
            "tahun": today.year,
            "total_jp": int(item.get("total_jp") or 0),
            "kategori": item.get("kategori"),
            "batas_jp": item.get("batas_jp"),
            "jp_terutang": jp_terutang(p.status, item),
        },
    }
    return KebutuhanPegawaiOut.model_validate(answer).model_dump(mode="json")


async def unit(c: Composer, unit_id: uuid.UUID, tahun: int, limit: int) -> dict[str, Any]:
    """A unit's needs (its subtree): per competency, per employee, and the programs closing most
    weighted gap per rupiah with the seats open in the year."""
    people = c.need(sources.PEGAWAI, sources.pegawai_unit(c, unit_id))
    s = await _sumber(c, people, tahun, tahun)
    d = dasar(s)
    per_kode: dict[str, dict[str, Any]] = {}
    ringkas = []
    for i, (rec, p) in enumerate(zip(s.people, d.m.pegawai, strict=True)):
        for code in p.standar:
            row = per_kode.setdefault(
                code, {"kompetensi_kode": code, "jumlah_pegawai": 0, "jumlah_kurang": 0, "total_celah": 0}
            )
            row["jumlah_pegawai"] += 1
        jabatan, karier = celah(p)
        for g in jabatan:
            per_kode[g["kompetensi_kode"]]["jumlah_kurang"] += 1
            per_kode[g["kompetensi_kode"]]["total_celah"] += g["kurang"]
        item = s.jp.get(p.nip, {})
        last = s.predikat.get(p.nip)
        ringkas.append(
            {
                "nip": p.nip,
                "nama": rec.get("nama"),
                "jabatan_nama": rec.get("jabatan_nama"),
                "unit_nama": rec.get("unit_nama"),
                "status_kepegawaian": p.status,
                "jumlah_celah": len(jabatan),
                "total_celah": sum(g["kurang"] for g in jabatan),
                "total_celah_karier": sum(g["kurang"] for g in karier),
                "predikat_terakhir": last["predikat"] if last else None,
                "kinerja_rendah": bool(d.m.rendah[i]),
                "total_jp": int(item.get("total_jp") or 0),
                "jp_terutang": jp_terutang(p.status, item),
            }
        )
    kompetensi = [
        {
            **_named(d, row),
            "rata_rata_celah": round(row["total_celah"] / row["jumlah_kurang"], 2) if row["jumlah_kurang"] else None,
        }
        for row in sorted(per_kode.values(), key=lambda r: (-r["total_celah"], r["kompetensi_kode"]))
    ]
    answer = {
        "unit_id": unit_id,
        "tahun": tahun,
        "jumlah_pegawai": len(s.people),
        "kompetensi": kompetensi,
        "pegawai": sorted(ringkas, key=lambda r: (-r["total_celah"], r["nip"])),
        "program": _program_terbaik(d, limit),
    }
    return KebutuhanUnitOut.model_validate(answer).model_dump(mode="json")


def _program_terbaik(d: Dasar, limit: int) -> list[dict[str, Any]]:
    """Per program with seats open in the year: the people it would help most (the largest weighted
    gaps, as many as the seats left), their weighted gap closed and what that costs at the cheapest
    open batch. Free ones first, then the most weighted gap per million rupiah."""
    out: list[dict[str, Any]] = []
    for k, g in enumerate(d.m.program):
        batches = [b for _, b in d.angkatan_per_program.get(g.id, []) if b.sisa_kursi > 0]
        if not batches:
            continue
        gaps = d.m.celah_program[:, k] * d.m.relevan[:, k]
        helped = np.sort(gaps[gaps > 0])[::-1]
        if helped.size == 0:
            continue
        seats = sum(b.sisa_kursi for b in batches)
        peserta = int(min(helped.size, seats))
        per = min(biaya(g, b) for b in batches)
        closed = float(helped[:peserta].sum())
        total = per * peserta
        out.append(
            {
                "id": g.id,
                "kode": g.kode,
                "nama": d.program[k].get("nama"),
                "kompetensi": dict(g.kompetensi),
                "jp": g.jp,
                "jumlah_membutuhkan": int(helped.size),
                "sisa_kursi": seats,
                "peserta": peserta,
                "biaya_per_peserta": per,
                "total_biaya": total,
                "celah_tertimbang": round(closed, 4),
                "celah_per_juta_rupiah": round(closed / (total / 1_000_000), 4) if total else None,
            }
        )
    out.sort(key=_urutan)
    return out[:limit]


def _urutan(x: dict[str, Any]) -> tuple[bool, float, str]:
    """Free first (most weighted gap first), then most weighted gap per million rupiah."""
    free = x["total_biaya"] == 0
    worth = float(x["celah_tertimbang"] if free else x["celah_per_juta_rupiah"])
    return (not free, -worth, str(x["kode"] or ""))


# The competencies drawn: more bars than this no longer read in a meeting (a whole Pemda's
# standards name hundreds); every competency stays on the Kompetensi sheet.
KOMPETENSI_GRAFIK = 20


def _grafik_kurang(kompetensi: list[dict[str, Any]]) -> Sheet:
    """The people short of each competency's standard, most first, as bars (the biggest need on
    top): where training would reach the most people."""
    h = lambda key, **kw: t(f"kebutuhan-xlsx.{key}", **kw)  # noqa: E731
    short = sorted(
        (r for r in kompetensi if r["jumlah_kurang"] > 0),
        key=lambda r: (-r["jumlah_kurang"], -r["total_celah"], r["kompetensi_kode"]),
    )
    rows = [
        [r["kompetensi_kode"], r["nama"] or r["kompetensi_kode"], r["jumlah_kurang"], r["jumlah_pegawai"]]
        for r in short[:KOMPETENSI_GRAFIK]
    ]
    title = h("chart-kurang") if len(short) <= KOMPETENSI_GRAFIK else h("chart-kurang-teratas", jumlah=len(rows))
    columns = [
        Column(h("kode"), kind=Kind.CODE),
        Column(h("kompetensi")),
        Column(h("jumlah-kurang"), kind=Kind.INTEGER),
        Column(h("jumlah-pegawai"), kind=Kind.INTEGER),
    ]
    chart = Chart(
        "bar",
        title,
        categories=1,
        series=[2],
        first_on_top=True,
        y_min=0,
        x_title=h("kompetensi"),
        y_title=h("jumlah-kurang"),
        width_cm=24.0,  # competency names are long: room to show each on one line
        height_cm=max(10.0, 3 + 0.7 * len(rows)),
    )
    return Sheet(h("sheet-grafik"), columns, rows, autofilter=False, charts=[chart])


def unit_xlsx(answer: Record) -> bytes:
    """The unit's needs as a workbook for the planning meeting: headers from the message catalogue,
    NIPs and codes as text, every figure a value (no formula). Blocking: run in a thread."""
    h = lambda key: t(f"kebutuhan-xlsx.{key}")  # noqa: E731
    kompetensi = [
        Column(h("kode"), kind=Kind.CODE),
        Column(h("kompetensi")),
        Column(h("jumlah-pegawai"), kind=Kind.INTEGER),
        Column(h("jumlah-kurang"), kind=Kind.INTEGER),
        Column(h("total-celah"), kind=Kind.INTEGER),
        Column(h("rata-rata-celah"), kind=Kind.DECIMAL),
    ]
    pegawai = [
        Column(h("nip"), kind=Kind.CODE, width=22),
        Column(h("nama")),
        Column(h("jabatan")),
        Column(h("unit")),
        Column(h("status"), kind=Kind.CODE),
        Column(h("jumlah-celah"), kind=Kind.INTEGER),
        Column(h("total-celah"), kind=Kind.INTEGER),
        Column(h("celah-karier"), kind=Kind.INTEGER),
        Column(h("predikat"), kind=Kind.CODE),
        Column(h("kinerja-rendah")),
        Column(h("total-jp"), kind=Kind.INTEGER),
        Column(h("jp-terutang"), kind=Kind.INTEGER),
    ]
    program = [
        Column(h("kode"), kind=Kind.CODE),
        Column(h("program")),
        Column(h("jp"), kind=Kind.INTEGER),
        Column(h("jumlah-membutuhkan"), kind=Kind.INTEGER),
        Column(h("sisa-kursi"), kind=Kind.INTEGER),
        Column(h("peserta"), kind=Kind.INTEGER),
        Column(h("biaya-per-peserta"), kind=Kind.INTEGER),
        Column(h("total-biaya"), kind=Kind.INTEGER),
        Column(h("celah-tertimbang"), kind=Kind.DECIMAL),
        Column(h("celah-per-juta"), kind=Kind.DECIMAL),
    ]
    yes, no = t("kebutuhan-xlsx.ya"), t("kebutuhan-xlsx.tidak")
    return write_xlsx(
        [
            Sheet(
                h("sheet-kompetensi"),
                kompetensi,
                [
                    [
                        r["kompetensi_kode"],
                        r["nama"],
                        r["jumlah_pegawai"],
                        r["jumlah_kurang"],
                        r["total_celah"],
                        r["rata_rata_celah"],
                    ]
                    for r in answer["kompetensi"]
                ],
            ),
            Sheet(
                h("sheet-pegawai"),
                pegawai,
                [
                    [
                        r["nip"],
                        r["nama"],
                        r["jabatan_nama"],
                        r["unit_nama"],
                        r["status_kepegawaian"],
                        r["jumlah_celah"],
                        r["total_celah"],
                        r["total_celah_karier"],
                        r["predikat_terakhir"],
                        yes if r["kinerja_rendah"] else no,
                        r["total_jp"],
                        r["jp_terutang"],
                    ]
                    for r in answer["pegawai"]
                ],
            ),
            Sheet(
                h("sheet-program"),
                program,
                [
                    [
                        r["kode"],
                        r["nama"],
                        r["jp"],
                        r["jumlah_membutuhkan"],
                        r["sisa_kursi"],
                        r["peserta"],
                        r["biaya_per_peserta"],
                        r["total_biaya"],
                        r["celah_tertimbang"],
                        r["celah_per_juta_rupiah"],
                    ]
                    for r in answer["program"]
                ],
            ),
            _grafik_kurang(answer["kompetensi"]),
        ]
    )
