"""A headless Debian Chromium for tests, driven by selenium, that cannot reach the network.

Only Debian's ``/usr/bin/chromium`` and ``/usr/bin/chromedriver`` are used; Selenium Manager
is told to stay offline so that it never downloads a browser or a driver. Every host name
except localhost is unresolvable, so a page that tries to load anything from the internet
fails visibly (console errors, failed requests) instead of quietly working.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("GRAPHKIT_CHROMIUM", "/usr/bin/chromium"))
CHROMEDRIVER = Path(os.environ.get("GRAPHKIT_CHROMEDRIVER", "/usr/bin/chromedriver"))

requires_chromium = pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
    reason=f"needs Debian chromium and chromium-driver ({CHROMIUM}, {CHROMEDRIVER})",
)

CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-sync",
    "--no-first-run",
    "--mute-audio",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost",
)


def start_chromium(width: int = 1280, height: int = 800) -> Any:
    """A new headless Chromium with a fresh profile; the caller quits it.

    Its browser console and its network activity (performance log) can be read back with
    :func:`console_errors` and :func:`requested_urls`.
    """
    os.environ["SE_OFFLINE"] = "true"
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="graphkit-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={width},{height}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.graphkit_profile = profile
    return driver


def stop_chromium(driver: Any) -> None:
    try:
        driver.quit()
    finally:
        shutil.rmtree(driver.graphkit_profile, ignore_errors=True)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """One headless Chromium per test module (starting one takes about a second)."""
    driver = start_chromium()
    try:
        yield driver
    finally:
        stop_chromium(driver)


def open_page(driver: Any, path: Path, timeout: float = 60.0) -> None:
    """Load a page file and wait until graphkit's network has drawn (and settled)."""
    driver.get_log("browser")  # drop what earlier pages logged
    driver.get_log("performance")
    driver.get(Path(path).resolve().as_uri())
    wait_for(
        driver,
        "return !!(window.graphkit && window.graphkit.ready && window.graphkit.settled !== null)",
        timeout,
    )


def wait_for(driver: Any, script: str, timeout: float = 30.0, *args: Any) -> Any:
    """Run ``script`` until it returns something truthy; that value is returned."""
    deadline = time.monotonic() + timeout
    while True:
        value = driver.execute_script(script, *args)
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout}s waiting for: {script}")
        time.sleep(0.05)


def console_errors(driver: Any) -> list[dict[str, Any]]:
    """Browser console entries of level SEVERE since the last call."""
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def requested_urls(driver: Any, page: Path) -> list[str]:
    """Every URL the page at ``page`` asked for since the last call.

    Read from the DevTools network log (requests of that document) and the page's resource
    timing; the browser's own ``chrome:`` pages are left out.
    """
    page_url = Path(page).resolve().as_uri()
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            params = message["params"]
            if params.get("documentURL") == page_url:
                urls.append(params["request"]["url"])
    urls += driver.execute_script(
        "return performance.getEntriesByType('resource').map(function (e) { return e.name; })"
    )
    return urls


def drawn_pixels(driver: Any) -> int:
    """How many sampled pixels of the network's canvas are not blank."""
    return driver.execute_script(
        """
        const canvas = document.querySelector('#mynetwork canvas');
        if (!canvas) return -1;
        const ctx = canvas.getContext('2d');
        const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
        let drawn = 0;
        for (let i = 0; i < data.length; i += 4 * 7) {
          if (data[i + 3] > 0 && (data[i] < 245 || data[i + 1] < 245 || data[i + 2] < 245)) {
            drawn++;
          }
        }
        return drawn;
        """
    )


def edge_point(driver: Any, edge_id: str) -> dict[str, float]:
    """The middle of an edge as drawn, in page (client) coordinates."""
    return driver.execute_script(
        """
        const edge = network.body.edges[arguments[0]];
        const p = edge.edgeType.getPoint(0.5);
        const dom = network.canvasToDOM(p);
        const box = document.getElementById('mynetwork').getBoundingClientRect();
        return {x: box.left + dom.x, y: box.top + dom.y};
        """,
        edge_id,
    )


def node_point(driver: Any, node_id: str) -> dict[str, float]:
    """The centre of a node as drawn, in page (client) coordinates."""
    return driver.execute_script(
        """
        const p = network.getPositions([arguments[0]])[arguments[0]];
        const dom = network.canvasToDOM(p);
        const box = document.getElementById('mynetwork').getBoundingClientRect();
        return {x: box.left + dom.x, y: box.top + dom.y};
        """,
        node_id,
    )


def move_mouse(driver: Any, point: dict[str, float]) -> None:
    """Move the real (synthesised) mouse pointer to a page position."""
    from selenium.webdriver.common.actions.action_builder import ActionBuilder

    actions = ActionBuilder(driver)
    actions.pointer_action.move_to_location(int(point["x"]), int(point["y"]))
    actions.perform()


def click_at(driver: Any, point: dict[str, float]) -> None:
    from selenium.webdriver.common.actions.action_builder import ActionBuilder

    actions = ActionBuilder(driver)
    actions.pointer_action.move_to_location(int(point["x"]), int(point["y"]))
    actions.pointer_action.click()
    actions.perform()


def label_boxes(driver: Any) -> dict[str, Any]:
    """The drawn labels and node symbols of the network, as vis-network placed them.

    Read from vis-network's own label geometry after a redraw (``labelModule.size``, in
    canvas units) and converted to screen pixels. A label counts when its element is shown
    and its text is not blank, and it is big enough for vis-network to draw it.
    """
    return driver.execute_script(
        """
        network.redraw();
        const scale = network.getScale();
        const labels = [], symbols = [];
        function drawn(item) {
          const text = String(item.labelModule.elementOptions.label || '').trim();
          const px = item.labelModule.fontOptions.size * scale;
          return text && px >= item.labelModule.elementOptions.scaling.label.drawThreshold - 1;
        }
        function box(kind, id, text, l, t, w, h) {
          const a = network.canvasToDOM({x: l, y: t});
          const b = network.canvasToDOM({x: l + w, y: t + h});
          return {kind: kind, id: id, text: text, left: a.x, top: a.y, right: b.x, bottom: b.y};
        }
        for (const [id, n] of Object.entries(network.body.nodes)) {
          if (n.options.hidden || id.startsWith('edgeId:')) continue;
          const r = n.options.size;
          symbols.push(box('symbol', id, '', n.x - r, n.y - r, 2 * r, 2 * r));
          if (drawn(n)) {
            const s = n.labelModule.size;
            labels.push(box('node', id, n.options.label, s.left, s.top, s.width, s.height));
          }
        }
        for (const [id, e] of Object.entries(network.body.edges)) {
          if (e.options.hidden || !e.connected || !drawn(e)) continue;
          const s = e.labelModule.size;
          labels.push(box('edge', id, e.options.label, s.left, s.top, s.width, s.height));
        }
        return {scale: scale, labels: labels, symbols: symbols,
                fontPx: labels.map(l => l.kind === 'node'
                  ? network.body.nodes[l.id].labelModule.fontOptions.size * scale
                  : network.body.edges[l.id].labelModule.fontOptions.size * scale)};
        """
    )


def label_overlaps(boxes: dict[str, Any], min_area: float = 4.0) -> list[tuple[str, str]]:
    """Pairs of labels that hide each other, and labels that hide another node's symbol.

    Two boxes overlap when they share more than ``min_area`` square pixels (a shared border
    row of anti-aliasing does not hide anything).
    """
    def shared(a: dict[str, float], b: dict[str, float]) -> float:
        w = min(a["right"], b["right"]) - max(a["left"], b["left"])
        h = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
        return w * h if w > 0 and h > 0 else 0.0

    labels, symbols = boxes["labels"], boxes["symbols"]
    found = []
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            if shared(a, b) > min_area:
                found.append((a["text"], b["text"]))
        for s in symbols:
            if not (a["kind"] == "node" and a["id"] == s["id"]) and shared(a, s) > min_area:
                found.append((a["text"], f"node {s['id']}"))
    return found
