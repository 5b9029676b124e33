"""Load on a running `vitae serve` (loopback only): bench/serve-load.sh
starts the server and runs this.

  serve-load.py URL SERVER_PID QUERY_DIR [--clients 32] [--seconds 60]
                [--slow 64] [--timeout S] [--request-timeout S]
                [--max-connections N] [--max-rss-mb 1024] [--reference-seconds 10]

--timeout, --request-timeout and --max-connections are the server's.
First, for --reference-seconds, one client alone asks the queries (the
reference the figures are compared with).  Then, with a request timeout,
the deadline alone: min(8, N/2) slow clients (slowloris: a request's
headers one byte every 0.5 s) connect, fewer than the slots, and each must
be closed by the server at its request timeout, not before it and not more
than max(5 s, the timeout) after.  Then for --seconds, at once:
  - --slow slow clients, by default as many as the server's slots, so that
    they alone could hold every one: each sends its headers one byte every
    0.5 s and, when the server closes its connection, connects again at
    once; they start 1.5 s before the others, and hold every slot then;
  - --clients clients, each on its own keep-alive connection, ask the
    showcase queries of QUERY_DIR (*.rq) in turn, alternating GET and POST
    form; every answer must be 200 with a body.  A request whose connection
    the server closes before any byte of an answer (a keep-alive connection
    closed while idle, a new one refused) is sent again once, on a new
    connection, as HTTP clients do (RFC 9112, 9.3.1: the server closed the
    connection, the request was not processed); anything else is an error,
    and so is a second such close;
  - one client sends an explosive query (a cross product over the whole
    store, three patterns deep) again and again while the run has --timeout
    seconds left: each must end with the
    server's time-limit answer (503 saying so), never with 200 or a hang
    (no answer within 4 x the server's --timeout + 30 s);
  - the server's resident memory (VmRSS of /proc/PID/status) is sampled
    every 0.2 s.
Prints the figures (requests/s, p50/p99 latency, errors, retries, the slow
connections and how long each lasted, peak RSS) and one line per check;
exits 1 when a check fails: the server died, an answer was an error, the
time limit was not honoured, a slow connection outlived the request
timeout's bound (or was cut before it, in the deadline phase), or the peak
RSS went past --max-rss-mb.  No timing of the answers is asserted.
"""
import argparse
import asyncio
import glob
import os
import sys
import time
import urllib.parse

EXPLOSIVE = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SLOW_REQUEST = "ASK { ?s ?p ?o }"
SLOW_BYTE_EVERY = 0.5  # seconds


class Stats:
    def __init__(self):
        self.latencies = []
        self.errors = []
        self.by_query = {}
        self.retries = 0


class NoAnswer(Exception):
    """The connection was closed (or refused) before any byte of an answer."""


async def read_response(reader):
    """(status, headers dict, body) of one HTTP/1.1 response; NoAnswer when
    the connection ends before its status line."""
    try:
        line = await reader.readline()
    except OSError as e:
        raise NoAnswer("%s: %s" % (type(e).__name__, e))
    if not line:
        raise NoAnswer("connection closed before an answer")
    parts = line.decode("latin-1").split(" ", 2)
    status = int(parts[1])
    headers = {}
    while True:
        h = await reader.readline()
        if h in (b"\r\n", b"\n", b""):
            break
        k, _, v = h.decode("latin-1").partition(":")
        headers[k.strip().lower()] = v.strip()
    if "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        body = b""
        while True:
            size = int((await reader.readline()).split(b";")[0], 16)
            if size == 0:
                await reader.readline()
                break
            body += await reader.readexactly(size)
            await reader.readline()
    else:
        body = await reader.read()
    return status, headers, body


def request_bytes(host, query, post):
    if post:
        body = urllib.parse.urlencode({"query": query}).encode()
        head = ("POST /sparql HTTP/1.1\r\nHost: %s\r\nAccept: application/sparql-results+json\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n"
                % (host, len(body)))
        return head.encode() + body
    return ("GET /sparql?%s HTTP/1.1\r\nHost: %s\r\nAccept: application/sparql-results+json\r\n\r\n"
            % (urllib.parse.urlencode({"query": query}), host)).encode()


class Connection:
    """A client's keep-alive connection, opened when needed."""

    def __init__(self, host, port):
        self.host, self.port = host, port
        self.reader = self.writer = None

    def close(self):
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None

    async def exchange(self, data, timeout):
        try:
            if self.writer is None:
                self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
            self.writer.write(data)
            await self.writer.drain()
        except OSError as e:  # refused, reset or closed before the request was sent
            raise NoAnswer("%s: %s" % (type(e).__name__, e))
        return await asyncio.wait_for(read_response(self.reader), timeout)

    async def ask(self, data, stats, timeout=None):
        """(status, headers, body) of one request, sent again once on a new
        connection when the server closed the connection before answering
        (the one retry the module's docstring describes)."""
        for attempt in (0, 1):
            try:
                status, headers, body = await self.exchange(data, timeout)
            except NoAnswer:
                self.close()
                if attempt == 1:
                    raise
                stats.retries += 1
                continue
            except BaseException:
                self.close()
                raise
            if headers.get("connection", "").lower() == "close":
                self.close()
            return status, headers, body


async def client(n, host, port, queries, deadline, stats):
    conn = Connection(host, port)
    i = n  # each client starts at another query
    while time.monotonic() < deadline:
        name, text = queries[i % len(queries)]
        post = (i // len(queries) + n) % 2 == 1
        i += 1
        t0 = time.monotonic()
        try:
            status, _, body = await conn.ask(request_bytes(host, text, post), stats)
        except (OSError, ConnectionError, NoAnswer, asyncio.IncompleteReadError, ValueError) as e:
            stats.errors.append("%s: %s: %s" % (name, type(e).__name__, e))
            await asyncio.sleep(0.05)
            continue
        dt = time.monotonic() - t0
        if status != 200 or not body:
            stats.errors.append("%s: HTTP %d: %s" % (name, status, body[:200]))
            continue
        stats.latencies.append(dt)
        stats.by_query[name] = stats.by_query.get(name, 0) + 1
    conn.close()


async def slow_connection(host, port, until):
    """One slowloris connection: a request's headers one byte every 0.5 s
    until the server closes the connection or `until`.  Returns (how it
    ended: "cut", "held" or "answered", seconds from before the connect)."""
    req = request_bytes(host, SLOW_REQUEST, False)
    t0 = time.monotonic()
    sent = 0
    try:
        reader, writer = await asyncio.open_connection(host, port)
    except OSError:
        return "cut", time.monotonic() - t0
    try:
        while sent < len(req) and time.monotonic() < until:
            writer.write(req[sent:sent + 1])
            await writer.drain()
            sent += 1
            try:  # the server's close is seen as the end of the stream at once
                data = await asyncio.wait_for(reader.read(1), SLOW_BYTE_EVERY)
            except asyncio.TimeoutError:
                continue
            return ("answered" if data else "cut"), time.monotonic() - t0
        return "held", time.monotonic() - t0
    except (OSError, ConnectionError):
        return "cut", time.monotonic() - t0
    finally:
        writer.close()


async def slow_client(host, port, deadline, results):
    """Slowloris that connects again as soon as it is cut, until deadline."""
    while time.monotonic() < deadline:
        results.append(await slow_connection(host, port, deadline))


async def explosive(host, port, deadline, timeout, results, stats):
    """Explosive queries one after the other; the first at once, the others
    while the run has time left for one (so the run is not prolonged)."""
    limit = 4 * timeout + 30
    while not results or time.monotonic() + timeout < deadline:
        t0 = time.monotonic()
        conn = Connection(host, port)
        try:
            status, _, body = await conn.ask(request_bytes(host, EXPLOSIVE, True), stats, limit)
            results.append((status, time.monotonic() - t0, body[:120].decode("utf-8", "replace")))
        except asyncio.TimeoutError:
            results.append((0, time.monotonic() - t0, "no answer within %g s" % limit))
            return
        except (OSError, ConnectionError, NoAnswer, asyncio.IncompleteReadError) as e:
            results.append((-1, time.monotonic() - t0, "%s: %s" % (type(e).__name__, e)))
        finally:
            conn.close()
        await asyncio.sleep(0.2)


def rss_kb(pid, field="VmRSS"):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


async def sample_rss(pid, deadline, samples):
    while time.monotonic() < deadline:
        kb = rss_kb(pid)
        if kb is None:
            return
        samples.append(kb)
        await asyncio.sleep(0.2)


def percentile(values, p):
    if not values:
        return float("nan")
    v = sorted(values)
    return v[min(len(v) - 1, int(round(p / 100.0 * (len(v) - 1))))]


def bound(request_timeout):
    """How late after its request timeout a slow connection may be closed:
    the server looks every 0.5 s at most, and this client and the server
    share a loaded machine."""
    return request_timeout + max(5.0, request_timeout)


def spread(seconds):
    if not seconds:
        return "none"
    return "%.1f / %.1f / %.1f s" % (min(seconds), percentile(seconds, 50), max(seconds))


async def deadline_phase(host, port, a):
    """Fewer slow clients than slots, alone: each must be cut at its
    request timeout.  Returns the (end, seconds) of each."""
    n = max(1, min(8, a.max_connections // 2))
    until = time.monotonic() + bound(a.request_timeout) + 1
    return await asyncio.gather(*[slow_connection(host, port, until) for _ in range(n)])


async def run(a):
    u = urllib.parse.urlsplit(a.url)
    host, port = u.hostname, u.port
    if host not in ("127.0.0.1", "::1", "localhost"):
        sys.exit("serve-load.py: loopback only, not %s" % host)
    queries = []
    for path in sorted(glob.glob(os.path.join(a.query_dir, "*.rq"))):
        with open(path, encoding="utf-8") as f:
            queries.append((os.path.basename(path), f.read()))
    if not queries:
        sys.exit("serve-load.py: no *.rq in %s" % a.query_dir)
    # the reference, in the same run: one client alone, nothing else
    ref = Stats()
    t_ref = time.monotonic()
    await client(0, host, port, queries, t_ref + a.reference_seconds, ref)
    t_ref = time.monotonic() - t_ref
    alone = await deadline_phase(host, port, a) if a.request_timeout > 0 else []

    stats, slow, boom, rss = Stats(), [], [], []
    lead = 1.5  # the slow clients hold every slot before the others come
    deadline = time.monotonic() + lead + a.seconds
    slow_tasks = [asyncio.ensure_future(slow_client(host, port, deadline, slow))
                  for _ in range(a.slow)]
    sampler = asyncio.ensure_future(sample_rss(a.pid, deadline + 1, rss))
    await asyncio.sleep(lead)
    start = time.monotonic()
    tasks = [client(n, host, port, queries, deadline, stats) for n in range(a.clients)]
    tasks += [explosive(host, port, deadline, a.timeout, boom, stats)]
    await asyncio.gather(*tasks)
    elapsed = time.monotonic() - start
    await asyncio.gather(*slow_tasks, sampler)
    alive = rss_kb(a.pid) is not None
    peak = max(rss) if rss else 0
    hwm = rss_kb(a.pid, "VmHWM") or 0

    lat = stats.latencies
    print("clients: %d (+ %d slow, + 1 explosive) for %.1f s; %d queries from %s"
          % (a.clients, a.slow, elapsed, len(queries), a.query_dir))
    print("answered: %d (%.1f requests/s); latency p50 %.1f ms, p99 %.1f ms, max %.1f ms"
          % (len(lat), len(lat) / elapsed, 1e3 * percentile(lat, 50), 1e3 * percentile(lat, 99),
             1e3 * (max(lat) if lat else float("nan"))))
    rl = ref.latencies
    print("reference, 1 client alone for %.1f s: %d answered (%.1f requests/s), p50 %.1f ms, "
          "p99 %.1f ms, %d errors" % (t_ref, len(rl), len(rl) / t_ref, 1e3 * percentile(rl, 50),
                                      1e3 * percentile(rl, 99), len(ref.errors)))
    if rl and lat:
        print("ratios to the reference: throughput x%.2f, p50 x%.2f, p99 x%.2f"
              % ((len(lat) / elapsed) / (len(rl) / t_ref), percentile(lat, 50) / percentile(rl, 50),
                 percentile(lat, 99) / percentile(rl, 99)))
    stats.errors += ref.errors
    print("errors: %d; requests sent again after the server closed their connection unanswered: %d"
          % (len(stats.errors), stats.retries + ref.retries))
    for e in stats.errors[:10]:
        print("  error: %s" % e)
    print("peak RSS: %.1f MB sampled (%d samples), VmHWM %.1f MB"
          % (peak / 1024.0, len(rss), hwm / 1024.0))
    if alone:
        print("deadline alone: %d slow clients (fewer than the %d slots), %d cut by the server; "
              "lasted min/median/max %s (request timeout %g s)"
              % (len(alone), a.max_connections, sum(1 for r in alone if r[0] == "cut"),
                 spread([r[1] for r in alone]), a.request_timeout))
    cuts = [r[1] for r in slow if r[0] == "cut"]
    print("slow clients under load: %d connections of %d slow clients (%d slots), %d cut by the "
          "server, lasting min/median/max %s; %d still open at the end (%s), %d answered"
          % (len(slow), a.slow, a.max_connections, len(cuts), spread(cuts),
             sum(1 for r in slow if r[0] == "held"),
             spread([r[1] for r in slow if r[0] == "held"]),
             sum(1 for r in slow if r[0] == "answered")))
    print("explosive query: %d sent; statuses %s; seconds %s"
          % (len(boom), sorted(set(r[0] for r in boom)),
             ", ".join("%.1f" % r[1] for r in boom[:8]) + (" ..." if len(boom) > 8 else "")))
    if boom:
        print("  its answer: %s" % boom[0][2].strip())

    ok = True

    def check(cond, what):
        nonlocal ok
        print("%s: %s" % ("ok" if cond else "FAIL", what))
        ok = ok and cond

    check(alive, "the server is still running")
    check(len(lat) > 0, "queries were answered")
    check(not stats.errors, "every well-formed request got 200 (no error; at most one retry "
                            "after an unanswered close)")
    check(boom and all(r[0] == 503 and "time limit" in r[2] for r in boom),
          "every explosive query ended with the time-limit answer (503), none with rows or a hang")
    if a.request_timeout > 0:
        b = bound(a.request_timeout)
        check(all(r[0] == "cut" and a.request_timeout - 0.05 <= r[1] <= b for r in alone),
              "alone, every slow client was cut at its request timeout: after %g s, within %g s"
              % (a.request_timeout, b))
        check(all(r[1] <= b for r in slow if r[0] != "answered") and len(cuts) > 0,
              "under load, no slow connection lasted past %g s (slow clients cut: %d)"
              % (b, len(cuts)))
    if a.slow + a.clients + 1 > a.max_connections:
        early = sum(1 for d in cuts if d < a.request_timeout or a.request_timeout <= 0)
        check(early > 0, "the well-formed clients did not wait for the slow ones' deadline: "
                         "%d slow connections closed sooner to make room" % early)
    top = max(peak, hwm)
    check(top and top / 1024.0 <= a.max_rss_mb,
          "peak RSS (VmHWM) %.1f MB within %d MB" % (top / 1024.0, a.max_rss_mb))
    return 0 if ok else 1


def main():
    p = argparse.ArgumentParser()
    p.add_argument("url")
    p.add_argument("pid", type=int)
    p.add_argument("query_dir")
    p.add_argument("--clients", type=int, default=32)
    p.add_argument("--seconds", type=float, default=60)
    p.add_argument("--slow", type=int, default=64)
    p.add_argument("--timeout", type=float, default=5, help="the server's --timeout")
    p.add_argument("--request-timeout", type=float, default=10,
                   help="the server's --request-timeout (0: none)")
    p.add_argument("--max-connections", type=int, default=64,
                   help="the server's --max-connections")
    p.add_argument("--max-rss-mb", type=int, default=1024)
    p.add_argument("--reference-seconds", type=float, default=10,
                   help="one client alone first, for the ratios")
    a = p.parse_args()
    sys.exit(asyncio.run(run(a)))


if __name__ == "__main__":
    main()
