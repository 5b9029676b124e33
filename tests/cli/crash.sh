#!/bin/sh
# A load is atomic: `vitae load` killed with SIGKILL at random moments leaves
# a store that opens, passes `vitae check`, and holds either everything of
# the load or nothing of it (its dump is byte for byte the dump from before
# the load, or the dump of the same load run to the end).
#
# The load replaces a graph of 20,000 triples with 100,000 others, in a store
# that also holds two more graphs.  First it crashes itself at the three
# points around the commit (VITAE_CRASH_POINT, see src/store/store.c); then
# it is killed at random moments, uniform between the start and the time an
# uninterrupted load takes, until CRASH_RUNS (default 20) loads were killed
# (a load that ends before its kill is judged too, but not counted), so that
# kills land in the copy, the parse, the writes, the fsyncs and the commit.
# About 2 minutes.
#   CRASH_SEED=N     repeat the delays of an earlier run (printed at the start)
#   CRASH_RUNS=N     more or fewer kills
#   CRASH_LOADER=BIN the vitae that loads (default $VITAE); point it at a
#                    build without generations to see this test fail
. "$(dirname "$0")/lib.sh"
F=$top_srcdir/tests/fixtures
RUNS=${CRASH_RUNS:-20}
LOADER=${CRASH_LOADER:-$VITAE}
SEED=${CRASH_SEED:-$(( $(od -An -N4 -tu4 /dev/urandom | tr -d ' ') % 1000000 ))}
G=http://example.org/crash/g
# In a sanitizer build the 100,000-triple loads unwind allocation stacks the
# fast way and skip the leak check at exit: the killed ones never reach it,
# the uninterrupted one must take the time the killed ones would, and make
# check's full unwinding (there for the leak suppressions) makes such a load
# four times slower.  The base store's loads and every dump keep the checks.
FAST_ASAN="${ASAN_OPTIONS:-}:fast_unwind_on_malloc=1:detect_leaks=0"
echo "seed $SEED, $RUNS kills (CRASH_SEED=$SEED to repeat)"

# 100,000 new triples (IRIs, language-tagged and typed literals, blank
# nodes) replace 20,000 old ones.
gen() { # gen N TAG
  awk -v n="$1" -v tag="$2" 'BEGIN {
    for (i = 0; i < n; i++) {
      s = "<http://example.org/crash/s" int(i / 5) ">"; k = i % 5
      if (tag == "old") printf "%s <http://www.w3.org/2000/01/rdf-schema#label> \"old item %d\" .\n", s, i
      else if (k == 0) printf "%s <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://example.org/crash/T%d> .\n", s, i % 13
      else if (k == 1) printf "%s <http://www.w3.org/2000/01/rdf-schema#label> \"new item %d, a label long enough to take some room\"@en .\n", s, i
      else if (k == 2) printf "%s <http://example.org/crash/next> <http://example.org/crash/s%d> .\n", s, int(i / 5) + 1
      else if (k == 3) printf "%s <http://example.org/crash/n> \"%d\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n", s, i
      else printf "%s <http://example.org/crash/blank> _:b%d .\n", s, i
    } }'
}
gen 100000 new >"$T/new.nt"
gen 20000 old >"$T/old.nt"

# the store before the load, and the two allowed outcomes
"$LOADER" -q --store "$T/base" load "$F/people.trig" || fail "the base store: people.trig"
"$LOADER" -q --store "$T/base" load --graph "$G" "$T/old.nt" || fail "the base store: old.nt"
"$VITAE" --store "$T/base" dump -o "$T/old.nq" || fail "dump of the base store"
cp -a "$T/base" "$T/full"
start=$(date +%s.%N)
ASAN_OPTIONS=$FAST_ASAN "$LOADER" -q --store "$T/full" load --graph "$G" "$T/new.nt" || fail "an uninterrupted load"
end=$(date +%s.%N)
"$VITAE" --store "$T/full" dump -o "$T/new.nq" || fail "dump after the load"
full=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
echo "an uninterrupted load takes ${full}s; old state $(wc -l <"$T/old.nq") quads, new $(wc -l <"$T/new.nq")"
cmp -s "$T/old.nq" "$T/new.nq" && fail "the load changes nothing: the test could not tell"
[ "$failures" -gt 0 ] && finish

# one run: copy the base store, start the load, kill it after $1 seconds (or
# let it crash itself at VITAE_CRASH_POINT=$2), then judge what is left
one_run() {
  delay=$1 point=$2
  run=$((run + 1))
  rm -rf "$T/s"
  cp -a "$T/base" "$T/s"
  if [ -n "$point" ]; then
    ASAN_OPTIONS=$FAST_ASAN VITAE_CRASH_POINT=$point "$LOADER" -q --store "$T/s" load --graph "$G" "$T/new.nt" 2>"$T/load.err"
    rc=$?
    what="killed at $point"
    if [ "$rc" = 137 ]; then killed=$what; else
      fail "run $run: the load was not killed at $point (exit $rc)"; killed="not $what"; fi
  else
    ASAN_OPTIONS=$FAST_ASAN "$LOADER" -q --store "$T/s" load --graph "$G" "$T/new.nt" 2>"$T/load.err" &
    pid=$!
    sleep "$delay"
    if kill -9 "$pid" 2>/dev/null; then killed="killed after ${delay}s"; kills=$((kills + 1))
    else killed="finished before the kill at ${delay}s"; fi
    wait "$pid" 2>/dev/null
    what="kill after ${delay}s"
  fi
  # what the kill left: a working generation not committed, or none
  partial=$(ls "$T/s" | grep -c '^gen-')
  [ "$partial" -gt 1 ] && leftovers=$((leftovers + 1))
  if ! "$VITAE" --store "$T/s" check >"$T/check.out" 2>"$T/check.err"; then
    fail "run $run ($what): vitae check fails: $(grep problem "$T/check.err" | head -3)"
    return
  fi
  if ! "$VITAE" --store "$T/s" dump -o "$T/after.nq" 2>"$T/dump.err"; then
    fail "run $run ($what): the store cannot be dumped: $(head -2 "$T/dump.err")"
    return
  fi
  if cmp -s "$T/after.nq" "$T/old.nq"; then
    old=$((old + 1)); outcome="nothing of the load"
  elif cmp -s "$T/after.nq" "$T/new.nq"; then
    new=$((new + 1)); outcome="all of the load"
  else
    fail "run $run ($what): the store holds part of the load ($(wc -l <"$T/after.nq") quads; before $(wc -l <"$T/old.nq"), after $(wc -l <"$T/new.nq"))"
    return
  fi
  pass "run $run: $killed: $outcome; check ok$( [ "$partial" -gt 1 ] && echo ", an unused generation left for the next writer")"
  if [ "$partial" -gt 1 ] && [ "$repaired" = 0 ]; then
    repaired=1
    check "run $run: check reports the partial generation" grep -q "partial generation" "$T/check.out"
    expect_exit 0 "run $run: check --repair" "$VITAE" --store "$T/s" check --repair
    check "run $run: ... removes it" sh -c "[ \$(ls '$T/s' | grep -c '^gen-') = 1 ]"
  fi
}

old=0 new=0 run=0 kills=0 leftovers=0 repaired=0
# the moments that matter most, where a random kill seldom lands
if [ -z "${CRASH_LOADER:-}" ]; then
  for point in begin-copied commit-synced commit-renamed; do one_run 0 "$point"; done
  [ "$old" = 2 ] && [ "$new" = 1 ] && pass "the crash points: nothing before the marker is replaced, everything after" \
    || fail "the crash points: $old runs left nothing, $new everything (expected 2 and 1)"
fi
# then random moments: uniform in [0, full), until RUNS loads were killed
# (loads that finish first do not count; at most 2 * RUNS attempts)
awk -v seed="$SEED" -v n="$((2 * RUNS))" -v full="$full" 'BEGIN { srand(seed); for (i = 0; i < n; i++) printf "%.3f\n", rand() * full }' >"$T/delays"
while read -r delay && [ "$kills" -lt "$RUNS" ]; do
  one_run "$delay" ""
done <"$T/delays"
echo "$run runs, $kills killed at random moments: $old left nothing of the load, $new all of it; $leftovers left a partial generation"
[ "$kills" -ge "$RUNS" ] || fail "only $kills of $RUNS loads were killed (the loads ran faster than measured)"

# the next writer removes what the last kill left, and loads
expect_exit 0 "a load after the kills" "$LOADER" --store "$T/s" load --graph "$G" "$T/new.nt"
"$VITAE" --store "$T/s" dump -o "$T/after.nq"
check "... gives the full load" cmp -s "$T/after.nq" "$T/new.nq"
check "... and leaves one generation" sh -c "[ \$(ls '$T/s' | grep -c '^gen-') = 1 ]"
finish
