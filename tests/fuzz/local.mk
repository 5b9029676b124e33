# tests/fuzz: the extractor's libFuzzer harness and its regression runner.
#
# tests/fuzz/replay_extract is fuzz_extract.c built without libFuzzer: it
# replays the seed corpus and every crash ever saved in
# tests/fuzz/corpus/extract on each `make check` (TAP, one line per file).
check_PROGRAMS += tests/fuzz/replay_extract
TESTS += tests/fuzz/replay_extract
tests_fuzz_replay_extract_SOURCES = tests/fuzz/fuzz_extract.c
tests_fuzz_replay_extract_CPPFLAGS = $(AM_CPPFLAGS) $(REDLAND_CFLAGS) $(UTF8PROC_CFLAGS)
# In a --enable-fuzzing build the library is instrumented (FUZZ_CFLAGS), so
# the runner links the sanitizer runtimes too; elsewhere FUZZ_CFLAGS is empty.
tests_fuzz_replay_extract_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_CFLAGS)
tests_fuzz_replay_extract_LDADD = src/libvitae.la $(REDLAND_LIBS) $(UTF8PROC_LIBS)

# The libFuzzer target: ./configure --enable-fuzzing CC=clang (best in a
# separate build directory), then `make tests/fuzz/fuzz_extract` and
# `tests/fuzz/run.sh extract 60`.
if WITH_FUZZING
noinst_PROGRAMS = tests/fuzz/fuzz_extract
tests_fuzz_fuzz_extract_SOURCES = tests/fuzz/fuzz_extract.c
tests_fuzz_fuzz_extract_CPPFLAGS = $(AM_CPPFLAGS) $(REDLAND_CFLAGS) $(UTF8PROC_CFLAGS) -DVITAE_LIBFUZZER
tests_fuzz_fuzz_extract_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer,address,undefined
tests_fuzz_fuzz_extract_LDADD = src/libvitae.la $(REDLAND_LIBS) $(UTF8PROC_LIBS)
endif

EXTRA_DIST += tests/fuzz/fuzz_extract.c tests/fuzz/run.sh tests/fuzz/corpus/extract
