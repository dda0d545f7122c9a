"""Job-person match (JPM), the gap matrix (JSON and XLSX) and job families from the competency standards."""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import orjson  # PostgreSQL builds the detail as JSON
from scipy.cluster.hierarchy import fcluster, linkage

from kompetensi.jpm import queries
from kompetensi.jpm.schemas import Keluarga, RumpunBerbeda, RumpunOut
from kompetensi.standar import queries as standar_q
from shared.access import Record, Scope
from shared.db import Session
from shared.errors import NotFound
from shared.rules import load_jpm
from shared.workbook import Column, Kind, Sheet, Styled, write_xlsx

RUMUS = "JPM% = 100 x sum(min(dimiliki, dibutuhkan)) / sum(dibutuhkan); never assessed counts as 0"


async def jpm_for_position(
    session: Session, jabatan_id: uuid.UUID, nips: Sequence[str], band_set: str, detail: bool
) -> dict[str, Any]:
    standar = await queries.standard_of(session, jabatan_id)
    if not standar:
        raise NotFound("standar-missing", id=jabatan_id)
    bands = [(b.kode, b.min) for b in load_jpm().bands[band_set]]
    required = [s["dibutuhkan"] for s in standar]
    items = await queries.for_position(session, jabatan_id, nips, required, bands, detail)
    # PostgreSQL built the items as JSON; pass them through rather than decode 10,000 rows.
    return {
        "jabatan_id": jabatan_id,
        "rumus": RUMUS,
        "kategori_set": band_set,
        "standar": standar,
        "items": orjson.Fragment(items),
    }


async def jpm_for_person(session: Session, nip: str, jabatan_ids: Sequence[uuid.UUID], band_set: str) -> dict[str, Any]:
    rows = await queries.for_person(session, nip, jabatan_ids)
    rules = load_jpm()
    items = [
        {
            "jabatan_id": jid,
            "jpm": round(float(jpm), 2),
            "kategori": rules.kategori(float(jpm), band_set).kode,
            "rincian": orjson.loads(r),
        }
        for jid, jpm, r in rows
    ]
    with_standard = {r[0] for r in rows}
    return {
        "nip": nip,
        "rumus": RUMUS,
        "items": items,
        "tanpa_standar": [j for j in jabatan_ids if j not in with_standard],
    }


async def jpm_own_positions(
    session: Session,
    scope: Scope,
    nips: Sequence[str],
    band_set: str,
    known: Mapping[str, uuid.UUID | None] | None = None,
) -> dict[str, Any]:
    """Each employee the caller reads against its own current position's standard, with the
    per-competency gaps: what a profile shows. The positions come from pegawai with the caller's
    token (one lookup), so an atasan sees its direct reports' match without reaching their
    positions otherwise; one statement for every held level. A caller that reaches every employee
    may say the positions itself (`known`, as the gateway does after reading the records): those
    NIPs are not asked again (its reach needs no check; the answer is the same)."""
    wanted = list(dict.fromkeys(nips))
    given = _known_positions(wanted, known) if known and scope.reaches_all else {}
    ask = [n for n in wanted if n not in given]
    people = {**given, **(await scope.directory.pegawai(scope, ask) if ask else {})}
    placed = [people[n] for n in wanted if n in people and people[n].get("jabatan_id")]
    rows = await queries.gaps(session, [p["nip"] for p in placed], [uuid.UUID(str(p["jabatan_id"])) for p in placed])
    rincian: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for nip, kode, nama, jenis, dibutuhkan, dimiliki, gap in rows:
        item = {"kompetensi_kode": kode, "nama": nama, "jenis": jenis, "dibutuhkan": dibutuhkan}
        rincian[nip].append({**item, "dimiliki": dimiliki, "gap": gap})
    rules = load_jpm()
    items = []
    for p in placed:
        detail = sorted(rincian.get(p["nip"], []), key=lambda r: (r["jenis"], r["kompetensi_kode"]))
        if not detail:
            continue
        # The formula of queries.JPM (shared/rules/jpm.yaml): each held level capped at the required one.
        required = sum(r["dibutuhkan"] for r in detail)
        held = sum(min(r["dimiliki"] or 0, r["dibutuhkan"]) for r in detail)
        jpm = round(100.0 * held / required, 2) if required else 0.0
        items.append(
            {
                "nip": p["nip"],
                "jabatan_id": p["jabatan_id"],
                "jpm": jpm,
                "kategori": rules.kategori(jpm, band_set).kode,
                "rincian": detail,
            }
        )
    matched = {i["nip"] for i in items}
    return {
        "rumus": RUMUS,
        "kategori_set": band_set,
        "items": items,
        "tanpa_jabatan": [n for n in wanted if n in people and not people[n].get("jabatan_id")],
        "tanpa_standar": [p["nip"] for p in placed if p["nip"] not in matched],
        "missing": [n for n in wanted if n not in people],
    }


def _known_positions(wanted: list[str], known: Mapping[str, uuid.UUID | None]) -> dict[str, Record]:
    """The caller's positions of the NIPs asked, keyed as the NIPs were sent; other keys name no NIP
    asked and are ignored (such a NIP is asked of pegawai as without them)."""
    asked = set(wanted)
    return {
        nip: {"nip": nip, "jabatan_id": str(jabatan_id) if jabatan_id else None}
        for nip, jabatan_id in known.items()
        if nip in asked
    }


async def gap_matrix(session: Session, people: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Each placed employee against its own position's standard, and a per-competency summary.
    Built as plain dicts in MatriksGapOut's shape (the response model documents it): a unit's
    matrix has hundreds of rows, which models would build and dump again for nothing."""
    placed = [p for p in people if p.get("jabatan_id")]
    rows = await queries.gaps(session, [p["nip"] for p in placed], [uuid.UUID(str(p["jabatan_id"])) for p in placed])
    gaps: dict[str, dict[str, int]] = defaultdict(dict)
    names: dict[str, str] = {}
    for nip, kode, nama, _jenis, _req, _held, gap in rows:
        gaps[nip][kode] = gap
        names[kode] = nama
    codes = sorted(names)
    summary: list[dict[str, Any]] = []
    for kode in codes:
        values = [g[kode] for g in gaps.values() if kode in g]
        summary.append(
            {
                "kompetensi_kode": kode,
                "nama": names[kode],
                "jumlah_gap": sum(1 for v in values if v < 0),
                "rata_rata_gap": round(sum(values) / len(values), 2) if values else 0.0,
            }
        )
    summary.sort(key=lambda s: (-s["jumlah_gap"], s["kompetensi_kode"]))
    return {
        "kompetensi": codes,
        "pegawai": [
            {
                "nip": p["nip"],
                "nama": p.get("nama_lengkap") or p.get("nama"),
                "jabatan_id": p.get("jabatan_id"),
                "jabatan_nama": p.get("jabatan_nama"),
                "gap": gaps.get(p["nip"], {}),
            }
            for p in placed
        ],
        "ringkasan": summary,
        "tanpa_jabatan": [p["nip"] for p in people if not p.get("jabatan_id")],
    }


BELOW_STANDARD = "F8CBAD"  # a gap below the required level


def gap_xlsx(matrix: dict[str, Any]) -> bytes:
    """The matrix as a workbook: one row per employee, one integer column per competency (gaps
    below the standard highlighted), and the summary. Blocking: run it in a worker thread."""
    cols = [
        Column("NIP", kind=Kind.CODE, width=22),
        Column("Nama"),
        Column("Jabatan"),
        *(Column(kode, kind=Kind.INTEGER) for kode in matrix["kompetensi"]),
    ]
    rows = [
        [
            row["nip"],
            row["nama"],
            row["jabatan_nama"],
            *(
                Styled(g, BELOW_STANDARD) if (g := row["gap"].get(kode)) is not None and g < 0 else g
                for kode in matrix["kompetensi"]
            ),
        ]
        for row in matrix["pegawai"]
    ]
    summary_cols = [
        Column("Kompetensi", kind=Kind.CODE),
        Column("Nama"),
        Column("Pegawai di bawah standar", kind=Kind.INTEGER),
        Column("Rata-rata gap", kind=Kind.DECIMAL),
    ]
    summary = [[s["kompetensi_kode"], s["nama"], s["jumlah_gap"], s["rata_rata_gap"]] for s in matrix["ringkasan"]]
    return write_xlsx([Sheet("Matriks Gap", cols, rows), Sheet("Ringkasan", summary_cols, summary)])


async def people_for_matrix(scope: Scope, unit_id: uuid.UUID | None, nips: list[str] | None) -> list[Record]:
    """The employees of a gap matrix: a unit's serving employees, or the given NIPs (all within reach)."""
    if unit_id is not None:
        return await scope.pegawai_in_unit(unit_id)
    return list((await scope.require_pegawai(nips or [])).values())


async def job_families_in_reach(session: Session, scope: Scope, threshold: float) -> RumpunOut:
    """Families among the positions with a technical standard that the caller reaches."""
    ids = list({row[0] for row in await standar_q.technical_matrix(session)})
    positions = await scope.directory.jabatan(scope, ids)
    return await job_families(session, positions, threshold)


async def job_families(session: Session, positions: dict[uuid.UUID, Record], threshold: float) -> RumpunOut:
    """Cluster positions by their technical standards (managerial levels follow the kind of
    position, not the family, so they would only blur the families)."""
    rows = await standar_q.technical_matrix(session)
    levels: dict[uuid.UUID, dict[str, int]] = defaultdict(dict)
    for jid, kode, level in rows:
        if jid in positions:
            levels[jid][kode] = level
    ids = sorted(levels)
    codes = sorted({k for v in levels.values() for k in v})
    method = f"scipy.cluster.hierarchy average linkage, cosine distance, cut at {threshold}"
    without = sum(1 for p in positions if p not in levels)
    if len(ids) < 2:
        return RumpunOut(metode=method, keluarga=[], berbeda=[], tanpa_standar_teknis=without)
    matrix = np.array([[levels[j].get(c, 0) for c in codes] for j in ids], dtype=float)
    labels = fcluster(linkage(matrix, method="average", metric="cosine"), t=threshold, criterion="distance")
    families: dict[int, list[uuid.UUID]] = defaultdict(list)
    for jid, label in zip(ids, labels, strict=True):
        families[int(label)].append(jid)
    out, mismatched = [], []
    for label, members in sorted(families.items()):
        declared = Counter(positions[m].get("rumpun") for m in members)
        family_rumpun = declared.most_common(1)[0][0]
        used = sorted({c for m in members for c in levels[m]})
        out.append(Keluarga(keluarga=label, rumpun=family_rumpun, anggota=members, kompetensi_teknis=used))
        for m in members:
            if positions[m].get("rumpun") != family_rumpun:
                mismatched.append(
                    RumpunBerbeda(
                        jabatan_id=m,
                        nama=positions[m]["nama"],
                        rumpun_dinyatakan=positions[m].get("rumpun"),
                        rumpun_keluarga=family_rumpun,
                        keluarga=label,
                    )
                )
    return RumpunOut(metode=method, keluarga=out, berbeda=mismatched, tanpa_standar_teknis=without)
