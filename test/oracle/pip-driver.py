"""Runs pip install commands given one per line (a JSON list of args) in one process, so pip is imported once.

Answers one JSON line per command: {"rc": int, "stdout": str, "stderr": str}.
"""
import contextlib
import io
import json
import logging
import sys

from pip._internal.cli.main import main as pip_main

for line in sys.stdin:
    args = json.loads(line)
    out, err = io.StringIO(), io.StringIO()
    for handler in list(logging.root.handlers):
        logging.root.removeHandler(handler)
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            rc = pip_main(args)
        except SystemExit as exc:
            rc = exc.code if isinstance(exc.code, int) else 1
    sys.__stdout__.write(json.dumps({"rc": rc, "stdout": out.getvalue(), "stderr": err.getvalue()}) + "\n")
    sys.__stdout__.flush()
