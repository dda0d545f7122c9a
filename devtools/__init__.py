"""Developer entry points behind the Makefile: run, test, token, bench, lint.

`python3 -m devtools <command>` needs only the standard library: it creates `.venv`, installs
the pinned requirements when they changed, and re-runs the command inside the venv.
"""
