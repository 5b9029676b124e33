#!/bin/sh
# The direct writer of the hashes storage (src/store/bulk.c) writes what
# librdf writes: the same loads, with it (the default) and without it
# (VITAE_BULK=0, every statement through librdf), give stores whose dumps
# are the same, byte for byte after a first load (the order of the
# duplicates too) and as sets after reloads, removals and drops (the inferred
# graph is then brought up to date by difference); rdfproc (librdf itself,
# not vitae) reads the same statements from both; vitae check passes.
. "$(dirname "$0")/lib.sh"
PY=${PYTHON:-python3}
command -v rdfproc >/dev/null || { echo "SKIP: no rdfproc (redland-utils)"; exit 77; }
A=$T/bulk
B=$T/librdf
nolib() { VITAE_BULK=0 "$VITAE" "$@"; }
dump() { "$VITAE" --store "$1" dump; }
same() { # same WHAT: the two stores' dumps, as they are
  dump "$A" >"$T/a.nq"; dump "$B" >"$T/b.nq"
  if [ -s "$T/a.nq" ] && cmp -s "$T/a.nq" "$T/b.nq"; then pass "$1: the same dump ($(wc -l <"$T/a.nq") quads)"
  else fail "$1: the dumps differ ($(wc -l <"$T/a.nq") and $(wc -l <"$T/b.nq") quads)"; fi
}
same_set() { # same_set WHAT: the same quads, in any order
  dump "$A" | sort >"$T/a.nq"; dump "$B" | sort >"$T/b.nq"
  if [ -s "$T/a.nq" ] && cmp -s "$T/a.nq" "$T/b.nq"; then pass "$1: the same quads ($(wc -l <"$T/a.nq"))"
  else fail "$1: different quads ($(wc -l <"$T/a.nq") and $(wc -l <"$T/b.nq"))"; fi
}
# rdfproc's view of a store: every statement with its graph (read from
# sp2o), the graphs (contexts), and for some triples the subjects and
# predicates found through po2s and so2p
librdf_view() {
  g=$(ls -d "$1"/gen-* | tail -1)
  rp() { rdfproc -q -c -s hashes -t "hash-type='bdb',dir='$g',contexts='yes',write='no'" vitae "$@" 2>/dev/null; }
  rp print | grep ' with context ' | sed 's/^ *//' | sort
  rp contexts | sort
  head -n 15 "$T/g.nt" | while read -r s p o _; do
    rp sources "$(echo "$p" | tr -d '<>')" "$(echo "$o" | tr -d '<>')" | sort
    rp arcs "$(echo "$s" | tr -d '<>')" "$(echo "$o" | tr -d '<>')" | sort
  done
}
statements() { grep -c '^<.* with context <[^>]*>\. *$' "$1"; }

"$PY" "$top_srcdir/bench/gen-triples.py" 3000 >"$T/g.nt" || fail "gen-triples.py"
head -n 2000 "$T/g.nt" >"$T/g2000.nt"

# --- a first load: the same files, record for record
expect_exit 0 "load with the direct writer" "$VITAE" --store "$A" load --graph http://example.org/g "$T/g.nt"
check "... says how much of the inferred graph it wrote" grep -q '^inferred: [1-9][0-9]* triples in <[^>]*> ([1-9][0-9]* written, 0 removed)' "$T/err"
expect_exit 0 "load through librdf" nolib --store "$B" load --graph http://example.org/g "$T/g.nt"
same "a first load"
librdf_view "$A" >"$T/la"; librdf_view "$B" >"$T/lb"
if [ -s "$T/la" ] && cmp -s "$T/la" "$T/lb"; then pass "rdfproc reads the same $(statements "$T/la") statements from both, and the same through each index"
else fail "rdfproc reads $(statements "$T/la") and $(statements "$T/lb") statements, or differs through an index"; fi
[ "$(statements "$T/la")" = "$(wc -l <"$T/a.nq")" ] && pass "... as many as vitae dumps" ||
  fail "rdfproc reads $(statements "$T/la"), vitae dumps $(wc -l <"$T/a.nq")"
expect_exit 0 "vitae check passes" "$VITAE" --store "$A" check

# --- a second load adds a graph; a reload replaces one; a drop removes one
for s in "$A" "$B"; do
  VITAE_BULK=$([ "$s" = "$A" ] && echo 1 || echo 0) "$VITAE" --store "$s" -q load "$top_srcdir/tests/fixtures/people.trig" ||
    fail "load people.trig into $s"
done
same_set "a second file"
expect_exit 0 "a reload of the same file" "$VITAE" --store "$A" load --graph http://example.org/g "$T/g.nt"
check "... rewrites nothing of the inferred graph" grep -q '(0 written, 0 removed)' "$T/err"
same_set "... changes nothing"
expect_exit 0 "a reload with fewer triples" "$VITAE" --store "$A" load --graph http://example.org/g "$T/g2000.nt"
check "... removes what is no longer inferred" grep -q '([0-9]* written, [1-9][0-9]* removed)' "$T/err"
nolib --store "$B" -q load --graph http://example.org/g "$T/g2000.nt" || fail "the same through librdf"
same_set "a reload with fewer triples"
g=$(sed -n 's/.*<\(http[^>]*\)> \.$/\1/p' "$T/a.nq" | grep -v 'example.org/g$\|graph/inferred' | sort -u | head -1)
"$VITAE" --store "$A" -q drop --graph "$g" && nolib --store "$B" -q drop --graph "$g" || fail "drop <$g>"
same_set "a drop of <$g>"
expect_exit 0 "vitae check passes after all of it" "$VITAE" --store "$A" check
librdf_view "$A" >"$T/la"; librdf_view "$B" >"$T/lb"
cmp -s "$T/la" "$T/lb" && pass "rdfproc still reads the same statements" || fail "rdfproc reads different statements"

# --- extract --load: documents wait and are written together
rm -rf "$A" "$B"
"$PY" "$top_srcdir/bench/gen-bios.py" --docs 12 --out "$T/bios" >/dev/null || fail "gen-bios.py"
"$VITAE" --store "$A" -q extract --load "$T"/bios/*.txt || fail "extract --load"
nolib --store "$B" -q extract --load "$T"/bios/*.txt || fail "extract --load through librdf"
same "extract --load of 12 documents"
finish
