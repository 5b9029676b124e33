#!/bin/sh
# SPARQL answers checked against rdflib: every query in tests/sparql/queries
# runs through 'vitae query' on a store loaded with tests/sparql/data.trig and
# through rdflib on what that store holds, and the rows must agree (sorted,
# or in order for queries marked '# ordered').  Where rdflib 6.1.1 is itself
# wrong, tests/sparql/expected/NAME.txt holds the answer checked by hand
# against the SPARQL 1.1 specification (its '#' lines say why).  Every query
# in tests/sparql/refused must fail with exit 1, nothing on stdout, and the
# message fragment of its '# expect:' line.  Then randomized OPTIONAL
# queries and UNIONs binding one variable in several ways
# (tests/sparql/gen_optional.py, fixed seeds) are compared the same way.
. "$(dirname "$0")/lib.sh"
need_oracle
D=$top_srcdir/tests/sparql
S=$T/store
oracle() { "$PYTHON_ORACLE" "$top_srcdir/tests/oracle.py" "$@"; }
"$VITAE" --store "$S" load "$D/data.trig" 2>/dev/null || fail "load the fixture"
# rdflib reads exactly what the store holds (a load adds the inferred graph).
"$VITAE" --store "$S" export --inferred --format nquads -o "$T/data.nq" 2>/dev/null || fail "export"

# compare NAME QUERY: one SELECT or ASK against rdflib (or the expected file)
compare() {
  name=$1 q=$2
  ordered=; grep -q '^# ordered' "$q" && ordered=-ordered
  if ! "$VITAE" --store "$S" query --format json "$q" >"$T/got.json" 2>"$T/err"; then
    fail "$name: vitae: $(head -1 "$T/err")"
    return
  fi
  if ! oracle "results$ordered" json "$T/got.json" >"$T/got" 2>"$T/oerr"; then
    fail "$name: rdflib cannot read our JSON: $(tail -1 "$T/oerr")"
    return
  fi
  if [ -f "$D/expected/$name.txt" ]; then
    grep -v '^#' "$D/expected/$name.txt" >"$T/want"
  elif ! oracle "answer$ordered" "$T/data.nq" "$q" >"$T/want" 2>"$T/oerr"; then
    fail "$name: rdflib failed: $(tail -1 "$T/oerr")"
    return
  fi
  if diff "$T/want" "$T/got" >"$T/diff"; then
    pass "$name"
  else
    fail "$name: answers differ (< expected, > vitae):"
    head -20 "$T/diff" >&2
  fi
}

nq=0
for q in "$D"/queries/*.rq; do
  name=$(basename "$q" .rq)
  nq=$((nq + 1))
  if grep -q '^# kind: construct' "$q"; then
    expect_exit 0 "$name" "$VITAE" --store "$S" query --format turtle "$q"
    mv "$T/out" "$T/got.ttl"
    check "$name: the graph is rdflib's" oracle same-construct "$T/data.nq" "$q" "$T/got.ttl"
  elif grep -q '^# kind: describe' "$q"; then
    expect_exit 0 "$name" "$VITAE" --store "$S" query --format turtle "$q"
    mv "$T/out" "$T/got.ttl"
    # shellcheck disable=SC2046
    check "$name: the concise bounded description" \
      oracle same-cbd "$T/data.nq" "$T/got.ttl" $(sed -n 's/^# describes: //p' "$q")
  else
    compare "$name" "$q"
  fi
done
[ "$nq" -ge 40 ] && pass "$nq queries compared" || fail "only $nq queries"

nr=0
for q in "$D"/refused/*.rq; do
  name=$(basename "$q" .rq)
  nr=$((nr + 1))
  frag=$(sed -n 's/^# expect: //p' "$q")
  expect_exit 1 "$name is refused" "$VITAE" --store "$S" query "$q"
  check "$name: nothing on stdout" test ! -s "$T/out"
  if grep -qF -- "$frag" "$T/err"; then pass "$name: says '$frag'"; else
    fail "$name: stderr lacks '$frag': $(head -1 "$T/err")"; fi
  check "$name: the message has a position" grep -Eq '^vitae: query(:[0-9]+)+: ' "$T/err"
done
[ "$nr" -ge 10 ] && pass "$nr refusals checked" || fail "only $nr refusals"

# randomized OPTIONAL queries
mkdir -p "$T/random"
"$PYTHON_ORACLE" "$D/gen_optional.py" "$T/random" 80 20261127 || fail "gen_optional.py"
for q in "$T"/random/*.rq; do
  compare "random-$(basename "$q" .rq)" "$q"
done

# randomized UNIONs whose branches bind one variable in different ways
mkdir -p "$T/random-union"
"$PYTHON_ORACLE" "$D/gen_optional.py" "$T/random-union" 40 20261128 union || fail "gen_optional.py union"
for q in "$T"/random-union/*.rq; do
  compare "random-union-$(basename "$q" .rq)" "$q"
done
finish
