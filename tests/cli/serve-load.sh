#!/bin/sh
# A short run of the load test (bench/serve-load.sh --seconds 10): slow
# clients alone, cut at --request-timeout; then 16 slow clients holding the
# 16 slots, 4 clients asking the showcase queries, an explosive query.
# Fails when the server dies, a well-formed request gets an error, a slow
# client is not cut within the bound, the explosive query is not stopped by
# the time limit, or memory goes past 1 GB; the figures are printed, never
# asserted.  First, the new options' bad values.
. "$(dirname "$0")/lib.sh"
need_server
for bad in -1 x 1e9 ""; do
  expect_exit 2 "--request-timeout '$bad' is a usage error" \
    "$VITAE" --store "$T/none" serve --port 0 --request-timeout "$bad"
  check "... saying what it wants" grep -q "request-timeout wants a number from 0 to 86400, not '$bad'" "$T/err"
done
expect_exit 2 "--max-connections-per-client -2 is a usage error" \
  "$VITAE" --store "$T/none" serve --port 0 --max-connections-per-client -2
check "... saying what it wants" grep -q "max-connections-per-client wants a number" "$T/err"
check "serve --help lists --request-timeout" sh -c '"$0" serve --help | grep -q -- "--request-timeout S"' "$VITAE"

# --max-connections-per-client 1: one client address holds one connection,
# and a second from it is turned away while the first is open
"$VITAE" --store "$T/s" load "$top_srcdir/tests/fixtures/people.trig" 2>/dev/null || fail "load the fixture"
if start_server "$T/per.log" --store "$T/s" serve --port 0 --max-connections-per-client 1; then
  ASK="$URL/sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D"
  "$PYTHON_ORACLE" -c '
import socket, subprocess, sys
held = socket.create_connection(("127.0.0.1", int(sys.argv[1].rsplit(":", 1)[1].split("/")[0])))
held.send(b"GET /sparql HTTP/1.1\r\n")  # a request begun, not ended
second = subprocess.run(["curl", "-s", "-m", "20", "-o", "/dev/null", "-w", "%{http_code}", sys.argv[1]],
                        capture_output=True, text=True).stdout
held.close()
print(second)' "$ASK" >"$T/per.out" 2>&1
  check "a second connection from the same address is turned away" grep -qx "000" "$T/per.out"
  check "... and served once the first is closed" sh -c '[ "$(curl -s -m 20 -o /dev/null -w "%{http_code}" "$1")" = 200 ]' sh "$ASK"
  kill "$PID"; wait "$PID" 2>/dev/null
else
  fail "no server with --max-connections-per-client 1: $(cat "$T/per.log")"
fi

# In a sanitizer build every allocation's stack is unwound with the debug
# info (Makefile.am), which makes the queries so slow that under load they
# reach the time limit: the load run takes the fast unwinder, without the
# leak check whose suppressions need the slow one (as crash.sh does).  An
# invalid access or undefined behaviour still ends the server with exit 86,
# which the run reports (the server gone, or not stopped cleanly).
ASAN_OPTIONS="${ASAN_OPTIONS:-}:fast_unwind_on_malloc=1:detect_leaks=0" \
VITAE=$VITAE PYTHON=$PYTHON_ORACLE sh "$top_srcdir/bench/serve-load.sh" --seconds 10 --clients 4 \
  --max-connections 16 --slow 16 --timeout 8 --request-timeout 3 --reference-seconds 3 \
  >"$T/load" 2>&1
rc=$?
cat "$T/load"
[ "$rc" = 0 ] && pass "the server under load: every check of bench/serve-load.sh" ||
  fail "bench/serve-load.sh --seconds 10 failed (above)"
# the run must have exercised what it checks
check "queries were answered" grep -q '^answered: [1-9]' "$T/load"
check "the explosive query was sent" grep -q '^explosive query: [1-9]' "$T/load"
check "slow clients were cut alone" grep -q '^deadline alone: 8 slow clients .* 8 cut' "$T/load"
check "slow clients were cut under load" grep -q '^slow clients under load: .* [1-9][0-9]* cut' "$T/load"
finish
