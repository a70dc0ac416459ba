"""The offline map in a real headless Chromium with networking blocked.

Needs the Debian packages chromium + chromium-driver and the selenium package (.ci/run
installs them); skipped with the reason when any is missing locally.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

import pytest
from map_articles import StandInGeometries, hostile_article, many_articles, seed_article

from geomap.export import save_html
from geomap.render import build_map, to_fragment

pytestmark = [pytest.mark.browser, pytest.mark.slow]

webdriver = pytest.importorskip(
    "selenium.webdriver", reason="selenium is not installed (pip install selenium; CI does)")
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

CHROMIUM = next((p for p in (shutil.which("chromium"), shutil.which("chromium-browser"),
                             "/usr/bin/chromium") if p and Path(p).exists()), None)
CHROMEDRIVER = next((p for p in (shutil.which("chromedriver"), "/usr/bin/chromedriver")
                     if p and Path(p).exists()), None)
if CHROMIUM is None or CHROMEDRIVER is None:
    pytest.skip("headless Chromium not found: apt-get install chromium chromium-driver "
                "(.ci/run installs both)", allow_module_level=True)

GEOMS = StandInGeometries()
# Runs before any page script: records dialogs instead of showing them.
RECORD_DIALOGS = """
window.__dialogs = [];
['alert', 'confirm', 'prompt'].forEach(function (n) {
  window[n] = function (m) { window.__dialogs.push(n + ':' + String(m)); return null; };
});
"""
SEED_LAYERS = ["Advance (3)", "Infrastructure damage (1)", "Fortification (1)",
               "Flooding (1)", "Places mentioned (6)", "Statements (metonymic) (1)"]


@pytest.fixture(scope="module")
def driver():
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="geomap-chromium-")
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-quic", "--no-first-run",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
                "--window-size=1280,900", f"--user-data-dir={profile}"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    d = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    d.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_DIALOGS})
    yield d
    d.quit()
    shutil.rmtree(profile, ignore_errors=True)


def _open(driver, tmp_path: Path, articles, name: str = "map.html", **kw) -> list[dict]:
    """Load an offline map from a file:// URL; returns the console messages so far."""
    path = save_html(build_map(articles, gazetteer=GEOMS, offline=True, **kw),
                     tmp_path / name)
    driver.get_log("browser")  # drop messages of earlier pages
    driver.get(path.resolve().as_uri())
    WebDriverWait(driver, 15).until(lambda d: d.execute_script(
        "return document.querySelectorAll('.leaflet-control-layers-overlays label').length"))
    time.sleep(0.3)
    return driver.get_log("browser")


def _popup(driver):
    """The open popup's content, once it is visible."""
    return WebDriverWait(driver, 5).until(lambda d: next(
        (p for p in d.find_elements(By.CSS_SELECTOR, ".leaflet-popup .geomap-popup")
         if p.is_displayed() and p.text.strip()), None))


def _count(driver, css: str) -> int:
    return driver.execute_script(f"return document.querySelectorAll({css!r}).length")


def _layer_checkbox(driver, label: str):
    for lab in driver.find_elements(By.CSS_SELECTOR, ".leaflet-control-layers-overlays label"):
        if lab.text.strip().endswith(label):
            return lab.find_element(By.TAG_NAME, "input")
    raise AssertionError(f"no layer labelled {label!r}")


def test_offline_seed_map_has_no_console_errors_and_lists_layers(driver, tmp_path):
    logs = _open(driver, tmp_path, [seed_article()], title="Seed article")
    assert [m for m in logs if m["level"] in ("SEVERE", "WARNING")] == []
    labels = [e.text.strip() for e in driver.find_elements(
        By.CSS_SELECTOR, ".leaflet-control-layers-overlays label")]
    assert [s.lstrip("▲▼✕✹◈⚡▣≈✚⚑✉⚔●❝").strip() for s in labels] == SEED_LAYERS
    assert _count(driver, ".leaflet-tile") == 0  # offline: no tiles requested
    fetched = driver.execute_script(
        "return performance.getEntriesByType('resource').map(function (r) { return r.name; })")
    assert [u for u in fetched if not u.startswith("data:")] == []  # nothing loaded at all
    assert "Legend" in driver.find_element(By.CSS_SELECTOR, ".geomap-legend").text
    assert driver.execute_script("return window.__dialogs") == []


def test_toggling_a_layer_hides_and_shows_its_features(driver, tmp_path):
    _open(driver, tmp_path, [seed_article()])
    assert _count(driver, "path.geomap-advance") == 3  # 2 oblasts + the Dnieper
    assert _count(driver, "path.geomap-places") == 0  # off by default
    _layer_checkbox(driver, "Advance (3)").click()
    assert _count(driver, "path.geomap-advance") == 0
    _layer_checkbox(driver, "Places mentioned (6)").click()
    assert _count(driver, "path.geomap-places") == 6
    _layer_checkbox(driver, "Advance (3)").click()
    assert _count(driver, "path.geomap-advance") == 3


def test_clicking_a_feature_opens_its_popup_with_the_quote(driver, tmp_path):
    _open(driver, tmp_path, [seed_article()])
    driver.find_element(By.CSS_SELECTOR, "path.geomap-fortification").click()
    popup = _popup(driver)
    text = popup.text
    assert "Fortification" in text.title() and "Kherson" in text
    assert popup.find_element(By.TAG_NAME, "mark").text == "fortress"
    assert "into a \u201cfortress\u201d as Kyiv" in text
    assert "2022-11-04" in text and "confidence 80%" in text
    link = popup.find_element(By.TAG_NAME, "a")
    assert link.get_attribute("href").startswith("https://example.org/")
    assert link.text.startswith("US, Russia defence chiefs")


def test_hostile_article_executes_nothing_and_still_renders(driver, tmp_path):
    hostile = "${alert(1)} </script><script>alert(2)</script> <img src=x onerror=alert(3)>"
    logs = _open(driver, tmp_path, [seed_article(), hostile_article()], title=hostile)
    assert [m for m in logs if m["level"] == "SEVERE"] == []
    assert _count(driver, "path.geomap-strike") == 1 and _count(driver, "path.geomap-advance")
    assert driver.find_element(By.CSS_SELECTOR, ".geomap-title").text == hostile
    driver.find_element(By.CSS_SELECTOR, "path.geomap-strike").click()
    popup = _popup(driver)
    text = popup.text
    assert "${alert(1)}" in text and "</script><script>alert(2)</script>" in text
    assert "<img src=x onerror=alert(3)>" in text and "`backticks`" in text
    assert "{{ 7*7 }} {% raw %} {# c #}" in text
    assert popup.find_elements(By.TAG_NAME, "img") == []
    assert popup.find_elements(By.TAG_NAME, "a") == []  # javascript: URL is not a link
    assert _count(driver, "img[src='x']") == 0
    time.sleep(0.3)
    assert driver.execute_script("return window.__dialogs") == []


def test_time_slider_steps_through_days(driver, tmp_path):
    late = hostile_article()  # dated 2022-11-05, one day after the seed
    logs = _open(driver, tmp_path, [seed_article(), late])
    assert [m for m in logs if m["level"] == "SEVERE"] == []
    assert _count(driver, ".leaflet-timeline-control") == 1
    assert _count(driver, "path.geomap-strike") == 1  # starts at the last day: everything
    driver.execute_script("geomapClock.setTime(geomapClock.start)")
    assert _count(driver, "path.geomap-strike") == 0
    assert _count(driver, "path.geomap-fortification") == 1
    driver.execute_script("geomapClock.setTime(geomapClock.end)")
    assert _count(driver, "path.geomap-strike") == 1


def test_clustered_map_without_tiles_loads_cleanly(driver, tmp_path):
    logs = _open(driver, tmp_path, many_articles(800, days=1), name="clustered.html")
    assert [m for m in logs if m["level"] == "SEVERE"] == []
    assert _count(driver, ".geomap-cluster") > 0


def test_fragment_renders_inside_a_host_page_without_touching_its_styles(driver, tmp_path):
    frag = to_fragment(build_map([seed_article()], gazetteer=GEOMS, offline=True),
                       height="500px")
    host = tmp_path / "host.html"
    host.write_text("<!DOCTYPE html><html><head><style>p{color:rgb(200, 0, 0)}</style>"
                    f"</head><body><p id=host>Report text</p>{frag}</body></html>",
                    encoding="utf-8")
    driver.get(host.resolve().as_uri())
    iframe = WebDriverWait(driver, 10).until(
        lambda d: d.find_element(By.TAG_NAME, "iframe"))
    assert driver.execute_script(
        "return getComputedStyle(document.getElementById('host')).color") == "rgb(200, 0, 0)"
    assert driver.execute_script("return document.querySelectorAll('.leaflet-container')"
                                 ".length") == 0  # the map's DOM stays inside the iframe
    driver.switch_to.frame(iframe)
    try:
        WebDriverWait(driver, 10).until(lambda d: _count(d, "path.geomap-advance") == 3)
        assert _count(driver, ".leaflet-control-layers-overlays label") == 6
    finally:
        driver.switch_to.default_content()
    assert [m for m in driver.get_log("browser") if m["level"] == "SEVERE"] == []
