#!/bin/sh
# vitae query: answers and result formats checked against rdflib on the same data.
. "$(dirname "$0")/lib.sh"
need_oracle
F=$top_srcdir/tests/fixtures
S=$T/store
oracle() { "$PYTHON_ORACLE" "$top_srcdir/tests/oracle.py" "$@"; }
"$VITAE" --store "$S" load "$F/people.trig" 2>/dev/null || fail "load"

oracle answer "$F/people.trig" "$F/select.rq" >"$T/expected" || fail "oracle answer"
for f in csv tsv json xml; do
  expect_exit 0 "SELECT --format $f" "$VITAE" --store "$S" query --format $f "$F/select.rq"
  cp "$T/out" "$T/result.$f"
  oracle results $f "$T/result.$f" >"$T/got.$f" 2>"$T/oerr" || fail "rdflib cannot parse our $f: $(tail -1 "$T/oerr")"
  if [ "$f" = csv ]; then
    # CSV carries no types: compare its lexical forms with the TSV's.
    check "csv has CRLF line ends" grep -q "$(printf '\r')\$" "$T/result.csv"
  else
    check "$f answer equals rdflib's" diff "$T/expected" "$T/got.$f"
  fi
done
check "csv header is the variable names" sh -c "head -1 '$T/result.csv' | grep -q '^p,label,born,office'"
check "tsv header has ?-variables" sh -c "head -1 '$T/result.tsv' | grep -q '^?p	?label	?born	?office\$'"
check "a quoted label survives csv quoting" grep -q '"Dana, ""the elder"" Omarova"' "$T/result.csv"

# ASK, prefixes, -e, stdin
printf 'ASK { ?p vt:spouse ?q }' >"$T/ask.rq"
expect_exit 0 "ASK" "$VITAE" --store "$S" query --format json "$T/ask.rq"
cp "$T/out" "$T/ask.json"
check "ASK is true, as rdflib says" sh -c "[ \"\$('$PYTHON_ORACLE' '$top_srcdir/tests/oracle.py' results json '$T/ask.json')\" = true ]"
expect_exit 0 "query -e" "$VITAE" --store "$S" query --format tsv -e 'SELECT ?l WHERE { ?c a vt:Country ; rdfs:label ?l }'
check "-e gives the country" grep -q '"Kestania"' "$T/out"
expect_exit 0 "the query's own PREFIX wins over ours" "$VITAE" --store "$S" query --format tsv -e 'PREFIX vt: <https://example.org/test/> SELECT ?l WHERE { vt:country-k rdfs:label ?l }'
check "... and resolves" grep -q Kestania "$T/out"
expect_exit 0 "query from standard input" sh -c "echo 'SELECT ?s WHERE { ?s a vt:Office }' | '$VITAE' --store '$S' query --format tsv -"
check "... answers" grep -q office-p "$T/out"
expect_exit 0 "GRAPH ?g" "$VITAE" --store "$S" query --format tsv -e 'SELECT ?g WHERE { GRAPH ?g { ?p vt:spouse ?q } }'
check "... names the graph" grep -q graph-b "$T/out"
expect_exit 0 "CONSTRUCT gives Turtle" "$VITAE" --store "$S" query -e 'CONSTRUCT { ?p vt:holds ?o } WHERE { ?t vt:holder ?p ; vt:office ?o }'
cp "$T/out" "$T/construct.ttl"
check "... that rdflib parses with 2 triples" "$PYTHON_ORACLE" -c "import rdflib,sys; g=rdflib.Graph(); g.parse('$T/construct.ttl', format='turtle'); sys.exit(len(g)!=2)"
expect_exit 0 "table format" "$VITAE" --store "$S" query --format table "$F/select.rq"
check "table shows prefixed IRIs? no: example IRIs stay whole" grep -q "<https://example.org/test/person-a>" "$T/out"
check "table counts rows" grep -q "^(3 rows)$" "$T/out"

# errors: nothing on stdout, non-zero exit, position shown
expect_exit 1 "a SPARQL syntax error" "$VITAE" --store "$S" query -e 'SELECT * WHERE { ?s ?p }'
check "nothing on stdout" test ! -s "$T/out"
check "the message shows the position" grep -Eq "vitae: query:1(:[0-9]+)?: " "$T/err"
printf 'SELECT ?s\nWHERE {\n  ?s ?p ?o .\n  FILTER(\n}\n' >"$T/bad.rq"
expect_exit 1 "a syntax error on line 5 of a file" "$VITAE" --store "$S" query "$T/bad.rq"
check "the line is the user's line 5" grep -Eq "vitae: query:5" "$T/err"
expect_exit 1 "a missing query file" "$VITAE" --store "$S" query "$T/none.rq"
check "names the file" grep -q "$T/none.rq: No such file" "$T/err"
expect_exit 2 "no query given" "$VITAE" --store "$S" query
expect_exit 2 "an unknown --format" "$VITAE" --store "$S" query --format yaml -e 'ASK {}'
expect_exit 2 "a SELECT asked for Turtle" "$VITAE" --store "$S" query --format turtle -e 'SELECT * WHERE { ?s ?p ?o }'
check "nothing on stdout for it either" test ! -s "$T/out"
finish
