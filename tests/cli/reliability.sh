#!/bin/sh
# The store's reliability: dump and restore, vitae check, two processes at
# once, a full disk, a read-only store, stores made before generations,
# crashes of extract --load, and the sqlite backend.  (Crashes of a large
# load at random moments: crash.sh.)
. "$(dirname "$0")/lib.sh"
F=$top_srcdir/tests/fixtures
S=$T/store
G=https://example.org/test/big
count() { "$VITAE" --store "$1" query --format csv -e 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }' 2>/dev/null | tail -1 | tr -d '\r'; }
gens() { ls "$1" | grep -c '^gen-'; }
gen() { # gen N: N triples of N-Triples
  awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++)
    printf "<http://example.org/r/s%d> <http://example.org/r/p%d> \"value %d of a test that needs some bytes\" .\n", i / 3, i % 3, i }'
}
gen 100000 >"$T/big.nt"
gen 1000 >"$T/big1k.nt"
sed 's| \.$| <https://example.org/test/bigq> .|' "$T/big.nt" >"$T/big.nq"
printf '@prefix ex: <https://example.org/test/> .\nex:m ex:with [ ex:a ex:b ; ex:c "d"@en ] .\nex:m ex:n 42 .\n' >"$T/blank.ttl"

# --- the commands exist
for c in check dump restore; do
  expect_exit 0 "$c --help" "$VITAE" "$c" --help
  check "$c --help prints a usage line" grep -q "^Usage: vitae" "$T/out"
done
expect_exit 0 "vitae --help" "$VITAE" --help
check "--help names --wait and VITAE_WAIT" grep -q -- "--wait .*VITAE_WAIT\|VITAE_WAIT" "$T/out"
expect_exit 2 "check takes no argument" "$VITAE" --store "$S" check extra
expect_exit 2 "restore needs a FILE" "$VITAE" --store "$S" restore
expect_exit 2 "restore takes one FILE" "$VITAE" --store "$S" restore a.nq b.nq

# --- the layout of a new store
expect_exit 0 "load into a new store" "$VITAE" --store "$S" load "$F/people.trig"
check "the marker names format 2 and a generation" grep -q "^generation [0-9]" "$S/vitae-store"
check "one generation, no leftovers" sh -c "[ \$(ls '$S' | wc -l) = 3 ] && [ \$(ls '$S' | grep -c '^gen-') = 1 ]"
expect_exit 0 "load a file with blank nodes" "$VITAE" --store "$S" load "$T/blank.ttl"
check "still one generation" test "$(gens "$S")" = 1

# --- dump and restore
expect_exit 0 "dump -o" "$VITAE" --store "$S" dump -o "$T/d1.nq"
check "the dump is N-Quads with every graph" sh -c "grep -q '<https://example.org/test/graph-a> .\$' '$T/d1.nq' && grep -q '<https://example.org/test/graph-b> .\$' '$T/d1.nq' && grep -q 'blank.ttl> .\$' '$T/d1.nq'"
expect_exit 0 "dump to standard output" "$VITAE" --store "$S" dump
check "... gives the same bytes" cmp -s "$T/out" "$T/d1.nq"
expect_exit 0 "restore into a new store" "$VITAE" --store "$T/copy" restore "$T/d1.nq"
check "restore says what it restored" grep -q "restored [0-9]* triples in [0-9]* graphs" "$T/err"
"$VITAE" --store "$T/copy" dump -o "$T/d2.nq"
check "dump -> restore -> dump gives the same bytes (blank nodes too)" cmp -s "$T/d1.nq" "$T/d2.nq"
expect_exit 0 "stats on the restored store" "$VITAE" --store "$T/copy" stats
# restore replaces EVERYTHING: graphs the dump does not have go
"$VITAE" -q --store "$T/copy" load --graph https://example.org/test/extra "$T/blank.ttl"
expect_exit 0 "restore over a store with another graph" "$VITAE" --store "$T/copy" restore "$T/d1.nq"
"$VITAE" --store "$T/copy" dump -o "$T/d3.nq"
check "... leaves exactly the dump" cmp -s "$T/d1.nq" "$T/d3.nq"
check "... in one new generation" test "$(gens "$T/copy")" = 1
printf '<https://e/a> <https://e/b> "c" <https://e/g> .\n<https://e/a> <https://e/b> .\n' >"$T/bad.nq"
expect_exit 1 "restore of a file with an error" "$VITAE" --store "$T/copy" restore "$T/bad.nq"
check "the error names the file and line" grep -q "bad.nq:2" "$T/err"
"$VITAE" --store "$T/copy" dump -o "$T/d3.nq"
check "... changes nothing" cmp -s "$T/d1.nq" "$T/d3.nq"
expect_exit 1 "restore of a missing file" "$VITAE" --store "$T/copy" restore "$T/nope.nq"
check "... says so" grep -q "nope.nq: No such file or directory" "$T/err"
expect_exit 0 "restore from standard input" sh -c "'$VITAE' --store '$T/stdin' restore - < '$T/d1.nq'"
"$VITAE" --store "$T/stdin" dump -o "$T/d3.nq"
check "... gives the same store" cmp -s "$T/d1.nq" "$T/d3.nq"
: >"$T/empty.nq"
expect_exit 0 "restore of an empty dump" "$VITAE" --store "$T/stdin" restore "$T/empty.nq"
check "... empties the store" test "$("$VITAE" --store "$T/stdin" dump | wc -l)" = 0
expect_exit 1 "dump of a store that does not exist" "$VITAE" --store "$T/absent" dump
check "... creates nothing" test ! -e "$T/absent"

# --- check
expect_exit 0 "check a good store" "$VITAE" --store "$S" check
check "check prints a summary" sh -c "grep -q '^check  *ok' '$T/out' && grep -q '^graphs  *[1-9]' '$T/out' && grep -q '^triples  *[1-9]' '$T/out'"
expect_exit 1 "check a store that does not exist" "$VITAE" --store "$T/absent" check
check "... says so" grep -q "no store here" "$T/err"
mkdir "$S/gen-999999"; : >"$S/gen-999999/vitae-sp2o.db"; : >"$S/vitae-store.new"
expect_exit 0 "check with leftovers of an interrupted write" "$VITAE" --store "$S" check
check "... reports the partial generation" grep -q "warning: gen-999999 is a partial generation" "$T/out"
check "... and the uncommitted marker" grep -q "warning: 'vitae-store.new'" "$T/out"
expect_exit 0 "check --repair" "$VITAE" --store "$S" check --repair
check "... says what it removed" grep -q "repaired: removed: gen-999999" "$T/out"
check "... and removed it" sh -c "[ ! -e '$S/gen-999999' ] && [ ! -e '$S/vitae-store.new' ]"
cp -a "$S" "$T/damaged"
python3 - "$T/damaged" <<'EOF'
import glob, sys
path = glob.glob(sys.argv[1] + "/gen-*/vitae-contexts.db")[0]
with open(path, "r+b") as f:
    f.write(b"\x5a" * 4096)  # the first page: the metadata
EOF
expect_exit 1 "check a store with a damaged data file" "$VITAE" --store "$T/damaged" check
check "... names the problem" grep -q "^problem: the store does not open: .*vitae-contexts.db" "$T/err"
check "... and the way to recover" grep -q "vitae restore" "$T/out"
expect_exit 1 "check --repair cannot fix damaged data" "$VITAE" --store "$T/damaged" check --repair
expect_exit 0 "restore a dump over the damaged store" "$VITAE" --store "$T/damaged" restore "$T/d1.nq"
expect_exit 0 "... then check passes" "$VITAE" --store "$T/damaged" check
"$VITAE" --store "$T/damaged" dump -o "$T/d3.nq"
check "... and the store is the dump" cmp -s "$T/d1.nq" "$T/d3.nq"
cp -a "$S" "$T/nogen"
rm -rf "$T/nogen"/gen-*
expect_exit 1 "check a store whose current generation is missing" "$VITAE" --store "$T/nogen" check
check "... names it" grep -q "the current generation gen-[0-9]*, named by the marker, is missing" "$T/err"

# --- two processes
# The lock is held by flock(1) until the test releases it (the holder reads
# a FIFO), and a waiting vitae is seen blocked on the lock in /proc/locks, so
# no check below depends on how fast anything runs.  A command that must not
# wait runs under a generous timeout, only so that a bug hangs no CI run.
hold_lock() { # flock(1) takes $S/lock; returns once it is held
  rm -f "$T/held" "$T/release" && mkfifo "$T/held" "$T/release"
  { flock "$S/lock" sh -c 'echo held >"$1"; read x <"$2"' sh "$T/held" "$T/release" ||
      echo "flock failed" >"$T/held"; } &
  holder=$!
  read -r state <"$T/held"
  [ "$state" = held ] || fail "flock(1) could not take the lock: $state"
}
release_lock() { echo >"$T/release"; wait "$holder"; }
blocked_on_lock() { # blocked_on_lock PID: true once PID waits for $S/lock, false if it exits first
  local ino i=0
  ino=$(stat -c %i "$S/lock")
  # (an exited child stays a zombie until it is waited for: state Z)
  while [ -r "/proc/$1/stat" ] && [ "$(sed 's/.*) //; s/ .*//' "/proc/$1/stat")" != Z ] &&
    [ $i -lt 3000 ]; do
    grep -q -- "-> FLOCK .* $1 [0-9a-f]*:[0-9a-f]*:$ino " /proc/locks && return 0
    sleep 0.1; i=$((i + 1))
  done
  return 1
}
if command -v flock >/dev/null 2>&1 && [ -r /proc/locks ]; then
  # another writer holds the lock (flock(1) takes the same lock)
  hold_lock
  expect_exit 1 "a second writer fails at once" timeout 300 "$VITAE" --store "$S" load "$T/blank.ttl"
  check "... with a clear message" grep -q "the store is busy: another vitae process .*is writing to it; try again later, or use --wait" "$T/err"
  expect_exit 0 "a reader is not blocked by the writer" timeout 300 "$VITAE" --store "$S" stats
  expect_exit 0 "nor is dump" timeout 300 "$VITAE" --store "$S" dump -o "$T/during.nq"
  expect_exit 0 "nor is check" timeout 300 "$VITAE" --store "$S" check
  check "check notes the writer" grep -q "a writer.* is at work" "$T/out"
  for how in "--wait" "VITAE_WAIT=1"; do
    case $how in
      --wait) "$VITAE" --wait --store "$S" load "$T/blank.ttl" >"$T/out" 2>"$T/err" & ;;
      *) env VITAE_WAIT=1 "$VITAE" --store "$S" load "$T/blank.ttl" >"$T/out" 2>"$T/err" & ;;
    esac
    waiter=$!
    check "$how: the load waits for the lock" blocked_on_lock "$waiter"
    release_lock
    wait "$waiter"; rc=$?
    check "$how: ... and loads once it is released (exit $rc)" test "$rc" = 0
    hold_lock
  done
  expect_exit 1 "VITAE_WAIT=0 does not wait" timeout 300 env VITAE_WAIT=0 "$VITAE" --store "$S" load "$T/blank.ttl"
  release_lock
else
  echo "note: no flock(1) or /proc/locks: the lock tests with a held lock are skipped"
fi
# two real loads at once: the second one waits, both land, nothing is lost
countg() { # the triples of graph $2, from stats (0 when it is absent)
  n=$("$VITAE" --store "$1" stats 2>/dev/null | awk -v g="<$2>" '$2 == g { print $1 }')
  echo "${n:-0}"
}
"$VITAE" -q --store "$S" load --graph "$G" "$T/big.nt" &
first=$!
i=0
while [ "$(cat "$S/lock" 2>/dev/null)" != "$first" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
if [ "$(cat "$S/lock" 2>/dev/null)" = "$first" ]; then
  expect_exit 1 "a load while another load runs fails" "$VITAE" --store "$S" load "$T/blank.ttl"
  check "... naming the other process" grep -q "pid $first" "$T/err"
fi
# readers during the load see the graph empty or whole, never in between
n1=$(countg "$S" "$G")
"$VITAE" --store "$S" dump -o "$T/during.nq"
n2=$(grep -c "<$G> .\$" "$T/during.nq")
n3=$(countg "$S" "$G")
expect_exit 0 "--wait load of another graph meanwhile" "$VITAE" --wait --store "$S" load --graph https://example.org/test/second "$T/blank.ttl"
wait "$first"; rc=$?
check "the first load succeeded" test "$rc" = 0
for n in "$n1" "$n2" "$n3"; do
  case $n in
    0 | 100000) pass "a reader during the load saw the graph whole or absent ($n)" ;;
    *) fail "a reader during the load saw $n of the 100000 triples" ;;
  esac
done
nG=$(countg "$S" "$G")
check "both loads are in the store: the first ($nG)" test "$nG" = 100000
check "... the second too" sh -c "'$VITAE' --store '$S' stats | grep -q 'test/second>'"

# --- a full disk: a file size limit (ulimit -f), then a small tmpfs
"$VITAE" -q --store "$T/small" load "$F/people.trig"
"$VITAE" --store "$T/small" dump -o "$T/before.nq"
expect_exit 1 "a load past the file size limit" sh -c "ulimit -f 4000; exec '$VITAE' --store '$T/small' load --graph https://example.org/test/huge '$T/big.nt'"
check "... fails with a clear message" grep -q "File too large; nothing was stored (the store is unchanged)" "$T/err"
check "... without Berkeley DB's noise" sh -c "! grep -q BDB '$T/err'"
"$VITAE" --store "$T/small" dump -o "$T/after.nq"
check "... and the store is unchanged" cmp -s "$T/before.nq" "$T/after.nq"
expect_exit 0 "... and passes check" "$VITAE" --store "$T/small" check
check "... with no leftovers" sh -c "! grep -q warning '$T/out' && [ \$(ls '$T/small' | wc -l) = 3 ]"
expect_exit 1 "a restore past the file size limit" sh -c "ulimit -f 4000; exec '$VITAE' --store '$T/small' restore '$T/big.nq'"
check "... fails with a clear message" grep -q "File too large; nothing was stored (the store is unchanged)" "$T/err"
"$VITAE" --store "$T/small" dump -o "$T/after.nq"
check "... and the store is unchanged" cmp -s "$T/before.nq" "$T/after.nq"
# a store larger than the limit: already the copy of the current generation fails
"$VITAE" --store "$S" dump -o "$T/before.nq"
expect_exit 1 "a load when the copy does not fit" sh -c "ulimit -f 4000; exec '$VITAE' --store '$S' load '$T/blank.ttl'"
check "... fails with a clear message" grep -q "cannot copy a new generation of the store: File too large; the store is unchanged" "$T/err"
"$VITAE" --store "$S" dump -o "$T/after.nq"
check "... and the store is unchanged" cmp -s "$T/before.nq" "$T/after.nq"
check "... with no leftovers" test "$(ls "$S" | wc -l)" = 3
M=$T/mnt
if [ "$(id -u)" = 0 ] && mkdir -p "$M" && mount -t tmpfs -o size=4m tmpfs "$M" 2>/dev/null; then
  "$VITAE" -q --store "$M/s" load "$F/people.trig"
  "$VITAE" --store "$M/s" dump -o "$T/small.nq"
  expect_exit 1 "a load onto a full file system" "$VITAE" --store "$M/s" load --graph "$G" "$T/big.nt"
  check "... fails with a clear message" grep -q "No space left on device; nothing was stored (the store is unchanged)" "$T/err"
  "$VITAE" --store "$M/s" dump -o "$T/after.nq"
  check "... and the store is unchanged" cmp -s "$T/small.nq" "$T/after.nq"
  expect_exit 0 "... and passes check" "$VITAE" --store "$M/s" check
  # read-only: the file system remounted read-only
  mount -o remount,ro "$M"
  expect_exit 1 "a load into a read-only store" "$VITAE" --store "$M/s" load "$T/blank.ttl"
  check "... says it is read-only" grep -q "the store is read-only (Read-only file system); nothing was changed" "$T/err"
  expect_exit 1 "restore into a read-only store" "$VITAE" --store "$M/s" restore "$T/d1.nq"
  expect_exit 0 "a read-only store can be read" "$VITAE" --store "$M/s" stats
  expect_exit 0 "... and checked" "$VITAE" --store "$M/s" check
  umount "$M"
elif [ "$(id -u)" != 0 ]; then
  cp -a "$S" "$T/ro"
  chmod -R a-w "$T/ro"
  "$VITAE" --store "$T/ro" dump -o "$T/ro-before.nq"
  expect_exit 1 "a load into a read-only store" "$VITAE" --store "$T/ro" load "$T/blank.ttl"
  check "... says it is read-only" grep -q "read-only\|Permission denied" "$T/err"
  "$VITAE" --store "$T/ro" dump -o "$T/ro-after.nq"
  check "... and the store is unchanged" cmp -s "$T/ro-before.nq" "$T/ro-after.nq"
  chmod -R u+w "$T/ro"
else
  echo "note: no tmpfs could be mounted: the full and read-only file system tests are skipped"
fi

# --- a store made before generations (format 1: the data files in the directory)
"$VITAE" -q --store "$T/old" load "$F/people.trig"
"$VITAE" --store "$T/old" dump -o "$T/old1.nq"
mv "$T/old"/gen-*/* "$T/old/" && rmdir "$T/old"/gen-*
printf 'vitae store format 1\nbackend hashes\n' >"$T/old/vitae-store"
expect_exit 0 "a format-1 store is read" "$VITAE" --store "$T/old" dump -o "$T/old2.nq"
check "... as it was" cmp -s "$T/old1.nq" "$T/old2.nq"
check "... and reading does not change it" grep -q "format 1" "$T/old/vitae-store"
expect_exit 0 "check a format-1 store" "$VITAE" --store "$T/old" check
check "... says it is format 1" grep -q "format 1" "$T/out"
expect_exit 0 "a load moves it to format 2" "$VITAE" --store "$T/old" load "$T/blank.ttl"
check "... the marker says so" grep -q "format 2" "$T/old/vitae-store"
check "... the data files moved into a generation" sh -c "! ls '$T/old' | grep -q '^vitae-.*\.db\$' && [ \$(ls '$T/old' | grep -c '^gen-') = 1 ]"
"$VITAE" --store "$T/old" export --graph https://example.org/test/graph-a --format nquads >"$T/old3.nq"
check "... with the old data" test "$(wc -l <"$T/old3.nq")" -gt 0

# --- extract --load crashes: all or nothing too
B=$top_srcdir/triples/tokayev.txt
if [ -f "$B" ]; then
  "$VITAE" -q --store "$T/ex" load "$F/people.trig"
  "$VITAE" --store "$T/ex" dump -o "$T/ex0.nq"
  for point in begin-copied commit-synced; do
    VITAE_CRASH_POINT=$point "$VITAE" -q --store "$T/ex" extract --load "$B" 2>/dev/null
    check "extract --load killed at $point" test $? = 137
    "$VITAE" --store "$T/ex" dump -o "$T/ex1.nq"
    check "... leaves the store as it was" cmp -s "$T/ex0.nq" "$T/ex1.nq"
  done
  VITAE_CRASH_POINT=commit-renamed "$VITAE" -q --store "$T/ex" extract --load "$B" 2>/dev/null
  check "extract --load killed right after the commit" test $? = 137
  expect_exit 0 "... leaves a store that passes check" "$VITAE" --store "$T/ex" check
  check "... and holds the extraction" test "$("$VITAE" --store "$T/ex" dump | wc -l)" -gt "$(wc -l <"$T/ex0.nq")"
fi

# --- the sqlite backend: the same generations
if "$VITAE" -q --store "sqlite:$T/sq" load "$F/people.trig" 2>"$T/err"; then
  check "sqlite: one generation with the database" test -f "$(ls -d "$T/sq"/gen-*)/vitae.sqlite"
  "$VITAE" --store "$T/sq" dump -o "$T/sq1.nq"
  VITAE_CRASH_POINT=commit-synced "$VITAE" -q --store "$T/sq" load "$T/blank.ttl" 2>/dev/null
  check "sqlite: a load killed before the commit" test $? = 137
  "$VITAE" --store "$T/sq" dump -o "$T/sq2.nq"
  check "... changes nothing" cmp -s "$T/sq1.nq" "$T/sq2.nq"
  expect_exit 0 "sqlite: check" "$VITAE" --store "$T/sq" check
  expect_exit 0 "sqlite: a load of 1,000 triples (one transaction, no fsync per statement)" \
    timeout 60 "$VITAE" --store "$T/sq" load --graph "$G" "$T/big1k.nt"
  expect_exit 0 "sqlite: restore" "$VITAE" --store "sqlite:$T/sq3" restore "$T/d1.nq"
  "$VITAE" --store "$T/sq3" dump -o "$T/sq3.nq"
  check "sqlite: dump -> restore -> dump gives the same bytes" cmp -s "$T/d1.nq" "$T/sq3.nq"
else
  echo "note: sqlite backend unavailable: $(head -1 "$T/err")"
fi
finish
