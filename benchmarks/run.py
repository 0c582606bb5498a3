"""Benchmark: `playbook build` against bare `mkdocs build` of the exported trees.

    python benchmarks/run.py                # N = 100, 500, 1000, 5000
    python benchmarks/run.py --sizes 100 1000

For each N it generates N synthetic case studies (with N/4 practices and N/10 metrics),
builds all editions with `playbook build`, exports every edition and builds each export
with bare `mkdocs build` (no plugin of ours), and prints wall time, pages, HTML bytes per
case-study page, peak memory, our own load+validate+render time, and the ratio of
`playbook build` to the sum of the bare builds. Then it checks the targets.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import make_project

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def measured(cmd: list[str], cwd: Path) -> dict[str, float]:
    """Run a command in a fresh child; wall seconds and the largest process's peak RSS."""
    probe = (
        "import json,resource,subprocess,sys,time;"
        "t=time.perf_counter();r=subprocess.run(sys.argv[1:]);w=time.perf_counter()-t;"
        "m=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss;"
        "print(json.dumps({'rc':r.returncode,'wall':w,'rss_mb':m/1024}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, *cmd],
        cwd=cwd,
        env=ENV,
        capture_output=True,
        text=True,
        check=False,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if result["rc"] != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{out.stderr[-3000:]}")
    return result


def core_time(project: Path) -> float:
    """Load + validate + render of every edition, in a fresh process, as `playbook build`
    does it (reading-grade scoring is part of `validate`/`check`, not of a build)."""
    code = (
        "import time,sys;from pathlib import Path;t=time.perf_counter();"
        "from playbook_builder.project import open_project;from playbook_builder.render.edition import render_edition;"
        "t0=time.perf_counter();p=open_project(Path(sys.argv[1]));"
        "[render_edition(p.content,e) for e in p.editions];print(time.perf_counter()-t0)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(project)], capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip())


def run_size(n: int, work: Path) -> dict[str, float]:
    project = make_project(work / f"n{n}", n)
    build = measured([sys.executable, "-m", "playbook_builder", "build"], project)
    site = project / "site"
    pages = sum(1 for _ in site.rglob("index.html")) - 1
    case_pages = list((site / "agencies/case-studies").glob("*/index.html"))
    html_per_case = sum(p.stat().st_size for p in case_pages) / max(1, len(case_pages))
    bare_wall = 0.0
    bare_rss = 0.0
    for edition in ("employers", "jobseekers", "agencies"):
        out = work / f"n{n}-export-{edition}"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "playbook_builder",
                "export",
                "--root",
                str(project),
                "--edition",
                edition,
                "--out",
                str(out),
            ],
            check=True,
            capture_output=True,
            env=ENV,
        )
        bare = measured(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(out / "mkdocs.yml")], out
        )
        bare_wall += bare["wall"]
        bare_rss = max(bare_rss, bare["rss_mb"])
    return {
        "n": n,
        "wall": build["wall"],
        "pages": pages,
        "per_page_ms": 1000 * build["wall"] / pages,
        "html_kb_per_case": html_per_case / 1024,
        "rss_mb": build["rss_mb"],
        "core_s": core_time(project),
        "bare_wall": bare_wall,
        "bare_rss_mb": bare_rss,
        "ratio": build["wall"] / bare_wall,
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 1000, 5000])
    parser.add_argument("--work", type=Path, default=None, help="Keep generated projects here.")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="playbook-bench-"))
    print(f"{os.cpu_count()} cores; work folder {work}")
    header = f"{'N':>6} {'wall s':>8} {'pages':>7} {'ms/page':>8} {'KB/case':>8} {'peak MB':>8} {'core s':>7} {'bare s':>8} {'ratio':>6}"
    print(header)
    rows = []
    for n in args.sizes:
        row = run_size(n, work)
        rows.append(row)
        print(
            f"{row['n']:>6} {row['wall']:>8.1f} {row['pages']:>7} {row['per_page_ms']:>8.2f} "
            f"{row['html_kb_per_case']:>8.1f} {row['rss_mb']:>8.0f} {row['core_s']:>7.2f} "
            f"{row['bare_wall']:>8.1f} {row['ratio']:>6.2f}",
            flush=True,
        )
    by_n = {r["n"]: r for r in rows}
    print("\nTargets:")
    if 1000 in by_n:
        r = by_n[1000]
        print(
            f"  ratio at N=1000 <= 1.0: {r['ratio']:.2f} {'ok' if r['ratio'] <= 1.0 else 'MISSED'}"
        )
        print(
            f"  load+validate+render at N=1000 <= 1 s: {r['core_s']:.2f} s {'ok' if r['core_s'] <= 1.0 else 'MISSED'}"
        )
    if 500 in by_n and 5000 in by_n:
        k = by_n[5000]["per_page_ms"] / by_n[500]["per_page_ms"]
        print(f"  time per page N=5000 vs N=500 <= 1.2x: {k:.2f}x {'ok' if k <= 1.2 else 'MISSED'}")
    worst = max(r["html_kb_per_case"] for r in rows)
    print(
        f"  HTML per case-study page <= 40 KB: {worst:.1f} KB {'ok' if worst <= 40 else 'MISSED'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
