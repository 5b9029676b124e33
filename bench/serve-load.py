"""Load on a running `vitae serve` (loopback only): bench/serve-load.sh
starts the server and runs this.

  serve-load.py URL SERVER_PID QUERY_DIR [--clients 32] [--seconds 60]
                [--slow 8] [--timeout S] [--max-rss-mb 1024] [--reference-seconds 10]

First, for --reference-seconds, one client alone asks the queries (the
reference the figures are compared with).  Then for --seconds, at once:
  - --clients clients, each on its own keep-alive connection, ask the
    showcase queries of QUERY_DIR (*.rq) in turn, alternating GET and POST
    form; every answer must be 200 with a body (errors: anything else,
    refused or dropped connections included);
  - --slow slow clients (slowloris) each hold a connection open, sending a
    request's headers one byte every 0.5 s, and must get their answer in
    the end (or be cut off by the server, which is counted and reported);
  - one client sends an explosive query (a cross product over the whole
    store, three patterns deep) again and again: each must end with the
    server's time-limit answer (503 saying so), never with 200 or a hang
    (no answer within 4 x the server's --timeout + 30 s);
  - the server's resident memory (VmRSS of /proc/PID/status) is sampled
    every 0.2 s.
Prints the figures (requests/s, p50/p99 latency, errors, peak RSS) and one
line per check; exits 1 when a check fails: the server died, an answer was
an error, the time limit was not honoured, or the peak RSS went past
--max-rss-mb.  No timing is asserted.
"""
import argparse
import asyncio
import glob
import os
import sys
import time
import urllib.parse

EXPLOSIVE = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


class Stats:
    def __init__(self):
        self.latencies = []
        self.errors = []
        self.by_query = {}


async def read_response(reader):
    """(status, headers dict, body) of one HTTP/1.1 response."""
    line = await reader.readline()
    if not line:
        raise ConnectionError("connection closed before an answer")
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


async def client(n, host, port, queries, deadline, stats):
    reader = writer = None
    i = n  # each client starts at another query
    while time.monotonic() < deadline:
        name, text = queries[i % len(queries)]
        post = (i // len(queries) + n) % 2 == 1
        i += 1
        t0 = time.monotonic()
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(host, port)
            writer.write(request_bytes(host, text, post))
            await writer.drain()
            status, headers, body = await read_response(reader)
            if headers.get("connection", "").lower() == "close":
                writer.close()
                writer = None
        except (OSError, ConnectionError, asyncio.IncompleteReadError, ValueError) as e:
            stats.errors.append("%s: %s: %s" % (name, type(e).__name__, e))
            if writer is not None:
                writer.close()
            writer = None
            await asyncio.sleep(0.05)
            continue
        dt = time.monotonic() - t0
        if status != 200 or not body:
            stats.errors.append("%s: HTTP %d: %s" % (name, status, body[:200]))
            continue
        stats.latencies.append(dt)
        stats.by_query[name] = stats.by_query.get(name, 0) + 1
    if writer is not None:
        writer.close()


async def slow_client(n, host, port, deadline, results):
    """Headers one byte every 0.5 s until the end of the run, then the rest
    at once; then the answer (or the server's cut)."""
    req = request_bytes(host, "ASK { ?s ?p ?o }", False)
    t0 = time.monotonic()
    sent = 0
    try:
        reader, writer = await asyncio.open_connection(host, port)
        while sent < len(req) and time.monotonic() < deadline:
            writer.write(req[sent:sent + 1])
            await writer.drain()
            sent += 1
            await asyncio.sleep(0.5)
        writer.write(req[sent:])
        await writer.drain()
        status, _, _ = await asyncio.wait_for(read_response(reader), 30)
        results.append(("answered", status, time.monotonic() - t0, sent))
        writer.close()
    except (OSError, ConnectionError, asyncio.IncompleteReadError, asyncio.TimeoutError) as e:
        results.append(("cut", type(e).__name__, time.monotonic() - t0, sent))


async def explosive(host, port, deadline, limit, results):
    while time.monotonic() < deadline:
        t0 = time.monotonic()
        try:
            reader, writer = await asyncio.open_connection(host, port)
            writer.write(request_bytes(host, EXPLOSIVE, True))
            await writer.drain()
            status, _, body = await asyncio.wait_for(read_response(reader), limit)
            writer.close()
            results.append((status, time.monotonic() - t0, body[:120].decode("utf-8", "replace")))
        except asyncio.TimeoutError:
            results.append((0, time.monotonic() - t0, "no answer within %g s" % limit))
            return
        except (OSError, ConnectionError, asyncio.IncompleteReadError) as e:
            results.append((-1, time.monotonic() - t0, "%s: %s" % (type(e).__name__, e)))
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
    start = time.monotonic()
    deadline = start + a.seconds
    stats, slow, boom, rss = Stats(), [], [], []
    limit = 4 * a.timeout + 30
    tasks = [client(n, host, port, queries, deadline, stats) for n in range(a.clients)]
    tasks += [slow_client(n, host, port, deadline, slow) for n in range(a.slow)]
    tasks += [explosive(host, port, deadline, limit, boom), sample_rss(a.pid, deadline + 1, rss)]
    await asyncio.gather(*tasks)
    elapsed = time.monotonic() - start
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
    print("errors: %d" % len(stats.errors))
    for e in stats.errors[:10]:
        print("  error: %s" % e)
    print("peak RSS: %.1f MB sampled (%d samples), VmHWM %.1f MB"
          % (peak / 1024.0, len(rss), hwm / 1024.0))
    answered = [r for r in slow if r[0] == "answered"]
    print("slow clients: %d answered (%s bytes sent one by one), %d cut off by the server%s"
          % (len(answered), "/".join(sorted(set(str(r[3]) for r in answered))) or "0",
             len(slow) - len(answered),
             "".join("; %s %s after %.1f s" % r[:3] for r in slow if r[0] != "answered")))
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
    check(not stats.errors, "every well-formed request got 200 (no error, no refused connection)")
    check(boom and all(r[0] == 503 and "time limit" in r[2] for r in boom),
          "every explosive query ended with the time-limit answer (503), none with rows or a hang")
    check(all(r[0] == "answered" and r[1] == 200 for r in slow),
          "every slow client got its answer in the end")
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
    p.add_argument("--slow", type=int, default=8)
    p.add_argument("--timeout", type=float, default=5, help="the server's --timeout")
    p.add_argument("--max-rss-mb", type=int, default=1024)
    p.add_argument("--reference-seconds", type=float, default=10,
                   help="one client alone first, for the ratios")
    a = p.parse_args()
    sys.exit(asyncio.run(run(a)))


if __name__ == "__main__":
    main()
