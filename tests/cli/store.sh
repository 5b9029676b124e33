#!/bin/sh
# load, drop, stats and the global CLI: good paths and every error path.
. "$(dirname "$0")/lib.sh"
F=$top_srcdir/tests/fixtures
S=$T/store
# asserted triples only: the inferred graph is checked in infer.sh
count() { "$VITAE" --store "$1" query --format csv -e 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g != <https://w3id.org/vitae/graph/inferred>) }' | tail -1 | tr -d '\r'; }

# --- global CLI
expect_exit 0 "--help" "$VITAE" --help
expect_exit 0 "--version" "$VITAE" --version
check "--version names vitae" grep -q '^vitae [0-9]' "$T/out"
expect_exit 2 "no command" "$VITAE"
expect_exit 2 "unknown command" "$VITAE" frobnicate
expect_exit 2 "unknown global option" "$VITAE" --frob stats
expect_exit 2 "--store without a value" "$VITAE" --store
for c in load query export stats drop extract demo; do
  expect_exit 0 "$c --help" "$VITAE" "$c" --help
  check "$c --help prints a usage line" grep -q "^Usage: vitae" "$T/out"
done

# --- load
expect_exit 0 "load a TriG file" "$VITAE" --store "$S" load "$F/people.trig"
check "the load reports what it added" grep -q "people.trig: 32 triples in 2 graphs" "$T/err"
n=$(count "$S"); [ "$n" = 32 ] && pass "32 triples" || fail "expected 32 triples, got '$n'"
expect_exit 0 "load the same file again" "$VITAE" --store "$S" load "$F/people.trig"
n=$(count "$S"); [ "$n" = 32 ] && pass "reloading adds no duplicates" || fail "after reload: '$n'"
"$VITAE" --store "$S" stats >"$T/stats" 2>&1
check "stats counts triples" grep -q "^triples   32$" "$T/stats"
check "stats lists the graphs the file named" grep -q "<https://example.org/test/graph-b>" "$T/stats"
check "stats counts persons" grep -Eq "vt:Person +3$" "$T/stats"
check "stats counts meetings (blank node subject)" grep -Eq "vt:Meeting +1$" "$T/stats"

# Blank nodes are named deterministically: two stores loaded from the same
# file export the same bytes.
"$VITAE" --store "$T/twin1" load "$F/people.trig" 2>/dev/null
"$VITAE" --store "$T/twin2" load "$F/people.trig" 2>/dev/null
"$VITAE" --store "$T/twin1" export --format nquads >"$T/twin1.nq" 2>/dev/null
"$VITAE" --store "$T/twin2" export --format nquads >"$T/twin2.nq" 2>/dev/null
check "the same file loaded twice exports the same bytes" cmp -s "$T/twin1.nq" "$T/twin2.nq"
check "... and the export is not empty" test -s "$T/twin1.nq"

# Turtle goes into the file's own graph, or --graph.
printf '@prefix ex: <https://example.org/test/> .\nex:x ex:y "z" .\n' >"$T/one.ttl"
expect_exit 0 "load Turtle" "$VITAE" --store "$S" load "$T/one.ttl"
"$VITAE" --store "$S" stats >"$T/stats"
check "a Turtle file gets its file IRI as graph" grep -q "<file://$T/one.ttl>" "$T/stats"
expect_exit 0 "load with --graph" "$VITAE" --store "$S" load --graph https://example.org/g/named "$T/one.ttl"
"$VITAE" --store "$S" stats >"$T/stats"
check "--graph names the graph" grep -q "<https://example.org/g/named>" "$T/stats"
expect_exit 2 "--graph with two files" "$VITAE" --store "$S" load --graph https://x/ "$T/one.ttl" "$T/one.ttl"
cp "$T/one.ttl" "$T/one.data"
expect_exit 2 "an unknown extension needs --format" "$VITAE" --store "$S" load "$T/one.data"
expect_exit 0 "--format turtle for it" "$VITAE" --store "$S" load --format turtle "$T/one.data"
expect_exit 2 "an unknown --format" "$VITAE" --store "$S" load --format n3 "$T/one.ttl"
expect_exit 0 "standard input with --format" sh -c "'$VITAE' --store '$S' load --format ntriples --graph https://example.org/g/stdin - < /dev/null"
before=$(count "$S")

# --- bad input: clear error, nothing stored changes
expect_exit 1 "a missing file" "$VITAE" --store "$S" load "$T/nope.ttl"
check "the message names the file and the reason" grep -q "vitae: $T/nope.ttl: No such file or directory" "$T/err"
expect_exit 1 "a directory" "$VITAE" --store "$S" load "$T"
check "a directory is named as such" grep -q "Is a directory" "$T/err"
printf '<https://e/a> <https://e/b> "c" .\n' >"$T/unreadable.nt"; chmod 000 "$T/unreadable.nt"
if [ "$(id -u)" != 0 ]; then
  expect_exit 1 "an unreadable file" "$VITAE" --store "$S" load "$T/unreadable.nt"
  check "permission denied is said" grep -q "Permission denied" "$T/err"
fi
{ printf '@prefix ex: <http://ex/> .\n'; for i in $(seq 1 50); do printf 'ex:s%d ex:p "ok" .\n' "$i"; done
  printf 'ex:a ex:b "unterminated .\n'; } >"$T/bad.ttl"
expect_exit 1 "a Turtle syntax error" "$VITAE" --store "$S" load "$T/bad.ttl"
check "the error names file and line" grep -q "vitae: $T/bad.ttl:52" "$T/err"
printf '<https://e/a> <https://e/b> "c" .\n<https://e/a> <https://e/b> .\n' >"$T/bad.nt"
expect_exit 1 "an N-Triples syntax error" "$VITAE" --store "$S" load "$T/bad.nt"
check "the error names file, line and column" grep -Eq "vitae: $T/bad.nt:2(:[0-9]+)?: " "$T/err"
n=$(count "$S"); [ "$n" = "$before" ] && pass "a refused file adds nothing (the good lines before the error neither)" || fail "store changed: $before -> $n"
expect_exit 1 "good and bad files: the bad one fails" "$VITAE" --store "$S" load "$T/bad.nt" "$F/people.trig"
n=$(count "$S"); [ "$n" = "$before" ] && pass "the good file still loads" || fail "count changed: $before -> $n"

# --- stores that are not stores
mkdir -p "$T/notastore"; echo precious >"$T/notastore/file.txt"
expect_exit 1 "a directory that is not a vitae store" "$VITAE" --store "$T/notastore" load "$T/one.ttl"
check "it is refused with a reason" grep -q "not a vitae store" "$T/err"
check "and left untouched" sh -c "[ \"\$(ls '$T/notastore')\" = file.txt ] && grep -q precious '$T/notastore/file.txt'"
expect_exit 1 "a store path that is a file" "$VITAE" --store "$T/one.ttl" load "$T/one.ttl"
expect_exit 1 "reading a store that does not exist" "$VITAE" --store "$T/absent" stats
check "it is not created by reading" test ! -e "$T/absent"
expect_exit 1 "an unsupported backend" "$VITAE" --store "postgresql:host=x" stats
check "the message names the backend" grep -q "postgresql backend is not supported" "$T/err"
expect_exit 1 "a store created as hashes, reopened as sqlite" "$VITAE" --store "sqlite:$S" stats
expect_exit 2 "memory: takes no path" "$VITAE" --store "memory:/x" stats
if [ "$(id -u)" != 0 ]; then
  mkdir "$T/ro"; chmod 555 "$T/ro"
  expect_exit 1 "a store that cannot be created" "$VITAE" --store "$T/ro/store" load "$T/one.ttl"
fi
expect_exit 0 "VITAE_STORE selects the store" env VITAE_STORE="$S" "$VITAE" stats
expect_exit 0 "the default store lives under XDG_DATA_HOME" env XDG_DATA_HOME="$T/xdg" "$VITAE" load "$T/one.ttl"
check "... in vitae/store" test -f "$T/xdg/vitae/store/vitae-store"
expect_exit 0 "memory: store" "$VITAE" --store memory: load "$T/one.ttl"

# --- drop
expect_exit 2 "drop needs --graph or --all" "$VITAE" --store "$S" drop
expect_exit 2 "drop --graph and --all together" "$VITAE" --store "$S" drop --all --graph https://x/
expect_exit 1 "drop a graph that is not there" "$VITAE" --store "$S" drop --graph https://example.org/none
check "it says so" grep -q "no graph <https://example.org/none>" "$T/err"
expect_exit 0 "drop one graph" "$VITAE" --store "$S" drop --graph https://example.org/test/graph-b
"$VITAE" --store "$S" stats >"$T/stats"
check "the graph is gone" sh -c "! grep -q graph-b '$T/stats'"
check "the other graph stays" grep -q "graph-a" "$T/stats"
expect_exit 0 "drop --all" "$VITAE" --store "$S" drop --all
# rasqal 0.9.33 answers COUNT(*) over nothing with no row at all (not 0):
# a known wrong answer, to be fixed by the query rewriting of the trace issue.
n=$(count "$S"); [ -z "$n" ] || [ "$n" = 0 ] && pass "the store is empty" || fail "after drop --all: $n"
"$VITAE" --store "$S" stats >"$T/stats"
check "stats says 0 triples" grep -q "^triples   0$" "$T/stats"

# --- sqlite backend, when Debian's librdf-storage-sqlite is installed
if "$VITAE" --store "sqlite:$T/sq" load "$F/people.trig" 2>"$T/err"; then
  n=$(count "sqlite:$T/sq"); [ "$n" = 32 ] && pass "sqlite backend holds the graphs" || fail "sqlite: '$n'"
  n=$(count "$T/sq"); [ "$n" = 32 ] && pass "a plain path reopens a sqlite store" || fail "sqlite reopen: '$n'"
else
  echo "note: sqlite backend unavailable: $(cat "$T/err")"
fi
finish
