#!/bin/sh
# vitae extract -j N: N worker processes write exactly what one process
# writes (output, messages, exit code), in the order of the files; and the
# direct N-Triples output path agrees with raptor's reading of it.
. "$(dirname "$0")/lib.sh"
B=$top_srcdir/triples/tokayev.txt
E=$top_srcdir/tests/extract
# several documents of different sizes, a bad one among them (binary), an
# empty one, and one with invalid UTF-8 (a warning under --lenient)
printf 'A\0B\0C\0' >"$T/binary.txt"
: >"$T/empty.txt"
printf 'Jonas Brik\n\nJonas Brik was born in 1950 in Oslo \377.\n' >"$T/bad-utf8.txt"
set -- "$top_srcdir"/tests/bios/*.txt "$E"/*.txt "$T/binary.txt" "$B" "$T/empty.txt" "$T/bad-utf8.txt"
for fmt in turtle ntriples nquads trig; do
  "$VITAE" extract --lenient --format $fmt -o "$T/j1.$fmt" "$@" 2>"$T/j1.err"; rc1=$?
  "$VITAE" extract -j 3 --lenient --format $fmt -o "$T/j3.$fmt" "$@" 2>"$T/j3.err"; rc3=$?
  # (-o keeps no partial file when a file failed: compare standard output too)
  "$VITAE" extract -j 1 --lenient --format $fmt "$@" >"$T/s1.$fmt" 2>/dev/null
  "$VITAE" extract -j 2 --lenient --format $fmt "$@" >"$T/s2.$fmt" 2>/dev/null
  check "-j 3 exits as -j 1 ($fmt: $rc1)" test "$rc1" = "$rc3"
  check "... the binary file makes the run fail" test "$rc1" != 0
  check "... with the same messages in the same order" cmp -s "$T/j1.err" "$T/j3.err"
  check "... and the same bytes on standard output (-j 2)" cmp -s "$T/s1.$fmt" "$T/s2.$fmt"
  check "... which hold every good document" test "$(grep -c 'document/' "$T/s1.$fmt")" -gt 10
done
check "the messages name the binary file" grep -q "binary.txt" "$T/j3.err"
check "... and warn of the empty one" grep -q "empty.txt: empty file" "$T/j3.err"

# only good files: the output file is written, the same under -j 4
set -- "$top_srcdir"/tests/bios/*.txt "$B"
expect_exit 0 "-j 4 over the held-out biographies" "$VITAE" extract -j 4 --format ntriples -o "$T/g4.nt" "$@"
expect_exit 0 "... and -j 1" "$VITAE" extract --format ntriples -o "$T/g1.nt" "$@"
check "... write the same bytes" cmp -s "$T/g1.nt" "$T/g4.nt"
check "... of every document" test "$(grep -c ' <https://w3id.org/vitae/ns#sourceFile> ' "$T/g4.nt")" = $#
expect_exit 0 "more processes than files" "$VITAE" extract -j 8 --format ntriples -o "$T/one.nt" "$B"
check "... write the one file's triples" sh -c "'$VITAE' extract --format ntriples '$B' | cmp -s - '$T/one.nt'"
if "$PYTHON_ORACLE" -c 'import rdflib' 2>/dev/null; then
  # the direct writer against rdflib: the same graph from N-Triples and Turtle
  "$VITAE" -q extract -j 2 -o "$T/g.ttl" "$@"
  check "rdflib reads the same graph from the Turtle and the N-Triples" "$PYTHON_ORACLE" -c "
import sys, rdflib
from rdflib.compare import isomorphic
a = rdflib.Graph(); a.parse(sys.argv[1], format='nt')
b = rdflib.Graph(); b.parse(sys.argv[2], format='turtle')
sys.exit(0 if len(a) > 1000 and isomorphic(a, b) else 1)" "$T/g4.nt" "$T/g.ttl"
fi

# what -j refuses
expect_exit 2 "-j 0" "$VITAE" extract -j 0 "$B"
expect_exit 2 "-j with something not a number" "$VITAE" extract -j two "$B"
expect_exit 2 "-j with jsonld (one document for all the files)" "$VITAE" extract -j 2 --format jsonld "$B"
expect_exit 2 "-j with --load" "$VITAE" --store "$T/store" extract -j 2 --load "$B"
check "... says why" grep -q -- "--load" "$T/err"
expect_exit 0 "-j 1 with jsonld is the one-process run" "$VITAE" extract -j 1 --format jsonld -o "$T/x.jsonld" "$B"
finish
