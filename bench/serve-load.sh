#!/bin/sh
# bench/serve-load.sh: `make bench-serve` -- vitae serve under load, on
# loopback: the bundled biography's store (`vitae demo`), a server on a
# free port, and bench/serve-load.py driving it (slow clients sending their
# headers byte by byte, first alone, then as many as the server's slots
# beside 32 clients asking the showcase queries and a client sending an
# explosive query) while the server's memory is sampled.  Prints the
# figures and the checks; exits 1 when a check fails (the server died, an
# error answer, a limit or the request timeout not honoured, memory past
# the bound).
#
#   bench/serve-load.sh [--seconds 60] [--clients 32] [--slow N]
#                       [--timeout 5] [--request-timeout 10] [--max-connections 64]
#                       [--max-rss-mb 1024] [--reference-seconds 10]
#
# --slow is by default --max-connections: the slow clients alone could hold
# every slot.
#
# Environment: VITAE (the binary, default src/vitae), PYTHON (default
# python3: the client needs only the standard library), top_srcdir.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=${top_srcdir:-$(dirname "$here")}
VITAE=${VITAE:-$top/src/vitae}
PYTHON=${PYTHON:-python3}
export VITAE_DATADIR=${VITAE_DATADIR:-$top}
unset VITAE_STORE
seconds=60 clients=32 slow= timeout=5 reqtimeout=10 maxconn=64 maxrss=1024 refsecs=10
while [ $# -gt 0 ]; do
  case $1 in
    --seconds) seconds=$2 ;;
    --clients) clients=$2 ;;
    --slow) slow=$2 ;;
    --timeout) timeout=$2 ;;
    --request-timeout) reqtimeout=$2 ;;
    --max-connections) maxconn=$2 ;;
    --max-rss-mb) maxrss=$2 ;;
    --reference-seconds) refsecs=$2 ;;
    *) echo "serve-load.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
slow=${slow:-$maxconn}
# every well-formed client holds a connection: the slots must leave room
# for them (the slow ones are what the server must make room against)
need=$((clients + 1))
if [ "$maxconn" -lt "$need" ]; then
  echo "serve-load.sh: --max-connections $maxconn < $need connections the well-formed clients hold" >&2
  exit 2
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/vitae-load.XXXXXX")
PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$T"; }
trap cleanup EXIT

"$VITAE" --store "$T/store" demo >"$T/demo.out" 2>&1 ||
  { echo "serve-load.sh: vitae demo failed:"; tail -5 "$T/demo.out"; exit 1; }
"$VITAE" --store "$T/store" stats >"$T/stats" 2>/dev/null
triples=$(sed -n 's/^triples *\([0-9][0-9]*\).*/\1/p' "$T/stats")
inferred=$(sed -n 's/^inferred *\([0-9][0-9]*\).*/\1/p' "$T/stats")

"$VITAE" --quiet --store "$T/store" serve --port 0 --timeout "$timeout" \
  --request-timeout "$reqtimeout" --max-connections "$maxconn" 2>"$T/server.log" &
PID=$!
URL=
for _ in $(seq 100); do
  URL=$(sed -n 's|^vitae: listening on \(http://127\.0\.0\.1:[0-9]*\)/ .*|\1|p' "$T/server.log")
  [ -n "$URL" ] && break
  sleep 0.1
done
[ -n "$URL" ] || { echo "serve-load.sh: the server did not start:"; cat "$T/server.log"; exit 1; }

echo "vitae serve on the bundled biography's store (${triples:-?} triples + ${inferred:-?} inferred), --timeout $timeout, --request-timeout $reqtimeout, --max-connections $maxconn"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
"$PYTHON" "$here/serve-load.py" "$URL/sparql" "$PID" "$top/queries" --clients "$clients" \
  --seconds "$seconds" --slow "$slow" --timeout "$timeout" --request-timeout "$reqtimeout" \
  --max-connections "$maxconn" --max-rss-mb "$maxrss" --reference-seconds "$refsecs"
rc=$?
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
if ! kill -0 "$PID" 2>/dev/null; then
  echo "FAIL: the server is gone; its log:"; tail -20 "$T/server.log"; rc=1
else
  # a stop waits for the running queries, which the time limit ends
  kill "$PID"
  for _ in $(seq $(( (${timeout%.*} + 20) * 10 ))); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$PID" 2>/dev/null; then
    echo "FAIL: the server still runs $((${timeout%.*} + 20)) s after SIGTERM"
    kill -9 "$PID"; wait "$PID" 2>/dev/null; rc=1
  elif wait "$PID" && grep -q "vitae: stopped" "$T/server.log"; then
    echo "ok: the server stopped cleanly"
    # what the connection guard did, in the server's words
    sed -n 's/^vitae: stopped; /server: /p' "$T/server.log"
  else
    echo "FAIL: the server did not stop cleanly"; tail -20 "$T/server.log"; rc=1
  fi
  PID=
fi
exit "$rc"
