"""Screenshots of the pages people judge the site by (a concept, a profile, the gap analysis, a framework)
on a phone, in Danish, from any running server: to compare a change with what was there before.

    .venv/bin/python scripts/screenshot_pages.py http://127.0.0.1:8000 test-artifacts/before-after/now

Run it against a server started from an older commit (git worktree add /tmp/old <commit>, build and
serve it on another port) to get the "before" side. Uses the Chromium the tests use (DKK_CHROMIUM, or
chromium on the PATH).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

PAGES = {
    "concept": "/ui/concept?id=digcomp3/4.2",
    "profile": "/ui/profile?id=example/profile/eksempelkommune-sosu",
    "gap": "/ui/gap?profile=example/profile/sosu",
    "framework": "/ui/frameworks/digcomp3",
}


def main(base: str, out: Path, width: int = 390) -> None:
    out.mkdir(parents=True, exist_ok=True)
    chromium = os.environ.get("DKK_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_context(viewport={"width": width, "height": 844}, locale="da-DK").new_page()
        for name, path in PAGES.items():
            page.goto(f"{base}{path}&lang=da" if "?" in path else f"{base}{path}?lang=da")
            page.wait_for_load_state("networkidle")
            target = out / f"{name}-{width}-da.png"
            page.screenshot(path=str(target), full_page=True)
            print(target)
        browser.close()


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], Path(sys.argv[2]))
