"""Lighthouse 12 mobile scores of the site's pages, served gzip-compressed.

    python benchmarks/lighthouse.py [--site site] [--page PATH]... [--lighthouse DIR]
                                    [--runs 5] [--json out.json]

Default pages: one of each page type the jobseekers read (offer checklist, rights, a
state), in English and Spanish, and one of each other type in the employers and agencies
editions. Each page gets Lighthouse's four categories (performance, accessibility, best
practices, SEO); the median of the runs is printed per page with the audits that cost
points, so a score below 100 says what to fix.

Serves the built site on 127.0.0.1 with a small handler that gzips text responses (as a
static host would), and runs Lighthouse 12's mobile performance audit on the page with
Debian's chromium (CHROME_PATH, default /usr/bin/chromium). Lighthouse comes from the npm
registry: with --lighthouse DIR it is run from DIR/node_modules/.bin/lighthouse (install it
with `npm install --prefix DIR lighthouse@12`); without, it is installed into a temporary
folder first. Nothing is fetched by the page from anywhere but 127.0.0.1.

Prints, per run and as the median: the performance score (target 95 or more), the page
weight (bytes transferred, gzip), the number of requests and the main timings. This is a
benchmark, not a test: the numbers depend on the machine, and no test times anything.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any, ClassVar

TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")
CHROME_FLAGS = " ".join(
    [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
    ]
)


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, with text gzipped (level 6) when the client accepts it."""

    TYPES: ClassVar[dict[str, str]] = {
        ".js": "application/javascript",
        ".mjs": "application/javascript",
        ".json": "application/json",
        ".svg": "image/svg+xml",
    }

    def guess_type(self, path: str | os.PathLike[str]) -> str:
        return self.TYPES.get(Path(path).suffix) or super().guess_type(path)

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's URL
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        kind = self.guess_type(str(path))
        if not accepts or not path.is_file() or not kind.startswith(TEXT_TYPES):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header(
            "Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else "")
        )
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return _Body(body)


class _Body:
    """send_head's return: a file-like object that copyfile reads."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.done = False

    def read(self, size: int = -1) -> bytes:
        if self.done:
            return b""
        self.done = True
        return self.data

    def close(self) -> None:
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(GzipHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def lighthouse_binary(folder: Path | None, scratch: Path) -> Path:
    if folder is None:
        folder = scratch / "lighthouse"
        subprocess.run(
            ["npm", "install", "--prefix", str(folder), "lighthouse@12", "--no-audit", "--no-fund"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    binary = folder / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        sys.exit(f"no lighthouse in {folder}: npm install --prefix {folder} lighthouse@12")
    return binary


def run_once(binary: Path, url: str, chrome: str, out: Path) -> dict[str, Any]:
    env = {**os.environ, "CHROME_PATH": chrome}
    subprocess.run(
        [
            str(binary),
            url,
            "--only-categories=performance,accessibility,best-practices,seo",
            "--form-factor=mobile",
            "--screenEmulation.mobile",
            "--output=json",
            f"--output-path={out}",
            f"--chrome-flags={CHROME_FLAGS}",
            "--quiet",
        ],
        check=True,
        env=env,
    )
    report = json.loads(out.read_text("utf-8"))
    audits = report["audits"]
    requests = audits["network-requests"]["details"]["items"]
    hosts = {r["url"].split("/")[2] for r in requests if r["url"].startswith("http")}
    scores = {name: round(cat["score"] * 100) for name, cat in report["categories"].items()}
    failing = sorted(
        f"{name}:{ref['id']}"
        for name, cat in report["categories"].items()
        for ref in cat["auditRefs"]
        if ref.get("weight", 0) > 0
        and (audits[ref["id"]].get("score") is not None)
        and audits[ref["id"]]["score"] < 1
    )
    return {
        "score": scores["performance"],
        "scores": scores,
        "failing": failing,
        "transfer_bytes": int(audits["total-byte-weight"]["numericValue"]),
        "requests": len(requests),
        "other_hosts": sorted(h for h in hosts if not h.startswith("127.0.0.1")),
        "fcp_ms": round(audits["first-contentful-paint"]["numericValue"]),
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
        "version": report["lighthouseVersion"],
    }


PAGES = (
    "jobseekers/checklists/offer-evaluation/",
    "jobseekers/guides/know-your-rights/",
    "jobseekers/state-by-state/co/",
    "jobseekers-es/checklists/offer-evaluation/",
    "jobseekers-es/guides/know-your-rights/",
    "jobseekers-es/state-by-state/co/",
    "jobseekers-co/checklists/offer-evaluation/",
    "employers/",
    "employers/checklists/employer-self-assessment/",
    "employers/practices/",
    "employers/benchmarks/",
    "agencies/metrics/",
    "agencies/metrics/paid-sick-leave-access/",
    "agencies/case-studies/",
    "",
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--page", action="append", default=None, help="repeatable; default: PAGES")
    parser.add_argument("--lighthouse", type=Path, default=None, help="folder with lighthouse@12")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, default=None, help="write the results here")
    args = parser.parse_args()
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    pages = args.page or list(PAGES)
    for page in pages:
        if not (args.site / page / "index.html").exists():
            sys.exit(f"no {page} in {args.site}: build the site first (playbook build)")
    if shutil.which("npm") is None and args.lighthouse is None:
        sys.exit("needs npm (to install lighthouse@12) or --lighthouse DIR")
    server, base = serve(args.site)
    results: dict[str, list[dict[str, Any]]] = {}
    try:
        with tempfile.TemporaryDirectory() as scratch:
            binary = lighthouse_binary(args.lighthouse, Path(scratch))
            for page in pages:
                runs = results.setdefault(page or "(landing page)", [])
                for run in range(args.runs):
                    out = Path(scratch) / f"{len(results)}-{run}.json"
                    runs.append(run_once(binary, base + page, chrome, out))
                _print_page(page or "(landing page)", runs)
    finally:
        server.shutdown()
        server.server_close()
    first = next(iter(results.values()))[0]
    print(f"Lighthouse {first['version']}, mobile, median of {args.runs} runs per page")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", "utf-8")
    return 0


def _print_page(page: str, runs: list[dict[str, Any]]) -> None:
    medians = {c: statistics.median(r["scores"][c] for r in runs) for c in CATEGORIES}
    weight = statistics.median(r["transfer_bytes"] for r in runs)
    others = sorted({h for r in runs for h in r["other_hosts"]})
    failing = sorted({f for r in runs for f in r["failing"] if not f.startswith("performance:")})
    scores = ", ".join(f"{c} {medians[c]:g}" for c in CATEGORIES)
    print(f"{page}: {scores}; {weight:,.0f} bytes; other hosts {len(others)}")
    if failing:
        print(f"    costing points: {', '.join(failing)}")


if __name__ == "__main__":
    raise SystemExit(main())
