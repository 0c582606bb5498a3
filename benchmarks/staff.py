"""The waits staff feel, side by side: each comparison's two sides measured in one run,
interleaved, median of --runs (default 5) each.

    python benchmarks/staff.py                 # bundled content, then 1,000 case studies
    python benchmarks/staff.py --no-large      # bundled content only

1. `playbook validate` on the bundled content, caches warm (the pre-commit hook).
2. `playbook serve --edition employers` against `mkdocs serve -f mkdocs.employers.yml`:
   from starting the command to the first page returning HTTP 200 on 127.0.0.1.
3. `playbook build` against bare `mkdocs build` of every edition's export, summed,
   on the bundled content.
4. The same at 1,000 synthetic case studies (benchmarks/synthetic.py).

Each project is a copy in a temporary folder, so the checkout's own caches and site
are left alone. Servers are stopped after each measurement. Beside each wall time is
the CPU time the commands used (user + system), which moves less than wall time on a
machine shared with other work.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import REPO, make_project

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
PLAYBOOK = [sys.executable, "-m", "playbook_builder"]
MKDOCS = [sys.executable, "-m", "mkdocs"]


def copy_bundled(target: Path) -> Path:
    """The bundled content and configs, as a project of its own."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for path in REPO.glob("mkdocs*.yml"):
        shutil.copy(path, target / path.name)
    for folder in ("content", "case_studies", "overlays", "docs"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, target / folder)
    return target


def edition_ids(project: Path) -> list[str]:
    from playbook_builder.editions import discover_editions

    return [e.id for e in discover_editions(project)]


class Sample:
    """Wall and CPU seconds of one measurement."""

    def __init__(self, wall: float, cpu: float) -> None:
        self.wall, self.cpu = wall, cpu

    def __add__(self, other: Sample) -> Sample:
        return Sample(self.wall + other.wall, self.cpu + other.cpu)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str], cwd: Path) -> Sample:
    cpu = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=ENV, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{done.stderr[-3000:]}")
    return Sample(elapsed, _children_cpu() - cpu)


def _process_cpu(pid: int) -> float:
    """User + system seconds a running process has used so far (Linux; else 0)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            response.read()
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return 0


def first_page(cmd: Callable[[int], list[str]], cwd: Path, path: str) -> Sample:
    """Seconds from starting a server to its first page answering 200; then stop it."""
    port = free_port()
    url = f"http://127.0.0.1:{port}{path}"
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd(port), cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        while _status(url) != 200:
            if proc.poll() is not None:
                raise SystemExit(f"server stopped: {' '.join(cmd(port))}")
            if time.perf_counter() - start > 300:
                raise SystemExit(f"no page after 300 s: {url}")
            time.sleep(0.02)
        return Sample(time.perf_counter() - start, _process_cpu(proc.pid))
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def median(values: list[Sample]) -> Sample:
    return Sample(
        statistics.median(v.wall for v in values), statistics.median(v.cpu for v in values)
    )


def spread(values: list[Sample]) -> str:
    return f"{min(v.wall for v in values):.2f}-{max(v.wall for v in values):.2f}"


def compare(ours: list[Sample], bare: list[Sample], name: str) -> tuple[str, float]:
    a, b = median(ours), median(bare)
    ratio = a.wall / b.wall
    text = (
        f"{a.wall:.2f} s ({spread(ours)}) vs {name} {b.wall:.2f} s ({spread(bare)}): "
        f"{ratio:.2f}x; CPU {a.cpu:.2f} s vs {b.cpu:.2f} s: {a.cpu / b.cpu:.2f}x"
    )
    return text, ratio


def measure_validate(project: Path, runs: int) -> list[Sample]:
    cmd = [*PLAYBOOK, "validate", "--root", str(project)]
    timed(cmd, project)  # warm the caches, as a pre-commit hook finds them
    return [timed(cmd, project) for _ in range(runs)]


def measure_serve(project: Path, runs: int, edition: str) -> tuple[list[Sample], list[Sample]]:
    mount = f"/playbook/{edition}/"
    ours: list[Sample] = []
    bare: list[Sample] = []
    timed([*PLAYBOOK, "validate", "--root", str(project)], project)  # warm caches
    for _ in range(runs):
        ours.append(
            first_page(
                lambda port: [
                    *PLAYBOOK,
                    "serve",
                    "--root",
                    str(project),
                    "--edition",
                    edition,
                    "--port",
                    str(port),
                ],
                project,
                mount,
            )
        )
        bare.append(
            first_page(
                lambda port: [
                    *MKDOCS,
                    "serve",
                    "-f",
                    str(project / f"mkdocs.{edition}.yml"),
                    "-a",
                    f"127.0.0.1:{port}",
                ],
                project,
                mount,
            )
        )
    return ours, bare


def measure_build(project: Path, runs: int, work: Path) -> tuple[list[Sample], list[Sample]]:
    exports = []
    for edition in edition_ids(project):
        out = work / f"{project.name}-export-{edition}"
        if out.exists():
            shutil.rmtree(out)
        timed(
            [*PLAYBOOK, "export", "--root", str(project), "--edition", edition, "--out", str(out)],
            project,
        )
        exports.append(out)
    ours: list[Sample] = []
    bare: list[Sample] = []
    for _ in range(runs):
        ours.append(timed([*PLAYBOOK, "build", "--root", str(project)], project))
        total = Sample(0.0, 0.0)
        for out in exports:
            total += timed([*MKDOCS, "build", "-q", "-f", str(out / "mkdocs.yml")], out)
        bare.append(total)
    return ours, bare


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--edition", default="employers")
    parser.add_argument("--large", type=int, default=1000, help="Case studies for row 4.")
    parser.add_argument("--no-large", action="store_true", help="Leave out row 4.")
    parser.add_argument("--work", type=Path, default=None, help="Keep projects here.")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="playbook-staff-"))
    bundled = copy_bundled(work / "bundled")
    print(f"{os.cpu_count()} cores; median of {args.runs} runs each; work folder {work}")

    rows: list[tuple[str, str, str, str]] = []

    def show(what: str, result: str, target: str, ok: bool) -> None:
        rows.append((what, result, target, "ok" if ok else "MISSED"))
        print(f"{what}: {result} (target {target}: {'ok' if ok else 'MISSED'})", flush=True)

    validate = measure_validate(bundled, args.runs)
    m = median(validate)
    show(
        "playbook validate, bundled, warm",
        f"{m.wall:.2f} s ({spread(validate)}); CPU {m.cpu:.2f} s",
        "<= 0.8 s",
        m.wall <= 0.8,
    )

    text, ratio = compare(*measure_serve(bundled, args.runs, args.edition), "mkdocs serve")
    show(f"serve --edition {args.edition}: start to first page", text, "<= 1.00x", ratio <= 1.0)

    text, ratio = compare(*measure_build(bundled, args.runs, work), "bare")
    show(
        "playbook build vs bare mkdocs build of the exports, bundled",
        text,
        "<= 1.00x",
        ratio <= 1.0,
    )

    if not args.no_large:
        large = make_project(work / f"n{args.large}", args.large)
        text, ratio = compare(*measure_build(large, args.runs, work), "bare")
        show(f"the same at {args.large:,} case studies", text, "<= 0.80x", ratio <= 0.8)

    print("\n| what | measured | target | |\n|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
