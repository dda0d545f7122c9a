"""`make openapi-ts`: the TypeScript types a frontend team generates from each app's OpenAPI compile.

Writes every app's document to a temporary folder, generates its types with openapi-typescript and
compiles them with `tsc --strict --noEmit` (library checks included: no skipLibCheck), together with
every example the document shows, typed as its schema, so an example a generated client could not
hold fails too. Both tools are pinned and installed with npm into the temporary folder: nothing is
written to the checkout. Needs Node 18+ and npm.

    make openapi-ts                                          # the five apps' documents and the merged one
    make openapi-ts ARGS="--gateway http://127.0.0.1:8000"   # plus the merged one a running gateway serves
    make openapi-ts ARGS="--keep /tmp/asn-ts"                # keep the documents and the .ts files there
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path
from typing import Any

from devtools.apps import APPS

OPENAPI_TYPESCRIPT = "7.13.0"
TYPESCRIPT = "5.9.3"  # openapi-typescript 7 declares typescript ^5 as its peer
# openapi-typescript's default makes a property with a `default` non-optional everywhere (its issue
# #2489), so a request would have to send every defaulted field (paksa, rinci, kedudukan ...). Answers
# list every field they always send in `required`, so turning that off loses nothing.
GENERATOR_FLAGS = ["--default-non-nullable", "false"]
TSC_FLAGS = ["--strict", "--noEmit", "--target", "es2022", "--module", "esnext", "--moduleResolution", "bundler"]


def say(msg: str) -> None:
    print(f"[openapi-ts] {msg}", flush=True)


def documents() -> dict[str, dict[str, Any]]:
    """Each app's document, as its /openapi.json serves it. The apps need a development key only to
    start in development mode; the document does not depend on it, so a throw-away one will do."""
    os.environ.setdefault("JWT_DEV_SECRET", secrets.token_urlsafe(48))
    docs = {app.name: importlib.import_module(f"{app.name}.app").create_app().openapi() for app in APPS}
    # The gateway's merged document, made by the function the gateway serves it with.
    merge = importlib.import_module("gateway.openapi").merge
    services = importlib.import_module("gateway.routing").SERVICES
    docs["gateway-merged"] = merge(docs["gateway"], {s: docs[s] for s in services})
    return docs


def fetch_merged(base_url: str) -> dict[str, Any]:
    """The merged document a running gateway serves (gateway/gateway/openapi.py)."""
    with urllib.request.urlopen(base_url.rstrip("/") + "/openapi.json", timeout=30) as response:
        doc: dict[str, Any] = json.load(response)
    if unavailable := doc.get("info", {}).get("x-services-unavailable"):
        say(f"warning: the gateway could not reach {', '.join(unavailable)}; their paths are missing")
    return doc


def install_tools(folder: Path) -> Path:
    """openapi-typescript and typescript at their pinned versions, in `folder` (no package.json or lock
    file is kept anywhere else); answers the folder holding their commands."""
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        raise SystemExit("[openapi-ts] Node.js 18+ and npm are required (https://nodejs.org)")
    say(f"installing openapi-typescript@{OPENAPI_TYPESCRIPT} and typescript@{TYPESCRIPT} into {folder} ...")
    subprocess.run(
        [
            npm,
            "install",
            "--prefix",
            str(folder),
            "--no-save",
            "--no-package-lock",
            "--no-audit",
            "--no-fund",
            "--ignore-scripts",
            "--loglevel",
            "error",
            f"openapi-typescript@{OPENAPI_TYPESCRIPT}",
            f"typescript@{TYPESCRIPT}",
        ],
        check=True,
    )
    return folder / "node_modules" / ".bin"


def examples_module(name: str, doc: dict[str, Any]) -> str:
    """A module declaring each example of each component schema as a constant of its generated type:
    the compiler then refuses an example with a wrong type, a missing field or an unknown one."""
    lines = [f'import type {{ components }} from "./{name}";', ""]
    for schema_name, schema in sorted(doc.get("components", {}).get("schemas", {}).items()):
        for i, example in enumerate(schema.get("examples", [])):
            ident = re.sub(r"\W", "_", f"{schema_name}_{i}")
            lines.append(
                f'export const {ident}: components["schemas"][{json.dumps(schema_name)}] = {json.dumps(example)};'
            )
    return "\n".join(lines) + "\n"


def check(docs: dict[str, dict[str, Any]], work: Path, tools: Path) -> list[str]:
    """Generate and compile each document's types; answers the names that failed."""
    failed = []
    for name, doc in docs.items():
        folder = work / name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "openapi.json").write_text(json.dumps(doc, indent=2, ensure_ascii=False), encoding="utf-8")
        generated = subprocess.run(
            [
                str(tools / "openapi-typescript"),
                str(folder / "openapi.json"),
                *GENERATOR_FLAGS,
                "--output",
                str(folder / f"{name}.ts"),
            ],
            capture_output=True,
            text=True,
        )
        if generated.returncode != 0:
            say(f"{name}: openapi-typescript failed\n{generated.stdout}{generated.stderr}")
            failed.append(name)
            continue
        (folder / "examples.ts").write_text(examples_module(name, doc), encoding="utf-8")
        compiled = subprocess.run(
            [str(tools / "tsc"), *TSC_FLAGS, str(folder / f"{name}.ts"), str(folder / "examples.ts")],
            capture_output=True,
            text=True,
        )
        count = sum(len(s.get("examples", [])) for s in doc.get("components", {}).get("schemas", {}).values())
        if compiled.returncode != 0:
            say(f"{name}: tsc failed\n{compiled.stdout}{compiled.stderr}")
            failed.append(name)
        else:
            say(f"{name}: {len(doc.get('paths', {}))} paths, {count} examples: types compile")
    return failed


def main(args: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="make openapi-ts", description=__doc__.splitlines()[0])
    parser.add_argument("--gateway", metavar="URL", help="also check the merged document of a running gateway")
    parser.add_argument("--keep", metavar="DIR", type=Path, help="write everything to DIR and keep it")
    options = parser.parse_args(args)
    docs = documents()
    if options.gateway:
        docs["gateway-served"] = fetch_merged(options.gateway)
    with tempfile.TemporaryDirectory(prefix="asn-openapi-ts-") as tmp:
        work = options.keep or Path(tmp)
        tools = install_tools(Path(tmp) / "tools")
        failed = check(docs, work, tools)
        tsc = subprocess.run([str(tools / "tsc"), "--version"], capture_output=True, text=True).stdout.strip()
    say(f"openapi-typescript {OPENAPI_TYPESCRIPT} {' '.join(GENERATOR_FLAGS)}; {tsc}: tsc {' '.join(TSC_FLAGS)}")
    if failed:
        say(f"failed: {', '.join(failed)}")
        return 1
    say("all documents generate types that compile")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
