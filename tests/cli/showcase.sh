#!/bin/sh
# The showcase queries (queries/*.rq) on the main job's store: what 'vitae
# demo' loads (the bundled biography triples/tokayev.txt, the ontology, and
# the inferred graph).
#  (a) each query's answer through 'vitae query' is the one kept in
#      tests/showcase/expected/NAME.tsv (rows sorted, unless the query is
#      marked '# ordered'); regenerate those files with 'make showcase-expected'
#      when the extractor changes, and review the diff;
#  (b) rdflib gives the same answer on the export (with the inferred graph);
#  (c) each property-path twin (queries/paths/NAME.rq), which vitae refuses,
#      gives in rdflib the same answer as its rasqal-compatible form;
#  and every query returns rows, unless it is marked '# allow-empty: REASON'.
# Timings are printed, not asserted.
#
#   showcase.sh --regenerate   writes tests/showcase/expected/ from this build
. "$(dirname "$0")/lib.sh"
Q=$top_srcdir/queries
E=$top_srcdir/tests/showcase/expected
S=$T/store
regen=; [ "${1:-}" = --regenerate ] && regen=1
oracle() { "$PYTHON_ORACLE" "$top_srcdir/tests/oracle.py" "$@"; }
have_oracle=1
if ! "$PYTHON_ORACLE" -c 'import rdflib' 2>/dev/null; then
  [ -n "${CI:-}" ] && { echo "rdflib missing on CI" >&2; exit 99; }
  have_oracle=; echo "note: no rdflib ($PYTHON_ORACLE): the rdflib comparisons are skipped"
fi
now_ms() { date +%s%3N; }
# asks FILE: the file opens with a comment whose first sentence is a question
asks() { sed -n '/^#/!q;s/^# *//;p' "$1" | tr '\n' ' ' | grep -Eq '^[A-Z][^.]*\?'; }
# canonical TSV: the header, then the rows (sorted unless ORDER BY matters)
canon() { # canon FILE ORDERED
  head -1 "$1"
  if [ -n "$2" ]; then tail -n +2 "$1"; else tail -n +2 "$1" | LC_ALL=C sort; fi
}

# the main job's store: the bundled biography, the ontology, the inferred graph
"$VITAE" --store "$S" demo >"$T/demo.out" 2>"$T/err" ||
  { echo "vitae demo failed: $(head -3 "$T/err")" >&2; exit 99; }
"$VITAE" --store "$S" export --inferred --format nquads -o "$T/all.nq" 2>"$T/err" ||
  { echo "export failed: $(head -3 "$T/err")" >&2; exit 99; }

if [ -n "$regen" ]; then
  mkdir -p "$E"
  rm -f "$E"/*.tsv
  for q in "$Q"/*.rq; do
    name=$(basename "$q" .rq)
    ordered=; grep -q '^# ordered' "$q" && ordered=1
    "$VITAE" --store "$S" query --format tsv "$q" >"$T/got.tsv" || { echo "$name failed" >&2; exit 1; }
    canon "$T/got.tsv" "$ordered" >"$E/$name.tsv"
    echo "wrote $E/$name.tsv ($(($(wc -l <"$E/$name.tsv") - 1)) rows)"
  done
  exit 0
fi

# the cost of a query that does nothing: starting vitae and opening the store
t0=$(now_ms); "$VITAE" --store "$S" query -e 'ASK { }' >/dev/null; base=$(($(now_ms) - t0))
echo "time: an empty ASK takes $base ms (start-up and store)"
nq=0
for q in "$Q"/*.rq; do
  name=$(basename "$q" .rq)
  nq=$((nq + 1))
  ordered=; grep -q '^# ordered' "$q" && ordered=-ordered
  check "$name: opens with its question" asks "$q"
  t0=$(now_ms)
  if ! "$VITAE" --store "$S" query --format tsv "$q" >"$T/got.tsv" 2>"$T/err"; then
    fail "$name: vitae: $(head -1 "$T/err")"
    continue
  fi
  t1=$(now_ms)
  echo "time: $name $((t1 - t0)) ms ($((t1 - t0 - base)) ms over an empty ASK)"
  rows=$(($(wc -l <"$T/got.tsv") - 1))
  if grep -q '^# allow-empty: ' "$q"; then
    pass "$name: $rows rows (may be empty: $(sed -n 's/^# allow-empty: //p' "$q"))"
  elif [ "$rows" -gt 0 ]; then pass "$name: $rows rows"
  else fail "$name: no rows on the bundled biography"; fi
  # (a) the expected answer
  canon "$T/got.tsv" "${ordered:+1}" >"$T/got.canon"
  if [ ! -f "$E/$name.tsv" ]; then
    fail "$name: no tests/showcase/expected/$name.tsv (run 'make showcase-expected')"
  elif diff "$E/$name.tsv" "$T/got.canon" >"$T/diff"; then
    pass "$name: the expected answer"
  else
    fail "$name: the answer changed (< expected, > now); if the extractor changed, run 'make showcase-expected' and review the diff:"
    head -20 "$T/diff" >&2
  fi
  # (b) rdflib on the export
  [ -n "$have_oracle" ] || continue
  "$VITAE" --store "$S" query --format json "$q" >"$T/got.json" 2>/dev/null
  if ! oracle "results$ordered" json "$T/got.json" >"$T/got" 2>"$T/oerr"; then
    fail "$name: rdflib cannot read our JSON: $(tail -1 "$T/oerr")"
  elif ! oracle "answer$ordered" "$T/all.nq" "$q" >"$T/want" 2>"$T/oerr"; then
    fail "$name: rdflib failed: $(tail -1 "$T/oerr")"
  elif diff "$T/want" "$T/got" >"$T/diff"; then
    pass "$name: rdflib gives the same answer"
  else
    fail "$name: rdflib differs (< rdflib, > vitae):"
    head -20 "$T/diff" >&2
  fi
done
[ "$nq" -ge 15 ] && pass "$nq showcase queries" || fail "only $nq showcase queries (at least 15)"
n=$(ls "$E"/*.tsv 2>/dev/null | wc -l)
[ "$n" = "$nq" ] && pass "one expected answer per query" ||
  fail "$n expected answers for $nq queries (run 'make showcase-expected')"

# the main job ends with showcase answers: each one it prints has as many
# rows as the query's expected answer
awk '/^== .*\[queries\/.*\.rq\]$/ { q = $NF; gsub(/^\[queries\/|\.rq\]$/, "", q) }
     /^\([0-9]+ rows?\)$/ && q != "" { n = $1; sub(/^\(/, "", n); print q, n; q = "" }' \
  "$T/demo.out" >"$T/demo.rows"
n=$(grep -c . "$T/demo.rows")
[ "$n" -ge 3 ] && [ "$n" -le 5 ] && pass "the demo ends with $n showcase answers" ||
  fail "the demo printed $n showcase answers (3 to 5 expected)"
while read -r name rows; do
  want=$(($(wc -l <"$E/$name.tsv") - 1))
  [ "$rows" = "$want" ] && pass "demo: $name shows its $rows rows" ||
    fail "demo: $name shows $rows rows, the query gives $want"
done <"$T/demo.rows"

# (c) the property-path twins
np=0
for p in "$Q"/paths/*.rq; do
  name=$(basename "$p" .rq)
  np=$((np + 1))
  check "paths/$name: opens with its question" asks "$p"
  if [ ! -f "$Q/$name.rq" ]; then fail "paths/$name has no queries/$name.rq"; continue; fi
  expect_exit 1 "paths/$name: vitae refuses it" "$VITAE" --store "$S" query "$p"
  check "paths/$name: ... saying why" grep -q 'property paths are not supported' "$T/err"
  [ -n "$have_oracle" ] || continue
  ordered=; grep -q '^# ordered' "$p" && ordered=-ordered
  if oracle "answer$ordered" "$T/all.nq" "$p" >"$T/path" 2>"$T/oerr" &&
     oracle "answer$ordered" "$T/all.nq" "$Q/$name.rq" >"$T/closure" 2>>"$T/oerr"; then
    if diff "$T/path" "$T/closure" >"$T/diff"; then
      pass "paths/$name: the path form and the closure form agree in rdflib ($(($(wc -l <"$T/path") - 1)) rows)"
    else
      fail "paths/$name: the path form (<) and the closure form (>) differ in rdflib:"
      head -20 "$T/diff" >&2
    fi
  else
    fail "paths/$name: rdflib failed: $(tail -1 "$T/oerr")"
  fi
done
[ "$np" -ge 5 ] && pass "$np property-path twins" || fail "only $np property-path twins"

# shipped and installed: every query is listed in queries/local.mk
for q in "$Q"/*.rq "$Q"/paths/*.rq; do
  rel=${q#"$top_srcdir"/}
  grep -q "$rel" "$top_srcdir/queries/local.mk" || fail "$rel is not listed in queries/local.mk"
  grep -q "$rel" "$top_srcdir/README.md" || fail "$rel is not listed in the README"
done
finish
