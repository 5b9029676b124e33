#!/bin/sh
# The inferred graph: complete closure seen by plain SPARQL, cycles end,
# recomputed by load and drop, kept out of exports unless asked, and the
# same closure as rdflib computes from the export and the ontology.
. "$(dirname "$0")/lib.sh"
need_oracle
F=$top_srcdir/tests/fixtures/infer-chain.trig
S=$T/store
INF=https://w3id.org/vitae/graph/inferred
RDF=http://www.w3.org/1999/02/22-rdf-syntax-ns#
EXNS=https://example.org/infer/
q() { "$VITAE" --store "$S" query --format tsv -e "PREFIX ex: <$EXNS> $1" 2>"$T/qerr"; }
rows() { q "$1" | tail -n +2 | grep -c . ; }
ask() { [ "$(q "ASK { $1 }" | tail -1)" = true ]; }
# pairs PATTERN: the succeededTransitively pairs whose subject IRI matches
pairs() { q 'SELECT ?a ?b WHERE { ?a vt:succeededTransitively ?b }' | grep -c "infer/$1"; }
inferred_count() { "$VITAE" --store "$S" stats | sed -n 's/^inferred  \([0-9]*\) .*/\1/p'; }

# --- load: the closure is computed and written to its own graph
expect_exit 0 "load the fixture" "$VITAE" --store "$S" load "$F"
check "load reports the inferred graph" grep -q "^inferred: [0-9]* triples in <$INF>" "$T/err"
"$VITAE" --store "$S" stats >"$T/stats"
check "stats shows the inferred graph apart" grep -Eq "^inferred  [1-9][0-9]*  <$INF>$" "$T/stats"
check "stats counts asserted triples only" sh -c "[ \"\$(sed -n 's/^triples   //p' '$T/stats')\" = \"\$(\"$VITAE\" --store '$S' export --format nquads | grep -c .)\" ]"
check "... and lists only the asserted graphs" sh -c "! grep -q '^ .*<$INF>' '$T/stats'"

# --- the closure, through plain SPARQL over the union of the graphs
n=$(pairs 'p'); [ "$n" = 15 ] && pass "a chain of 6 gives all 15 succeededTransitively pairs" || fail "chain pairs: $n"
n=$(rows "SELECT ?a WHERE { ex:p6 vt:succeededTransitively ?a }")
[ "$n" = 5 ] && pass "ex:p6 vt:succeededTransitively ?a gives the whole chain" || fail "p6 reaches $n"
check "the implicit predecessor (t1 ends when t2 starts)" ask "ex:t2 vt:predecessor ex:p1"
check "... and the implicit successor" ask "ex:t1 vt:successor ex:p2"
check "... also with xsd:gYear dates" ask "ex:t6 vt:predecessor ex:p5"
check "vt:succeeded from vt:predecessor (property chain)" ask "ex:p3 vt:succeeded ex:p2"
check "vt:succeeded from vt:successor (chain, then inverse)" ask "ex:p4 vt:succeeded ex:p3"
check "vt:succeededBy, the inverse" ask "ex:p1 vt:succeededBy ex:p2"
if ask "ex:p6 vt:succeeded ex:p6" || ask "ex:t6b vt:predecessor ex:p6"; then fail "a self-succession"; else pass "no self-succession"; fi
if ask "ex:u1 vt:predecessor ex:p1"; then fail "succession across offices"; else pass "no succession across offices"; fi
n=$(pairs 'c'); [ "$n" = 9 ] && pass "a cycle of 3 terminates with 9 pairs" || fail "cycle pairs: $n"
check "symmetric: spouse" ask "ex:f-spouse vt:spouse ex:p1"
check "symmetric: sibling" ask "ex:f-sister vt:sibling ex:p1"
check "inverse: parent -> child" ask "ex:f-father vt:child ex:p1"
check "inverse: child -> parent" ask "ex:p2 vt:parent ex:f-son"
check "sub-property: parent is a relative, both ways" ask "ex:p1 vt:relative ex:f-father . ex:f-father vt:relative ex:p1"
check "sub-property: wdt:P1038 is a vt:relative" ask "ex:p3 vt:relative ex:f-cousin"
check "aligned super-property: schema:spouse" ask "ex:f-spouse schema:spouse ex:p1"
n=$(rows "SELECT ?a ?b WHERE { ?a vt:metWith ?b }")
[ "$n" = 6 ] && pass "a meeting of 3 gives 6 metWith pairs" || fail "metWith: $n"
check "a visit gives vt:visited" ask "ex:p1 vt:visited ex:place-city"
check "transitive: locatedIn" ask "ex:place-district vt:locatedIn ex:country-t"
n=$(rows "SELECT ?x WHERE { ex:place-district vt:locatedIn ?x }")
[ "$n" = 3 ] && pass "the district is in 3 places" || fail "district in $n"
check "subclass: a party is an organisation" ask "ex:party a vt:Organization"
check "subclass, two levels: a ministry is an organisation" ask "ex:ministry a vt:Organization"
check "aligned class: schema:Organization" ask "ex:ministry a schema:Organization"
check "aligned class: schema:Person" ask "ex:p1 a schema:Person"
check "inferred triples are in the inferred graph" ask "GRAPH <$INF> { ex:p6 vt:succeededTransitively ex:p1 }"
n=$(rows "SELECT ?g WHERE { GRAPH ?g { ex:p6 vt:succeededTransitively ex:p1 } }")
[ "$n" = 0 ] && pass "... which GRAPH ?g leaves out (it ranges over asserted graphs)" || fail "GRAPH ?g saw an inferred triple in $n graphs"
n=$(q 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }' | tail -1 | sed 's/^"\([0-9]*\)".*/\1/')
m=$("$VITAE" --store "$S" export --format nquads | grep -c .)
[ "$n" = "$m" ] && pass "GRAPH ?g counts the asserted quads ($m)" || fail "GRAPH ?g counted $n quads, $m asserted"
n2=$(q "SELECT ?g WHERE { GRAPH ?g { } }" | grep -c "$INF")
[ "$n2" = 0 ] && pass "GRAPH ?g {} lists the asserted graphs only" || fail "GRAPH ?g {} listed the inferred graph"
n=$(rows "SELECT * WHERE { GRAPH <http://example.org/no-such-graph> { ?s ?p ?o } }")
[ "$n" = 0 ] && pass "GRAPH <a graph the store lacks> gives no rows" || fail "GRAPH <missing> gave $n rows"

# --- export: asserted only, unless --inferred
expect_exit 0 "export (TriG)" "$VITAE" --store "$S" export --format trig -o "$T/plain.trig"
check "without --inferred the export is the fixture, graph by graph" \
  "$PYTHON_ORACLE" "$top_srcdir/tests/oracle.py" same-graphs "$F" "$T/plain.trig"
check "... with no inferred triple" sh -c "! grep -q 'succeededTransitively\\|$INF' '$T/plain.trig'"
expect_exit 0 "export --inferred" "$VITAE" --store "$S" export --inferred --format nquads -o "$T/all.nq"
check "with --inferred the inferred graph is there" grep -q "<$INF> \\.\$" "$T/all.nq"
# the closure of a transitive property that no other rule reads is followed
# by queries, not stored: the export has its edges and the marker that says so
check "... with the transitive edges" grep -q "<${EXNS}p6> <https://w3id.org/vitae/ns#succeededTransitively> <${EXNS}p5> <$INF>" "$T/all.nq"
check "... and the marker of a closure queries follow" grep -q "^<https://w3id.org/vitae/ns#succeededTransitively> <${RDF}type> <http://www.w3.org/2002/07/owl#TransitiveProperty> <$INF>" "$T/all.nq"
if grep -q "<${EXNS}p6> <https://w3id.org/vitae/ns#succeededTransitively> <${EXNS}p1> <$INF>" "$T/all.nq"; then
  fail "the closure of vt:succeededTransitively is stored"; else pass "... but not its closure"; fi
n=$("$VITAE" --store "$S" query --format ntriples -e "PREFIX ex: <$EXNS> CONSTRUCT { ?a vt:succeededTransitively ?b } WHERE { ?a vt:succeededTransitively ?b }" | grep -c "infer/p.*succeededTransitively")
[ "$n" = 15 ] && pass "CONSTRUCT gives the closure as triples ($n)" || fail "CONSTRUCT of the closure: $n"
"$VITAE" --store "$S" export --format turtle >"$T/plain.ttl"
"$VITAE" --store "$S" export --format turtle --inferred >"$T/all.ttl"
check "Turtle without --inferred has no inferred triple" sh -c "! grep -q succeededTransitively '$T/plain.ttl'"
check "Turtle with --inferred has them" grep -q succeededTransitively "$T/all.ttl"
expect_exit 0 "export --graph of the inferred graph" "$VITAE" --store "$S" export --format ntriples --graph "$INF" -o "$T/inf.nt"
n=$(grep -c . "$T/inf.nt"); [ "$n" = "$(inferred_count)" ] && pass "it holds what stats counts ($n)" || fail "$n vs $(inferred_count)"
check "no prov: triple is inferred" sh -c "! awk '\$2 ~ /^<http:\\/\\/www.w3.org\\/ns\\/prov#/' '$T/inf.nt' | grep -q ."
check "no inferred triple repeats an asserted one" "$PYTHON_ORACLE" - "$T/all.nq" "$INF" <<'EOF'
import sys
from rdflib import Dataset
d = Dataset(); d.parse(sys.argv[1], format="nquads")
inf, asserted = set(), set()
for s, p, o, g in d.quads((None, None, None, None)):
    (inf if str(getattr(g, "identifier", g)) == sys.argv[2] else asserted).add((s, p, o))
both = inf & asserted
print(len(both), "repeated", sorted(both)[:3]) if both else None
sys.exit(1 if both or not inf else 0)
EOF

# --- rdflib computes the same closure from the export and the ontology
check "rdflib's closure over the export is the inferred graph" \
  "$PYTHON_ORACLE" - "$T/all.nq" "$INF" "$VITAE_DATADIR/ontology/vitae.ttl" <<'EOF'
import sys
from itertools import product
from rdflib import Dataset, Graph, Literal, URIRef, Namespace, RDF, RDFS, OWL
from rdflib.collection import Collection
VT, PROV = Namespace("https://w3id.org/vitae/ns#"), "http://www.w3.org/ns/prov#"
d = Dataset(); d.parse(sys.argv[1], format="nquads")
got, asserted = set(), set()
for s, p, o, g in d.quads((None, None, None, None)):
    (got if str(getattr(g, "identifier", g)) == sys.argv[2] else asserted).add((s, p, o))
facts = set(asserted)
onto = Graph().parse(sys.argv[3], format="turtle")
iri = lambda *xs: all(isinstance(x, URIRef) for x in xs)
unary, classes, binary = set(), set(), set()   # (P, Q, swap), (C, D), (A, a_inv, B, b_inv, H, distinct)
for p, q in onto.subject_objects(RDFS.subPropertyOf):
    if iri(p, q): unary.add((p, q, False))
for p, q in onto.subject_objects(OWL.equivalentProperty):
    if iri(p, q): unary |= {(p, q, False), (q, p, False)}
for p, q in onto.subject_objects(OWL.inverseOf):
    if iri(p, q): unary |= {(p, q, True), (q, p, True)}
for p in onto.subjects(RDF.type, OWL.SymmetricProperty): unary.add((p, p, True))
for p in onto.subjects(RDF.type, OWL.TransitiveProperty): binary.add((p, False, p, False, p, False))
for c, e in onto.subject_objects(RDFS.subClassOf):
    if iri(c, e): classes.add((c, e))
for p, l in onto.subject_objects(OWL.propertyChainAxiom):
    steps = [(x, False) if isinstance(x, URIRef) else (onto.value(x, OWL.inverseOf), True)
             for x in Collection(onto, l)]
    assert len(steps) == 2, "only 2-step chains in this oracle"
    binary.add((steps[0][0], steps[0][1], steps[1][0], steps[1][1], p, False))
binary.add((VT.participant, True, VT.participant, False, VT.metWith, True))
binary.add((VT.visitor, True, VT.destination, False, VT.visited, False))
# the tenure model: a tenure that ends the day another of its office starts
val = lambda t, p: next((o for (s, q, o) in facts if s == t and q == p), None)
ten = {s for (s, p, o) in facts if p == VT.office}
for a, b in product(ten, ten):
    ha, hb = val(a, VT.holder), val(b, VT.holder)
    if a == b or val(a, VT.office) != val(b, VT.office) or ha is None or hb is None or ha == hb: continue
    if val(a, VT.end) is None or str(val(a, VT.end)) != str(val(b, VT.start)): continue
    if val(b, VT.predecessor) is None: facts.add((b, VT.predecessor, ha))
    if val(a, VT.successor) is None: facts.add((a, VT.successor, hb))
closure = set(facts)
while True:
    new = set()
    for s, p, o in closure:
        new |= {((o, q, s) if sw else (s, q, o)) for (pp, q, sw) in unary if pp == p}
        if p == RDF.type: new |= {(s, RDF.type, e) for (c, e) in classes if c == o}
    for (a, ai, b, bi, h, dist) in binary:
        ea = [((o, s) if ai else (s, o)) for (s, p, o) in closure if p == a]
        eb = [((o, s) if bi else (s, o)) for (s, p, o) in closure if p == b]
        new |= {(x, h, z) for (x, y) in ea for (y2, z) in eb if y == y2 and not (dist and x == z)}
    new = {t for t in new if not isinstance(t[0], Literal)} - closure
    if not new: break
    closure |= new
want = {t for t in closure - asserted if not str(t[1]).startswith(PROV)}
# the closures the inferred graph leaves to queries: its marker, and rdflib
# closes them over the export as vitae's queries do
marked = {s for (s, p, o) in got if p == RDF.type and o == OWL.TransitiveProperty}
want |= {(p, RDF.type, OWL.TransitiveProperty) for p in marked} - asserted
for p in marked:
    edges = {(s, o) for (s, q, o) in got | asserted if q == p}
    while True:
        more = {(a, d) for (a, b) in edges for (c, d) in edges if b == c} - edges
        if not more: break
        edges |= more
    got |= {(s, p, o) for (s, o) in edges} - asserted
# the copies into other vocabularies left to queries: their markers "P
# rdfs:subPropertyOf Q" and "C rdfs:subClassOf D", each an axiom of the
# ontology (an equivalence is two), from which rdflib makes the copies over
# the export (RDFS's rules) as vitae's queries do
subs = {(p, q) for (p, q, sw) in unary if not sw}
copies = {(a, b, ax) for (a, ax, b) in got if ax in (RDFS.subPropertyOf, RDFS.subClassOf)}
bad = {m for m in copies if (m[0], m[1]) not in (subs if m[2] == RDFS.subPropertyOf else classes)}
if bad or not copies:
    print("markers that are no axiom:", sorted(bad)[:5], "or none:", len(copies), file=sys.stderr)
    sys.exit(1)
want |= {(a, ax, b) for (a, b, ax) in copies}
while True:
    have = got | asserted
    more = {(s, b, o) for (a, b, ax) in copies if ax == RDFS.subPropertyOf
            for (s, p, o) in have if p == a}
    more |= {(s, RDF.type, b) for (a, b, ax) in copies if ax == RDFS.subClassOf
             for (s, p, o) in have if p == RDF.type and o == a}
    more -= have
    if not more: break
    got |= more
if want != got:
    print("missing:", sorted(want - got)[:5], "extra:", sorted(got - want)[:5], file=sys.stderr)
    sys.exit(1)
print(len(got), "inferred triples agree")
EOF

# --- loading another file recomputes
cat >"$T/more.ttl" <<EOF
@prefix vt: <https://w3id.org/vitae/ns#> .
@prefix ex: <$EXNS> .
ex:t7 a vt:Tenure ; vt:holder ex:p7 ; vt:office ex:office-pres ; vt:predecessor ex:p6 .
EOF
expect_exit 0 "load another file" "$VITAE" --store "$S" load --graph "${EXNS}graph-more" "$T/more.ttl"
n=$(pairs 'p'); [ "$n" = 21 ] && pass "a chain of 7 now gives 21 pairs" || fail "after the load: $n"
expect_exit 0 "drop that graph" "$VITAE" --store "$S" drop --graph "${EXNS}graph-more"
n=$(pairs 'p'); [ "$n" = 15 ] && pass "dropping it takes its inferences away (15 again)" || fail "after the drop: $n"
expect_exit 0 "drop the cycle's graph" "$VITAE" --store "$S" drop --graph "${EXNS}graph-cycle"
n=$(pairs 'c'); [ "$n" = 0 ] && pass "the cycle's inferences are gone" || fail "cycle pairs left: $n"
before=$(inferred_count)
"$VITAE" --store "$S" export --format nquads --graph "$INF" >"$T/before.nq"
expect_exit 0 "drop --graph of the inferred graph" "$VITAE" --store "$S" drop --graph "$INF"
check "... says it is recomputed" grep -q "recomputed" "$T/err"
[ "$(inferred_count)" = "$before" ] && pass "... and it is ($before triples)" || fail "inferred: $before -> $(inferred_count)"
"$VITAE" --store "$S" export --format nquads --graph "$INF" >"$T/after.nq"
check "... the very same triples" cmp -s "$T/before.nq" "$T/after.nq"

# --- the axioms come from the ontology file at run time
mkdir -p "$T/data/ontology"
cp "$VITAE_DATADIR/ontology/vitae.ttl" "$T/data/ontology/vitae.ttl"
printf '\nvt:congratulated a owl:SymmetricProperty .\n' >>"$T/data/ontology/vitae.ttl"
printf '@prefix vt: <https://w3id.org/vitae/ns#> .\n<%sa> vt:congratulated <%sb> .\n' "$EXNS" "$EXNS" >"$T/congrats.ttl"
expect_exit 0 "load with an ontology that has one more axiom" env VITAE_DATADIR="$T/data" "$VITAE" --store "$S" load "$T/congrats.ttl"
check "the new axiom is applied, with no code change" ask "ex:b vt:congratulated ex:a"
expect_exit 0 "load again with the shipped ontology" "$VITAE" --store "$S" load "$T/congrats.ttl"
if ask "ex:b vt:congratulated ex:a"; then fail "the axiom outlived its ontology"; else pass "... and gone with it"; fi

# --- a failure to infer is an error, but the load stands
expect_exit 1 "load without an ontology" env VITAE_DATADIR="$T/nowhere" "$VITAE" --store "$S" load --graph "${EXNS}graph-more" "$T/more.ttl"
check "... says inference failed" grep -q "inference" "$T/err"
check "... the file is loaded all the same" ask "ex:t7 vt:holder ex:p7"
check "... and no stale inferred graph is left" sh -c "[ \"\$('$VITAE' --store '$S' stats | sed -n 's/^inferred  \\([0-9]*\\) .*/\\1/p')\" = 0 ]"
expect_exit 0 "the next drop recomputes" "$VITAE" --store "$S" drop --graph "${EXNS}graph-more"
n=$(pairs 'p'); [ "$n" = 15 ] && pass "... the closure is back" || fail "after recovery: $n"

# --- extract --load recomputes too
expect_exit 0 "extract --load" "$VITAE" --store "$T/s3" extract --load "$top_srcdir/tests/extract/two-a.txt"
check "... reports the inferred graph" grep -q "^inferred: [1-9][0-9]* triples in <$INF>" "$T/err"
n=$("$VITAE" --store "$T/s3" query --format tsv -e 'SELECT ?p WHERE { GRAPH <'"$INF"'> { ?p a schema:Person } }' | tail -n +2 | grep -c .)
[ "$n" -gt 0 ] && pass "... with the people typed schema:Person ($n)" || fail "no inferred schema:Person after extract --load"

# --- a store with nothing to infer has no inferred graph; drop --all leaves nothing
printf '<https://e.org/a> <https://e.org/b> "c" .\n' >"$T/plain.nt"
expect_exit 0 "load a file that implies nothing" "$VITAE" --store "$T/s2" load "$T/plain.nt"
"$VITAE" --store "$T/s2" stats >"$T/stats2"
check "... no inferred graph is created" grep -q "^inferred  0  " "$T/stats2"
check "... nor counted" grep -q "^graphs    1$" "$T/stats2"
expect_exit 0 "drop --all" "$VITAE" --store "$S" drop --all
"$VITAE" --store "$S" stats >"$T/stats"
check "drop --all leaves no triple" grep -q "^triples   0$" "$T/stats"
check "... no inferred triple" grep -q "^inferred  0  " "$T/stats"
n=$("$VITAE" --store "$S" export --format nquads --inferred | grep -c .)
[ "$n" = 0 ] && pass "... and nothing to export" || fail "export after drop --all: $n lines"
finish
