#!/bin/sh
# vitae serve against real clients: curl for every status code, CORS, the
# service description and VoID parsed by rdflib, the same answers by GET,
# POST form and POST sparql-query as `vitae query` and rdflib give,
# SPARQLWrapper, rdflib's SPARQLStore and roqet as clients, linked data,
# the time limit while another client is served, concurrent clients, a
# load committed while serving, and a clean stop.  Datasets
# (default-graph-uri, named-graph-uri): tests/cli/serve-dataset.sh.
. "$(dirname "$0")/lib.sh"
need_oracle
ORACLE="$PYTHON_ORACLE $top_srcdir/tests/oracle.py"
CLIENTS="$PYTHON_ORACLE $top_srcdir/tests/serve/clients.py"
F=$top_srcdir/tests/fixtures/people.trig
S=$T/store
EX=https://example.org/test/

# --help works in every build (the CLI contract); skip when built without the server
expect_exit 0 "serve --help" "$VITAE" serve --help
"$VITAE" --store "$T/none" serve --port x >"$T/out" 2>"$T/err"
if grep -q "built without the server" "$T/err"; then echo "SKIP: built without the server"; exit 77; fi
command -v curl >/dev/null || { echo "SKIP: no curl"; exit 77; }
expect_exit 2 "a bad --port is a usage error" "$VITAE" --store "$T/none" serve --port 70000
expect_exit 1 "a missing store fails at start" "$VITAE" --store "$T/none" serve --port 0
expect_exit 2 "memory: is refused" "$VITAE" --store memory: serve --port 0

"$VITAE" --store "$S" load "$F" 2>/dev/null || fail "load the fixture"

# start SERVER-NAME [OPTIONS]: a server on a free port; sets URL and PID
start() {
  name=$1; shift
  start_server "$T/$name.log" --store "$S" serve --port 0 "$@" ||
    { fail "$name: no URL on stderr: $(cat "$T/$name.log")"; finish; }
}
start main --timeout 2 --max-body 10000 --base "$EX"
MAIN=$PID
E=$URL/sparql
pass "listens on a free loopback port ($URL)"

header() { tr -d '\r' <"$T/headers" | grep -i "^$1:" | head -1 | cut -d' ' -f2-; }

Q='SELECT ?s ?l WHERE { ?s rdfs:label ?l }'
printf '%s\n' "$Q" >"$T/q.rq"
"$VITAE" --store "$S" query --format json "$T/q.rq" >"$T/cli.json"
$ORACLE results json "$T/cli.json" >"$T/want"
"$VITAE" --store "$S" export --inferred --format nquads >"$T/all.nq"
$ORACLE answer "$T/all.nq" "$T/q.rq" >"$T/rdflib"
check "vitae query and rdflib agree (the reference answer)" cmp -s "$T/want" "$T/rdflib"

# --- 200 in each results format, with the right Content-Type, same rows
for f in json:application/sparql-results+json xml:application/sparql-results+xml \
         tsv:text/tab-separated-values; do
  kind=${f%%:*} type=${f#*:}
  expect_code 200 "GET, Accept $type" -H "Accept: $type" -G --data-urlencode "query=$Q" "$E"
  case "$(header Content-Type)" in "$type"*) pass "Content-Type $type" ;; *) fail "Content-Type: $(header Content-Type)" ;; esac
  $ORACLE results "$kind" "$T/body" >"$T/got" 2>&1
  check "$kind: the same rows as vitae query" cmp -s "$T/want" "$T/got"
done
expect_code 200 "GET, Accept text/csv" -H "Accept: text/csv" -G --data-urlencode "query=$Q" "$E"
"$VITAE" --store "$S" query --format csv "$T/q.rq" | $ORACLE results csv /dev/stdin >"$T/want.csv"
$ORACLE results csv "$T/body" >"$T/got"
check "csv: the same rows as vitae query --format csv" cmp -s "$T/want.csv" "$T/got"
expect_code 200 "format=xml overrides Accept" -H "Accept: text/csv" -G --data-urlencode "query=$Q" --data-urlencode format=xml "$E"
case "$(header Content-Type)" in application/sparql-results+xml*) pass "... gives XML" ;; *) fail "format=xml gave $(header Content-Type)" ;; esac
expect_code 200 "q-values choose TSV" -H "Accept: application/sparql-results+json;q=0.5, text/tab-separated-values" -G --data-urlencode "query=$Q" "$E"
case "$(header Content-Type)" in text/tab-separated-values*) pass "... gives TSV" ;; *) fail "q-values gave $(header Content-Type)" ;; esac

# --- GET, POST form, POST sparql-query: the same answer
code -G --data-urlencode "query=$Q" "$E" >/dev/null; $ORACLE results json "$T/body" >"$T/get"
code --data-urlencode "query=$Q" "$E" >/dev/null; $ORACLE results json "$T/body" >"$T/post"
code -H 'Content-Type: application/sparql-query' --data-binary "$Q" "$E" >/dev/null
$ORACLE results json "$T/body" >"$T/direct"
check "GET gives the reference rows" cmp -s "$T/want" "$T/get"
check "POST form gives the same" cmp -s "$T/want" "$T/post"
check "POST application/sparql-query gives the same" cmp -s "$T/want" "$T/direct"
code --data "query=SELECT+%3Fs+%3Fl+WHERE+%7B+%3Fs+rdfs%3Alabel+%3Fl+%7D" "$E" >/dev/null
$ORACLE results json "$T/body" >"$T/plus"
check "a form with + for spaces gives the same" cmp -s "$T/want" "$T/plus"
expect_code 200 "ASK" -G --data-urlencode "query=ASK { ?s a vt:Person }" "$E"
check "... is true" grep -q '"boolean" *: *true' "$T/body"

# --- CONSTRUCT / DESCRIBE in each RDF format
CQ="CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s rdfs:label ?l }"
for t in text/turtle application/n-triples application/rdf+xml; do
  expect_code 200 "CONSTRUCT, Accept $t" -H "Accept: $t" -G --data-urlencode "query=$CQ" "$E"
  case "$(header Content-Type)" in "$t"*) pass "Content-Type $t" ;; *) fail "Content-Type: $(header Content-Type)" ;; esac
done
expect_code 406 "CONSTRUCT as SPARQL results JSON is 406" -H "Accept: application/sparql-results+json" -G --data-urlencode "query=$CQ" "$E"
expect_code 200 "CONSTRUCT, Accept application/ld+json" -H "Accept: application/ld+json" -G --data-urlencode "query=$CQ" "$E"
case "$(header Content-Type)" in application/ld+json*) pass "Content-Type application/ld+json" ;; *) fail "Content-Type: $(header Content-Type)" ;; esac
cp "$T/body" "$T/construct.jsonld"
expect_code 200 "... and as Turtle" -H "Accept: text/turtle" -G --data-urlencode "query=$CQ" "$E"
check "... rdflib reads the same graph from JSON-LD and Turtle" "$PYTHON_ORACLE" -c '
import sys
from rdflib import Graph
from rdflib.compare import isomorphic
a = Graph().parse(sys.argv[1], format="json-ld"); b = Graph().parse(sys.argv[2], format="turtle")
sys.exit(0 if len(a) > 0 and isomorphic(a, b) else 1)' "$T/construct.jsonld" "$T/body"

# --- errors
expect_code 400 "a syntax error is 400" -G --data-urlencode "query=SELEKT * WHERE {}" "$E"
check "... with the message" grep -qi "syntax" "$T/body"
expect_code 400 "a refused construct (MINUS) is 400" -G --data-urlencode "query=SELECT * WHERE { ?s ?p ?o MINUS { ?s a vt:Person } }" "$E"
expect_code 400 "two query= are 400" -G --data-urlencode "query=ASK {}" --data-urlencode "query=ASK {}" "$E"
expect_code 403 "update= is refused (read-only)" --data-urlencode "update=INSERT DATA { <a:b> <a:b> <a:b> }" "$E"
expect_code 403 "application/sparql-update is refused" -H 'Content-Type: application/sparql-update' --data-binary "CLEAR ALL" "$E"
expect_code 400 "Update inside query= is refused by the query layer" --data-urlencode "query=INSERT DATA { <a:b> <a:b> <a:b> }" "$E"
expect_code 406 "an unacceptable type is 406" -H "Accept: image/png" -G --data-urlencode "query=$Q" "$E"
expect_code 405 "PUT is 405" -X PUT "$E"
check "... with Allow" sh -c "tr -d '\r' <'$T/headers' | grep -qi '^Allow: GET, POST'"
expect_code 405 "DELETE on an entity is 405" -X DELETE "$URL/person-a"
expect_code 415 "POST of another content type is 415" -H 'Content-Type: text/plain' --data-binary "$Q" "$E"
head -c 20000 /dev/zero | tr '\0' ' ' >"$T/big.rq"; echo "$Q" >>"$T/big.rq"
expect_code 413 "a body over --max-body is 413" -H 'Content-Type: application/sparql-query' --data-binary @"$T/big.rq" "$E"
expect_code 413 "... also chunked, without Content-Length" -H 'Content-Type: application/sparql-query' -H 'Transfer-Encoding: chunked' --data-binary @"$T/big.rq" "$E"
expect_code 404 "an unknown path is 404" "$URL/no/such/thing"
expect_code 404 "a path that is no IRI is 404" "$URL/a%3Eb%20c"
expect_code 200 "a query with a NUL byte or bad UTF-8 is answered" --data-urlencode "query=ASK { ?s ?p \"$(printf '\377\376')\" }" "$E"

# --- CORS
code -H "Origin: https://yasgui.example" -G --data-urlencode "query=$Q" "$E" >/dev/null
[ "$(header Access-Control-Allow-Origin)" = "*" ] && pass "CORS: Access-Control-Allow-Origin: *" || fail "no CORS header"
expect_code 204 "CORS preflight (OPTIONS)" -X OPTIONS -H "Origin: https://yasgui.example" -H "Access-Control-Request-Method: POST" "$E"
case "$(header Access-Control-Allow-Methods)" in *POST*) pass "... allows POST" ;; *) fail "preflight: $(cat "$T/headers")" ;; esac

# --- the service description and VoID, parsed by rdflib
check "service description (GET /sparql) parses and names the endpoint" $CLIENTS sd "$E"
expect_code 200 "VoID at /.well-known/void" -H "Accept: text/turtle" "$URL/.well-known/void"
check "... parses with rdflib" $CLIENTS rdf "$URL/.well-known/void" text/turtle "$T/void.ttl"
check "... as RDF/XML too" $CLIENTS rdf "$URL/.well-known/void" application/rdf+xml "$T/void2.ttl"

# --- linked data: an entity's description, the same as rdflib's CBD
for t in text/turtle application/n-triples application/rdf+xml; do
  check "GET /person-a as $t parses with rdflib" $CLIENTS rdf "$URL/person-a" "$t" "$T/entity.ttl"
  check "... and is its concise bounded description" $ORACLE same-cbd "$T/all.nq" "$T/entity.ttl" "${EX}person-a"
done
expect_code 200 "a browser gets an HTML page" -H "Accept: text/html,application/xhtml+xml,*/*;q=0.8" "$URL/person-a"
check "... titled with the label, linking the spouse's page" sh -c "grep -q '<h1>Aru Bekova</h1>' '$T/body' && grep -q 'href=\"/person-c\">Timur Esenov' '$T/body'"

# --- real clients
check "SPARQLWrapper (GET) gives the reference rows" sh -c "$CLIENTS wrapper '$E' '$T/q.rq' GET >'$T/sw' && cmp -s '$T/want' '$T/sw'"
check "SPARQLWrapper (POST) too" sh -c "$CLIENTS wrapper '$E' '$T/q.rq' POST >'$T/sw2' && cmp -s '$T/want' '$T/sw2'"
check "rdflib SPARQLStore gives the reference rows" sh -c "$CLIENTS store '$E' '$T/q.rq' >'$T/ss' && cmp -s '$T/want' '$T/ss'"
if command -v roqet >/dev/null; then
  roqet -q -p "$E" -r xml -e "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> $Q" >"$T/roqet.xml" 2>"$T/roqet.err"
  $ORACLE results xml "$T/roqet.xml" >"$T/roqet" 2>&1
  check "roqet -p gives the reference rows" cmp -s "$T/want" "$T/roqet"
fi

# --- the time limit, while other clients are served: a server of its own
# with a longer limit, so that a busy machine has time to answer the other
# client while the slow query still runs (no time threshold: the time is
# printed)
start slow --timeout 8
SLOW='SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }'
curl -s -o "$T/slow.body" -w '%{http_code}' --data-urlencode "query=$SLOW" "$URL/sparql" >"$T/slow.code" &
SLOWPID=$!
sleep 0.5
t0=$(date +%s%N)
expect_code 200 "another client is served while a slow query runs" -G --data-urlencode "query=$Q" "$URL/sparql"
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
kill -0 "$SLOWPID" 2>/dev/null && pass "... before the slow query ended ($ms ms)" ||
  fail "the other client was answered only after the slow query ended ($ms ms)"
wait "$SLOWPID"
[ "$(cat "$T/slow.code")" = 503 ] && pass "the slow query stops at --timeout with 503" || fail "slow query: $(cat "$T/slow.code") $(head -c 200 "$T/slow.body")"
check "... saying why" grep -q "time limit" "$T/slow.body"
kill "$PID"; wait "$PID"
URL=${E%/sparql}

# --- concurrent clients all get the whole answer
pids=
for i in 1 2 3 4 5 6 7 8; do
  curl -s -G --data-urlencode "query=$Q" "$E" >"$T/c$i.json" &
  pids="$pids $!"
done
for p in $pids; do wait "$p"; done
ok=1
for i in 1 2 3 4 5 6 7 8; do
  $ORACLE results json "$T/c$i.json" >"$T/c$i" 2>&1; cmp -s "$T/want" "$T/c$i" || ok=0
done
[ "$ok" = 1 ] && pass "8 concurrent clients get the reference rows" || fail "concurrent answers differ"

# --- a load committed while serving is seen by the next request, whole
printf '<%snew> <http://www.w3.org/2000/01/rdf-schema#label> "New" .\n' "$EX" >"$T/new.nt"
"$VITAE" --store "$S" load "$T/new.nt" 2>/dev/null || fail "load while serving"
code -G --data-urlencode "query=ASK { <${EX}new> rdfs:label \"New\" }" "$E" >/dev/null
check "a load committed while serving is seen" grep -q '"boolean" *: *true' "$T/body"

# --- the request log: method, path, status, time
check "one log line per request" grep -Eq '^GET /sparql 200 [0-9.]+ ms$' "$T/main.log"
check "... errors too" grep -Eq '^PUT /sparql 405 [0-9.]+ ms$' "$T/main.log"

# --- --max-rows cuts and says so
start rows --max-rows 2
expect_code 200 "--max-rows 2" -G --data-urlencode "query=$Q" "$URL/sparql"
n=$($ORACLE results json "$T/body" | tail -n +2 | grep -c .)
[ "$n" = 2 ] && pass "... gives 2 rows" || fail "--max-rows 2 gave $n rows"
case "$(header Vitae-Truncated)" in "2 of "*) pass "... and says so: Vitae-Truncated: $(header Vitae-Truncated)" ;; *) fail "no Vitae-Truncated header" ;; esac
kill -INT "$PID"; wait "$PID"; rc=$?
[ "$rc" = 0 ] && pass "SIGINT stops it (exit 0)" || fail "SIGINT: exit $rc"

# --- a clean stop
kill -TERM "$MAIN"; wait "$MAIN"; rc=$?
[ "$rc" = 0 ] && pass "SIGTERM stops it (exit 0)" || fail "SIGTERM: exit $rc"
check "... saying so" grep -q "^vitae: stopped" "$T/main.log"
code "$E" >/dev/null 2>&1; [ "$(code "$E")" = 000 ] && pass "nothing listens after the stop" || fail "still answering"
finish
