#!/bin/sh
# Bad input, every way in: each case must give its specific message (file,
# line and column where there is one), its documented exit code (README,
# "Bad input"), leave the store exactly as it was (`vitae dump` before and
# after), and draw no sanitizer report (the suite runs under ASan+UBSan and
# valgrind on CI).
#
# The 100 MB single line for extract is 1 MB here (it takes ~1 s; 100 MB
# takes minutes, longer under the sanitizers); VITAE_TEST_BIG_LINE_MB=100
# runs the full size.
. "$(dirname "$0")/lib.sh"
F=$top_srcdir/tests/fixtures
S=$T/store
"$VITAE" -q --store "$S" load "$F/people.trig" || { echo "cannot make the store" >&2; exit 99; }
"$VITAE" --store "$S" dump -o "$T/before.nq"
unchanged() { "$VITAE" --store "$S" dump -o "$T/after.nq" && cmp -s "$T/before.nq" "$T/after.nq"; }
# bad CODE DESCRIPTION PATTERN COMMAND...: the exit code, a message matching
# PATTERN (grep -E; '': nothing at all) on stderr, nothing on stdout when it fails, the store
# unchanged, no sanitizer report.
bad() {
  local code=$1 what=$2 pattern=$3; shift 3
  expect_exit "$code" "$what" "$@"
  if [ -z "$pattern" ]; then
    if [ -s "$T/err" ]; then fail "$what: stderr is not empty: $(head -3 "$T/err")"; fi
  elif grep -aEq -- "$pattern" "$T/err"; then pass "$what: says /$pattern/"; else
    fail "$what: stderr lacks /$pattern/: $(head -3 "$T/err")"; fi
  if [ "$code" != 0 ] && [ -s "$T/out" ]; then fail "$what: a failure printed on stdout"; fi
  if grep -aEq 'Sanitizer|runtime error:|==[0-9]+== (Invalid|Conditional|Use of|Syscall)' "$T/err"; then
    fail "$what: a sanitizer or valgrind report: $(grep -Em2 'Sanitizer|runtime error|==[0-9]+==' "$T/err")"
  fi
  if unchanged; then pass "$what: the store is unchanged"; else
    fail "$what: the store changed"; cp "$T/after.nq" "$T/before.nq"; fi
}

# ---- the files
mkdir "$T/dir.txt" "$T/dir.nt"
printf 'Angela Merkel\n\nShe was born in Hamburg in \377\376 1954.\n' >"$T/badutf8.txt"
printf 'Angela Merkel\n\nShe was born\000 in 1954.\n' >"$T/nul.txt"
: >"$T/empty.txt"
: >"$T/empty.nt"
for x in nt ttl nq trig; do
  case $x in
  nt) good='<http://e.org/a> <http://e.org/b> "caf%b" .\n' ;;
  nq) good='<http://e.org/a> <http://e.org/b> "caf%b" <http://e.org/g> .\n' ;;
  ttl) good='@prefix e: <http://e.org/> .\ne:a e:b "caf%b" .\n' ;;
  trig) good='@prefix e: <http://e.org/> .\ne:g { e:a e:b "caf%b" . }\n' ;;
  esac
  # shellcheck disable=SC2059
  printf "$good" '\351' >"$T/badutf8.$x"   # Latin-1 e-acute
  # shellcheck disable=SC2059
  printf "$good" '\303' >"$T/cut.$x"       # the first byte of a 2-byte sequence, then '"'
  # shellcheck disable=SC2059
  printf "$good" '\355\240\200' >"$T/surrogate.$x"
  # shellcheck disable=SC2059
  printf "$good" '\000' >"$T/nul.$x"
done
printf '<http://e.org/a> <http://e.org/b> "unterminated' >"$T/trunc.nt"
printf '<http://e.org/a> <http://e.org/b> <http://e.org/c> <http://e.org/g' >"$T/trunc.nq"
printf '@prefix e: <http://e.org/> .\ne:a e:b [ e:c ( 1 2 ' >"$T/trunc.ttl"
printf '@prefix e: <http://e.org/> .\ne:g { e:a e:b e:c .\n' >"$T/trunc.trig"
printf '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n<rdf:Description rdf:about="http://e.org/a">' >"$T/trunc.rdf"
# 100000 nested collections and blank nodes (raptor's parser has a depth
# limit; a recursive one would overflow the stack)
awk 'BEGIN { printf "@prefix e: <http://e.org/> .\ne:a e:b "; for (i = 0; i < 100000; i++) printf "("; for (i = 0; i < 100000; i++) printf ")"; print " ." }' >"$T/deep-paren.ttl"
awk 'BEGIN { printf "@prefix e: <http://e.org/> .\ne:a e:b "; for (i = 0; i < 100000; i++) printf "[ e:b "; for (i = 0; i < 100000; i++) printf "]"; print " ." }' >"$T/deep-bracket.ttl"
awk 'BEGIN { printf "@prefix e: <http://e.org/> .\ne:g { e:a e:b "; for (i = 0; i < 100000; i++) printf "("; for (i = 0; i < 100000; i++) printf ")"; print " . }" }' >"$T/deep-paren.trig"
# a 1 MB IRI, and IRIs and language tags just past what the store holds
long() { awk -v n="$1" -v c="$2" 'BEGIN { s = c; while (length(s) < n) s = s s; printf "%s", substr(s, 1, n) }'; }
printf '<http://e.org/%s> <http://e.org/b> "c" .\n' "$(long 1048576 i)" >"$T/iri-1mb.nt"
printf '<http://e.org/a> <http://e.org/b> <http://e.org/c> <http://e.org/%s> .\n' "$(long 65600 g)" >"$T/graph-iri.nq"
printf '<http://e.org/a> <http://e.org/b> "x"^^<http://e.org/%s> .\n' "$(long 65600 d)" >"$T/datatype.nt"
printf '<http://e.org/a> <http://e.org/b> "x"@%s .\n' "$(long 256 a)" >"$T/lang256.nt"
printf '<http://e.org/a> <http://e.org/b> "x"@%s .\n' "$(long 255 a)" >"$T/lang255.nt"
printf '@prefix e: <http://e.org/> .\ne:a e:b "x"@%s .\n' "$(long 100000 a)" >"$T/lang-long.ttl"
printf '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://e.org/">\n<rdf:Description rdf:about="http://e.org/a"><e:b xml:lang="%s">x</e:b></rdf:Description></rdf:RDF>\n' "$(long 300 a)" >"$T/lang.rdf"

# ---- extract
bad 1 "extract: invalid UTF-8" 'badutf8.txt:3:28: invalid UTF-8 .*byte 0xFF' "$VITAE" extract "$T/badutf8.txt"
bad 1 "extract: a NUL byte" 'nul.txt: looks like a binary file \(NUL byte at byte offset 27\)' "$VITAE" extract "$T/nul.txt"
bad 0 "extract: an empty file" 'warning: .*empty.txt: empty file, nothing extracted' "$VITAE" extract "$T/empty.txt"
bad 1 "extract: a directory" 'dir.txt: is a directory' "$VITAE" extract "$T/dir.txt"
bad 1 "extract: a missing file" 'missing.txt: No such file or directory' "$VITAE" extract "$T/missing.txt"
bad 1 "extract --load: invalid UTF-8" 'badutf8.txt:3:28: invalid UTF-8' "$VITAE" --store "$S" extract --load "$T/badutf8.txt"
bad 1 "extract --load: a NUL byte" 'nul.txt: looks like a binary file' "$VITAE" --store "$S" extract --load "$T/nul.txt"
bad 1 "extract --load: a directory" 'dir.txt: is a directory' "$VITAE" --store "$S" extract --load "$T/dir.txt"
bad 1 "extract --load: a missing file" 'missing.txt: No such file or directory' "$VITAE" --store "$S" extract --load "$T/missing.txt"
# each file is a document of its own: a bad one adds nothing, the good ones go in
expect_exit 1 "extract --load: a bad file among good ones" \
  "$VITAE" --store "$S" extract --load "$top_srcdir/tests/extract/two-a.txt" "$T/badutf8.txt"
check "... names the bad file" grep -q 'badutf8.txt:3:28: invalid UTF-8' "$T/err"
"$VITAE" --store "$S" stats >"$T/stats"
check "... which adds no graph, while the good one is stored" sh -c "! grep -q badutf8 '$T/stats' && grep -q two-a '$T/stats'"
"$VITAE" -q --store "$S" restore "$T/before.nq"
bad 2 "extract --base with a space" 'base: an IRI cannot hold a space' "$VITAE" extract --base 'https://e.org/a b/' "$T/empty.txt"
# a name with a quote, a backslash and a newline is text: the output is RDF
# that reads back with the name intact
NAME=$(printf 'Angela "Angie" Merkel\\X\nSecond line')
bad 0 "extract --subject with a quote, a backslash and a newline" 'facts' \
  "$VITAE" extract --format ntriples --subject "$NAME" -o "$T/odd-name.nt" "$top_srcdir/tests/extract/two-a.txt"
expect_exit 0 "... the output loads" "$VITAE" --store "$T/odd" load "$T/odd-name.nt"
"$VITAE" --store "$T/odd" query --format tsv -e 'SELECT ?l WHERE { ?p rdfs:label ?l FILTER(CONTAINS(?l, "Angie")) }' >"$T/odd.tsv"
check "... and holds the name, quote, backslash and newline escaped" grep -qF '"Angela \"Angie\" Merkel\\X\nSecond line"' "$T/odd.tsv"
MB=${VITAE_TEST_BIG_LINE_MB:-1}
awk -v n="$MB" 'BEGIN { print "Angela Merkel\n"; s = "She met Kofi Annan in Berlin on 12 May 2001 and spoke about the treaty ";
  for (i = 0; i < n * 1048576 / length(s); i++) printf "%s", s; print "" }' >"$T/line.txt"
bad 0 "extract: a single line of $MB MB" 'line.txt: 1 sentences' "$VITAE" extract -o "$T/line.ttl" "$T/line.txt"

# ---- load, in each syntax
bad 1 "load: invalid UTF-8 (N-Triples)" 'badutf8.nt:1:39: invalid UTF-8: a sequence cut short after its first byte 0xE9' "$VITAE" --store "$S" load "$T/badutf8.nt"
bad 1 "load: invalid UTF-8 (Turtle)" 'badutf8.ttl:2:13: invalid UTF-8' "$VITAE" --store "$S" load "$T/badutf8.ttl"
bad 1 "load: invalid UTF-8 (N-Quads)" 'badutf8.nq:1:39: invalid UTF-8' "$VITAE" --store "$S" load "$T/badutf8.nq"
bad 1 "load: invalid UTF-8 (TriG)" 'badutf8.trig:2:19: invalid UTF-8' "$VITAE" --store "$S" load "$T/badutf8.trig"
bad 1 "load: a cut UTF-8 sequence" 'cut.ttl:2:13: invalid UTF-8: a sequence cut short after its first byte 0xC3' "$VITAE" --store "$S" load "$T/cut.ttl"
bad 1 "load: an encoded surrogate" 'surrogate.nt:1:39: invalid UTF-8.*0xED' "$VITAE" --store "$S" load "$T/surrogate.nt"
for x in nt ttl nq trig; do
  bad 1 "load: a NUL byte ($x)" "nul\\.$x:[0-9]+:[0-9]+: a NUL byte" "$VITAE" --store "$S" load "$T/nul.$x"
done
printf '<http://e.org/a> <http://e.org/b> "c\\q" .\n' >"$T/escape.nt"
bad 1 "load: an illegal escape" 'escape.nt:1:[0-9]+: Illegal string escape' "$VITAE" --store "$S" load "$T/escape.nt"
bad 1 "load: truncated N-Triples" 'trunc.nt:1:[0-9]+: .*terminating' "$VITAE" --store "$S" load "$T/trunc.nt"
bad 1 "load: truncated N-Quads" 'trunc.nq:1:[0-9]+: .*terminating' "$VITAE" --store "$S" load "$T/trunc.nq"
bad 1 "load: truncated Turtle" 'trunc.ttl:2: syntax error' "$VITAE" --store "$S" load "$T/trunc.ttl"
bad 1 "load: truncated TriG" 'trunc.trig:3: syntax error' "$VITAE" --store "$S" load "$T/trunc.trig"
bad 1 "load: truncated RDF/XML" 'trunc.rdf: .*XML' "$VITAE" --store "$S" load "$T/trunc.rdf"
bad 0 "load: an empty N-Triples file" 'empty.nt: 0 triples' "$VITAE" --store "$S" load "$T/empty.nt"
bad 2 "load: an empty file of no known syntax" 'empty.txt: cannot tell the RDF syntax' "$VITAE" --store "$S" load "$T/empty.txt"
bad 1 "load: a directory" 'dir.nt: Is a directory' "$VITAE" --store "$S" load "$T/dir.nt"
bad 1 "load: a missing file" 'missing.nt: No such file or directory' "$VITAE" --store "$S" load "$T/missing.nt"
bad 1 "load: 100000 nested ( in Turtle" 'deep-paren.ttl:2: nested too deeply' "$VITAE" --store "$S" load "$T/deep-paren.ttl"
bad 1 "load: 100000 nested [ in Turtle" 'deep-bracket.ttl:2: nested too deeply' "$VITAE" --store "$S" load "$T/deep-bracket.ttl"
bad 1 "load: 100000 nested ( in TriG" 'deep-paren.trig:2: nested too deeply' "$VITAE" --store "$S" load "$T/deep-paren.trig"
bad 1 "load: a 1 MB IRI" 'iri-1mb.nt:1:[0-9]+: an IRI of 1048589 bytes is longer than the store can hold \(65535' "$VITAE" --store "$S" load "$T/iri-1mb.nt"
bad 1 "load: a graph IRI past 64 KB" 'graph-iri.nq:1:[0-9]+: an IRI of 65613 bytes' "$VITAE" --store "$S" load "$T/graph-iri.nq"
bad 1 "load: a datatype IRI past 64 KB" 'datatype.nt:1:[0-9]+: a datatype IRI of 65613 bytes' "$VITAE" --store "$S" load "$T/datatype.nt"
bad 1 "load: a language tag of 256 bytes (N-Triples)" 'lang256.nt:1:[0-9]+: a language tag longer than 255 bytes' "$VITAE" --store "$S" load "$T/lang256.nt"
bad 1 "load: a language tag of 100000 bytes (Turtle)" 'lang-long.ttl:2:[0-9]+: a language tag longer than 255' "$VITAE" --store "$S" load "$T/lang-long.ttl"
bad 1 "load: an xml:lang of 300 bytes (RDF/XML)" 'lang.rdf:3:[0-9]+: a language tag longer than 255' "$VITAE" --store "$S" load "$T/lang.rdf"
expect_exit 0 "load: a language tag of 255 bytes is fine" "$VITAE" --store "$T/s255" load "$T/lang255.nt"
check "... and reads back whole" sh -c "'$VITAE' --store '$T/s255' dump | grep -qF '\"x\"@$(long 255 a) '"
for opt in --graph --base; do
  bad 2 "load $opt with a quote" "$opt: an IRI cannot hold '\"'" "$VITAE" --store "$S" load "$opt" 'https://e.org/"x"' "$T/lang255.nt"
  bad 2 "load $opt with a backslash" "$opt: an IRI cannot hold '\\\\'" "$VITAE" --store "$S" load "$opt" 'https://e.org/a\b' "$T/lang255.nt"
  bad 2 "load $opt with a newline" "$opt: an IRI cannot hold a space or control character" "$VITAE" --store "$S" load "$opt" "$(printf 'https://e.org/a\nb')" "$T/lang255.nt"
  bad 2 "load $opt that is not absolute" "$opt 'g' is not an absolute IRI" "$VITAE" --store "$S" load "$opt" g "$T/lang255.nt"
done

# ---- restore
bad 1 "restore: a directory" 'dir.nt: Is a directory' "$VITAE" --store "$S" restore "$T/dir.nt"
bad 1 "restore: a missing file" 'missing.nq: No such file or directory' "$VITAE" --store "$S" restore "$T/missing.nq"
bad 1 "restore: invalid UTF-8" 'badutf8.nq:1:39: invalid UTF-8' "$VITAE" --store "$S" restore "$T/badutf8.nq"
bad 1 "restore: a NUL byte" 'nul.nq:1:[0-9]+: a NUL byte' "$VITAE" --store "$S" restore "$T/nul.nq"
bad 1 "restore: truncated N-Quads" 'trunc.nq:1:[0-9]+' "$VITAE" --store "$S" restore "$T/trunc.nq"
bad 1 "restore: a 1 MB IRI" 'iri-1mb.nt:1:[0-9]+: an IRI of 1048589 bytes' "$VITAE" --store "$S" restore --format ntriples "$T/iri-1mb.nt"

# ---- query
printf 'SELECT * WHERE { ?s ?p ?o \377 }' >"$T/badutf8.rq"
printf 'SELECT * WHERE {\n ?s ?p "caf\351" }' >"$T/badutf8b.rq"
printf 'SELECT * WHERE { ?s ?p ?o }\000 and more' >"$T/nul.rq"
: >"$T/empty.rq"
printf 'SELECT * WHERE { ?s ?p ' >"$T/trunc.rq"
awk 'BEGIN { printf "SELECT * WHERE { ?s ?p ?o FILTER(?o IN ("; for (i = 0; i < 900000; i++) printf "%s\"v%d\"", i ? ", " : "", i; print ")) }" }' >"$T/in-10mb.rq"
awk 'BEGIN { printf "SELECT * WHERE { ?s ?p \""; for (i = 0; i < 1048576; i++) printf "0123456789"; print "\" }" }' >"$T/string-10mb.rq"
bad 1 "query -e: a syntax error" 'query:1: SPARQL syntax error at .S.' "$VITAE" --store "$S" query -e 'SELEC * WHERE { ?s ?p ?o }'
bad 1 "query -e: empty" 'query:1: syntax error, unexpected \$end' "$VITAE" --store "$S" query -e ''
bad 1 "query -e: invalid UTF-8" '^vitae: -e:2:12: invalid UTF-8.*0xE9' "$VITAE" --store "$S" query -e "$(cat "$T/badutf8b.rq")"
bad 1 "query FILE: invalid UTF-8" 'badutf8.rq:1:27: invalid UTF-8: byte 0xFF' "$VITAE" --store "$S" query "$T/badutf8.rq"
bad 1 "query FILE: a NUL byte (the rest would go unread)" 'nul.rq:1:28: a NUL byte' "$VITAE" --store "$S" query "$T/nul.rq"
bad 1 "query FILE: empty" 'syntax error, unexpected \$end, expecting SELECT' "$VITAE" --store "$S" query "$T/empty.rq"
bad 1 "query FILE: truncated" 'syntax error, unexpected \$end' "$VITAE" --store "$S" query "$T/trunc.rq"
bad 1 "query FILE: a directory" 'dir.txt: Is a directory' "$VITAE" --store "$S" query "$T/dir.txt"
bad 1 "query FILE: a missing file" 'missing.rq: No such file or directory' "$VITAE" --store "$S" query "$T/missing.rq"
bad 1 "query: a 10 MB query (an IN list of 900000)" 'query:1:[0-9]+: IN lists longer than 256 values are not supported' "$VITAE" --store "$S" query "$T/in-10mb.rq"
bad 0 "query: a 10 MB query (one long string) runs" '' "$VITAE" --store "$S" query "$T/string-10mb.rq"
bad 1 "query: a language tag of 300 bytes" 'query:1:[0-9]+: a language tag of 300 bytes' "$VITAE" --store "$S" query -e "SELECT * WHERE { ?s ?p \"x\"@$(long 300 a) }"
bad 0 "query: STRLANG with a 300-byte tag is an expression error, no node" '' "$VITAE" --store "$S" query -e "CONSTRUCT { ?s ?p ?x } WHERE { ?s ?p ?o BIND(STRLANG(\"x\", \"$(long 300 a)\") AS ?x) }"
bad 2 "query --timeout that is no number" "--timeout needs a number of seconds, not 'soon'" "$VITAE" --store "$S" query --timeout soon -e 'ASK {}'
bad 2 "query --max-memory that is negative" "--max-memory needs a number of megabytes, not '-5'" "$VITAE" --store "$S" query --max-memory -5 -e 'ASK {}'
# an explosive query: the cross product of 3000 triples with itself is 9
# million rows; the memory limit stops it, the time limit stops it sorted
awk 'BEGIN { for (i = 0; i < 3000; i++) printf "<http://e.org/s%d> <http://e.org/p> \"v%d\" .\n", i, i }' >"$T/3000.nt"
"$VITAE" -q --store "$T/big" load "$T/3000.nt"
"$VITAE" --store "$T/big" dump -o "$T/big-before.nq"
expect_exit 1 "query: a cross product past --max-memory 150" "$VITAE" --store "$T/big" query --max-memory 150 -e 'SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }'
check "... says it stopped at the memory limit" grep -q 'the query was stopped when the process grew past 150 MB (the memory limit)' "$T/err"
check "... prints no partial answer" test ! -s "$T/out"
expect_exit 1 "query: a sorted cross product past --timeout 1" "$VITAE" --store "$T/big" query --timeout 1 -e 'SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?f ?c'
check "... says it stopped at the time limit" grep -q 'the query was stopped after 1 seconds (the time limit)' "$T/err"
check "... prints no partial answer" test ! -s "$T/out"
check "... and the store is unchanged" sh -c "'$VITAE' --store '$T/big' dump | cmp -s - '$T/big-before.nq'"
expect_exit 0 "query: a cross product with LIMIT under the limits" "$VITAE" --store "$T/big" query --max-memory 150 --timeout 60 -e 'SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } LIMIT 10'
check "... answers 10 rows" test "$(wc -l <"$T/out")" = 11

# ---- export and dump to bad places
bad 1 "export -o into a missing directory" 'nowhere/x.ttl: cannot create: No such file or directory' "$VITAE" --store "$S" export -o "$T/nowhere/x.ttl"
bad 1 "export -o a directory" 'dir.txt: is a directory; give a file name' "$VITAE" --store "$S" export -o "$T/dir.txt"
bad 2 "export -o ''" '-o needs a FILE' "$VITAE" --store "$S" export -o ''
bad 1 "export -o /dev/full" 'cannot write' "$VITAE" --store "$S" export -o /dev/full
bad 1 "dump -o into a missing directory" 'nowhere/x.nq: cannot create' "$VITAE" --store "$S" dump -o "$T/nowhere/x.nq"
bad 1 "query results to a full device" 'cannot write the results' sh -c "'$VITAE' --store '$S' query -e 'SELECT * { ?s ?p ?o }' >/dev/full"
bad 2 "export --graph with a quote" "--graph: an IRI cannot hold '\"'" "$VITAE" --store "$S" export --graph 'https://e.org/"g"'
bad 2 "drop --graph with a newline" '--graph: an IRI cannot hold a space or control character' "$VITAE" --store "$S" drop --graph "$(printf 'https://e.org/a\nb')"
bad 1 "drop --graph that is not there" 'no graph <https://e.org/none> in the store' "$VITAE" --store "$S" drop --graph https://e.org/none

# ---- --store specifications
bad 2 "--store ''" "--store needs a SPEC, not ''" "$VITAE" --store '' stats
bad 2 "--store memory: with a path" "memory: takes no path" "$VITAE" --store memory:x stats
bad 2 "--store sqlite: without a directory" "store 'sqlite:': no directory given" "$VITAE" --store sqlite: stats
bad 2 "--store with a path of 5000 bytes" 'store path is too long' "$VITAE" --store "$T/$(long 5000 p)" stats
bad 1 "--store naming a file" 'empty.txt: not a directory; a store is a directory' "$VITAE" --store "$T/empty.txt" stats
bad 1 "--store naming nothing (read)" 'no store here yet' "$VITAE" --store "$T/none" query -e 'ASK {}'
check "... creates nothing" test ! -e "$T/none"

# ---- a file without read permission: root reads everything, so the case
# runs as nobody (setpriv) when the tests run as root
printf 'Angela Merkel\n\nShe was born in 1954.\n' >"$T/secret.txt"
cp "$T/lang255.nt" "$T/secret.nt"
printf 'ASK {}' >"$T/secret.rq"
chmod 000 "$T/secret.txt" "$T/secret.nt" "$T/secret.rq"
chmod 755 "$T"
AS=
if [ "$(id -u)" = 0 ]; then
  if command -v setpriv >/dev/null && setpriv --reuid=65534 --regid=65534 --clear-groups "$VITAE" --version >/dev/null 2>&1; then
    AS="setpriv --reuid=65534 --regid=65534 --clear-groups"
  else
    echo "note: running as root, and nobody cannot run $VITAE: the unreadable-file cases are left out"
    AS=none
  fi
fi
if [ "$AS" != none ]; then
  bad 1 "extract: a file without read permission" 'secret.txt: Permission denied' $AS "$VITAE" extract "$T/secret.txt"
  bad 1 "load: a file without read permission" 'secret.nt: Permission denied' $AS "$VITAE" --store memory: load "$T/secret.nt"
  bad 1 "query FILE without read permission" 'secret.rq: Permission denied' $AS "$VITAE" --store memory: query "$T/secret.rq"
  bad 1 "restore: a file without read permission" 'secret.nt: Permission denied' $AS "$VITAE" --store memory: restore "$T/secret.nt"
fi
chmod 700 "$T"
finish
