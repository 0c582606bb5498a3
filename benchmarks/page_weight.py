"""Page weight of the jobseeker checklist page on a first visit, measured in the browser.

    python benchmarks/page_weight.py [--site site] [--page jobseekers/checklists/offer-evaluation/]

Serves the built site on 127.0.0.1, opens the page in Debian's chromium with an empty
cache, waits for the network to go quiet (the search index included), and lists every
resource the browser fetched with its raw size and its gzip size (level 6, as a static
host would serve it). Requests to any other host are counted and listed: the target is 0.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--page", default="jobseekers/checklists/offer-evaluation/")
    parser.add_argument("--budget-kb", type=float, default=110.0)
    args = parser.parse_args()
    handler = functools.partial(_Quiet, directory=str(args.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    fetched: list[tuple[str, int, int]] = []
    outside: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 390, "height": 844})

        def on_request(request: object) -> None:
            url = request.url  # type: ignore[attr-defined]
            if not url.startswith((origin, "data:", "blob:")):
                outside.append(url)

        def on_response(response: object) -> None:
            url = response.url  # type: ignore[attr-defined]
            if url.startswith(origin):
                try:
                    body = response.body()  # type: ignore[attr-defined]
                except Exception:  # a redirect has no body
                    return
                fetched.append((urlsplit(url).path, len(body), len(gzip.compress(body, 6))))

        page.on("request", on_request)
        page.on("response", on_response)
        page.goto(f"{origin}/{args.page}", wait_until="networkidle")
        page.wait_for_timeout(1500)  # the search worker fetches its index after load
        browser.close()
    server.shutdown()
    total_raw = sum(r for _, r, _ in fetched)
    total_gz = sum(g for _, _, g in fetched)
    print(f"{'resource':<70} {'raw KB':>8} {'gzip KB':>8}")
    for path, raw, gz in sorted(fetched, key=lambda r: -r[2]):
        print(f"{path[-70:]:<70} {raw / 1024:>8.1f} {gz / 1024:>8.1f}")
    print(
        f"{'total (' + str(len(fetched)) + ' requests)':<70} {total_raw / 1024:>8.1f} {total_gz / 1024:>8.1f}"
    )
    print(f"requests outside the site: {len(outside)}")
    for url in outside:
        print(f"  {url}")
    ok = total_gz / 1024 <= args.budget_kb and not outside
    print(
        f"target <= {args.budget_kb:g} KB gzip and 0 outside requests: {'ok' if ok else 'MISSED'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
