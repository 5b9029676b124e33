#!/bin/sh
# Out of memory at every allocation: `vitae extract -o FILE` on a short
# biography, with the Nth allocation of vitae's own code made to fail
# (tests/alloc/vitae-failalloc, see failalloc.c).  A run makes about 70,000
# allocations, nearly all of them loading the lexicon and the rules (the
# same few loops over and over) and the last several hundred extracting and
# writing the document.  So N goes over: every one of the first
# FAILALLOC_HEAD (default 150: start-up, the data files opened), FAILALLOC_MIDDLE
# (default 150) spread evenly over the loading, and every allocation from
# the end of the loading to the last one (measured on a one-word text).
# Each run must either succeed with exactly the normal output (the failure
# was recovered) or exit 1 with "out of memory" on stderr, leaving FILE as
# it was and no temporary file beside it; never a signal, never a hang
# (60 s), and no sanitizer report: in an --enable-asan build every run is
# checked for leaks by LeakSanitizer; in a plain build a sample of
# FAILALLOC_VALGRIND runs (default 12, spread over the list) goes through
# valgrind memcheck when it is installed.
#   FAILALLOC_BIO=FILE   the text (default tests/bios/michelle-bachelet.txt)
#   FAILALLOC_ONLY=N     run only N (repeat a failure; shows its stderr)
. "$(dirname "$0")/../cli/lib.sh"
BIN=${FAILALLOC_VITAE:-$top_builddir/tests/alloc/vitae-failalloc}
BIO=${FAILALLOC_BIO:-$top_srcdir/tests/bios/michelle-bachelet.txt}
HEAD=${FAILALLOC_HEAD:-150}
MIDDLE=${FAILALLOC_MIDDLE:-150}
NVG=${FAILALLOC_VALGRIND:-12}
[ -x "$BIN" ] || { echo "no $BIN: build it with make check" >&2; exit 99; }
# Sanitizer reports get exit codes of their own, apart from vitae's 1.
# Allocation stacks are unwound the fast way: this path leaks nothing of
# the libraries' (the full unwinding make check sets for their suppressions
# would make each run four times slower).
ASAN_OPTIONS=${ASAN_OPTIONS:-}:exitcode=86:fast_unwind_on_malloc=1
UBSAN_OPTIONS=${UBSAN_OPTIONS:-}:exitcode=87
export ASAN_OPTIONS UBSAN_OPTIONS
asan=0
grep -q __asan_init "$BIN" && asan=1 # ASan, linked statically (clang) or not (gcc)

# The normal run: its output is what a recovered failure must give, and its
# count of allocations is how far N goes.
mkdir "$T/o"
VITAE_ALLOC_COUNT=$T/count "$BIN" -q extract -o "$T/expected.ttl" "$BIO" 2>"$T/err" ||
  { fail "the run without failures: $(head -5 "$T/err")"; finish; }
"$VITAE" -q extract -o "$T/plain.ttl" "$BIO" || fail "src/vitae extract"
cmp -s "$T/expected.ttl" "$T/plain.ttl" || fail "vitae-failalloc writes what src/vitae writes"
total=$(cat "$T/count")
[ "$total" -gt 100 ] || { fail "only $total allocations counted: the wrappers are not in place"; finish; }

# where the loading ends: the allocations of a one-word text
echo "Word." >"$T/word.txt"
VITAE_ALLOC_COUNT=$T/count "$BIN" -q extract -o "$T/word.ttl" "$T/word.txt" 2>"$T/err" ||
  { fail "the one-word text: $(head -5 "$T/err")"; finish; }
loaded=$(( $(cat "$T/count") - 20 ))
# the values of N
if [ -n "${FAILALLOC_ONLY:-}" ]; then
  echo "$FAILALLOC_ONLY" >"$T/ns"
else
  awk -v head="$HEAD" -v middle="$MIDDLE" -v loaded="$loaded" -v total="$total" 'BEGIN {
    for (n = 1; n <= head && n <= total; n++) print n
    for (i = 1; i <= middle; i++) { n = head + int((loaded - head) * i / (middle + 1)); if (n > head && n < loaded) print n }
    for (n = (loaded > head ? loaded : head + 1); n <= total; n++) print n
  }' | sort -n -u >"$T/ns"
fi
# the valgrind sample: NVG values spread over the list
vg=
if [ "$asan" = 0 ] && command -v valgrind >/dev/null; then
  vg=$(awk -v k="$NVG" '{ n[NR] = $1 } END { for (i = 1; i <= k; i++) print n[int(NR * i / (k + 1))] }' "$T/ns")
fi
echo "$total allocations (the loading ends near $loaded); $(wc -l <"$T/ns") runs; $( [ "$asan" = 1 ] && echo "each under LeakSanitizer" || echo "valgrind on: $(echo $vg)")"

runs=0 recovered=0 refused=0
for n in $(cat "$T/ns"); do
  printf 'previous\n' >"$T/o/out.ttl"
  wrap=
  case " $(echo $vg) " in *" $n "*)
    wrap="valgrind -q --error-exitcode=88 --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite --suppressions=$top_srcdir/tests/sanitizers/valgrind.supp" ;;
  esac
  VITAE_FAIL_ALLOC=$n timeout -s KILL 60 $wrap "$BIN" -q extract -o "$T/o/out.ttl" "$BIO" 2>"$T/err"
  rc=$?
  runs=$((runs + 1))
  what="allocation $n of $total"
  [ -n "${FAILALLOC_ONLY:-}" ] && cat "$T/err" >&2
  if [ "$rc" = 0 ]; then
    recovered=$((recovered + 1))
    cmp -s "$T/o/out.ttl" "$T/expected.ttl" || fail "$what: exit 0 but the output differs from the normal run's"
  elif [ "$rc" = 1 ]; then
    refused=$((refused + 1))
    grep -q '^vitae: .*out of memory' "$T/err" ||
      fail "$what: exit 1 without 'out of memory': $(head -3 "$T/err")"
    [ "$(cat "$T/o/out.ttl")" = previous ] || fail "$what: exit 1 but the output file was changed"
  elif [ "$rc" = 137 ]; then
    fail "$what: no exit within 60 s (killed)"
  else
    fail "$what: exit $rc (a signal, or a sanitizer/valgrind report): $(grep -m3 -E 'ERROR|SUMMARY|runtime error|^vitae' "$T/err")"
  fi
  [ "$(ls "$T/o")" = out.ttl ] || { fail "$what: a file left beside the output: $(ls "$T/o")"; rm -f "$T"/o/.out*; }
  if grep -q -E 'Sanitizer|runtime error' "$T/err" && [ "$rc" -lt 86 ]; then
    fail "$what: a sanitizer report: $(grep -m3 -E 'ERROR|SUMMARY|runtime error' "$T/err")"
  fi
done
echo "$runs runs: $refused refused with 'out of memory', $recovered recovered with the normal output"
[ "$runs" -gt 0 ] || fail "no run"
finish
