#!/usr/bin/env python3
"""Drives headless Chromium (Debian's package) over the DevTools protocol through a
built tracereport site, from file:// and from a local static server under a sub-path:
no console errors, no failed requests, every internal link and #anchor resolves,
no script and no inline style, a trace page shows its stage assets, and at 1280, 1024, 768
and 390 px no page and no table in it is wider than the window. Saves
screenshots of the index and one trace page at 1280 and 390 px, and of the golden-query
pages when the site has them (CHECK_TRACE, CHECK_TEXT and CHECK_GOLDEN_QUERY name another
site's pages).

usage: check_site.py SITE_DIR ARTIFACTS_DIR
"""
import base64, functools, http.server, json, os, shutil, subprocess, sys, tempfile, threading, time, urllib.parse, urllib.request
import websocket  # websocket-client, a test helper from PyPI

# The trace page to look at and what it must show: the sample's by default, another site's from the environment.
TRACE = os.environ.get("CHECK_TRACE", "traces/scoped-q01.html")
EXPECTED_TEXT = (os.environ["CHECK_TEXT"].split("|") if os.environ.get("CHECK_TEXT")
                 else ["ci_planner_prompt (v4)", "cluster_health (v3)", "screen_status (v1)", "Before and after"])
# Golden-query pages, when the site has them: the index and one query, and what the query page must show.
GOLDEN_QUERY = os.environ.get("CHECK_GOLDEN_QUERY", "golden/gq-republish.html")
GOLDEN_TEXT = ["Blind spot", "What the judge compares", "What it never sees", "ci_compose_prompt (v3)"]
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]


class Browser:
    def __init__(self, user_data):
        self.proc = subprocess.Popen(["chromium", *CHROMIUM_FLAGS, f"--user-data-dir={user_data}",
                                      "--remote-debugging-port=0", "--hide-scrollbars", "about:blank"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = os.path.join(user_data, "DevToolsActivePort")
        for _ in range(300):
            if os.path.exists(port_file) and open(port_file).read().strip():
                break
            time.sleep(0.1)
        port = open(port_file).read().split()[0]
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
        page = next(t for t in targets if t["type"] == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60)
        self.next_id = 0
        self.events = []
        for domain in ["Page", "Runtime", "Log", "Network"]:
            self.call(f"{domain}.enable")

    def call(self, method, **params):
        self.ws.settimeout(60)
        self.next_id += 1
        ident = self.next_id
        self.ws.send(json.dumps({"id": ident, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == ident:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, method, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            for i, event in enumerate(self.events):
                if event.get("method") == method:
                    del self.events[: i + 1]
                    return event
            self.ws.settimeout(max(0.1, deadline - time.time()))
            try:
                self.events.append(json.loads(self.ws.recv()))
            except websocket.WebSocketTimeoutException:
                break
        raise TimeoutError(method)

    def visit(self, url):
        """Loads url; returns the problems the browser reported while loading it."""
        self.events.clear()
        result = self.call("Page.navigate", url=url)
        if result.get("errorText"):
            return [f"navigation failed: {result['errorText']}"]
        self.wait_for("Page.loadEventFired")
        time.sleep(0.05)
        self.ws.settimeout(0.2)
        try:
            while True:
                self.events.append(json.loads(self.ws.recv()))
        except websocket.WebSocketTimeoutException:
            pass
        problems = []
        for e in self.events:
            m, p = e.get("method"), e.get("params", {})
            if m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                problems.append("console error: " + " ".join(str(a.get("value", a.get("description"))) for a in p.get("args", [])))
            elif m == "Runtime.exceptionThrown":
                problems.append("exception: " + p["exceptionDetails"].get("text", ""))
            elif m == "Log.entryAdded" and p["entry"]["level"] == "error":
                problems.append("console error: " + p["entry"]["text"])
            elif m == "Network.loadingFailed":
                problems.append("failed request: " + p.get("errorText", ""))
            elif m == "Network.responseReceived" and p["response"]["status"] >= 400:
                problems.append(f"HTTP {p['response']['status']}: {p['response']['url']}")
        return problems

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    def screenshot(self, path, width):
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=900, deviceScaleFactor=1, mobile=width < 600)
        time.sleep(0.2)
        height = self.evaluate("Math.min(document.documentElement.scrollHeight, 6000)")
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=width < 600)
        time.sleep(0.2)
        data = self.call("Page.captureScreenshot", format="png")["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))
        overflow = self.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
        self.call("Emulation.clearDeviceMetricsOverride")
        return overflow

    def close(self):
        try:
            self.call("Browser.close")
        except Exception:
            pass
        self.proc.terminate()
        self.proc.wait(timeout=10)


PAGE_FACTS = """(() => ({
  links: Array.from(document.querySelectorAll('a[href]')).map(a => a.href),
  ids: Array.from(document.querySelectorAll('[id]')).map(e => e.id),
  scripts: document.querySelectorAll('script').length,
  inlineStyles: document.querySelectorAll('[style], style').length,
  handlers: Array.from(document.querySelectorAll('*')).filter(e => Array.from(e.attributes).some(a => a.name.startsWith('on'))).length,
  csp: !!document.querySelector('meta[http-equiv="Content-Security-Policy"]'),
  text: document.body.innerText
}))()"""


def crawl(browser, base):
    """Visits every page reachable from the index under base; returns (problems, pages, links, anchors, texts)."""
    problems, queue, anchors, links_followed = [], [base + "index.html"], [], 0
    texts, ids = {}, {}
    while queue:
        url = queue.pop(0)
        if url in texts:
            continue
        problems += [f"{url}: {p}" for p in browser.visit(url)]
        facts = browser.evaluate(PAGE_FACTS)
        texts[url], ids[url] = facts["text"], set(facts["ids"])
        for key in ["scripts", "inlineStyles", "handlers"]:
            if facts[key]:
                problems.append(f"{url}: {facts[key]} {key}")
        if not facts["csp"]:
            problems.append(f"{url}: no Content-Security-Policy")
        for link in facts["links"]:
            links_followed += 1
            target, _, fragment = link.partition("#")
            if not target.startswith(base):
                problems.append(f"{url}: link leaves the site: {link}")
                continue
            if fragment:
                anchors.append((target, fragment, url))
            if target not in texts and target not in queue:
                queue.append(target)
    for target, fragment, source in anchors:
        if fragment not in ids.get(target, set()):
            problems.append(f"{source}: anchor #{fragment} not found in {target}")
    return problems, len(texts), links_followed, len(anchors), texts


TREND_FACTS = """(() => Array.from(document.querySelectorAll('figure.trend')).map(f => {
  const svg = f.querySelector('svg'), box = svg.getBoundingClientRect();
  return {caption: f.querySelector('figcaption').innerText, points: svg.querySelectorAll('circle').length,
          width: box.width, height: box.height, right: box.right, label: svg.getAttribute('aria-label')};
}))()"""


def trend_problems(browser, width, builds):
    """The first index page's history charts, laid out at `width`: three, a dot per build, inside the window."""
    browser.call("Emulation.setDeviceMetricsOverride", width=width, height=900, deviceScaleFactor=1, mobile=width < 600)
    time.sleep(0.2)
    charts = browser.evaluate(TREND_FACTS)
    browser.call("Emulation.clearDeviceMetricsOverride")
    problems = []
    if [c["caption"] for c in charts] != ["Stage coverage", "Failing traces", "Fallback share"]:
        problems.append(f"trend charts: {[c['caption'] for c in charts]}")
    for c in charts:
        if c["points"] != builds:
            problems.append(f"{c['caption']}: {c['points']} points for {builds} builds")
        if c["width"] < 150 or c["height"] < 50 or c["right"] > width:
            problems.append(f"{c['caption']}: {c['width']:.0f}x{c['height']:.0f} px ending at {c['right']:.0f}: unreadable or outside the window")
    return problems


WIDTH_FACTS = """(() => {
  const w = window.innerWidth, out = [];
  const page = document.documentElement.scrollWidth;
  if (page > w + 1) out.push(`the page is ${page} px wide`);
  document.querySelectorAll('table').forEach((t, i) => {
    const r = t.getBoundingClientRect();
    if (r.right > w + 1) out.push(`table ${i + 1} ends at ${Math.round(r.right)} px`);
    if (t.scrollWidth > t.clientWidth + 1) out.push(`table ${i + 1} scrolls sideways (${t.scrollWidth} px in ${t.clientWidth})`);
  });
  return out;
})()"""


def width_problems(browser, urls):
    """Every page at 1280, 1024, 768 and 390 px: neither the page nor any table in it wider than the window."""
    problems = []
    for width in (1280, 1024, 768, 390):
        browser.call("Emulation.setDeviceMetricsOverride", width=width, height=900, deviceScaleFactor=1, mobile=width < 600)
        for url in urls:
            browser.visit(url)
            problems += [f"{url} at {width} px: {p}" for p in browser.evaluate(WIDTH_FACTS)]
        browser.call("Emulation.clearDeviceMetricsOverride")
    return problems


def pick(site, wanted, folder):
    """`wanted` when the site has it, else the first page of `folder` whose name starts like `wanted` (`traces/x*`),
    or the first at all: a site whose page names are not known ahead."""
    if os.path.exists(os.path.join(site, wanted)):
        return wanted
    prefix = os.path.basename(wanted).rstrip("*") if wanted.endswith("*") else ""
    folder = os.path.dirname(wanted) if prefix else folder
    pages = sorted(p for p in os.listdir(os.path.join(site, folder))
                   if p.endswith(".html") and p != "index.html" and p.startswith(prefix))
    return f"{folder}/{pages[0]}" if pages else wanted


def main():
    site, artifacts = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    with open(os.path.join(site, "history.jsonl")) as f:
        builds = sum(1 for line in f if line.strip())
    os.makedirs(artifacts, exist_ok=True)
    trace_page = pick(site, TRACE, "traces")
    asset_page = pick(site, os.environ.get("CHECK_ASSET", "assets/prompt.html"), "assets")
    served = tempfile.mkdtemp(prefix="tracereport-served-")
    os.makedirs(os.path.join(served, "reports"))
    shutil.copytree(site, os.path.join(served, "reports", "2026-11"))
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=served)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    user_data = tempfile.mkdtemp(prefix="tracereport-chromium-")
    browser = Browser(user_data)
    failures, summary = [], []
    try:
        for label, base in [("file", "file://" + site + "/"), ("http", f"http://127.0.0.1:{server.server_port}/reports/2026-11/")]:
            problems, pages, links, anchors, texts = crawl(browser, base)
            failures += problems
            trace_text = texts.get(base + trace_page, "")
            failures += [f"{base + trace_page}: does not show {t!r}" for t in EXPECTED_TEXT if t not in trace_text]
            if label == "file":
                failures += width_problems(browser, sorted(texts))
            summary.append(f"{label}: {pages} pages checked, {links} links followed, {anchors} anchors resolved")
        browser.visit("file://" + site + "/index.html")
        for width in (1280, 390):
            if browser.screenshot(os.path.join(artifacts, f"index-{width}.png"), width):
                failures.append(f"index: the page is wider than the {width} px window")
            failures += [f"index at {width} px: {p}" for p in trend_problems(browser, width, builds)]
        for page, name in [(trace_page, "trace"), (asset_page, "asset")]:
            browser.visit("file://" + site + "/" + page)
            for width in (1280, 390):
                if browser.screenshot(os.path.join(artifacts, f"{name}-{width}.png"), width):
                    failures.append(f"{page}: wider than the {width} px window")
        if os.path.exists(os.path.join(site, "golden", "index.html")):
            browser.visit("file://" + site + "/" + GOLDEN_QUERY)
            shown = browser.evaluate("document.body.innerText") or ""
            failures += [f"{GOLDEN_QUERY}: does not show {t!r}" for t in GOLDEN_TEXT if t not in shown]
            for page, name in [("golden/index.html", "golden-index"), (GOLDEN_QUERY, "golden-query")]:
                browser.visit("file://" + site + "/" + page)
                for width in (1280, 390):
                    if browser.screenshot(os.path.join(artifacts, f"{name}-{width}.png"), width):
                        failures.append(f"{page}: wider than the {width} px window")
    finally:
        browser.close()
        server.shutdown()
        shutil.rmtree(served, ignore_errors=True)
        shutil.rmtree(user_data, ignore_errors=True)
    for line in summary:
        print("browser:", line)
    print("browser: screenshots in", artifacts)
    for f in failures:
        print("browser: FAIL", f)
    passed = 0 if failures else 1
    print(f"browser: {passed} passed, {1 - passed} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
