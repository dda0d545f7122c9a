"""The training plan of a unit (or the whole Pemda) for a year: the needs read's parts plus who pays
(each unit's OPD) and with what (each OPD's budget left), then the pure core (gateway.pelatihan)
in a thread. Nothing is written."""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from gateway.compose import Composer
from gateway.ipasn import sources as ipasn_sources
from gateway.ipasn.service import data_pegawai, kata
from gateway.ipasn.skor import Proyeksi, jendela, proyeksi
from gateway.keadilan.dampak import AtributKelompok
from gateway.keadilan.lembar import lembar_keadilan
from gateway.kebutuhan_pelatihan import sources
from gateway.kebutuhan_pelatihan.kebutuhan import Sumber, angkatan_model, pegawai_model, program_model
from gateway.kebutuhan_pelatihan.schemas_rencana import RencanaOut, SkenarioRencanaOut, TerimaOut
from gateway.pelatihan.masalah import Skenario
from gateway.pelatihan.model import Anggaran, Angkatan, Pegawai, Program, biaya
from gateway.pelatihan.rencana import Rencana, Ringkasan, bandingkan_rinci, rencana
from shared.access import Record
from shared.clients import chunks
from shared.errors import Conflict
from shared.messages import t
from shared.rules import BobotPelatihan, PelatihanRules, load_ipasn, load_pelatihan
from shared.workbook import Chart, Column, Kind, Sheet, write_xlsx


@dataclass(frozen=True)
class Data:
    pegawai: list[Pegawai]
    program: list[Program]
    angkatan: list[Angkatan]
    anggaran: list[Anggaran]
    atribut: list[AtributKelompok]
    people: dict[str, Record]  # by NIP: name, position, unit
    program_info: dict[str, Record]
    angkatan_info: dict[str, Record]
    terdaftar: sources.Terdaftar


async def _data(c: Composer, unit_id: uuid.UUID | None, tahun: int) -> Data:
    people = c.need(sources.PEGAWAI, sources.pegawai_rencana(c, unit_id))
    opd = c.need(sources.UNIT_OPD, sources.unit_opd(c, unit_id))
    rot = c.need(sources.ROTASI, sources.rotasi(c, unit_id, opd))
    budget = c.need(sources.ANGGARAN, sources.anggaran(c, tahun))
    std = c.need(sources.STANDAR, sources.standar(c, people))
    lv = c.need(sources.KOMPETENSI, sources.level(c, people))
    pred = c.need(sources.PREDIKAT, sources.predikat(c, people))
    jp = c.need(sources.JP, sources.jp(c, people, tahun))
    kat = c.need(sources.KATALOG, sources.katalog(c, tahun))
    taken = c.need(sources.TERDAFTAR, sources.terdaftar(c, tahun))
    await c.settle()
    rows = people.result()
    sudah = taken.result()
    jp_program = {str(g["id"]): int(g.get("jp") or 0) for g in kat.result().program}
    s = Sumber(
        people=rows,
        standar=std.result(),
        level=lv.result(),
        predikat=pred.result(),
        jp=jp.result().items,
        program=kat.result().program,
        angkatan=kat.result().angkatan,
    )
    opd_of = {str(u["unit_id"]): (str(u["opd_id"]) if u.get("opd_id") else None) for u in opd.result()}
    hari = rot.result()
    pegawai = [
        dataclasses.replace(
            pegawai_model(p, s),
            opd_id=opd_of.get(str(p.get("unit_id"))),
            hari_sejak_pengembangan=hari.get(str(p["nip"])),
            program_terdaftar=sudah.program.get(str(p["nip"]), frozenset()),
            jp_terdaftar=sudah.jp(str(p["nip"]), jp_program),
        )
        for p in rows
    ]
    ids = {str(g["id"]) for g in s.program}
    batches = [a for a in s.angkatan if str(a["program_id"]) in ids]
    programs = [program_model(g) for g in s.program]
    angkatan = [angkatan_model(a) for a in batches]
    pending = _biaya_usulan(sudah, programs, angkatan)
    return Data(
        pegawai=pegawai,
        program=programs,
        angkatan=angkatan,
        anggaran=[
            Anggaran(str(a["opd_id"]), int(a["sisa"]) - pending.get(str(a["opd_id"]), 0)) for a in budget.result()
        ],
        atribut=[
            AtributKelompok(
                str(p["nip"]),
                p.get("jenis_kelamin"),
                date.fromisoformat(str(p["tanggal_lahir"])) if p.get("tanggal_lahir") else None,
            )
            for p in rows
        ],
        people={str(p["nip"]): p for p in rows},
        program_info={str(g["id"]): g for g in s.program},
        angkatan_info={str(a["id"]): a for a in batches},
        terdaftar=sudah,
    )


def _biaya_usulan(sudah: sources.Terdaftar, programs: list[Program], angkatan: list[Angkatan]) -> dict[str, int]:
    """Per OPD, what its pending proposals will cost once approved (the batch's cost; a batch no
    longer open: the program's fee and, out of town, travel)."""
    program_of = {g.id: g for g in programs}
    batch_of = {a.id: a for a in angkatan}
    out: dict[str, int] = {}
    for opd, program_id, angkatan_id in sudah.usulan:
        g = program_of.get(program_id)
        if g is None:
            continue  # not in the year's catalogue: nothing it could cost is known here
        a = batch_of.get(angkatan_id) or Angkatan(angkatan_id, program_id, 0)
        out[opd] = out.get(opd, 0) + biaya(g, a)
    return out


def _aturan(maks_program: int | None) -> PelatihanRules:
    rules = load_pelatihan()
    return rules.model_copy(update={"maks_program_per_pegawai": maks_program}) if maks_program else rules


def _bobot(override: dict[str, Any] | None) -> BobotPelatihan | None:
    if not override:
        return None
    return BobotPelatihan.model_validate({**load_pelatihan().bobot.model_dump(), **override})


def _nilai(values: Sequence[tuple[str, Any]]) -> dict[str, Any]:
    return dict(values)


def _ringkasan(r: Ringkasan) -> dict[str, Any]:
    return asdict(r)


def _jawaban(d: Data, r: Rencana, unit_id: uuid.UUID | None, tahun: int) -> dict[str, Any]:
    pendaftaran = []
    for e in r.pendaftaran:
        p, g, a = d.people.get(e.nip, {}), d.program_info.get(e.program_id, {}), d.angkatan_info.get(e.angkatan_id, {})
        pendaftaran.append(
            {
                **asdict(e),
                "nama": p.get("nama"),
                "unit_id": p.get("unit_id"),
                "program_kode": g.get("kode"),
                "program_nama": g.get("nama"),
                "angkatan_kode": a.get("kode"),
                "tanggal_mulai": a.get("tanggal_mulai"),
            }
        )
    tidak_capai = [
        {
            **asdict(x),
            "nama": d.people.get(x.nip, {}).get("nama"),
            "alasan": [
                {"kode": a.kode, "nilai": _nilai(a.nilai), "pesan": t(a.message_code, **_nilai(a.nilai))}
                for a in x.alasan
            ],
        }
        for x in r.tidak_capai
    ]
    return {
        "unit_id": unit_id,
        "tahun": tahun,
        "jumlah_pegawai": len(d.pegawai),
        "kandidat": r.kandidat,
        "ringkasan": _ringkasan(r.ringkasan),
        "greedy": _ringkasan(r.greedy),
        "pendaftaran": pendaftaran,
        "anggaran": [asdict(a) for a in r.anggaran],
        "tidak_capai": tidak_capai,
        "sebaran": [asdict(s) for s in r.sebaran],
        "keadilan": asdict(r.keadilan) if r.keadilan is not None else None,
    }


async def buat(
    c: Composer,
    unit_id: uuid.UUID | None,
    tahun: int,
    bobot: dict[str, Any] | None,
    maks_program: int | None,
    today: date,
) -> dict[str, Any]:
    d = await _data(c, unit_id, tahun)
    aturan = _aturan(maks_program)
    skenario = Skenario(bobot=_bobot(bobot))
    r = await asyncio.to_thread(
        rencana, d.pegawai, d.program, d.angkatan, d.anggaran, skenario, d.atribut, today, aturan
    )
    return RencanaOut.model_validate(_jawaban(d, r, unit_id, tahun)).model_dump(mode="json")


async def skenario(
    c: Composer, unit_id: uuid.UUID | None, tahun: int, daftar: Sequence[dict[str, Any]]
) -> dict[str, Any]:
    d = await _data(c, unit_id, tahun)
    cases = [
        Skenario(
            kode=str(s["nama"]),
            faktor_anggaran=1.0 if s.get("faktor_anggaran") is None else float(s["faktor_anggaran"]),
            hanya_kinerja_rendah=bool(s.get("hanya_kinerja_rendah")),
            opd_id=str(s["opd_id"]) if s.get("opd_id") else None,
            bobot=_bobot(s.get("bobot")),
        )
        for s in daftar
    ]
    answers = await asyncio.to_thread(
        bandingkan_rinci, d.pegawai, d.program, d.angkatan, d.anggaran, cases, load_pelatihan()
    )
    ipasn = await _ipasn(c, unit_id, d, [pairs for _, _, pairs in answers], date.today())
    answer = {
        "unit_id": unit_id,
        "tahun": tahun,
        "jumlah_pegawai": len(d.pegawai),
        "skenario": [
            {"nama": s.kode, "rencana": _ringkasan(best), "greedy": _ringkasan(rule), "ipasn": _proyeksi(x)}
            for s, (best, rule, _), x in zip(cases, answers, ipasn, strict=True)
        ],
    }
    return SkenarioRencanaOut.model_validate(answer).model_dump(mode="json")


# --- the workbook ------------------------------------------------------------------------------


async def _ipasn(
    c: Composer, unit_id: uuid.UUID | None, d: Data, plans: Sequence[Sequence[tuple[str, str]]], today: date
) -> list[Proyeksi]:
    """Per plan, the IP ASN kompetensi dimension of the same people before and once its
    enrollments are done (gateway.ipasn's core; the reads of its own endpoints, after the plan's)."""
    rules = load_ipasn()
    window = jendela(today, rules)
    nips = list(d.people)
    kinds = c.need(sources.IPASN_JABATAN, ipasn_sources.jabatan(c, unit_id))
    pred = c.need(sources.IPASN_KINERJA, ipasn_sources.predikat(c, nips))
    huk = c.need(sources.IPASN_DISIPLIN, ipasn_sources.hukdis(c, nips, window))
    jp = c.need(sources.IPASN_KOMPETENSI, ipasn_sources.jp(c, nips, window, rules))
    await c.settle()
    jenis = kinds.result()
    data = [
        data_pegawai(p, jenis.get(str(p.get("jabatan_id"))), pred.result(), huk.result(), jp.result())
        for p in d.people.values()
    ]
    kind_of = {g.id: g.jenis for g in d.program}
    jp_of = {g.id: g.jp for g in d.program}
    out = []
    for pairs in plans:
        tambahan: dict[str, dict[str, int]] = {}
        for nip, program_id in pairs:
            kind = kind_of.get(program_id)
            if kind:
                mine = tambahan.setdefault(nip, {})
                mine[kind] = mine.get(kind, 0) + jp_of[program_id]
        out.append(proyeksi(data, tambahan, today, rules))
    return out


def _proyeksi(x: Proyeksi) -> dict[str, Any]:
    return {
        "kompetensi_sebelum": x.kompetensi_sebelum,
        "kompetensi_sesudah": x.kompetensi_sesudah,
        "perubahan_kompetensi": round(x.kompetensi_sesudah - x.kompetensi_sebelum, 2),
        "ipasn_sebelum": x.ipasn_sebelum,
        "ipasn_sesudah": x.ipasn_sesudah,
        "orang_naik": x.orang_naik,
        "keterangan": kata(x.keterangan),
    }


def rencana_xlsx(answer: Record) -> bytes:
    """The plan as a workbook: headers from the message catalogue (xlsx.*), NIPs and ids as text,
    every figure a value. Blocking: run in a thread."""
    h = lambda key: t(f"xlsx.{key}")  # noqa: E731
    figures = (
        "objektif",
        "celah_berbobot",
        "capai_jp_minimum",
        "di_bawah_jp_minimum",
        "biaya",
        "pendaftaran",
        "peserta",
        "celah_mip",
        "waktu_solver_detik",
    )
    ringkasan = Sheet(
        h("sheet-ringkasan"),
        [
            Column(h("butir"), kind=Kind.CODE),
            Column(h("rencana-optimal"), kind=Kind.DECIMAL),
            Column(h("rencana-greedy"), kind=Kind.DECIMAL),
        ],
        [[k, answer["ringkasan"][k], answer["greedy"][k]] for k in figures],
    )
    pendaftaran = Sheet(
        h("sheet-pendaftaran"),
        [
            Column(h("nip"), kind=Kind.CODE, width=22),
            Column(h("nama")),
            Column(h("program")),
            Column(h("angkatan"), kind=Kind.CODE),
            Column(h("jp"), kind=Kind.INTEGER),
            Column(h("biaya"), kind=Kind.INTEGER),
            Column(h("celah-berbobot"), kind=Kind.DECIMAL),
            Column(h("pengali"), kind=Kind.DECIMAL),
            Column(h("nilai"), kind=Kind.DECIMAL),
        ],
        [
            [
                e["nip"],
                e["nama"],
                e["program_nama"],
                e["angkatan_kode"],
                e["jp"],
                e["biaya"],
                e["celah_berbobot"],
                e["pengali"]["total"],
                e["nilai"],
            ]
            for e in answer["pendaftaran"]
        ],
    )
    anggaran = Sheet(
        h("sheet-anggaran"),
        [
            Column(h("opd"), kind=Kind.CODE, width=38),
            Column(h("sisa-anggaran"), kind=Kind.INTEGER),
            Column(h("terpakai"), kind=Kind.INTEGER),
            Column(h("sisa-sesudah"), kind=Kind.INTEGER),
            Column(h("belum-tercakup"), kind=Kind.INTEGER),
            Column(h("biaya-belum-tercakup"), kind=Kind.INTEGER),
        ],
        [
            [
                a["opd_id"],
                a["sisa"],
                a["terpakai"],
                a["sisa_sesudah"],
                a["pegawai_belum_tercakup"],
                a["biaya_belum_tercakup"],
            ]
            for a in answer["anggaran"]
        ],
    )
    tidak = Sheet(
        h("sheet-tidak-capai-jp"),
        [
            Column(h("nip"), kind=Kind.CODE, width=22),
            Column(h("nama")),
            Column(h("status"), kind=Kind.CODE),
            Column(h("jp-sesudah"), kind=Kind.INTEGER),
            Column(h("kurang"), kind=Kind.INTEGER),
            Column(h("alasan"), width=60),
        ],
        [
            [
                x["nip"],
                x["nama"],
                x["status"],
                x["jp_sesudah"],
                x["kurang_jp"],
                "; ".join(a["pesan"] for a in x["alasan"]),
            ]
            for x in answer["tidak_capai"]
        ],
    )
    sheets = [ringkasan, pendaftaran, anggaran, tidak]
    if answer["keadilan"]:
        sheets.append(lembar_keadilan(answer["keadilan"]))
    sheets.append(_grafik_program(answer["pendaftaran"]))
    return write_xlsx(sheets)


# The programs drawn: more bars than this no longer read in a meeting (a Pemda's catalogue holds
# many more); every enrollment stays on the Pendaftaran sheet, the totals on the Ringkasan sheet.
PROGRAM_GRAFIK = 15


def _grafik_program(pendaftaran: Sequence[Record]) -> Sheet:
    """The plan per program: people enrolled and what it costs, most enrolled first, as bars (the
    largest on top). What the training meeting sets the year's batches and budget lines by."""
    h = lambda key, **kw: t(f"xlsx.{key}", **kw)  # noqa: E731
    per: dict[str, list[Any]] = {}
    for e in pendaftaran:
        row = per.setdefault(str(e["program_id"]), [e["program_kode"], e["program_nama"] or e["program_kode"], 0, 0])
        row[2] += 1
        row[3] += e["biaya"]
    ranked = sorted(per.values(), key=lambda r: (-r[2], -r[3], str(r[0] or "")))
    rows = ranked[:PROGRAM_GRAFIK]
    title = h("chart-program") if len(ranked) <= PROGRAM_GRAFIK else h("chart-program-teratas", jumlah=len(rows))
    columns = [
        Column(h("kode"), kind=Kind.CODE),
        Column(h("program")),
        Column(h("peserta"), kind=Kind.INTEGER),
        Column(h("biaya"), kind=Kind.INTEGER),
    ]
    chart = Chart(
        "bar",
        title,
        categories=1,
        series=[2],
        first_on_top=True,
        y_min=0,
        x_title=h("program"),
        y_title=h("peserta"),
        width_cm=24.0,  # program names are long: room to show each on one line
        height_cm=max(10.0, 3 + 0.7 * len(rows)),
    )
    return Sheet(h("sheet-grafik-program"), columns, rows, autofilter=False, charts=[chart])


# --- accepting a plan: its enrollments become proposals (usulan) in pengembangan ------------------

USULAN_NIPS_MAX = 500  # pengembangan's POST /usulan takes up to 500 NIPs


def _kunci(tahun: int, opd_id: str, angkatan_id: str, nips: Sequence[str], alasan: str) -> str:
    """The Idempotency-Key of one proposal call, derived from what it proposes: accepting the same
    plan again sends the same keys, and pengembangan replays its answers instead of proposing again."""
    text = "|".join((str(tahun), opd_id, angkatan_id, ",".join(nips), alasan))
    return "rencana-pelatihan-" + hashlib.sha256(text.encode()).hexdigest()[:40]


async def terima(
    c: Composer,
    unit_id: uuid.UUID | None,
    tahun: int,
    bobot: dict[str, Any] | None,
    maks_program: int | None,
    faktor_anggaran: float | None,
    alasan: str | None,
    within_budget_only: bool,
    today: date,
) -> dict[str, Any]:
    """The plan the same parameters make now, proposed per OPD and batch, less what is already
    proposed or enrolled (accepting it again proposes nothing again). An OPD admin may not
    accept a plan spending more than an OPD's budget left (a scenario's larger budget): 409."""
    d = await _data(c, unit_id, tahun)
    taken = d.terdaftar.pasangan
    aturan = _aturan(maks_program)
    sk = Skenario(faktor_anggaran=1.0 if faktor_anggaran is None else faktor_anggaran, bobot=_bobot(bobot))
    r = await asyncio.to_thread(rencana, d.pegawai, d.program, d.angkatan, d.anggaran, sk, None, today, aturan)
    if within_budget_only:
        left = {a.opd_id: a.sisa for a in d.anggaran}
        for a in r.anggaran:
            if a.terpakai > max(left.get(a.opd_id, 0), 0):
                raise Conflict(
                    "rencana-pelatihan-melebihi-anggaran", opd=a.opd_id, biaya=a.terpakai, sisa=left.get(a.opd_id, 0)
                )
    opd_of = {p.nip: p.opd_id for p in d.pegawai}
    groups: dict[tuple[str, str], list[str]] = {}
    tanpa_opd, sudah = [], []
    for e in r.pendaftaran:
        opd = opd_of.get(e.nip)
        if (e.nip, e.angkatan_id) in taken:
            sudah.append({"nip": e.nip, "angkatan_id": e.angkatan_id})
            continue
        if opd is None:
            tanpa_opd.append(e.nip)
            continue
        groups.setdefault((opd, e.angkatan_id), []).append(e.nip)
    why = alasan or t("rencana-pelatihan-alasan-usulan", tahun=tahun)
    usulan = []
    for (opd, angkatan), nips in sorted(groups.items()):
        for part in chunks(sorted(nips), USULAN_NIPS_MAX):
            key = _kunci(tahun, opd, angkatan, part, why)
            made = await c.pengembangan.json(
                "POST",
                "/api/v1/usulan",
                json={"angkatan_id": angkatan, "nips": part, "opd_id": opd, "alasan": why},
                headers={"Idempotency-Key": key},
                token=c.token,
            )
            usulan.append(
                {
                    "opd_id": opd,
                    "angkatan_id": angkatan,
                    "nips": part,
                    "idempotency_key": key,
                    "usulan_ids": [i["id"] for i in made["items"]],
                }
            )
    answer = {
        "unit_id": unit_id,
        "tahun": tahun,
        "ringkasan": _ringkasan(r.ringkasan),
        "usulan": usulan,
        "jumlah_usulan": sum(len(u["usulan_ids"]) for u in usulan),
        "tanpa_opd": sorted(tanpa_opd),
        "sudah_diusulkan": sorted(sudah, key=lambda x: (x["nip"], x["angkatan_id"])),
    }
    return TerimaOut.model_validate(answer).model_dump(mode="json")


def skenario_xlsx(answer: Record) -> bytes:
    """The scenarios side by side for the budget meeting: one row per scenario with the plan's and
    the greedy rule's figures, and two charts of those cells (weighted gap closed; people brought to
    20 JP). Blocking: run in a thread."""
    h = lambda key: t(f"xlsx.{key}")  # noqa: E731
    columns = [
        Column(h("skenario"), kind=Kind.CODE, width=24),
        Column(h("celah-rencana"), kind=Kind.DECIMAL),
        Column(h("celah-greedy"), kind=Kind.DECIMAL),
        Column(h("capai-jp-rencana"), kind=Kind.INTEGER),
        Column(h("capai-jp-greedy"), kind=Kind.INTEGER),
        Column(h("di-bawah-jp"), kind=Kind.INTEGER),
        Column(h("biaya"), kind=Kind.INTEGER),
        Column(h("pendaftaran"), kind=Kind.INTEGER),
        Column(h("peserta"), kind=Kind.INTEGER),
        Column(h("celah-mip"), kind=Kind.DECIMAL),
        Column(h("waktu-solver"), kind=Kind.DECIMAL),
    ]
    rows = [
        [
            s["nama"],
            s["rencana"]["celah_berbobot"],
            s["greedy"]["celah_berbobot"],
            s["rencana"]["capai_jp_minimum"],
            s["greedy"]["capai_jp_minimum"],
            s["rencana"]["di_bawah_jp_minimum"],
            s["rencana"]["biaya"],
            s["rencana"]["pendaftaran"],
            s["rencana"]["peserta"],
            s["rencana"]["celah_mip"],
            s["rencana"]["waktu_solver_detik"],
        ]
        for s in answer["skenario"]
    ]
    charts = [
        Chart("column", h("chart-celah-skenario"), categories=0, series=[1, 2], y_title=h("celah-berbobot")),
        Chart("column", h("chart-jp-skenario"), categories=0, series=[3, 4], y_title=h("jumlah-pegawai")),
    ]
    return write_xlsx([Sheet(h("sheet-skenario"), columns, rows, autofilter=False, charts=charts)])
