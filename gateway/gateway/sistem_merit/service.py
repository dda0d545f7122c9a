"""The merit system's evidence: each service's count read at once with the caller's token (one
aggregate per figure, never a call per employee), then turned into the answer by bukti.py."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from gateway.compose import Composer
from gateway.sistem_merit import sources
from gateway.sistem_merit.bukti import Agregat, Promosi, susun
from shared.messages import t
from shared.rules import load_jpm, load_sistem_merit
from shared.workbook import Chart, Column, Kind, Sheet, write_xlsx


def jpm_ambang() -> float:
    """The JPM from which an appointee counts as from the talent pool: the optimal band of
    shared/rules/jpm.yaml (a reading until the platform has a talent map)."""
    return next(b.min for b in load_jpm().bands["pemetaan"] if b.kode == "optimal")


async def sistem_merit(
    c: Composer,
    tahun: int,
    today: date,
    unit_id: uuid.UUID | None = None,
    opd_id: uuid.UUID | None = None,
    caller_opd: uuid.UUID | None = None,
) -> dict[str, Any]:
    """The evidence over `unit_id`'s (or `opd_id`'s) subtree, else everything the caller reaches
    (an OPD admin: its OPD, `caller_opd` of its token), for the calendar year `tahun`."""
    rules = load_sistem_merit()
    asked = unit_id or opd_id
    # pegawai's own counts first: a unit out of reach is its 404 before anything else answers.
    jabatan = c.need(sources.JABATAN, c.pegawai.rekap_jabatan(c.token, asked))
    pegawai = c.need(sources.PEGAWAI, c.pegawai.rekap_pegawai(c.token, tahun, asked))
    posisi = c.need(sources.POSISI, sources.posisi(c, asked))
    roots = c.need(sources.UNIT, sources.roots(c, asked, caller_opd))
    # The roster the four counts below run over, read once here for a caller that reaches everyone
    # (the services take it from no one else: anyone else's counts each read pegawai's with its token).
    rosters = c.need(sources.ROSTER, sources.rosters(c, roots)) if c.reaches_all else None
    standar = c.need(sources.STANDAR, sources.standar(c, posisi))
    tahun_ukur = rules.pengukuran_tahun
    pengukuran = c.need(
        sources.PENGUKURAN,
        sources.per_root(
            roots, lambda r, given: c.kompetensi.rekap_asesmen(r, c.token, tahun_ukur, roster=given), rosters
        ),
    )
    jpm = c.need(sources.JPM, sources.jpm(c, pegawai))
    skp = c.need(
        sources.SKP,
        sources.per_root(roots, lambda r, given: c.kinerja.rekap_skp(r, tahun, c.token, roster=given), rosters),
    )
    hukdis = c.need(sources.HUKDIS, c.kinerja.rekap_hukdis(c.token, tahun, asked))
    usulan = c.need(
        sources.USULAN,
        sources.per_root(roots, lambda r, given: c.pengembangan.rekap_usulan(r, tahun, c.token, roster=given), rosters),
    )
    jp = c.need(
        sources.JP,
        sources.per_root(roots, lambda r, given: c.pengembangan.kepatuhan_jp(r, tahun, c.token, roster=given), rosters),
    )
    await c.settle()

    rekap = pegawai.result()
    matched = jpm.result()
    measured = pengukuran.result()
    agregat = Agregat(
        dari=date(tahun, 1, 1),
        sampai=date(tahun, 12, 31),
        jabatan=jabatan.result(),
        posisi=posisi.result(),
        standar=standar.result(),
        pengukuran=sources.total_nested(measured, "per_jenis_jabatan"),
        pengukuran_sejak=date.fromisoformat(str(measured[0]["sejak"])) if measured else date(tahun - tahun_ukur, 1, 1),
        usulan=sources.total(usulan.result(), "disetujui", "relevan", "tidak_relevan", "belum_diperiksa"),
        jp=sources.jp_counts(jp.result()),
        skp=sources.total(skp.result(), "jumlah_pegawai", "dengan_skp", "disetujui", "dengan_predikat"),
        kelengkapan=rekap["kelengkapan"],
        promosi=[Promosi(str(p["nip"]), str(p["jabatan_id"]), matched.get(str(p["nip"]))) for p in rekap["promosi"]],
        jpm_ambang=jpm_ambang(),
        hukdis=hukdis.result(),
    )
    evidence = susun(rules, agregat, t)
    return {
        "cakupan": {
            "unit_id": str(unit_id) if unit_id else None,
            "opd_id": str(opd_id) if opd_id else None,
            "unit_akar": [str(r) for r in roots.result()],
        },
        "tahun": tahun,
        "per_tanggal": today.isoformat(),
        "aturan": {
            "regulation": list(rules.regulation),
            "versi": rules.version,
            "jpm_ambang_talenta": agregat.jpm_ambang,
            "catatan_talenta": t("sistem-merit.talenta-jpm", ambang=f"{agregat.jpm_ambang:g}"),
        },
        **evidence,
    }


# --- the workbook for the self-assessment meeting --------------------------------------------


def _status(code: str) -> str:
    return t(f"sistem-merit-status.{code}")


def _evidence_columns() -> list[Column]:
    return [
        Column(t("sistem-merit-xlsx.aspek"), width=34),
        Column(t("sistem-merit-xlsx.indikator"), width=40),
        Column(t("sistem-merit-xlsx.bukti"), width=44),
        Column(t("sistem-merit-xlsx.pembilang"), kind=Kind.INTEGER),
        Column(t("sistem-merit-xlsx.penyebut"), kind=Kind.INTEGER),
        Column(t("sistem-merit-xlsx.persen"), kind=Kind.DECIMAL),
        Column(t("sistem-merit-xlsx.status"), width=16),
        Column(t("sistem-merit-xlsx.sumber"), kind=Kind.CODE),
        Column(t("sistem-merit-xlsx.catatan"), width=60),
    ]


def _figure_rows(aspek: str, indikator: str, figure: dict[str, Any]) -> list[list[Any]]:
    note = "; ".join(
        x
        for x in (
            figure["catatan"],
            t("sistem-merit-xlsx.periode", dari=figure["periode"]["dari"], sampai=figure["periode"]["sampai"]),
            None if figure["ambang_confirmed"] else t("sistem-merit-xlsx.ambang-belum", ambang=f"{figure['ambang']:g}"),
        )
        if x
    )
    rows = [
        [
            aspek,
            indikator,
            figure["nama"],
            figure["pembilang"],
            figure["penyebut"],
            figure["persen"],
            _status(figure["status"]),
            figure["layanan"],
            note,
        ]
    ]
    for r in figure["rincian"]:
        label = t(
            "sistem-merit-xlsx.rincian", bukti=figure["nama"], kelompok=t(f"sistem-merit-kelompok.{r['kelompok']}")
        )
        rows.append(
            [aspek, indikator, label, r["pembilang"], r["penyebut"], r["persen"], None, figure["layanan"], None]
        )
    return rows


def sistem_merit_xlsx(answer: dict[str, Any]) -> bytes:
    """The evidence as a workbook for the self-assessment meeting: a sheet per framework (aspect,
    indicator, figure, numerator, denominator, share, status, source, note), the indicators the
    platform cannot show, and the share of each evidenced figure with a native bar chart. Values
    only; codes as text. Blocking: run it in a worker thread."""
    rows_2025: list[list[Any]] = []
    figures: dict[str, dict[str, Any]] = {}
    for aspek in answer["kerangka_2025"]["aspek"]:
        for ind in aspek["indikator"]:
            for figure in ind["bukti"]:
                figures[figure["kode"]] = figure
                rows_2025.extend(_figure_rows(aspek["nama"], ind["nama"], figure))
            if ind["alasan_tidak_dapat"]:
                reason = "; ".join(x for x in (ind["alasan_tidak_dapat"]["pesan"], ind["catatan"]) if x)
                rows_2025.append(
                    [aspek["nama"], ind["nama"], None, None, None, None, _status(ind["status"]), None, reason]
                )
    names_2025 = {i["kode"]: i["nama"] for a in answer["kerangka_2025"]["aspek"] for i in a["indikator"]}
    rows_2018: list[list[Any]] = []
    for old in answer["kerangka_2018"]["aspek"]:
        label = f"{old['nama']} ({old['bobot_persen']:g}%)"
        served = ", ".join(names_2025[c] for c in old["setara"])
        for code in old["bukti"]:
            rows_2018.extend(_figure_rows(label, served, figures[code])[:1])
        if not old["bukti"]:
            rows_2018.append(
                [
                    label,
                    served,
                    None,
                    None,
                    None,
                    None,
                    _status(old["status"]),
                    None,
                    t("sistem-merit-xlsx.tanpa-bukti"),
                ]
            )
    cannot = [
        [x["aspek"], x["indikator"], x["nama"], x["kode"], x["pesan"], x["catatan"]] for x in answer["tidak_dapat"]
    ]
    charted = [[f["kode"], f["nama"], f["persen"], f["ambang"]] for f in figures.values() if f["persen"] is not None]
    summary = [
        [t("sistem-merit-xlsx.tahun"), str(answer["tahun"])],
        [t("sistem-merit-xlsx.per-tanggal"), answer["per_tanggal"]],
        [t("sistem-merit-xlsx.jumlah-indikator"), answer["ringkasan"]["indikator"]],
        *([_status(k), answer["ringkasan"][k]] for k in ("terbukti", "sebagian", "tidak_dapat")),
        [t("sistem-merit-xlsx.talenta"), answer["aturan"]["catatan_talenta"]],
        [t("sistem-merit-xlsx.bobot-2018"), answer["kerangka_2018"]["catatan_bobot"]],
        *([t("sistem-merit-xlsx.aturan"), r] for r in answer["aturan"]["regulation"]),
    ]
    return write_xlsx(
        [
            Sheet(
                t("sistem-merit-xlsx.sheet-ringkasan"),
                [Column(t("sistem-merit-xlsx.uraian"), width=30), Column(t("sistem-merit-xlsx.nilai"), width=100)],
                summary,
                autofilter=False,
            ),
            Sheet(t("sistem-merit-xlsx.sheet-2025"), _evidence_columns(), rows_2025),
            Sheet(t("sistem-merit-xlsx.sheet-2018"), _evidence_columns(), rows_2018),
            Sheet(
                t("sistem-merit-xlsx.sheet-tidak-dapat"),
                [
                    Column(t("sistem-merit-xlsx.aspek"), kind=Kind.CODE),
                    Column(t("sistem-merit-xlsx.kode"), kind=Kind.CODE),
                    Column(t("sistem-merit-xlsx.indikator"), width=50),
                    Column(t("sistem-merit-xlsx.alasan"), kind=Kind.CODE),
                    Column(t("sistem-merit-xlsx.keterangan"), width=80),
                    Column(t("sistem-merit-xlsx.catatan"), width=60),
                ],
                cannot,
            ),
            Sheet(
                t("sistem-merit-xlsx.sheet-grafik"),
                [
                    Column(t("sistem-merit-xlsx.kode"), kind=Kind.CODE),
                    Column(t("sistem-merit-xlsx.bukti"), width=50),
                    Column(t("sistem-merit-xlsx.persen"), kind=Kind.DECIMAL),
                    Column(t("sistem-merit-xlsx.ambang"), kind=Kind.DECIMAL),
                ],
                charted,
                autofilter=False,
                charts=[
                    Chart(
                        "bar",
                        t("sistem-merit-xlsx.chart"),
                        categories=1,
                        series=[2],
                        x_title=t("sistem-merit-xlsx.bukti"),
                        y_title=t("sistem-merit-xlsx.persen"),
                        height_cm=14.0,
                    )
                ],
            ),
        ]
    )
