# Shared helpers for the shell tests; sourced, never run.
# Environment from Makefile.am: VITAE (the binary), top_srcdir, top_builddir,
# PYTHON_ORACLE (a python3 with rdflib), VITAE_DATADIR.
set -u
: "${VITAE:?run through make check, or set VITAE=path/to/src/vitae}"
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${PYTHON_ORACLE:=/usr/bin/python3}"
export VITAE_DATADIR="${VITAE_DATADIR:-$top_srcdir}"
unset VITAE_STORE
T=$(mktemp -d "${TMPDIR:-/tmp}/vitae-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
failures=0
# VITAE_VALGRIND=1 (make check-valgrind): every run of $VITAE goes through
# valgrind memcheck; a finding exits 99, which no test expects.
if [ -n "${VITAE_VALGRIND:-}" ]; then
  printf '#!/bin/sh\nexec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite --suppressions=%s %s "$@"\n' \
    "$top_srcdir/tests/sanitizers/valgrind.supp" "$VITAE" >"$T/vitae-valgrind"
  chmod 755 "$T/vitae-valgrind"
  VITAE=$T/vitae-valgrind
fi
SHARED=$top_srcdir/../shared

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }
check() { # check DESCRIPTION COMMAND...: passes when the command succeeds
  local what=$1; shift
  if "$@"; then pass "$what"; else fail "$what"; fi
}
# expect_exit CODE DESCRIPTION COMMAND...: runs the command, output in $T/out and $T/err
expect_exit() {
  local code=$1 what=$2; shift 2
  "$@" >"$T/out" 2>"$T/err"; local rc=$?
  if [ "$rc" = "$code" ]; then pass "$what (exit $rc)"; else
    fail "$what: exit $rc, expected $code; stderr: $(head -3 "$T/err")"; fi
}
# Skip (77) when the rdflib oracle is missing; the oracle is required on CI.
need_oracle() {
  if ! "$PYTHON_ORACLE" -c 'import rdflib' 2>/dev/null; then
    if [ -n "${CI:-}" ]; then echo "rdflib missing on CI" >&2; exit 99; fi
    echo "SKIP: no rdflib ($PYTHON_ORACLE)"; exit 77
  fi
}
# Skip (77) when vitae was built without the server (no libmicrohttpd).
need_server() {
  "$VITAE" --store "$T/none" serve --port x >"$T/out" 2>"$T/err"
  if grep -q "built without the server" "$T/err"; then echo "SKIP: built without the server"; exit 77; fi
}
# Skip when ../shared (development data) is not beside the checkout.
need_shared() { [ -d "$SHARED" ] || { echo "SKIP: no ../shared"; exit 77; }; }
# start_server LOG ARGS...: `$VITAE ARGS` in the background, ARGS being a
# `serve --port 0 ...` command; sets PID, and URL from the "listening on"
# line of its stderr (kept in LOG).  Fails when no URL comes within 10 s.
start_server() {
  local log=$1; shift
  "$VITAE" "$@" 2>"$log" &
  PID=$!
  URL=
  for _ in $(seq 100); do
    URL=$(sed -n 's|^vitae: listening on \(http://127\.0\.0\.1:[0-9]*\)/ .*|\1|p' "$log")
    [ -n "$URL" ] && return 0
    sleep 0.1
  done
  return 1
}
# code CURL-ARGS...: a request's HTTP status; its body in $T/body, its
# headers in $T/headers
code() { curl -s -o "$T/body" -D "$T/headers" -w '%{http_code}' "$@"; }
expect_code() { # expect_code CODE DESCRIPTION CURL-ARGS...
  local want=$1 what=$2; shift 2
  local got; got=$(code "$@")
  if [ "$got" = "$want" ]; then pass "$what ($got)"; else
    fail "$what: HTTP $got, expected $want: $(head -c 300 "$T/body")"; fi
}
finish() {
  if [ "$failures" -gt 0 ]; then echo "$failures check(s) failed" >&2; exit 1; fi
  exit 0
}
