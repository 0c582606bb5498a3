"""Preview latency: edit one file in a served N-case-study project and time how long the
served page takes to show the change (end to end: file save -> watcher -> rebuild -> HTTP).

    python benchmarks/preview.py --n 1000 --edits 5
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import make_project


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode())
    except OSError:
        return ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--edition", default="employers")
    args = parser.parse_args()
    project = make_project(Path(tempfile.mkdtemp(prefix="playbook-preview-")) / "p", args.n)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = open(project / "serve.log", "w")  # noqa: SIM115 - closed below
    start = time.monotonic()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "playbook_builder",
            "serve",
            "--root",
            str(project),
            "--edition",
            args.edition,
            "--port",
            str(port),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    case = "case-00001"
    path = project / "case_studies" / f"{case}.yml"
    original = path.read_text()
    url = f"http://127.0.0.1:{port}/playbook/{args.edition}/case-studies/{case}/"
    try:
        while "Case study 1" not in fetch(url):
            if time.monotonic() - start > 300:
                raise SystemExit("server did not come up")
            time.sleep(0.1)
        print(f"N={args.n}: first build and serve ready in {time.monotonic() - start:.1f} s")
        latencies = []
        for i in range(args.edits):
            marker = f"PREVIEW-EDIT-{i}"
            time.sleep(1.0)  # let the watcher settle between edits
            # Alternate a body edit (one page changes) and a title edit (the page, the
            # case-study index and cluster pages change).
            # Each edit starts from the file as it is, so a body edit changes the body only.
            current = path.read_text()
            if i % 2 == 0:
                edited = current.replace("challenge: ", f"challenge: {marker} ", 1)
            else:
                edited = re.sub(r"(?m)^title: .*$", f"title: Case study 1 {marker}", current)
            path.write_text(edited)
            t0 = time.monotonic()
            while marker not in fetch(url):
                if time.monotonic() - t0 > 60:
                    raise SystemExit("edit never showed")
                time.sleep(0.02)
            latencies.append(time.monotonic() - t0)
            kind = "body" if i % 2 == 0 else "title"
            print(f"  edit {i + 1} ({kind}): visible after {latencies[-1]:.2f} s")
        print(
            f"median {statistics.median(latencies):.2f} s, max {max(latencies):.2f} s "
            f"(target <= 1.5 s: {'ok' if max(latencies) <= 1.5 else 'MISSED'})"
        )
    finally:
        path.write_text(original)
        proc.terminate()
        proc.wait(timeout=20)
        log.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
