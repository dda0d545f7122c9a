"""The placement endpoints: every part started at once (the calls by NIP as soon as pegawai has
listed the people), then the pure core (jpm, kelayakan, peringkat, optimasi) on what came back,
and the adverse-impact report over the selection. The services decide what the caller sees; a
sanction kinerja does not show the caller is not a reason here, and the answer says so."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from datetime import date
from typing import Any

from gateway.compose import Composer
from gateway.keadilan.dampak import AtributKelompok, laporan
from gateway.keadilan.lembar import lembar_keadilan
from gateway.penempatan import sources
from gateway.penempatan.jpm import jpm_pegawai, rincian
from gateway.penempatan.kelayakan import Alasan, Aturan, KolomJabatan, kelayakan, kolom, matriks_layak
from gateway.penempatan.model import Jabatan, Pegawai
from gateway.penempatan.optimasi import Hasil, MaksPindahTerlaluKecil, Permintaan, optimasi
from gateway.penempatan.peringkat import Kandidat, peringkat, predikat_terakhir
from gateway.penempatan.schemas import OptimasiIn, OptimasiOut, RekomendasiOut
from shared.access import Capability, Record, Scope
from shared.errors import Forbidden, UnprocessableEntity
from shared.messages import t
from shared.rules import load_jpm
from shared.workbook import Chart, Column, Kind, Sheet, Styled, write_xlsx

# A move limit couples every class into one integer program, and across classes the assignment
# is one dense block: beyond this many people either takes minutes (optimasi.py's measurements).
MAKS_ORANG_TERIKAT = 3000
WAKTU_MAKS_DETIK = 20.0
BELOW = "F8CBAD"  # a gap below the required level  # HiGHS stops here with its best placement, terbukti_optimal false
# The candidates a committee weighs side by side (Baperjakat proposes three names per post); the
# whole order stays on the Kandidat sheet.
KANDIDAT_GRAFIK = 10


def _alasan(a: Sequence[Alasan]) -> list[dict[str, Any]]:
    return [{"kode": x.kode, "pesan": t(x.message_code, **x.params())} for x in a]


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 2)


def _rincian(p: Pegawai, j: Jabatan, kompetensi: dict[str, Record]) -> list[dict[str, Any]]:
    """Per competency of the standard, in the documented shape (Gap)."""
    return [
        {
            "kompetensi_kode": g.kompetensi_kode,
            "nama": (kompetensi.get(g.kompetensi_kode) or {}).get("nama"),
            "dibutuhkan": g.dibutuhkan,
            "dimiliki": g.dimiliki,
            "gap": g.gap,
        }
        for g in rincian(p, j)
    ]


def _kriteria(aturan: Aturan) -> list[dict[str, Any]]:
    return [
        {"urutan": i, "kode": k.kode, "arah": k.arah, "penjelasan": t(f"penempatan.kriteria.{k.kode}")}
        for i, k in enumerate(aturan.penempatan.kriteria, start=1)
    ]


def _laporan(dunia: sources.Dunia, pool: Sequence[str], terpilih: Sequence[str], today: date) -> dict[str, Any]:
    """The adverse-impact report: the only place the protected attributes are read."""
    people = [
        AtributKelompok(nip, k.jenis_kelamin, k.tanggal_lahir)
        for nip in pool
        if (k := dunia.kelompok.get(nip)) is not None
    ]
    return asdict(laporan(people, terpilih, today))


def _catatan_hukdis(dunia: sources.Dunia, nips: Sequence[str]) -> tuple[set[str], list[str]]:
    hidden = {n for n in nips if n not in dunia.hukdis_terlihat}
    return hidden, ([t("penempatan-hukdis-tidak-terlihat", jumlah=len(hidden))] if hidden else [])


def _jabatan_out(j: Jabatan, info: Record, kompetensi: dict[str, Record]) -> dict[str, Any]:
    return {
        "id": j.id,
        "kode": info.get("kode"),
        "nama": info.get("nama"),
        "kelas_jabatan": j.kelas_jabatan,
        "rumpun": j.rumpun,
        "unit_id": j.unit_id,
        "unit_nama": info.get("unit_nama"),
        "kebutuhan": j.kebutuhan,
        "bezetting": j.bezetting,
        "lowongan": j.kebutuhan - j.bezetting,
        "syarat_pendidikan_min": j.syarat_pendidikan_min,
        "syarat_golongan_min": j.syarat_golongan_min,
        "standar": [
            {"kompetensi_kode": k, "nama": (kompetensi.get(k) or {}).get("nama"), "level": lv}
            for k, lv in j.standar.items()
        ],
    }


# --- candidates for one position -------------------------------------------------------------


async def kandidat(c: Composer, jabatan_id: uuid.UUID, mode: str, limit: int, today: date) -> dict[str, Any]:
    """The ranked candidates for a position over every employee the caller reaches."""
    aturan = Aturan.load()
    target = c.need(sources.JABATAN, sources.jabatan_satu(c, jabatan_id))
    people = c.need(sources.PEGAWAI, sources.pegawai_rentang(c, jabatan_id, mode, aturan.penempatan))
    standar = c.need(sources.STANDAR, sources.standar(c, [str(jabatan_id)]))
    levels = c.need(sources.KOMPETENSI, sources.level(c, people))
    predikat = c.need(sources.PREDIKAT, sources.predikat(c, people))
    sanctions = c.need(sources.HUKDIS, sources.hukdis(c, people))
    await c.settle()
    record = target.result()
    rentang = sources.rentang(record, mode, aturan.penempatan)
    # Its holders are counted, not ranked: they hold it already (bezetting as pegawai counts it).
    rows = people.result()
    holders = [p for p in rows if str(p.get("jabatan_id")) == str(jabatan_id)]
    record = {**record, "bezetting": len(holders)}
    others = [p for p in rows if str(p.get("jabatan_id")) != str(jabatan_id)]
    dunia = sources.dunia([record], others, standar.result(), levels.result(), predikat.result(), sanctions.result())
    jabatan = dunia.jabatan[0]
    year = sources.tahun_terakhir(today)
    ranked = await asyncio.to_thread(peringkat, jabatan, dunia.pegawai, mode, year, None, aturan)
    eligible = [k for k in ranked.kandidat if k.layak]
    ineligible = [k for k in ranked.kandidat if not k.layak]
    by_nip = {p.nip: p for p in dunia.pegawai}
    hidden, catatan = _catatan_hukdis(dunia, [p.nip for p in dunia.pegawai])
    if not jabatan.standar:
        catatan.append(t("penempatan-tanpa-standar"))
    chosen = [k.nip for k in eligible[:limit]]

    def out(k: Kandidat) -> dict[str, Any]:
        return {
            "urutan": k.urutan,
            "nip": k.nip,
            **dunia.info_pegawai[k.nip],
            "layak": k.layak,
            "alasan": _alasan(k.alasan),
            "jpm": _round(k.jpm),
            "kategori": k.kategori,
            "predikat_terakhir": k.predikat_terakhir,
            "minat_karier": k.minat_karier,
            "hukdis_diperiksa": k.nip not in hidden,
            "rincian": _rincian(by_nip[k.nip], jabatan, dunia.kompetensi),
        }

    reasons = Counter(a.kode for k in ineligible for a in k.alasan)
    answer = {
        "jabatan": _jabatan_out(jabatan, record, dunia.kompetensi),
        "mode": mode,
        "mode_nama": aturan.penempatan.modes[mode].nama,
        "tahun_predikat": year,
        "kriteria": _kriteria(aturan),
        "rentang": asdict(rentang),
        "jumlah_pegawai": len(ranked.kandidat),
        "jumlah_layak": len(eligible),
        "jumlah_tidak_layak": len(ineligible),
        "jumlah_pemegang": len(holders),
        "kandidat": [out(k) for k in eligible[:limit]],
        "tidak_layak": [out(k) for k in ineligible[:limit]],
        "alasan_tidak_layak": [{"kode": kode, "jumlah": n} for kode, n in reasons.most_common()],
        "hukdis_diperiksa": not hidden,
        "catatan": catatan,
        "keadilan": _laporan(dunia, [k.nip for k in eligible], chosen, today),
    }
    # Built in its documented shape (KandidatOut; the tests validate it), not validated here: the
    # validation cost a good part of the gateway's own time (as in perencanaan/service.py).
    return answer


# --- the positions that fit one employee -------------------------------------------------------


def _mode_for(p: Pegawai, j: Jabatan, aturan: Aturan) -> str | None:
    """The mode a move of `p` to `j` would be: the same kelas (re-placement; rotation when the
    unit differs), a promotion within the classes the rules allow, or none."""
    if p.kelas_jabatan is None:
        return "penempatan_kembali"  # not placed: the checks say why (kelas_tidak_diketahui)
    naik = j.kelas_jabatan - p.kelas_jabatan
    if naik == 0:
        return "rotasi" if p.unit_id and j.unit_id and p.unit_id != j.unit_id else "penempatan_kembali"
    if aturan.penempatan.kelas_naik_min <= naik <= aturan.penempatan.kelas_naik_maks:
        return "promosi"
    return None


async def rekomendasi(c: Composer, nip: str, mode: str | None, limit: int, today: date) -> dict[str, Any]:
    """The positions the caller reaches that fit one employee best at the classes allowed."""
    person = c.need(sources.PEGAWAI, sources.pegawai_satu(c, nip))
    positions = c.need(sources.JABATAN, sources.jabatan_semua(c, None))
    standar = c.need(sources.STANDAR, sources.standar(c, positions))
    levels = c.need(sources.KOMPETENSI, sources.level(c, person))
    predikat = c.need(sources.PREDIKAT, sources.predikat(c, person))
    sanctions = c.need(sources.HUKDIS, sources.hukdis(c, person))
    await c.settle()
    dunia = sources.dunia(
        positions.result(), person.result(), standar.result(), levels.result(), predikat.result(), sanctions.result()
    )
    p = dunia.pegawai[0]
    year = sources.tahun_terakhir(today)
    aturan = Aturan.load()
    bands = load_jpm()
    hidden, catatan = _catatan_hukdis(dunia, [nip])
    found = []
    for j in dunia.jabatan:
        kind = _mode_for(p, j, aturan)
        if j.id == p.jabatan_id or kind is None or (mode is not None and kind != mode) or not j.standar:
            continue
        cek = kelayakan(p, j, kind, year, aturan)
        jpm = jpm_pegawai(p, j)
        found.append((p, j, kind, cek, jpm))
    found.sort(
        key=lambda r: (
            not r[3].layak,
            -(r[4] or 0.0),
            r[1].id not in p.minat_jabatan_ids,
            r[1].bezetting - r[1].kebutuhan,
            r[1].id,
        )
    )
    own = next((j for j in dunia.jabatan if j.id == p.jabatan_id), None)
    answer = {
        "nip": nip,
        **dunia.info_pegawai[nip],
        "jabatan_id": p.jabatan_id,
        "kelas_jabatan": p.kelas_jabatan,
        "jpm_sekarang": _round(jpm_pegawai(p, own)) if own is not None else None,
        "tahun_predikat": year,
        "predikat_terakhir": (latest[1] if (latest := predikat_terakhir(p, year)) else None),
        "jumlah_jabatan": len(found),
        "jumlah_layak": sum(1 for r in found if r[3].layak),
        "rekomendasi": [
            {
                **_jabatan_out(j, dunia.info_jabatan[j.id], dunia.kompetensi),
                "mode": kind,
                "layak": cek.layak,
                "alasan": _alasan(cek.alasan),
                "jpm": _round(jpm),
                "kategori": bands.kategori(jpm).kode if jpm is not None else None,
                "minat_karier": j.id in p.minat_jabatan_ids,
                "rincian": _rincian(p, j, dunia.kompetensi),
            }
            for p, j, kind, cek, jpm in found[:limit]
        ],
        "hukdis_diperiksa": not hidden,
        "catatan": catatan,
    }
    return RekomendasiOut.model_validate(answer).model_dump(mode="json")


# --- the optimal re-placement --------------------------------------------------------------------


def check_scope(scope: Scope, data: OptimasiIn) -> None:
    """The whole Pemda is BKPSDM's to re-place; anyone else names a unit it reaches."""
    if data.unit_id is None and not scope.may(Capability.ADMIN):
        raise Forbidden("penempatan-optimasi-pemda")


def _solve(dunia: sources.Dunia, data: OptimasiIn, year: int) -> tuple[Hasil, dict[str, int]]:
    """The core's answer, and for each position left short how many of the people in the problem
    a promotion could fill it from (mode promosi's checks, vectorised)."""
    people = len(dunia.pegawai)
    if (data.maks_pindah is not None or data.lintas_kelas) and people > MAKS_ORANG_TERIKAT:
        raise UnprocessableEntity("penempatan-optimasi-terlalu-besar", orang=people, maks=MAKS_ORANG_TERIKAT)
    request = Permintaan(data.lintas_kelas, data.ambang_tetap, data.maks_pindah, WAKTU_MAKS_DETIK)
    aturan = Aturan.load()
    # The promotion checks' columns of everyone (a Python pass per person) are read beside the
    # solve, whose assignments release the GIL; which positions are short is known only after.
    with ThreadPoolExecutor(max_workers=1) as pool:
        columns = pool.submit(kolom, dunia.pegawai, dunia.jabatan, year, aturan)
        try:
            hasil = optimasi(dunia.pegawai, dunia.jabatan, request, aturan)
        except MaksPindahTerlaluKecil as exc:
            raise UnprocessableEntity(
                "penempatan-maks-pindah-terlalu-kecil", maks_pindah=exc.maks_pindah, minimum=exc.minimum
            ) from exc
        kp, kj = columns.result()
    short_ids = {j for j, _ in hasil.jabatan_kurang}
    short = [i for i, j in enumerate(dunia.jabatan) if j.id in short_ids]
    promotable: dict[str, int] = {}
    if short and dunia.pegawai:
        # A position's column depends on it alone (codes are compared for equality only), so the
        # short ones' columns out of everyone's are matriks_mode over the short positions.
        sub = KolomJabatan(*(getattr(kj, f)[short] for f in KolomJabatan.__dataclass_fields__))
        mode = aturan.penempatan.modes["promosi"]
        ok = matriks_layak(kp, sub, mode.checks, mode.kelas, aturan.penempatan)
        promotable = dict(zip((dunia.jabatan[i].id for i in short), ok.sum(axis=0).tolist(), strict=True))
    return hasil, promotable


def _kursi(hasil: Hasil, jabatan: Sequence[Jabatan]) -> dict[str, Any]:
    """Totals over the seats, like for like: today each position's best holders up to its
    kebutuhan (the seats the optimiser fills), the rest counted apart; after, the seats filled."""
    offered = {j.id: max(0, j.kebutuhan) for j in jabatan if j.id not in set(hasil.tanpa_standar)}
    held: dict[str, list[float]] = {}
    for p in hasil.penempatan:
        if p.jabatan_sebelum in offered and p.jpm_sebelum is not None:
            held.setdefault(p.jabatan_sebelum, []).append(p.jpm_sebelum)
    before = [sorted(v, reverse=True)[: offered[j]] for j, v in held.items()]
    filled_before = sum(len(v) for v in before)
    total_before = sum(sum(v) for v in before)
    filled_after = sum(1 for p in hasil.penempatan if p.jabatan_sesudah is not None)
    return {
        "jumlah_kursi": sum(offered.values()),
        "kursi_terisi_sebelum": filled_before,
        "pegawai_melebihi_kebutuhan": sum(max(0, len(v) - offered[j]) for j, v in held.items()),
        "total_sebelum_kursi": _round(total_before),
        "kursi_terisi_optimal": filled_after,
        "rata_rata_sebelum": _round(total_before / filled_before) if filled_before else None,
        "rata_rata_optimal": _round(hasil.total_optimal / filled_after) if filled_after else None,
    }


async def optimasi_unit(c: Composer, data: OptimasiIn, today: date) -> dict[str, Any]:
    """Fetch a unit's (or the whole Pemda's) positions and people, solve, and report. Writes nothing."""
    positions = c.need(sources.JABATAN, sources.jabatan_semua(c, data.unit_id))
    people = c.need(sources.PEGAWAI, sources.pegawai_semua(c, data.unit_id, kelompok=True))
    standar = c.need(sources.STANDAR, sources.standar(c, positions))
    levels = c.need(sources.KOMPETENSI, sources.level(c, people))
    predikat = c.need(sources.PREDIKAT, sources.predikat(c, people))
    sanctions = c.need(sources.HUKDIS, sources.hukdis(c, people))
    await c.settle()
    dunia = sources.dunia(
        positions.result(), people.result(), standar.result(), levels.result(), predikat.result(), sanctions.result()
    )
    return await asyncio.to_thread(_jawaban_optimasi, dunia, data, today)


def _jawaban_optimasi(dunia: sources.Dunia, data: OptimasiIn, today: date) -> dict[str, Any]:
    """Solve and put the answer together: all of it CPU work on what the services answered, so it
    runs in a thread, off the gateway's event loop."""
    year = sources.tahun_terakhir(today)
    hasil, promotable = _solve(dunia, data, year)
    names = {j: (r.get("nama"), r.get("kode")) for j, r in dunia.info_jabatan.items()}
    hidden, catatan = _catatan_hukdis(dunia, [p.nip for p in dunia.pegawai])
    left_out = set(hasil.tidak_diikutkan)
    moved_in = [p.nip for p in hasil.penempatan if p.pindah and p.jabatan_sesudah is not None]
    kurang = []
    for jabatan_id, n in hasil.jabatan_kurang:
        promosi = min(n, promotable.get(jabatan_id, 0))
        kurang.append(
            {
                "jabatan_id": jabatan_id,
                "nama": names.get(jabatan_id, (None, None))[0],
                "kode": names.get(jabatan_id, (None, None))[1],
                "kurang": n,
                "kandidat_promosi": promotable.get(jabatan_id, 0),
                "isi_promosi_internal": promosi,
                "isi_formasi_cpns": n - promosi,
            }
        )
    answer = {
        "unit_id": data.unit_id,
        "lintas_kelas": data.lintas_kelas,
        "ambang_tetap": data.ambang_tetap,
        "maks_pindah": data.maks_pindah,
        "usulan_saja": True,
        "penempatan": [
            {
                "nip": p.nip,
                "nama": dunia.info_pegawai[p.nip]["nama"],
                "jabatan_sebelum": p.jabatan_sebelum,
                "jabatan_sebelum_nama": names.get(p.jabatan_sebelum or "", (None, None))[0],
                "jabatan_sesudah": p.jabatan_sesudah,
                "jabatan_sesudah_nama": names.get(p.jabatan_sesudah or "", (None, None))[0],
                "jpm_sebelum": _round(p.jpm_sebelum),
                "jpm_sesudah": _round(p.jpm_sesudah),
                "pindah": p.pindah,
                "tetap_ambang": p.tetap_ambang,
            }
            for p in hasil.penempatan
        ],
        "jabatan_kurang": kurang,
        "pegawai_sisa": list(hasil.pegawai_sisa),
        "tidak_diikutkan": list(hasil.tidak_diikutkan),
        "tanpa_standar": list(hasil.tanpa_standar),
        "total_sebelum": _round(hasil.total_sebelum),
        **_kursi(hasil, dunia.jabatan),
        "total_optimal": _round(hasil.total_optimal),
        "total_greedy": _round(hasil.total_greedy),
        "pindah_optimal": hasil.pindah_optimal,
        "pindah_greedy": hasil.pindah_greedy,
        "metode": hasil.metode,
        "waktu_solver_detik": round(hasil.waktu_solver_detik, 4),
        "waktu_detik": round(hasil.waktu_detik, 4),
        "terbukti_optimal": hasil.terbukti_optimal,
        "celah_mip": hasil.celah_mip,
        "hukdis_diperiksa": not hidden,
        "catatan": catatan,
        "keadilan": _laporan(dunia, [p.nip for p in dunia.pegawai if p.nip not in left_out], moved_in, today),
    }
    return OptimasiOut.model_validate(answer).model_dump(mode="json")


# --- workbooks for a Baperjakat meeting ------------------------------------------------------


def kandidat_xlsx(answer: dict[str, Any]) -> bytes:
    """The candidates as a workbook: the position and the criteria, the eligible in order with a
    gap column per competency of the standard, the ineligible with every reason, the fairness
    report. Identifiers are text; every figure is a value (no formula). Blocking: run in a thread."""
    j = answer["jabatan"]
    kode = [s["kompetensi_kode"] for s in j["standar"]]
    info = [
        [t("xlsx.jabatan"), j["nama"]],
        [t("xlsx.kode"), j["kode"]],
        [t("xlsx.kelas-jabatan"), j["kelas_jabatan"]],
        [t("xlsx.unit"), j["unit_nama"]],
        [t("xlsx.kebutuhan"), j["kebutuhan"]],
        [t("xlsx.bezetting"), j["bezetting"]],
        [t("xlsx.mode"), answer["mode_nama"]],
        [t("xlsx.tahun-predikat"), answer["tahun_predikat"]],
        [t("xlsx.pegawai-dipertimbangkan"), answer["jumlah_pegawai"]],
        [t("xlsx.layak"), answer["jumlah_layak"]],
        [t("xlsx.tidak-layak"), answer["jumlah_tidak_layak"]],
        *[[t("xlsx.kriteria", urutan=k["urutan"]), k["penjelasan"]] for k in answer["kriteria"]],
        *[[t("xlsx.catatan"), c] for c in answer["catatan"]],
    ]
    people = [
        Column(t("xlsx.urutan"), kind=Kind.INTEGER),
        Column(t("xlsx.nip"), kind=Kind.CODE, width=22),
        Column(t("xlsx.nama")),
        Column(t("xlsx.jabatan-sekarang")),
        Column(t("xlsx.unit")),
        Column(t("xlsx.golongan"), kind=Kind.CODE),
        Column(t("xlsx.jpm"), kind=Kind.DECIMAL),
        Column(t("xlsx.kategori"), kind=Kind.CODE),
        Column(t("xlsx.predikat-terakhir"), kind=Kind.CODE),
        Column(t("xlsx.minat-karier")),
        *(Column(k, kind=Kind.INTEGER) for k in kode),
    ]

    def row(k: dict[str, Any]) -> list[Any]:
        gaps = {g["kompetensi_kode"]: g["gap"] for g in k["rincian"]}
        return [
            k["urutan"],
            k["nip"],
            k["nama"],
            k["jabatan_nama"],
            k["unit_nama"],
            k["golongan"],
            k["jpm"],
            k["kategori"],
            k["predikat_terakhir"],
            t("xlsx.ya") if k["minat_karier"] else t("xlsx.tidak"),
            *(Styled(g, BELOW) if (g := gaps.get(c)) is not None and g < 0 else g for c in kode),
        ]

    ineligible = [*people[:7], Column(t("xlsx.alasan-tidak-layak"), width=80)]
    grafik = _grafik_kandidat(answer["kandidat"])
    return write_xlsx(
        [
            Sheet(
                t("xlsx.jabatan"), [Column(t("xlsx.butir")), Column(t("xlsx.isi"), width=80)], info, autofilter=False
            ),
            Sheet(t("xlsx.sheet-kandidat"), people, [row(k) for k in answer["kandidat"]]),
            Sheet(
                t("xlsx.sheet-tidak-layak"),
                ineligible,
                [[*row(k)[:7], "; ".join(a["pesan"] for a in k["alasan"])] for k in answer["tidak_layak"]],
            ),
            lembar_keadilan(answer["keadilan"]),
            grafik,
        ]
    )


def _grafik_kandidat(kandidat: Sequence[dict[str, Any]]) -> Sheet:
    """The top eligible candidates' JPM as bars, rank 1 on top, on the whole 0-100 scale (a
    committee compares the shortlist; a cut axis would make 81 against 79 look decisive). A
    candidate without a JPM (the position has no standard) has no bar to draw."""
    rows = [
        [f"{k['urutan']}. {k['nama'] or k['nip']}", k["nip"], k["jpm"], k["kategori"]]
        for k in kandidat[:KANDIDAT_GRAFIK]
        if k["jpm"] is not None
    ]
    columns = [
        Column(t("xlsx.kandidat")),
        Column(t("xlsx.nip"), kind=Kind.CODE, width=22),
        Column(t("xlsx.jpm"), kind=Kind.DECIMAL),
        Column(t("xlsx.kategori"), kind=Kind.CODE),
    ]
    chart = Chart(
        "bar",
        t("xlsx.chart-kandidat", jumlah=len(rows)),
        categories=0,
        series=[2],
        first_on_top=True,
        y_min=0,
        y_max=100,
        x_title=t("xlsx.kandidat"),
        y_title=t("xlsx.jpm"),
    )
    return Sheet(t("xlsx.sheet-grafik-kandidat"), columns, rows, autofilter=False, charts=[chart])


def optimasi_xlsx(answer: dict[str, Any]) -> bytes:
    """The proposal as a workbook: everyone before and after, the positions left short, the
    totals, the fairness report. Blocking: run in a thread."""
    cols = [
        Column(t("xlsx.nip"), kind=Kind.CODE, width=22),
        Column(t("xlsx.nama")),
        Column(t("xlsx.jabatan-sebelum")),
        Column(t("xlsx.jpm-sebelum"), kind=Kind.DECIMAL),
        Column(t("xlsx.jabatan-sesudah")),
        Column(t("xlsx.jpm-sesudah"), kind=Kind.DECIMAL),
        Column(t("xlsx.pindah")),
    ]
    rows = [
        [
            p["nip"],
            p["nama"],
            p["jabatan_sebelum_nama"],
            p["jpm_sebelum"],
            p["jabatan_sesudah_nama"],
            p["jpm_sesudah"],
            t("xlsx.ya") if p["pindah"] else t("xlsx.tidak"),
        ]
        for p in answer["penempatan"]
    ]
    short_cols = [
        Column(t("xlsx.kode"), kind=Kind.CODE),
        Column(t("xlsx.jabatan")),
        Column(t("xlsx.kurang"), kind=Kind.INTEGER),
        Column(t("xlsx.isi-promosi-internal"), kind=Kind.INTEGER),
        Column(t("xlsx.usul-formasi-cpns"), kind=Kind.INTEGER),
    ]
    short = [
        [k["kode"], k["nama"], k["kurang"], k["isi_promosi_internal"], k["isi_formasi_cpns"]]
        for k in answer["jabatan_kurang"]
    ]
    summary = [
        [t("xlsx.usulan-saja"), t("xlsx.ya")],
        [t("xlsx.kursi"), answer["jumlah_kursi"]],
        [t("xlsx.kursi-terisi-sebelum"), answer["kursi_terisi_sebelum"]],
        [t("xlsx.melebihi-kebutuhan"), answer["pegawai_melebihi_kebutuhan"]],
        [t("xlsx.total-sebelum-kursi"), answer["total_sebelum_kursi"]],
        [t("xlsx.kursi-terisi-optimal"), answer["kursi_terisi_optimal"]],
        [t("xlsx.total-optimal"), answer["total_optimal"]],
        [t("xlsx.rata-sebelum"), answer["rata_rata_sebelum"]],
        [t("xlsx.rata-optimal"), answer["rata_rata_optimal"]],
        [t("xlsx.total-sebelum"), answer["total_sebelum"]],
        [t("xlsx.total-greedy"), answer["total_greedy"]],
        [t("xlsx.pindah-optimal"), answer["pindah_optimal"]],
        [t("xlsx.pindah-greedy"), answer["pindah_greedy"]],
        [t("xlsx.terbukti-optimal"), t("xlsx.ya") if answer["terbukti_optimal"] else t("xlsx.tidak")],
        [t("xlsx.metode"), answer["metode"]],
        [t("xlsx.waktu-solver"), answer["waktu_solver_detik"]],
        *[[t("xlsx.catatan"), c] for c in answer["catatan"]],
    ]
    return write_xlsx(
        [
            Sheet(
                t("xlsx.sheet-ringkasan"),
                [Column(t("xlsx.butir")), Column(t("xlsx.isi"), width=60)],
                summary,
                autofilter=False,
            ),
            Sheet(t("xlsx.sheet-penempatan"), cols, rows),
            Sheet(t("xlsx.sheet-jabatan-kurang"), short_cols, short),
            lembar_keadilan(answer["keadilan"]),
            _grafik_optimasi(answer),
        ]
    )


def _grafik_optimasi(answer: dict[str, Any]) -> Sheet:
    """Total JPM over the same seats now, in the optimal proposal and by the greedy rule, with the
    moves each takes: what the meeting weighs (how much better, for how much disruption). The
    axis starts at 0 so the gain is drawn to scale."""
    rows = [
        [t("xlsx.susunan-sekarang"), answer["total_sebelum_kursi"], 0],
        [t("xlsx.susunan-optimal"), answer["total_optimal"], answer["pindah_optimal"]],
        [t("xlsx.rencana-greedy"), answer["total_greedy"], answer["pindah_greedy"]],
    ]
    columns = [
        Column(t("xlsx.susunan")),
        Column(t("xlsx.total-jpm-kursi"), kind=Kind.DECIMAL),
        Column(t("xlsx.pindah"), kind=Kind.INTEGER),
    ]
    chart = Chart(
        "column",
        t("xlsx.chart-optimasi"),
        categories=0,
        series=[1],
        y_min=0,
        y_title=t("xlsx.total-jpm-kursi"),
    )
    return Sheet(t("xlsx.sheet-grafik-optimasi"), columns, rows, autofilter=False, charts=[chart])
