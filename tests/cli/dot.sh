#!/bin/sh
# vitae export --format dot: a Graphviz digraph of the entities and of the
# triples between them, labelled with rdfs:label; stable bytes; labels with
# quotes, backslashes, newlines and '&' escaped, so Graphviz (when it is
# installed; CI installs it) draws every file.
. "$top_srcdir/tests/cli/lib.sh"
need_oracle

FIXTURE=$top_srcdir/tests/fixtures/roundtrip.trig
PLACES=https://w3id.org/vitae/test/graph/places
S=$T/s
HAVE_DOT=
if command -v dot >/dev/null 2>&1; then HAVE_DOT=1
elif [ -n "${CI:-}" ]; then fail "graphviz (dot) is missing on CI"
else echo "skip: no graphviz, the files are not drawn"; fi

# draws FILE: Graphviz reads it and writes SVG (FILE.svg).
draws() { [ -z "$HAVE_DOT" ] || dot -Tsvg "$1" -o "$1.svg"; }

# edges DOT TURTLE: the digraph has one edge per distinct triple whose
# subject and object are IRIs or blank nodes (rdf:type aside), one node per
# such term, and a node's label is one of its rdfs:labels.
edges() {
  "$PYTHON_ORACLE" - "$@" <<'PY'
import re, sys
from rdflib import Graph, Literal, RDF, RDFS
g = Graph(); g.parse(sys.argv[2], format="turtle")
want = [(s, p, o) for s, p, o in g if not isinstance(o, Literal) and p != RDF.type]
nodes = {s for s, p, o in g} | {o for s, p, o in want}
text = open(sys.argv[1], encoding="utf-8").read()
got_edges = re.findall(r"^  n(\d+) -> n(\d+) \[label=\"([^\"]*)\"\];$", text, re.M)
got_nodes = dict(re.findall(r"^  n(\d+) \[label=\"((?:[^\"\\]|\\.)*)\"", text, re.M))
ok = len(got_edges) == len(want) and len(got_nodes) == len(nodes)
if not ok:
    print("edges %d, expected %d; nodes %d, expected %d"
          % (len(got_edges), len(want), len(got_nodes), len(nodes)), file=sys.stderr)
labels = {str(l) for l in g.objects(None, RDFS.label)}
unescape = lambda s: re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), s).replace("&amp;", "&")
named = [n for n in got_nodes.values() if unescape(n) in labels]
need = len({s for s in nodes if g.value(s, RDFS.label) is not None})
if len(named) != need:
    print("%d nodes have an rdfs:label as label, expected %d" % (len(named), need), file=sys.stderr)
    ok = False
sys.exit(0 if ok else 1)
PY
}

expect_exit 0 "load the fixture" "$VITAE" --quiet --store "$S" load "$FIXTURE"
expect_exit 0 "export --format dot" "$VITAE" --store "$S" export --format dot -o "$T/a.dot"
expect_exit 0 "export --format turtle" "$VITAE" --store "$S" export -o "$T/a.ttl"
check "it is a digraph" sh -c "head -1 '$T/a.dot' | grep -q '^digraph vitae {\$' && tail -1 '$T/a.dot' | grep -q '^}\$'"
check "an edge per triple between entities, labelled nodes" edges "$T/a.dot" "$T/a.ttl"
check "nodes are labelled with rdfs:label (English first)" \
  grep -q 'label="Kassym-Jomart Tokayev", tooltip="https://w3id.org/vitae/test/person-1"' "$T/a.dot"
check "edges are labelled with the compact predicate" grep -q '\[label="vt:birthPlace"\]' "$T/a.dot"
check "quotes in labels are escaped" grep -qF 'label="University \"Num. 1\""' "$T/a.dot"
check "& is an entity" grep -qF 'q=1&amp;r=2' "$T/a.dot"
check "Graphviz draws it" draws "$T/a.dot"
[ -z "$HAVE_DOT" ] || check "... with the labels" grep -q "Jomart Tokayev</text>" "$T/a.dot.svg"
expect_exit 0 "export --format dot again" "$VITAE" --store "$S" export --format dot
check "exporting twice gives identical bytes" cmp -s "$T/out" "$T/a.dot"

expect_exit 0 "export --format dot --graph" "$VITAE" --store "$S" export --format dot \
  --graph "$PLACES" -o "$T/p.dot"
expect_exit 0 "... and as turtle" "$VITAE" --store "$S" export --graph "$PLACES" -o "$T/p.ttl"
check "--graph draws that graph only" edges "$T/p.dot" "$T/p.ttl"
check "... without the people graph's nodes" sh -c "! grep -q 'Shared friend' '$T/p.dot'"
check "Graphviz draws the part" draws "$T/p.dot"

# Labels that would break a DOT file.
cat >"$T/hard.nt" <<'NT'
<https://w3id.org/vitae/test/h1> <http://www.w3.org/2000/01/rdf-schema#label> "back\\slash \"quoted\" a&b &amp; <tag> \\N \\G\nsecond line\r\nthird\u0001" .
<https://w3id.org/vitae/test/h1> <https://w3id.org/vitae/ns#knows> <https://w3id.org/vitae/test/h2> .
<https://w3id.org/vitae/test/h2> <http://www.w3.org/2000/01/rdf-schema#label> "ends with a backslash \\" .
<https://w3id.org/vitae/test/h2> <urn:x:weird"pred> <https://w3id.org/vitae/test/h1> .
NT
expect_exit 0 "load hard labels" "$VITAE" --quiet --store "$T/h" load "$T/hard.nt"
expect_exit 0 "export them as dot" "$VITAE" --store "$T/h" export --format dot -o "$T/h.dot"
check "every line is a statement (no raw newline inside a label)" \
  sh -c "! grep -v -e '^  n[0-9]' -e '^digraph vitae {\$' -e '^  graph \\[' -e '^  node \\[' -e '^  edge \\[' -e '^}\$' '$T/h.dot'"
check "backslashes and quotes are escaped" grep -qF 'back\\slash \"quoted\" a&amp;b &amp;amp; <tag> \\N \\G\nsecond line\nthird ' "$T/h.dot"
check "a label ending in a backslash" grep -qF 'label="ends with a backslash \\"' "$T/h.dot"
check "Graphviz draws hard labels" draws "$T/h.dot"
if [ -n "$HAVE_DOT" ]; then
  check "... keeping the text" grep -qF 'back\slash &quot;quoted&quot; a&amp;b &amp;amp; &lt;tag&gt; \N \G' "$T/h.dot.svg"
  check "... on separate lines" grep -q '>second line<' "$T/h.dot.svg"
fi

finish
