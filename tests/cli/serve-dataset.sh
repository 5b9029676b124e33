#!/bin/sh
# SPARQL 1.1 Protocol datasets at vitae serve: default-graph-uri and
# named-graph-uri give the dataset a query runs over, in place of FROM and
# FROM NAMED; every answer is compared with rdflib's over the same dataset
# built from `vitae dump` (tests/serve/dataset.py), and the bad cases get
# a 400 with the reason.
. "$(dirname "$0")/lib.sh"
need_oracle
need_server
command -v curl >/dev/null || { echo "SKIP: no curl"; exit 77; }
S=$T/store
EX=https://example.org/test/

# the fixture's graphs a and b, and a graph c holding one triple of a again
# (the merge of a and c is a set) and one of its own
cat >"$T/c.trig" <<EOT
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<${EX}graph-c> {
  <${EX}person-a> rdfs:label "Aru Bekova" .
  <${EX}person-d> rdfs:label "Zere Abenova" ; a <https://w3id.org/vitae/ns#Person> .
}
EOT
"$VITAE" --store "$S" load "$top_srcdir/tests/fixtures/people.trig" 2>/dev/null || fail "load the fixture"
"$VITAE" --store "$S" load "$T/c.trig" 2>/dev/null || fail "load graph c"
"$VITAE" --store "$S" dump -o "$T/dump.nq" || fail "dump"
grep -q "graph/inferred" "$T/dump.nq" || fail "the dump has no inferred graph: the test would not cover it"

start_server "$T/server.log" --store "$S" serve --port 0 --timeout 20 ||
  { fail "no URL on stderr: $(cat "$T/server.log")"; finish; }
E=$URL/sparql

$PYTHON_ORACLE "$top_srcdir/tests/serve/dataset.py" "$E" "$T/dump.nq" "$EX" >"$T/cases" 2>&1
rc=$?
cat "$T/cases"
[ "$rc" = 0 ] && pass "every query over every dataset answers as rdflib does" ||
  fail "the endpoint and rdflib differ (above)"
# the comparison must have run its cases, answers with rows among them
check "77 cases ran" grep -q '^77 cases, 0 differ' "$T/cases"
check "some answers have rows" grep -q 'labels over two merged.*([1-9]' "$T/cases"

Q='SELECT ?s WHERE { ?s ?p ?o }'
expect_code 400 "a default-graph-uri that is not an IRI is 400" -G --data-urlencode "query=$Q" --data-urlencode "default-graph-uri=not an iri" "$E"
check "... naming the parameter" grep -q "default-graph-uri: 'not an iri' is not an absolute IRI" "$T/body"
expect_code 400 "a named-graph-uri with '<' is 400" -G --data-urlencode "query=$Q" --data-urlencode "named-graph-uri=${EX}a<b" "$E"
expect_code 400 "DESCRIBE over a dataset is refused, not answered from the whole store" -G --data-urlencode "query=DESCRIBE <${EX}person-a>" --data-urlencode "default-graph-uri=${EX}graph-b" "$E"
check "... saying so" grep -q "DESCRIBE over a dataset" "$T/body"
expect_code 400 "FROM without the parameters is still refused (the default graph is the union)" -G --data-urlencode "query=SELECT ?s FROM <${EX}graph-a> WHERE { ?s ?p ?o }" "$E"
expect_code 200 "an empty default-graph-uri= is ignored" -G --data-urlencode "query=ASK { ?s ?p ?o }" --data-urlencode "default-graph-uri=" "$E"
check "... and the store's default graph is used" grep -q true "$T/body"
expect_code 200 "ASK with FROM over a dataset runs" -G --data-urlencode "query=ASK FROM <${EX}graph-a> { }" --data-urlencode "default-graph-uri=${EX}graph-b" "$E"
expect_code 400 "a syntax error in a query with FROM over a dataset" -G --data-urlencode "query=SELECT ?s FROM <${EX}graph-a> WHERE { ?s ?p }" --data-urlencode "default-graph-uri=${EX}graph-b" "$E"
check "... is reported at its place (line 1)" grep -q "line 1" "$T/body"

kill "$PID"; wait "$PID"
check "the server stopped cleanly" grep -q "vitae: stopped" "$T/server.log"
finish
