"""Lighthouse 12 mobile performance of the offer checklist page, served gzip-compressed.

    python benchmarks/lighthouse.py [--site site] [--page jobseekers/checklists/offer-evaluation/]
                                    [--lighthouse DIR] [--runs 3] [--json out.json]

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
            "--only-categories=performance",
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
    return {
        "score": round(report["categories"]["performance"]["score"] * 100),
        "transfer_bytes": int(audits["total-byte-weight"]["numericValue"]),
        "requests": len(requests),
        "other_hosts": sorted(h for h in hosts if not h.startswith("127.0.0.1")),
        "fcp_ms": round(audits["first-contentful-paint"]["numericValue"]),
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
        "version": report["lighthouseVersion"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--page", default="jobseekers/checklists/offer-evaluation/")
    parser.add_argument("--lighthouse", type=Path, default=None, help="folder with lighthouse@12")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, default=None, help="write the results here")
    args = parser.parse_args()
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    if not (args.site / args.page / "index.html").exists():
        sys.exit(f"no {args.page} in {args.site}: build the site first (playbook build)")
    if shutil.which("npm") is None and args.lighthouse is None:
        sys.exit("needs npm (to install lighthouse@12) or --lighthouse DIR")
    server, base = serve(args.site)
    results = []
    try:
        with tempfile.TemporaryDirectory() as scratch:
            binary = lighthouse_binary(args.lighthouse, Path(scratch))
            for run in range(args.runs):
                result = run_once(binary, base + args.page, chrome, Path(scratch) / f"{run}.json")
                results.append(result)
                print(
                    f"run {run + 1}: performance {result['score']}, "
                    f"{result['transfer_bytes']:,} bytes in {result['requests']} requests, "
                    f"FCP {result['fcp_ms']} ms, LCP {result['lcp_ms']} ms, "
                    f"TBT {result['tbt_ms']} ms, CLS {result['cls']}"
                )
    finally:
        server.shutdown()
        server.server_close()
    score = statistics.median(r["score"] for r in results)
    weight = statistics.median(r["transfer_bytes"] for r in results)
    others = sorted({h for r in results for h in r["other_hosts"]})
    print(f"Lighthouse {results[0]['version']}, mobile, {args.page}")
    print(f"performance score (median of {len(results)}): {score:g}  (target 95 or more)")
    print(f"page weight (median bytes transferred): {weight:,.0f}")
    print(f"requests to other hosts: {len(others)} {others if others else ''}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
