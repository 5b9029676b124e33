#!/bin/sh
# vitae serve --allow-update --token-file: SPARQL Update (INSERT DATA,
# DELETE DATA, CLEAR/DROP GRAPH) and Graph Store Protocol writes only with
# the bearer token (401 without or with a wrong one, 403 without
# --allow-update), each request committed whole with the inferred graph
# recomputed (vitae query sees the change, a failed request changes
# nothing); and JSON-LD for an entity and a CONSTRUCT, parsed by rdflib.
. "$(dirname "$0")/lib.sh"
need_oracle
need_server
command -v curl >/dev/null || { echo "SKIP: no curl"; exit 77; }
PY=$PYTHON_ORACLE
F=$top_srcdir/tests/fixtures/people.trig
S=$T/store
EX=https://example.org/test/
G=https://example.org/graph/web
"$VITAE" --store "$S" load "$F" 2>/dev/null || fail "load the fixture"
printf 's3cret-token-for-tests\n' >"$T/token"

expect_exit 2 "--allow-update needs --token-file" "$VITAE" --store "$S" serve --port 0 --allow-update
printf 'short\n' >"$T/short"
expect_exit 1 "a too short token is refused" "$VITAE" --store "$S" serve --port 0 --allow-update --token-file "$T/short"

start() { # start NAME ARGS...: sets URL and PID
  name=$1; shift
  start_server "$T/$name.log" --store "$S" serve --port 0 --base "$EX" "$@" ||
    { fail "$name: no URL: $(cat "$T/$name.log")"; finish; }
}
count() { # count GRAPH: triples in the graph, by vitae query (a reader of the store)
  "$VITAE" --store "$S" query --format tsv -e "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <$1> { ?s ?p ?o } }" | sed -n '2p' | tr -d '"' | sed 's/\^\^.*//'
}
AUTH="Authorization: Bearer s3cret-token-for-tests"
UPD="Content-Type: application/sparql-update"

# --- read-only server: 403 for every write
start ro
RO=$PID
expect_code 403 "read-only: SPARQL Update is 403" -H "$AUTH" -H "$UPD" --data-binary "INSERT DATA { GRAPH <$G> { <a:x> <a:y> <a:z> } }" "$URL/sparql"
expect_code 403 "read-only: a Graph Store PUT is 403" -X PUT -H "$AUTH" -H 'Content-Type: text/turtle' --data-binary "<a:x> <a:y> <a:z> ." "$URL/rdf-graph-store?graph=$G"
grep -q "read-only" "$T/ro.log" && pass "says read-only at start" || fail "no read-only line: $(cat "$T/ro.log")"

# --- JSON-LD, parsed by rdflib: the same graph as Turtle
expect_code 200 "an entity as JSON-LD" -H 'Accept: application/ld+json' "$URL/person-a"
cp "$T/body" "$T/alice.jsonld"
expect_code 200 "the same as Turtle" -H 'Accept: text/turtle' "$URL/person-a"
cp "$T/body" "$T/alice.ttl"
check "rdflib reads the entity's JSON-LD: the Turtle's triples" $PY -c "
import rdflib, rdflib.compare, sys
a = rdflib.Graph().parse('$T/alice.jsonld', format='json-ld')
b = rdflib.Graph().parse('$T/alice.ttl', format='turtle', publicID='$EX')
sys.exit(not (len(a) > 0 and rdflib.compare.isomorphic(a, b)))"
CQ='CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s rdfs:label ?l }'
expect_code 200 "CONSTRUCT as JSON-LD" -H 'Accept: application/ld+json' --data-urlencode "query=$CQ" "$URL/sparql"
cp "$T/body" "$T/c.jsonld"
expect_code 200 "CONSTRUCT as N-Triples" -H 'Accept: application/n-triples' --data-urlencode "query=$CQ" "$URL/sparql"
cp "$T/body" "$T/c.nt"
check "rdflib reads the CONSTRUCT's JSON-LD: the N-Triples' triples" $PY -c "
import rdflib, rdflib.compare, sys
a = rdflib.Graph().parse('$T/c.jsonld', format='json-ld')
b = rdflib.Graph().parse('$T/c.nt', format='nt')
sys.exit(not (len(a) > 0 and rdflib.compare.isomorphic(a, b)))"
kill "$RO"; wait "$RO" 2>/dev/null

# --- with --allow-update
start rw --allow-update --token-file "$T/token"
RW=$PID
I="INSERT DATA { GRAPH <$G> { <${EX}person/zed> rdfs:label \"Zed \\\"Z\\\" Zero\" ; a vt:Person ; vt:spouse <${EX}person-a> } }"
expect_code 401 "no token: 401" -H "$UPD" --data-binary "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX vt: <https://w3id.org/vitae/ns#> $I" "$URL/sparql"
grep -qi "Bearer" "$T/body" && pass "... saying how" || fail "401 body: $(cat "$T/body")"
expect_code 401 "a wrong token: 401" -H "Authorization: Bearer s3cret-token-for-testz" -H "$UPD" --data-binary "$I" "$URL/sparql"
expect_code 401 "the token's prefix: 401" -H "Authorization: Bearer s3cret" -H "$UPD" --data-binary "$I" "$URL/sparql"
check "nothing written without the token" [ "$(count "$G")" = 0 ]
P="PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX vt: <https://w3id.org/vitae/ns#>"
expect_code 200 "INSERT DATA with the token" -H "$AUTH" -H "$UPD" --data-binary "$P
$I" "$URL/sparql"
check "the three triples are in the graph" [ "$(count "$G")" = 3 ]

check "the inferred graph was recomputed (spouse is symmetric)" sh -c "'$VITAE' --store '$S' query --format tsv -e 'ASK { <${EX}person-a> vt:spouse <${EX}person/zed> }' | grep -q true"
expect_code 200 "the server reads its own write" -H 'Accept: text/csv' --data-urlencode "query=SELECT ?l WHERE { <${EX}person/zed> rdfs:label ?l }" "$URL/sparql"
grep -q 'Zed ""Z"" Zero' "$T/body" && pass "... with the quotes as data" || fail "label: $(cat "$T/body")"
expect_code 200 "update= in a form works too" -H "$AUTH" --data-urlencode "update=$P
DELETE DATA { GRAPH <$G> { <${EX}person/zed> vt:spouse <${EX}person-a> } }" "$URL/sparql"
check "DELETE DATA removed one triple" [ "$(count "$G")" = 2 ]
# all or nothing: the second operation fails, so the first is not kept
expect_code 404 "a request whose second operation fails" -H "$AUTH" -H "$UPD" --data-binary "INSERT DATA { GRAPH <$G> { <a:new> <a:p> <a:o> } } ; CLEAR GRAPH <https://example.org/no-such-graph>" "$URL/sparql"
check "... changes nothing (atomic)" [ "$(count "$G")" = 2 ]
expect_code 400 "a syntax error in the data: 400" -H "$AUTH" -H "$UPD" --data-binary "INSERT DATA { GRAPH <$G> { <a:x> <a:y> } }" "$URL/sparql"
expect_code 400 "triples outside GRAPH: 400" -H "$AUTH" -H "$UPD" --data-binary "INSERT DATA { <a:x> <a:y> <a:z> }" "$URL/sparql"
expect_code 400 "DELETE WHERE is not supported: 400" -H "$AUTH" -H "$UPD" --data-binary "DELETE WHERE { ?s ?p ?o }" "$URL/sparql"
expect_code 400 "the inferred graph is not written" -H "$AUTH" -H "$UPD" --data-binary "CLEAR GRAPH <https://w3id.org/vitae/graph/inferred>" "$URL/sparql"
check "still 2 triples" [ "$(count "$G")" = 2 ]
expect_code 405 "an update by GET: 405" -G -H "$AUTH" --data-urlencode "update=CLEAR GRAPH <$G>" "$URL/sparql"
expect_code 200 "DROP GRAPH" -H "$AUTH" -H "$UPD" --data-binary "DROP GRAPH <$G>" "$URL/sparql"
check "the graph is gone" [ "$(count "$G")" = 0 ]

# --- Graph Store Protocol
H=https://example.org/graph/gsp
expect_code 401 "GSP PUT without the token: 401" -X PUT -H 'Content-Type: text/turtle' --data-binary "<a:x> <a:y> <a:z> ." "$URL/rdf-graph-store?graph=$H"
expect_code 201 "GSP PUT creates the graph" -X PUT -H "$AUTH" -H 'Content-Type: text/turtle' --data-binary " @prefix ex: <https://example.org/> . ex:a ex:p ex:b , ex:c ." "$URL/rdf-graph-store?graph=$H"
check "2 triples" [ "$(count "$H")" = 2 ]
expect_code 200 "GSP PUT again replaces it" -X PUT -H "$AUTH" -H 'Content-Type: application/n-triples' --data-binary "<https://example.org/a> <https://example.org/p> <https://example.org/d> ." "$URL/rdf-graph-store?graph=$H"
check "1 triple" [ "$(count "$H")" = 1 ]
expect_code 200 "GSP POST adds" -H "$AUTH" -H 'Content-Type: text/turtle' --data-binary "<https://example.org/a> <https://example.org/p> <https://example.org/e> ." "$URL/rdf-graph-store?graph=$H"
check "2 triples" [ "$(count "$H")" = 2 ]
expect_code 200 "GSP GET reads it" -H 'Accept: application/n-triples' "$URL/rdf-graph-store?graph=$H"
check "... both triples" [ "$(grep -c 'example.org/p' "$T/body")" = 2 ]
expect_code 400 "GSP POST with bad Turtle: 400" -H "$AUTH" -H 'Content-Type: text/turtle' --data-binary "<https://example.org/a> <https://example.org/p> ." "$URL/rdf-graph-store?graph=$H"
check "... changes nothing" [ "$(count "$H")" = 2 ]
expect_code 415 "GSP PUT of an unknown type: 415" -X PUT -H "$AUTH" -H 'Content-Type: application/pdf' --data-binary "x" "$URL/rdf-graph-store?graph=$H"
expect_code 400 "GSP without ?graph: 400" -X PUT -H "$AUTH" -H 'Content-Type: text/turtle' --data-binary "" "$URL/rdf-graph-store"
expect_code 204 "GSP DELETE" -X DELETE -H "$AUTH" "$URL/rdf-graph-store?graph=$H"
expect_code 404 "GSP DELETE again: 404" -X DELETE -H "$AUTH" "$URL/rdf-graph-store?graph=$H"
expect_code 404 "GSP GET of the deleted graph: 404" "$URL/rdf-graph-store?graph=$H"
"$VITAE" --store "$S" check >/dev/null 2>&1 && pass "the store checks clean after the writes" || fail "vitae check after the writes"
kill "$RW"; wait "$RW" 2>/dev/null
finish
