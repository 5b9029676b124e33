#!/usr/bin/python3
"""Drive headless Chromium through the web page of a running `vitae serve`.

Talks the Chrome DevTools Protocol over --remote-debugging-pipe (file
descriptors 3 and 4, NUL-terminated JSON), so it needs nothing but Python
and Debian's chromium: no npm, no network.

    browser.py CHROMIUM URL EXPECT.json OUTDIR

EXPECT.json: {"query": NAME, "rows": N, "search": TEXT, "entity_path": PATH,
"timeline": [labels], "network": [labels]}.  Prints one "ok:"/"FAIL:"
line per check, saves screenshots in OUTDIR, exits 1 when a check failed.

VITAE_BROWSER_WAIT (seconds, default 20): how long to wait for what needs
the server's answers (a page, the query's rows, the search hits, the
entity page's timeline and network).  web.sh raises it for a sanitizer or
valgrind build, whose server is many times slower; a wait ends as soon as
its condition holds, so only a failing check waits that long.
"""
import base64, fcntl, json, os, select, subprocess, sys, tempfile, time

chromium, url, expect_file, outdir = sys.argv[1:5]
expect = json.load(open(expect_file))
failures = 0
server_wait = float(os.environ.get("VITAE_BROWSER_WAIT", "20"))


def check(what, ok, detail=""):
    global failures
    if ok:
        print("ok:", what)
    else:
        failures += 1
        print("FAIL:", what, detail)


class Browser:
    def __init__(self, exe):
        self.profile = tempfile.mkdtemp(prefix="vitae-chromium-")
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()

        def fds():  # the child's fd 3 reads commands, fd 4 writes answers
            r = fcntl.fcntl(to_chrome_r, fcntl.F_DUPFD, 10)  # out of the way of 3 and 4
            w = fcntl.fcntl(from_chrome_w, fcntl.F_DUPFD, 10)
            os.dup2(r, 3)  # dup2 makes them inheritable
            os.dup2(w, 4)

        self.proc = subprocess.Popen(
            [exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--user-data-dir=" + self.profile, "--remote-debugging-pipe",
             "--window-size=1280,900", "about:blank"],
            preexec_fn=fds, close_fds=False,  # dup2 leaves 3 and 4 open; Python's own fds are CLOEXEC
            stdout=subprocess.DEVNULL, stderr=open(os.path.join(outdir, "chromium.log"), "w"))
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buf, self.next_id, self.events = b"", 0, []

    def _read(self, deadline):
        while b"\0" not in self.buf:
            left = deadline - time.time()
            if left <= 0 or not select.select([self.from_chrome], [], [], left)[0]:
                raise TimeoutError("no answer from chromium")
            chunk = os.read(self.from_chrome, 1 << 20)
            if not chunk:
                raise EOFError("chromium went away")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def send(self, method, params=None, session=None, timeout=None):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self.to_chrome, json.dumps(msg).encode() + b"\0")
        deadline = time.time() + (timeout or max(30, server_wait))
        while True:
            m = self._read(deadline)
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError(method + ": " + json.dumps(m["error"]))
                return m.get("result", {})
            self.events.append(m)

    def close(self):
        try:
            self.send("Browser.close", timeout=5)
        except Exception:
            pass
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        subprocess.run(["rm", "-rf", self.profile])


class Page:
    def __init__(self, b):
        self.b = b
        target = b.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.s = b.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime"):
            b.send(domain + ".enable", session=self.s)

    def eval(self, expr):
        r = self.b.send("Runtime.evaluate", {"expression": expr, "returnByValue": True,
                                             "awaitPromise": True}, session=self.s)
        if "exceptionDetails" in r:
            raise RuntimeError(json.dumps(r["exceptionDetails"])[:500])
        return r["result"].get("value")

    def goto(self, u):
        self.b.send("Page.navigate", {"url": u}, session=self.s)
        self.wait("document.readyState === 'complete' && location.href === %s" % json.dumps(u))

    def wait(self, expr):
        deadline = time.time() + server_wait
        while time.time() < deadline:
            try:
                v = self.eval(expr)
            except RuntimeError:
                v = None
            if v:
                return v
            time.sleep(0.1)
        return None

    def type(self, selector, text):
        self.eval("document.querySelector(%s).focus()" % json.dumps(selector))
        for ch in text:  # key by key, as a person types
            self.b.send("Input.dispatchKeyEvent", {"type": "keyDown", "text": ch, "key": ch}, session=self.s)
            self.b.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": ch}, session=self.s)

    def click(self, selector):
        box = self.eval("""(() => { const e = document.querySelector(%s); if (!e) return null;
            e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();
            return [r.x + r.width / 2, r.y + r.height / 2]; })()""" % json.dumps(selector))
        if not box:
            raise RuntimeError("nothing to click: " + selector)
        for t in ("mousePressed", "mouseReleased"):
            self.b.send("Input.dispatchMouseEvent", {"type": t, "x": box[0], "y": box[1],
                                                     "button": "left", "clickCount": 1}, session=self.s)

    def screenshot(self, name):
        h = self.eval("Math.ceil(document.documentElement.scrollHeight)") or 900
        w = self.eval("Math.ceil(Math.max(document.documentElement.scrollWidth, 1280))") or 1280
        self.b.send("Emulation.setDeviceMetricsOverride", {"width": w, "height": min(h, 8000),
                    "deviceScaleFactor": 1, "mobile": False}, session=self.s)
        data = self.b.send("Page.captureScreenshot", {"format": "png"}, session=self.s)["data"]
        self.b.send("Emulation.clearDeviceMetricsOverride", session=self.s)
        path = os.path.join(outdir, name)
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))
        print("screenshot:", path)

    def errors(self):
        """Uncaught exceptions and console errors so far."""
        out = []
        for m in self.b.events:
            if m.get("method") == "Runtime.exceptionThrown":
                out.append(m["params"]["exceptionDetails"].get("exception", {}).get("description", "exception"))
            elif m.get("method") == "Runtime.consoleAPICalled" and m["params"]["type"] == "error":
                out.append(" ".join(str(a.get("value", a.get("description"))) for a in m["params"]["args"]))
        return out


b = Browser(chromium)
try:
    p = Page(b)
    # 1. the start page: a showcase query, run, gives rows
    p.goto(url + "/")
    n = p.wait("document.querySelectorAll('#showcase option').length > 1 && document.querySelectorAll('#showcase option').length")
    check("the showcase queries are in the menu", n and n - 1 >= expect["queries"], "(%s options)" % n)
    label = p.eval("(() => { const o = [...document.querySelectorAll('#showcase option')].find(o => o.value === %s); return o && o.textContent; })()" % json.dumps(expect["query"]))
    check("the menu labels the query by its question", label == expect["question"], repr(label))
    p.eval("(() => { const s = document.getElementById('showcase'); s.value = %s; s.dispatchEvent(new Event('change')); })()" % json.dumps(expect["query"]))
    check("choosing it puts the query into the editor",
          p.eval("document.getElementById('query').value") == expect["query_text"])
    p.click("#run")
    rows = p.wait("document.querySelectorAll('#results tbody tr').length")
    check("running it fills the table with the rows vitae query gives", rows == expect["rows"],
          "(%s rows, want %s; status %r)" % (rows, expect["rows"], p.eval("document.getElementById('status').textContent")))
    first = p.eval("[...document.querySelectorAll('#results tbody tr:first-child td')].map(td => td.textContent.trim())")
    check("the first row is the first row of vitae query", first == expect["first_row"], "%r != %r" % (first, expect["first_row"]))
    p.screenshot("query.png")

    # 2. the search box leads to the entity page
    p.type("header .search input", expect["search"])
    hit = p.wait("(() => { const a = [...document.querySelectorAll('.hits a')].find(a => a.getAttribute('href') === %s); return a && a.textContent; })()" % json.dumps(expect["entity_path"]))
    check("the search box finds the person", bool(hit), "(hits: %r)" % p.eval("[...document.querySelectorAll('.hits a')].map(a => a.getAttribute('href'))"))
    if hit:
        p.click(".hits a[href=%s]" % json.dumps(expect["entity_path"]))
        check("clicking the hit opens the entity page",
              p.wait("location.pathname === %s && document.readyState === 'complete'" % json.dumps(expect["entity_path"])))
    else:
        p.goto(url + expect["entity_path"])

    # 3. the timeline and the network
    ready = p.wait("document.body.dataset.ready")
    check("the entity page's script finished", ready == "1", "(%r)" % ready)
    tl = p.eval("[...document.querySelectorAll('#timeline svg text.lane-label')].map(t => t.querySelector('title') ? t.querySelector('title').textContent : t.textContent)") or []
    missing = [l for l in expect["timeline"] if l not in tl]
    check("the timeline has a lane for every office held (%d)" % len(expect["timeline"]), not missing, "missing %r; lanes %r" % (missing, tl))
    check("... among them %r" % expect["office"], expect["office"] in tl)
    marks = p.eval("document.querySelectorAll('#timeline svg a[href^=\"#tl-\"]').length")
    check("the timeline has a mark per dated fact", marks and marks >= len(expect["timeline"]), "(%s)" % marks)
    linked = p.eval("""[...document.querySelectorAll('#timeline svg a[href^="#tl-"]')].every(a => {
        const li = document.getElementById(a.getAttribute('href').slice(1));
        return li && li.querySelector('a.sentence') && li.querySelector('q').textContent.length > 10; })""")
    check("every timeline mark links to its fact, which quotes its evidence sentence", linked)
    sent = p.eval("(() => { const a = document.querySelector('#timeline ol.evidence a.sentence'); return a && a.getAttribute('href'); })()")
    quote = p.eval("(() => { const q = document.querySelector('#timeline ol.evidence .quote q'); return q && q.textContent; })()")
    check("the evidence links to the sentence's page", bool(sent) and sent.startswith("/document/"), repr(sent))
    nw = p.eval("[...document.querySelectorAll('#network svg .node text')].map(t => t.textContent)") or []
    missing = [l for l in expect["network"] if l not in nw]
    check("the network shows every person met (%d)" % len(expect["network"]), not missing, "missing %r; nodes %r" % (missing, nw))
    check("... and the centre %r" % expect["centre"], expect["centre"] in nw)
    met = p.eval("document.querySelectorAll('#network svg a[data-relation*=\"met\"] line').length")
    check("the network draws the meetings as lines", met and met >= 1, "(%s)" % met)
    p.screenshot("entity.png")
    # following a network tie to its evidence
    p.click('#network svg a[data-relation*="met"] line')
    target = p.wait("location.hash.startsWith('#nw-') && location.hash")
    check("clicking a tie shows its evidence", bool(target) and p.eval("document.querySelector(%s + ' q') !== null" % json.dumps(target)), repr(target))
    errs = p.errors()
    check("no script errors", not errs, repr(errs[:3]))
    if sent:
        p.goto(url + sent)
        check("the sentence's page shows the quoted text",
              p.wait("document.body.textContent.includes(%s)" % json.dumps(quote)), repr(quote))
        p.screenshot("sentence.png")
finally:
    b.close()
sys.exit(1 if failures else 0)
