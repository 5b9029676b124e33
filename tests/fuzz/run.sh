#!/bin/sh
# Runs a libFuzzer harness for a while, on one core:
#   tests/fuzz/run.sh extract 60          # fuzz_extract for 60 seconds
#   tests/fuzz/run.sh extract 600 -max_len=65536
# Needs a build configured with --enable-fuzzing CC=clang (best in a separate
# build directory); the harness is looked for in $FUZZ_BUILDDIR (default: the
# current directory, then the source tree) and built there if missing.
# New inputs go to a scratch corpus (tests/out/fuzz/NAME, or $FUZZ_WORKDIR);
# the seed corpus in the source tree is only read.  Crashes are written to the
# scratch directory as crash-*; minimise one with
#   ./tests/fuzz/fuzz_NAME -minimize_crash=1 -runs=10000 CRASHFILE
# and save it as tests/fuzz/corpus/NAME/crash-<what> so that `make check`
# replays it forever.  Extra arguments go to libFuzzer.
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
ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS ASAN_OPTIONS

# One process on one core (no -jobs: libFuzzer would fork and log to files).
set -- -max_total_time="$secs" -print_final_stats=1 -artifact_prefix="$work/crashes/" "$@"
echo "run.sh: $bin for ${secs}s; corpus $work/corpus (seeds $seeds)" >&2
exec "$bin" "$@" "$work/corpus" "$seeds"
