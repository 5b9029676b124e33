#!/bin/sh
# Runs a libFuzzer harness for a while, in one process on one core:
#   tests/fuzz/run.sh extract 60          # fuzz_extract for 60 seconds
#   tests/fuzz/run.sh extract 600 -max_len=65536 -len_control=0
# Extra arguments go to libFuzzer (-len_control=0 tries long inputs at once;
# by default libFuzzer grows the length limit slowly from the longest seed).
#
# Needs a build configured with --enable-fuzzing CC=clang, best in a separate
# build directory.  automake refuses a VPATH build from a source tree that is
# itself configured, so build from a clean copy:
#   git archive HEAD | tar -x -C /tmp/vsrc && (cd /tmp/vsrc && autoreconf -fi)
#   mkdir /tmp/fuzzbuild && cd /tmp/fuzzbuild
#   /tmp/vsrc/configure --enable-fuzzing CC=clang && make tests/fuzz/fuzz_extract
#   /tmp/vsrc/tests/fuzz/run.sh extract 600 -max_len=65536
# The harness is looked for in $FUZZ_BUILDDIR (default: the current
# directory) and built there if missing.  New inputs go to a scratch corpus
# (tests/out/fuzz/NAME in the build directory, or $FUZZ_WORKDIR); the seed
# corpus in the source tree is only read.  Crashes are written to the scratch
# directory's crashes/; minimise one with
#   ./tests/fuzz/fuzz_NAME -minimize_crash=1 -runs=10000 CRASHFILE
# and save it as tests/fuzz/corpus/NAME/crash-<what>, so that `make check`
# (tests/fuzz/replay_NAME) replays it forever.
set -eu
name=${1:?usage: run.sh HARNESS SECONDS [LIBFUZZER OPTIONS...]}
secs=${2:-60}
shift 2 2>/dev/null || shift $#

srcdir=$(cd "$(dirname "$0")/../.." && pwd)
builddir=${FUZZ_BUILDDIR:-$(pwd)}
bin=$builddir/tests/fuzz/fuzz_$name
if [ ! -x "$bin" ]; then
  if [ -f "$builddir/Makefile" ] && grep -q '^FUZZ_CFLAGS = -fsanitize' "$builddir/Makefile"; then
    make -C "$builddir" "tests/fuzz/fuzz_$name"
  else
    echo "run.sh: no $bin; configure a build with --enable-fuzzing CC=clang and run it there" >&2
    exit 77
  fi
fi
seeds=$srcdir/tests/fuzz/corpus/$name
work=${FUZZ_WORKDIR:-$builddir/tests/out/fuzz/$name}
mkdir -p "$work/corpus" "$work/crashes"

VITAE_DATADIR=${VITAE_DATADIR:-$srcdir}
export VITAE_DATADIR
# UBSan findings are crashes too; leaks are checked per input by libFuzzer.
UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
# Findings inside third-party libraries (documented there: librdf's hashes
# storage reads past a Berkeley DB key, which fuzz_http's on-disk store
# meets) are not findings either.
# A pointer into a finished call's stack is caught only with
# detect_stack_use_after_return (fuzz_http found one: corpus/http/zz-log-*).
ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:suppressions=$srcdir/tests/sanitizers/asan.supp}
# Leaks inside third-party libraries (documented there) are not findings.
LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$srcdir/tests/sanitizers/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS ASAN_OPTIONS LSAN_OPTIONS

# The query and http harnesses leave leak detection off: rasqal 0.9.33
# leaks in many of its own parse and execution paths (raptor sequences,
# expressions, DISTINCT rowsources: see tests/sanitizers/lsan.supp), far too
# many to tell apart from ours by stack here.  make check's sanitizer and
# valgrind runs check the query path for leaks of ours.
if [ "$name" = query ] || [ "$name" = http ]; then
  set -- -detect_leaks=0 "$@"
  ASAN_OPTIONS=$ASAN_OPTIONS:detect_leaks=0
fi

# One process on one core (no -jobs: libFuzzer would fork and log to files).
set -- -max_total_time="$secs" -print_final_stats=1 -artifact_prefix="$work/crashes/" "$@"
echo "run.sh: $bin for ${secs}s; corpus $work/corpus (seeds $seeds)" >&2
exec "$bin" "$@" "$work/corpus" "$seeds"
