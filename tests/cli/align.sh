#!/bin/sh
# vitae export --align: the aligned triples are what the ontology's
# alignment axioms say about the exported triples (checked with rdflib
# against the axioms, both ways), in schema.org, W3C ORG, FOAF, PROV and
# Wikidata terms only; the expected ones are there; with named graphs each
# graph gets its own.
. "$top_srcdir/tests/cli/lib.sh"
need_oracle

FIXTURE=$top_srcdir/tests/fixtures/align.trig
ONTO=$VITAE_DATADIR/ontology/vitae.ttl
INF=https://w3id.org/vitae/graph/inferred
S=$T/s

expect_exit 0 "load the fixture" "$VITAE" --quiet --store "$S" load "$FIXTURE"
expect_exit 0 "export" "$VITAE" --store "$S" export --format ntriples -o "$T/plain.nt"
expect_exit 0 "export --align" "$VITAE" --store "$S" export --align --format ntriples -o "$T/align.nt"
expect_exit 0 "export the inferred graph" "$VITAE" --store "$S" export --graph "$INF" \
  --format ntriples -o "$T/inf.nt"
check "--align adds triples" test "$(grep -c . "$T/align.nt")" -gt "$(grep -c . "$T/plain.nt")"
check "--align keeps every exported triple" sh -c "sort '$T/plain.nt' | comm -23 - '$T/align.nt' | grep -q . && exit 1 || exit 0"
sort "$T/plain.nt" | comm -13 - "$T/align.nt" >"$T/added.nt"

# One N-Quads file, so that blank nodes are the same nodes in all three.
sed 's/ \.$/ <urn:x-test:asserted> ./' "$T/plain.nt" >"$T/all.nq"
sed 's/ \.$/ <urn:x-test:aligned> ./' "$T/added.nt" >>"$T/all.nq"
sed 's/ \.$/ <urn:x-test:inferred> ./' "$T/inf.nt" >>"$T/all.nq"

check "rdflib: each aligned triple follows from an exported one by the axioms, and all do" \
  "$PYTHON_ORACLE" - "$T/all.nq" "$ONTO" <<'PY'
import sys
from rdflib import Dataset, Graph, URIRef, Literal, RDF, RDFS, OWL
VT = "https://w3id.org/vitae/ns#"
d = Dataset(); d.parse(sys.argv[1], format="nquads")
part = {n: set(d.graph(URIRef("urn:x-test:" + n))) for n in ("asserted", "aligned", "inferred")}
onto = Graph().parse(sys.argv[2], format="turtle")
vitae = lambda t: str(t).startswith(VT)
# The vitae-level facts: asserted, and what vitae infers in its own terms
# (tested by infer.sh against an rdflib closure).
base = part["asserted"] | {t for t in part["inferred"]
                           if (vitae(t[2]) if t[1] == RDF.type else vitae(t[1]))}
def supers(x, sub, equiv):
    out, todo = set(), [x]
    while todo:
        y = todo.pop()
        nxt = set(onto.objects(y, sub)) | set(onto.objects(y, equiv)) | set(onto.subjects(equiv, y))
        for z in nxt:
            if isinstance(z, URIRef) and z not in out:
                out.add(z); todo.append(z)
    return out
inverse = lambda p: {x for x in set(onto.objects(p, OWL.inverseOf)) |
                     set(onto.subjects(OWL.inverseOf, p)) if isinstance(x, URIRef)}
# What the axioms say, from the base, outside the vitae vocabulary.
want = set()
for s, p, o in base:
    if p == RDF.type:
        want |= {(s, p, c) for c in supers(o, RDFS.subClassOf, OWL.equivalentClass) if not vitae(c)}
        continue
    want |= {(s, q, o) for q in supers(p, RDFS.subPropertyOf, OWL.equivalentProperty) if not vitae(q)}
    if not isinstance(o, Literal):
        for i in inverse(p):
            want |= {(o, q, s) for q in {i} | supers(i, RDFS.subPropertyOf, OWL.equivalentProperty)
                     if not vitae(q)}
want -= part["asserted"]
got = part["aligned"]
bad = [t for t in got if (vitae(t[2]) if t[1] == RDF.type else vitae(t[1]))]
if bad: print("aligned triples in the vitae vocabulary:", bad[:3], file=sys.stderr)
if got != want:
    print("not justified:", sorted(got - want)[:5], file=sys.stderr)
    print("missing:", sorted(want - got)[:5], file=sys.stderr)
print(len(got), "aligned triples,", len(want), "expected")
sys.exit(0 if got == want and not bad and got else 1)
PY

# The expected ones.
E='<https://w3id.org/vitae/test/'
has() { grep -qF "$1" "$T/added.nt"; }
for t in \
  "${E}p1> <http://schema.org/birthDate> \"1953-05-17\"^^<http://www.w3.org/2001/XMLSchema#date> ." \
  "${E}p1> <http://www.wikidata.org/prop/direct/P569> \"1953-05-17\"^^<http://www.w3.org/2001/XMLSchema#date> ." \
  "${E}p1> <http://schema.org/birthPlace> ${E}city> ." \
  "${E}p1> <http://www.wikidata.org/prop/direct/P19> ${E}city> ." \
  "${E}p2> <http://schema.org/spouse> ${E}p1> ." \
  "${E}p1> <http://www.wikidata.org/prop/direct/P26> ${E}p2> ." \
  "${E}p1> <http://www.w3.org/ns/org#memberOf> ${E}party> ." \
  "${E}p1> <http://schema.org/memberOf> ${E}party> ." \
  "${E}p1> <http://schema.org/children> ${E}kid> ." \
  "${E}p1> <http://www.wikidata.org/prop/direct/P40> ${E}kid> ." \
  "${E}kid> <http://schema.org/parent> ${E}p1> ." \
  "${E}p1> <http://www.wikidata.org/prop/direct/P69> ${E}uni> ." \
  "${E}p1> <http://www.wikidata.org/prop/direct/P27> ${E}country> ." \
  "${E}treaty> <http://www.wikidata.org/prop/direct/P1891> ${E}p1> ." \
  "${E}p1> <http://www.w3.org/ns/org#holds> ${E}office> ." \
  "${E}p1> <http://www.wikidata.org/prop/direct/P39> ${E}office> ." \
  "${E}t1> <http://www.w3.org/ns/org#member> ${E}p1> ." \
  "${E}office> <http://www.w3.org/ns/org#postIn> ${E}ministry> ." \
  "${E}office> <http://www.wikidata.org/prop/direct/P1001> ${E}country> ." \
  "${E}m1> <http://www.wikidata.org/prop/direct/P710> ${E}p2> ." \
  "${E}m1> <http://www.wikidata.org/prop/direct/P276> ${E}city> ." \
  "${E}p1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://schema.org/Person> ." \
  "${E}p1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://xmlns.com/foaf/0.1/Person> ." \
  "${E}t1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/org#Membership> ." \
  "${E}office> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/org#Post> ." \
  "${E}ministry> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://schema.org/GovernmentOrganization> ." \
  "${E}party> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/org#Organization> ."
do
  check "aligned: $(echo "$t" | sed 's|<https://w3id.org/vitae/test/||g; s|<http://[^>]*[/#]\([^/#>]*\)>|\1|g')" has "$t"
done
check "a blank node's alignment (the visit's schema:attendee)" \
  grep -q '^_:[A-Za-z0-9_]* <http://schema.org/attendee> <https://w3id.org/vitae/test/p1> \.$' "$T/added.nt"
check "no vitae-level inference is added (vt:metWith is --inferred's)" \
  sh -c "! grep -q 'ns#metWith' '$T/added.nt'"
check "the plain export has no schema: triple" sh -c "! grep -q 'schema.org' '$T/plain.nt'"

# With named graphs, each graph's aligned triples are in that graph.
expect_exit 0 "export --align --format nquads" "$VITAE" --store "$S" export --align --format nquads
check "schema:birthDate is in the people graph" grep -qF \
  "${E}p1> <http://schema.org/birthDate> \"1953-05-17\"^^<http://www.w3.org/2001/XMLSchema#date> ${E}graph/people> ." "$T/out"
check "org:holds is in the offices graph" grep -qF \
  "${E}p1> <http://www.w3.org/ns/org#holds> ${E}office> ${E}graph/offices> ." "$T/out"
check "no aligned triple is left without a graph" sh -c "! grep -v ' <[^>]*> \\.\$' '$T/out'"
check "... the same triples as without graphs" sh -c "cut -d' ' -f1-3 '$T/out' | sort -u | diff - \"\$(cut -d' ' -f1-3 '$T/align.nt' | sort -u >'$T/a3'; echo '$T/a3')\" >/dev/null"
expect_exit 0 "export --align --format jsonld" "$VITAE" --store "$S" export --align --format jsonld \
  -o "$T/align.jsonld"
check "jsonld --align has org:holds" grep -q '"org:holds": {"@id": "https://w3id.org/vitae/test/office"}' "$T/align.jsonld"
expect_exit 0 "export --align is stable" "$VITAE" --store "$S" export --align --format ntriples
check "... byte for byte" cmp -s "$T/out" "$T/align.nt"

# The bundled extraction: Tokayev held offices, in ORG and Wikidata terms.
expect_exit 0 "load triples/tokayev.ttl" "$VITAE" --quiet --store "$T/k" load "$top_srcdir/triples/tokayev.ttl"
expect_exit 0 "export it --align" "$VITAE" --store "$T/k" export --align --format ntriples
check "Tokayev wdt:P39 President of Kazakhstan" grep -qF \
  '<https://w3id.org/vitae/person/kassym-jomart-tokayev> <http://www.wikidata.org/prop/direct/P39> <https://w3id.org/vitae/office/president-of-kazakhstan> .' "$T/out"
check "Tokayev schema:birthDate" grep -q '^<https://w3id.org/vitae/person/kassym-jomart-tokayev> <http://schema.org/birthDate> ' "$T/out"

finish
