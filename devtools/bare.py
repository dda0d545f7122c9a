"""The benchmark's bare tier: FastAPI on asyncpg alone, answering each scenario with the services' SQL and JSON.

It is what a hand-written app would cost: a bearer token checked with PyJWT (HS256), the request's
values bound into SQL compiled once from the services' own statements (devtools.sql.sql_of, as the
floor runs it), and orjson over the rows. No ORM, no session, no middleware, no validation beyond
what fixes the SQL parameters and the answer (NIPs go through shared.nip.split_nips, which
normalises them and names the invalid ones). It serves only the shapes `make bench` asks for and
answers 400 to anything else. Started by devtools.bench as `python -m devtools.bare`.
"""

from __future__ import annotations

import gc
import os
import uuid
from collections import defaultdict
from collections.abc import AsyncIterator, Callable, Hashable, Mapping
from contextlib import asynccontextmanager
from datetime import date
from typing import Any

import asyncpg
import jwt
import orjson
import uvicorn
from fastapi import FastAPI, Request
from starlette.responses import Response

from devtools.pg import libpq
from devtools.sql import sql_of
from shared.db import SESSION_SETTINGS
from shared.settings import ServiceSettings

Values = Mapping[str, Any]
Slot = Callable[[Values], Any]
MARKER_INT = 7_000_000  # far from any limit, offset, rank or constant the statements carry


def _key(value: Any) -> Hashable:
    return ("list", tuple(value)) if isinstance(value, list) else (type(value).__name__, value)


def _marker(i: int, value: Any, array: bool) -> Any:
    if isinstance(value, uuid.UUID):
        return uuid.UUID(int=MARKER_INT + i)
    if isinstance(value, bool):
        raise TypeError("booleans are not markers; pass them as fixed")
    if isinstance(value, int):
        return MARKER_INT + i
    if isinstance(value, str):
        return f"Mk{i}Q"  # upper case: the search's lower-cased copy is a distinct value
    if isinstance(value, list):
        return [f"Mk{i}A"] if array else [f"Mk{i}Q{j}" for j in range(len(value))]
    raise TypeError(f"no marker for {type(value).__name__}")


class Template:
    """SQL compiled once from a statement built with marker values; `slots` put a request's values
    in the markers' places, so a request costs no statement construction or compilation."""

    def __init__(self, build: Callable[[Values], Any], markers: Values, fixed: Values) -> None:
        self.sql, compiled = sql_of(build({**markers, **fixed}))
        where: dict[Hashable, Slot] = {}
        for name, marker in markers.items():
            where[_key(marker)] = lambda v, n=name: v[n]
            if isinstance(marker, list):
                for i, item in enumerate(marker):
                    where[_key(item)] = lambda v, n=name, i=i: v[n][i]
            elif isinstance(marker, str):
                where[_key(marker.lower())] = lambda v, n=name: v[n].lower()
        self.slots = [where.get(_key(a), lambda v, a=a: a) for a in compiled]
        used = {_key(a) for a in compiled}
        lost = [
            n
            for n, m in markers.items()
            if _key(m) not in used and not (isinstance(m, list) and all(_key(x) in used for x in m))
        ]
        if lost:  # a value baked into the SQL text (or transformed) cannot be swapped per request
            raise ValueError(f"values not found among the parameters: {lost}")


class Statements:
    """Templates of one statement builder, one per shape (which values are present, list lengths,
    and the `fixed` values that change the SQL text itself)."""

    def __init__(self, build: Callable[[Values], Any], arrays: frozenset[str] = frozenset()) -> None:
        self.build = build
        self.arrays = arrays
        self.cache: dict[Hashable, Template] = {}

    def args(self, values: Values, **fixed: Any) -> tuple[str, list[Any]]:
        present = {k: v for k, v in values.items() if v is not None}
        shape = (
            tuple((k, len(v) if isinstance(v, list) and k not in self.arrays else -1) for k, v in present.items()),
            tuple(sorted(fixed.items())),
        )
        template = self.cache.get(shape)
        if template is None:
            markers = {k: _marker(i, v, k in self.arrays) for i, (k, v) in enumerate(present.items())}
            template = self.cache[shape] = Template(self.build, markers, fixed)
        return template.sql, [slot(present) for slot in template.slots]


def _json(content: Any, status: int = 200) -> Response:
    # The services' options (shared.responses.json_response), so the bytes are theirs.
    return Response(
        orjson.dumps(content, default=str, option=orjson.OPT_NON_STR_KEYS), status, media_type="application/json"
    )


def _refuse(status: int, why: str) -> Response:
    return _json({"status": status, "detail": why}, status)


def _pegawai_statements() -> tuple[Statements, Statements, Statements]:
    from pegawai.pegawai.queries import PegawaiFilter, by_nips_statement, list_statement, roster_statement
    from pegawai.reach import Reached
    from shared.pagination import windowed

    everything = Reached(None, None)  # the bench reads as admin_bkpsdm, who reaches every unit

    def page(m: Values) -> Any:
        f = PegawaiFilter(
            unit_id=m.get("unit_id"),
            golongan_min_rank=m.get("golongan_min_rank"),
            pendidikan_min_rank=m.get("pendidikan_min_rank"),
            kedudukan=m.get("kedudukan"),
            q=m.get("q"),
        )
        return windowed(list_statement(f, everything), m["limit"], m["offset"])

    return (
        Statements(page),
        Statements(lambda m: by_nips_statement(m["nips"], everything), frozenset({"nips"})),
        Statements(lambda m: roster_statement(m["unit_id"], m["kedudukan"], everything), frozenset({"kedudukan"})),
    )


def _kinerja_statement() -> Statements:
    from kinerja.skp.queries import history_statement

    return Statements(lambda m: history_statement(None).params(nips=m["nips"]), frozenset({"nips"}))


def _pengembangan_statement() -> Statements:
    from pengembangan.jp.queries import totals_statement

    return Statements(lambda m: totals_statement().params(nips=m["nips"], tahun=m["tahun"]), frozenset({"nips"}))


def _kompetensi_statements() -> tuple[Statements, Statements, Statements]:
    from kompetensi.jpm.queries import for_position_sql, gaps_sql, standard_of_sql

    return (
        Statements(lambda m: standard_of_sql(m["jabatan_id"])),
        Statements(
            lambda m: for_position_sql(m["jabatan_id"], m["nips"], m["required"], m["bands"], m["detail"]),
            frozenset({"nips"}),
        ),
        Statements(lambda m: gaps_sql(m["nips"], m["jabatan_ids"]), frozenset({"nips", "jabatan_ids"})),
    )


LIST_PARAMS = {"unit_id", "golongan_min", "pendidikan_min", "kedudukan", "q", "limit", "offset"}


def create_app() -> FastAPI:
    from kompetensi.jpm.service import RUMUS
    from pegawai.pegawai.schemas import nama_lengkap, out_dict
    from shared.kepegawaian import SERVING_VALUES
    from shared.nip import split_nips
    from shared.rules import load_golongan, load_jpm, load_pendidikan, load_skp
    from shared.types import valid_nips

    settings = ServiceSettings(service_name="bare")
    key, issuer = settings.jwt_dev_secret.get_secret_value(), settings.jwt_dev_issuer
    from pengembangan.jp.service import ketentuan, verdict

    services = ("pegawai", "kompetensi", "kinerja", "pengembangan")
    urls = {s: os.environ.get(f"{s.upper()}_DATABASE_URL") for s in services}
    pools: dict[str, asyncpg.Pool] = {}
    page, by_nips, roster = _pegawai_statements()
    standard, jpm_items, gaps = _kompetensi_statements()
    golongan, pendidikan, jpm_rules = load_golongan(), load_pendidikan(), load_jpm()
    history = _kinerja_statement()
    predikat_names = {k: p.nama for k, p in load_skp().predikat.items()}
    jp_totals = _pengembangan_statement()
    jp_rules = ketentuan().model_dump()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        for name, url in urls.items():
            if url:
                pools[name] = await asyncpg.create_pool(
                    libpq(url), min_size=2, max_size=10, server_settings=SESSION_SETTINGS
                )
        gc.collect()
        gc.freeze()  # as the services do after startup
        try:
            yield
        finally:
            for pool in pools.values():
                await pool.close()

    app = FastAPI(title="bench: bare tier", lifespan=lifespan, openapi_url=None, docs_url=None, redoc_url=None)

    def authenticated(request: Request) -> bool:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            return False
        try:
            jwt.decode(token, key, algorithms=["HS256"], issuer=issuer, options={"require": ["exp", "sub"]})
        except jwt.PyJWTError:
            return False
        return True

    @app.get("/readyz")
    async def readyz() -> Response:
        return _json({"status": "ready"})

    @app.get("/api/v1/pegawai")
    async def pegawai_list(request: Request) -> Response:
        if not authenticated(request):
            return _refuse(401, "token")
        qp = request.query_params
        if set(qp) - LIST_PARAMS:
            return _refuse(400, f"the bare tier does not serve {sorted(set(qp) - LIST_PARAMS)}")
        q = qp["q"].strip() if "q" in qp else None
        if q is not None and q.replace(" ", "").isdigit():
            return _refuse(400, "the bare tier does not serve NIP searches")
        values = {
            "unit_id": uuid.UUID(qp["unit_id"]) if "unit_id" in qp else None,
            "golongan_min_rank": golongan.rank(qp.get("golongan_min")),
            "pendidikan_min_rank": pendidikan.comparison_rank(qp.get("pendidikan_min")),
            "kedudukan": qp.getlist("kedudukan") or None,
            "q": q,
            "limit": int(qp.get("limit", 50)),
            "offset": int(qp.get("offset", 0)),
        }
        sql, args = page.args(values)
        rows = await pools["pegawai"].fetch(sql, *args)
        if not rows and values["offset"]:
            return _refuse(400, "the bare tier does not count past the last page")
        total = int(rows[0]["__total"]) if rows else 0
        return _json(
            {"items": [out_dict(r) for r in rows], "total": total, "limit": values["limit"], "offset": values["offset"]}
        )

    @app.post("/api/v1/pegawai/lookup")
    async def pegawai_lookup(request: Request) -> Response:
        if not authenticated(request):
            return _refuse(401, "token")
        valid, refused = split_nips(orjson.loads(await request.body())["nips"])
        sql, args = by_nips.args({"nips": valid})
        rows = await pools["pegawai"].fetch(sql, *args)
        found = {r["nip"] for r in rows}
        return _json(
            {
                "items": [out_dict(r) for r in rows],
                "missing": [n for n in dict.fromkeys(valid) if n not in found],
                "invalid": [{"nip": raw, "error": reason} for raw, reason in refused],
            }
        )

    @app.post("/api/v1/jpm/jabatan/{jabatan_id}")
    async def jpm_jabatan(jabatan_id: str, request: Request) -> Response:
        if not authenticated(request):
            return _refuse(401, "token")
        body = orjson.loads(await request.body())
        jid, band_set, detail = uuid.UUID(jabatan_id), body.get("kategori", "pemetaan"), bool(body.get("rinci", True))
        nips = list(dict.fromkeys(valid_nips(body["nips"])))  # normalised NIPs are the SQL's parameter
        pool = pools["kompetensi"]
        sql, args = standard.args({"jabatan_id": jid})
        standar = [dict(r) for r in await pool.fetch(sql, *args)]
        if not standar:
            return _refuse(404, "standar-missing")
        bands = tuple((b.kode, b.min) for b in jpm_rules.bands[band_set])
        required = tuple(s["dibutuhkan"] for s in standar)
        sql, args = jpm_items.args({"jabatan_id": jid, "nips": nips}, required=required, bands=bands, detail=detail)
        items = await pool.fetchval(sql, *args)
        return _json(
            {
                "jabatan_id": jid,
                "rumus": RUMUS,
                "kategori_set": band_set,
                "standar": standar,
                "items": orjson.Fragment(items),
            }
        )

    @app.post("/api/v1/matriks-gap")
    async def matriks_gap(request: Request) -> Response:
        if not authenticated(request):
            return _refuse(401, "token")
        body = orjson.loads(await request.body())
        if body.get("nips") is not None or body.get("format", "json") != "json" or not body.get("unit_id"):
            return _refuse(400, "the bare tier serves the JSON matrix of a unit only")
        sql, args = roster.args({"unit_id": uuid.UUID(body["unit_id"]), "kedudukan": list(SERVING_VALUES)})
        people = await pools["pegawai"].fetch(sql, *args)
        placed = [p for p in people if p["jabatan_id"] is not None]
        sql, args = gaps.args({"nips": [p["nip"] for p in placed], "jabatan_ids": [p["jabatan_id"] for p in placed]})
        by_nip: dict[str, dict[str, int]] = defaultdict(dict)
        names: dict[str, str] = {}
        for nip, kode, nama, _jenis, _req, _held, gap in await pools["kompetensi"].fetch(sql, *args):
            by_nip[nip][kode] = gap
            names[kode] = nama
        codes = sorted(names)
        summary = []
        for kode in codes:  # kompetensi.jpm.service.gap_matrix, without its models
            values = [g[kode] for g in by_nip.values() if kode in g]
            summary.append(
                {
                    "kompetensi_kode": kode,
                    "nama": names[kode],
                    "jumlah_gap": sum(1 for v in values if v < 0),
                    "rata_rata_gap": round(sum(values) / len(values), 2) if values else 0.0,
                }
            )
        summary.sort(key=lambda s: (-s["jumlah_gap"], s["kompetensi_kode"]))
        return _json(
            {
                "kompetensi": codes,
                "pegawai": [
                    {
                        "nip": p["nip"],
                        "nama": nama_lengkap(p["nama"], p["gelar_depan"], p["gelar_belakang"]),
                        "jabatan_id": p["jabatan_id"],
                        "jabatan_nama": p["jabatan_nama"],
                        "gap": by_nip.get(p["nip"], {}),
                    }
                    for p in placed
                ],
                "ringkasan": summary,
                "tanpa_jabatan": [p["nip"] for p in people if p["jabatan_id"] is None],
            }
        )

    @app.post("/api/v1/predikat-kinerja/bulk")
    async def predikat_bulk(request: Request) -> Response:
        if not authenticated(request):
            return _refuse(401, "token")
        body = orjson.loads(await request.body())
        nips = valid_nips(body["nips"])
        since = date.today().year - int(body.get("tahun_terakhir", 3))
        sql, args = history.args({"nips": nips})
        by_nip: dict[str, list[dict[str, Any]]] = {n: [] for n in nips}
        for nip, tahun, predikat, sumber, skala, nilai in await pools["kinerja"].fetch(sql, *args):
            by_nip[nip].append(
                {
                    "tahun": tahun,
                    "predikat": predikat,
                    "predikat_nama": predikat_names.get(predikat, predikat),
                    "sumber": sumber,
                    "skala": skala,
                    "nilai": float(nilai) if nilai is not None else None,
                }
            )
        items = [
            {"nip": n, "terakhir": h[0] if h else None, "riwayat": [e for e in h if e["tahun"] >= since]}
            for n, h in by_nip.items()
        ]
        return _json({"items": items, "missing": []})

    @app.post("/api/v1/jp/bulk")
    async def jp_bulk(request: Request) -> Response:
        if not authenticated(request):
            return _refuse(401, "token")
        body = orjson.loads(await request.body())
        nips = list(dict.fromkeys(valid_nips(body["nips"])))
        tahun, given = int(body["tahun"]), body.get("status") or {}
        sql, args = jp_totals.args({"nips": nips, "tahun": tahun})
        totals = {nip: total for nip, total in await pools["pengembangan"].fetch(sql, *args)}
        verdicts: dict[tuple[int, str | None], dict[str, Any]] = {}
        items = []
        for nip in nips:  # pengembangan.jp.service.bulk, without its reach
            key = (totals.get(nip, 0), given.get(nip))
            shared = verdicts.get(key)
            if shared is None:
                shared = verdicts[key] = verdict(*key)
            items.append({"nip": nip, "total_jp": key[0], **shared})
        return _json({"tahun": tahun, "ketentuan": jp_rules, "items": items, "missing": []})

    return app


def main() -> None:
    settings = ServiceSettings(service_name="bare")
    # shared/serve.py's settings: one worker, no access log; uvloop and httptools named explicitly.
    uvicorn.run(
        "devtools.bare:create_app",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=1,
        loop="uvloop",
        http="httptools",
        log_level="warning",
        access_log=False,
        proxy_headers=True,
    )


if __name__ == "__main__":
    main()
