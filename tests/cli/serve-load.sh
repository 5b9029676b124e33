#!/bin/sh
# A short run of the load test (bench/serve-load.sh --seconds 10): 32
# clients asking the showcase queries, slow clients, an explosive query.
# Fails when the server dies, a well-formed request gets an error, the
# explosive query is not stopped by the time limit, or memory goes past
# 1 GB; the figures are printed, never asserted.
. "$(dirname "$0")/lib.sh"
need_server
VITAE=$VITAE PYTHON=$PYTHON_ORACLE sh "$top_srcdir/bench/serve-load.sh" --seconds 10 --slow 4 \
  --timeout 3 --reference-seconds 3 >"$T/load" 2>&1
rc=$?
cat "$T/load"
[ "$rc" = 0 ] && pass "the server under load: every check of bench/serve-load.sh" ||
  fail "bench/serve-load.sh --seconds 10 failed (above)"
# the run must have exercised what it checks
check "queries were answered" grep -q '^answered: [1-9]' "$T/load"
check "the explosive query was sent" grep -q '^explosive query: [1-9]' "$T/load"
finish
