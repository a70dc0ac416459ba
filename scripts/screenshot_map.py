"""Screenshot a geomap HTML map in headless Chromium with networking blocked.

Run:
    geomap map seeds/ --offline -o /tmp/seed.html
    python scripts/screenshot_map.py /tmp/seed.html maps/seed.png --popup fortification

Needs chromium + chromium-driver (Debian) and selenium. Prints console errors, if any.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("html", type=Path)
    ap.add_argument("png", type=Path)
    ap.add_argument("--size", default="1280,860", help="window width,height in pixels")
    ap.add_argument("--popup", help="open the popup of the first feature of this layer "
                    "(an event type such as fortification)")
    ap.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    ap.add_argument("--driver", default=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    args = ap.parse_args()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    opts = webdriver.ChromeOptions()
    opts.binary_location = args.chromium
    profile = tempfile.mkdtemp(prefix="geomap-shot-")
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--disable-background-networking", "--disable-quic", "--no-first-run",
                "--disable-component-update", "--disable-sync", "--proxy-server=127.0.0.1:9",
                "--host-resolver-rules=MAP * ~NOTFOUND", f"--window-size={args.size}",
                f"--user-data-dir={profile}"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(args.driver), options=opts)
    try:
        driver.get(args.html.resolve().as_uri())
        time.sleep(1.0)
        if args.popup:
            driver.find_element(By.CSS_SELECTOR, f"path.geomap-{args.popup}").click()
            time.sleep(0.6)
        args.png.parent.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(args.png))
        errors = [m for m in driver.get_log("browser") if m["level"] == "SEVERE"]
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
    for e in errors:
        print("console:", e["message"], file=sys.stderr)
    print(f"wrote {args.png}")
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
