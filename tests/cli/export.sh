#!/bin/sh
# vitae export: every format round-trips the fixture (checked by rdflib),
# output is byte-for-byte stable, and errors leave nothing behind.
. "$top_srcdir/tests/cli/lib.sh"
need_oracle

FIXTURE=$top_srcdir/tests/fixtures/roundtrip.trig
S=$T/s
PEOPLE=https://w3id.org/vitae/test/graph/people
PLACES=https://w3id.org/vitae/test/graph/places

# oracle MODE FILE FORMAT [GRAPH]: compare an export with the fixture.
#   graphs: every named graph of the fixture is isomorphic to the export's
#           graph of that name, and the export has no other (non-empty) graph
#   union:  the export is isomorphic to the union of the fixture's graphs
#   one:    the export is isomorphic to the fixture's graph GRAPH
oracle() {
  "$PYTHON_ORACLE" - "$FIXTURE" "$@" <<'EOF'
import sys
from rdflib import ConjunctiveGraph, Graph, URIRef
from rdflib.compare import isomorphic, graph_diff, to_isomorphic

fixture, mode, path, fmt = sys.argv[1:5]
graph = sys.argv[5] if len(sys.argv) > 5 else None

def named(cg):
    out = {}
    for g in cg.contexts():
        if len(g) and isinstance(g.identifier, URIRef) and \
                not str(g.identifier).startswith("urn:x-rdflib:"):
            out[str(g.identifier)] = g
    return out

def copy(graphs):
    u = Graph()
    for g in graphs:
        for t in g:
            u.add(t)
    return u

def same(a, b, what):
    if isomorphic(a, b):
        return True
    _, only_a, only_b = graph_diff(to_isomorphic(a), to_isomorphic(b))
    print("%s differs; only in export: %s; only in fixture: %s"
          % (what, sorted(only_a)[:5], sorted(only_b)[:5]), file=sys.stderr)
    return False

want = ConjunctiveGraph()
want.parse(fixture, format="trig")
want_graphs = named(want)
assert len(want_graphs) >= 2, "the fixture should have two named graphs"

ok = True
if mode == "graphs":
    got = ConjunctiveGraph()
    got.parse(path, format=fmt)
    got_graphs = named(got)
    if sorted(got_graphs) != sorted(want_graphs):
        print("graph names %s, expected %s" % (sorted(got_graphs), sorted(want_graphs)),
              file=sys.stderr)
        ok = False
    for name, g in want_graphs.items():
        if name in got_graphs:
            ok &= same(copy([got_graphs[name]]), copy([g]), "graph <%s>" % name)
else:
    # Parsed into a ConjunctiveGraph: a plain Graph silently drops N-Quads.
    got = ConjunctiveGraph()
    got.parse(path, format=fmt)
    got = copy(got.contexts())
    expected = copy([want_graphs[graph]] if mode == "one" else want_graphs.values())
    ok = same(got, expected, path)
sys.exit(0 if ok else 1)
EOF
}

expect_exit 0 "export --help" "$VITAE" export --help
check "--help describes --format" grep -q -- '--format' "$T/out"
expect_exit 1 "export from a store that does not exist" "$VITAE" --store "$T/none" export
check "no store was created" test ! -e "$T/none"

expect_exit 0 "load the fixture" "$VITAE" --quiet --store "$S" load "$FIXTURE"

for fmt in turtle ntriples nquads trig rdfxml; do
  case $fmt in
  turtle) py=turtle mode=union ;;
  ntriples) py=nt mode=union ;;
  nquads) py=nquads mode=graphs ;;
  trig) py=trig mode=graphs ;;
  rdfxml) py=xml mode=union ;;
  esac
  expect_exit 0 "export --format $fmt" "$VITAE" --store "$S" export --format "$fmt"
  cp "$T/out" "$T/export.$fmt"
  check "$fmt export is not empty" test -s "$T/export.$fmt"
  check "rdflib: $fmt export matches the fixture ($mode)" oracle "$mode" "$T/export.$fmt" "$py"
  expect_exit 0 "export --format $fmt again" "$VITAE" --store "$S" export --format "$fmt"
  check "$fmt: exporting twice gives identical bytes" cmp -s "$T/out" "$T/export.$fmt"
  expect_exit 0 "export --format $fmt -o FILE" "$VITAE" --store "$S" export --format "$fmt" \
    -o "$T/file.$fmt"
  check "$fmt: -o writes the same bytes as stdout" cmp -s "$T/file.$fmt" "$T/export.$fmt"
  # rapper (raptor's own CLI, an independent reader) counts the same
  # statements as rdflib does in the export
  if command -v rapper >/dev/null; then
    want=$("$PYTHON_ORACLE" -c 'import sys
from rdflib import ConjunctiveGraph
g = ConjunctiveGraph(); g.parse(sys.argv[1], format=sys.argv[2]); print(len(set(g.quads((None, None, None, None)))))' "$T/export.$fmt" "$py")
    got=$(rapper -i "$fmt" -c "$T/export.$fmt" 2>&1 | sed -n 's/.*returned \([0-9]*\) .*/\1/p')
    [ -n "$got" ] && [ "$got" = "$want" ] && pass "rapper reads $want statements from the $fmt export, as rdflib does" ||
      fail "rapper counted '$got' statements in the $fmt export, rdflib $want"
  fi
  # Raptor reads what we write: load the export into a new store and compare
  # again (the graphs of nquads/trig survive; other formats land in one graph).
  expect_exit 0 "$fmt: vitae loads its own export" "$VITAE" --quiet --store "$T/re-$fmt" load \
    --format "$fmt" --graph "urn:x-vitae:reload" "$T/export.$fmt"
  expect_exit 0 "$fmt: re-export as N-Quads" "$VITAE" --store "$T/re-$fmt" export --format nquads
  cp "$T/out" "$T/re-$fmt.nq"
  if [ "$mode" = graphs ]; then
    check "rdflib: $fmt reloaded keeps every graph" oracle graphs "$T/re-$fmt.nq" nquads
  else
    check "rdflib: $fmt reloaded keeps every triple" oracle union "$T/re-$fmt.nq" nquads
  fi
done

expect_exit 0 "default format" "$VITAE" --store "$S" export
check "no --format gives Turtle" cmp -s "$T/out" "$T/export.turtle"
check "turtle declares the vt: prefix" grep -q '^@prefix vt: <https://w3id.org/vitae/ns#> \.$' \
  "$T/export.turtle"
check "turtle writes typed literals with prefixed datatypes" \
  grep -q '"1953-05-17"^^xsd:date' "$T/export.turtle"
check "turtle keeps Kazakh text as UTF-8" grep -q '"Қасым-Жомарт Тоқаев"@kk' "$T/export.turtle"
check "a triple in two graphs is written once without graphs" \
  test "$(grep -c '"Person two"' "$T/export.ntriples")" = 1
check "nquads keeps it in both graphs" test "$(grep -c '"Person two"' "$T/export.nquads")" = 2

# One graph.
expect_exit 0 "export --graph" "$VITAE" --store "$S" export --format ntriples --graph "$PLACES"
cp "$T/out" "$T/places.nt"
check "rdflib: --graph exports exactly that graph" oracle one "$T/places.nt" nt "$PLACES"
check "--graph leaves out the other graph" sh -c "! grep -q 'Shared friend' '$T/places.nt'"
expect_exit 0 "export --graph as nquads" "$VITAE" --store "$S" export --format nquads \
  --graph "$PEOPLE"
check "--graph nquads names only that graph" \
  sh -c "! grep -v ' <$PEOPLE> \.\$' '$T/out'"

# Errors.
expect_exit 1 "export --graph of a missing graph" "$VITAE" --store "$S" export \
  --graph https://w3id.org/vitae/test/graph/none
check "the missing graph is named in the message" grep -q 'graph/none' "$T/err"
expect_exit 1 "missing graph with -o" "$VITAE" --store "$S" export \
  --graph https://w3id.org/vitae/test/graph/none -o "$T/missing.ttl"
check "a failed export leaves no file" sh -c "! ls -A '$T' | grep -q missing"
expect_exit 2 "unknown --format" "$VITAE" --store "$S" export --format jsonl
check "the unknown format is named" grep -q "jsonl" "$T/err"
expect_exit 2 "unexpected argument" "$VITAE" --store "$S" export extra
expect_exit 1 "-o into a missing directory" "$VITAE" --store "$S" export -o "$T/nodir/out.ttl"
check "nothing was created" test ! -e "$T/nodir"
echo old >"$T/keep.ttl"
expect_exit 1 "a failed export keeps the old file" "$VITAE" --store "$S" export \
  --graph urn:nothing -o "$T/keep.ttl"
check "the old file is untouched" test "$(cat "$T/keep.ttl")" = old
if [ -w /dev/full ]; then
  expect_exit 1 "a write error is reported" sh -c "'$VITAE' --store '$S' export >/dev/full"
fi
expect_exit 0 "--inferred is accepted" "$VITAE" --store "$S" export --inferred --format trig
check "--inferred adds the inferred graph" grep -q "graph/inferred" "$T/out"
expect_exit 0 "export without --inferred" "$VITAE" --store "$S" export --format trig
check "... leaves it out" sh -c "! grep -q 'graph/inferred' '$T/out'"

finish
