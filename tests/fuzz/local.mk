# tests/fuzz: libFuzzer harnesses and their regression runners.
#
# Each harness fuzz_NAME.c is built twice:
#  - tests/fuzz/replay_NAME: the harness without libFuzzer, linked with
#    replay.c; it replays tests/fuzz/corpus/NAME (the seeds and every crash
#    ever found) on each `make check` (TAP, one line per file);
#  - tests/fuzz/fuzz_NAME (./configure --enable-fuzzing CC=clang, best in a
#    separate build directory): the libFuzzer target; tests/fuzz/run.sh NAME
#    SECONDS runs it.
# Harnesses: extract (the extractor on any bytes), date (the date parser),
# name (the entity name matcher), query (SPARQL text through the query path
# on a memory store), http (one HTTP request through vitae serve's handler,
# without a socket; built only with the server).
FUZZ_HARNESSES = extract date name query http
FUZZ_RUNNER_CPP = $(AM_CPPFLAGS) -I$(top_srcdir) $(REDLAND_CFLAGS) $(UTF8PROC_CFLAGS)
# In a --enable-fuzzing build the library is instrumented (FUZZ_CFLAGS), so
# the runners link the sanitizer runtimes too; elsewhere FUZZ_CFLAGS is empty.
FUZZ_RUNNER_LINK = $(AM_LDFLAGS) $(FUZZ_CFLAGS)
FUZZ_LIBS = src/libvitae.la $(REDLAND_LIBS) $(UTF8PROC_LIBS)

check_PROGRAMS += tests/fuzz/replay_extract tests/fuzz/replay_date tests/fuzz/replay_name \
	tests/fuzz/replay_query
TESTS += tests/fuzz/replay_extract tests/fuzz/replay_date tests/fuzz/replay_name \
	tests/fuzz/replay_query
tests_fuzz_replay_extract_SOURCES = tests/fuzz/fuzz_extract.c tests/fuzz/replay.c tests/fuzz/replay.h
tests_fuzz_replay_extract_CPPFLAGS = $(FUZZ_RUNNER_CPP) -DFUZZ_NAME='"extract"'
tests_fuzz_replay_extract_LDFLAGS = $(FUZZ_RUNNER_LINK)
tests_fuzz_replay_extract_LDADD = $(FUZZ_LIBS)
tests_fuzz_replay_date_SOURCES = tests/fuzz/fuzz_date.c tests/fuzz/replay.c tests/fuzz/replay.h
tests_fuzz_replay_date_CPPFLAGS = $(FUZZ_RUNNER_CPP) -DFUZZ_NAME='"date"'
tests_fuzz_replay_date_LDFLAGS = $(FUZZ_RUNNER_LINK)
tests_fuzz_replay_date_LDADD = $(FUZZ_LIBS)
tests_fuzz_replay_name_SOURCES = tests/fuzz/fuzz_name.c tests/fuzz/replay.c tests/fuzz/replay.h
tests_fuzz_replay_name_CPPFLAGS = $(FUZZ_RUNNER_CPP) -DFUZZ_NAME='"name"'
tests_fuzz_replay_name_LDFLAGS = $(FUZZ_RUNNER_LINK)
tests_fuzz_replay_name_LDADD = $(FUZZ_LIBS)
tests_fuzz_replay_query_SOURCES = tests/fuzz/fuzz_query.c tests/fuzz/replay.c tests/fuzz/replay.h
tests_fuzz_replay_query_CPPFLAGS = $(FUZZ_RUNNER_CPP) -DFUZZ_NAME='"query"'
tests_fuzz_replay_query_LDFLAGS = $(FUZZ_RUNNER_LINK)
tests_fuzz_replay_query_LDADD = $(FUZZ_LIBS)
if WITH_SERVER
check_PROGRAMS += tests/fuzz/replay_http
TESTS += tests/fuzz/replay_http
tests_fuzz_replay_http_SOURCES = tests/fuzz/fuzz_http.c tests/fuzz/replay.c tests/fuzz/replay.h
tests_fuzz_replay_http_CPPFLAGS = $(FUZZ_RUNNER_CPP) $(MHD_CFLAGS) -DFUZZ_NAME='"http"'
tests_fuzz_replay_http_LDFLAGS = $(FUZZ_RUNNER_LINK)
tests_fuzz_replay_http_LDADD = $(FUZZ_LIBS) $(MHD_LIBS)
endif

if WITH_FUZZING
noinst_PROGRAMS = tests/fuzz/fuzz_extract tests/fuzz/fuzz_date tests/fuzz/fuzz_name \
	tests/fuzz/fuzz_query
FUZZ_TARGET_CPP = $(FUZZ_RUNNER_CPP) -DVITAE_LIBFUZZER
FUZZ_TARGET_LINK = $(AM_LDFLAGS) -fsanitize=fuzzer,address,undefined
tests_fuzz_fuzz_extract_SOURCES = tests/fuzz/fuzz_extract.c
tests_fuzz_fuzz_extract_CPPFLAGS = $(FUZZ_TARGET_CPP)
tests_fuzz_fuzz_extract_LDFLAGS = $(FUZZ_TARGET_LINK)
tests_fuzz_fuzz_extract_LDADD = $(FUZZ_LIBS)
tests_fuzz_fuzz_date_SOURCES = tests/fuzz/fuzz_date.c
tests_fuzz_fuzz_date_CPPFLAGS = $(FUZZ_TARGET_CPP)
tests_fuzz_fuzz_date_LDFLAGS = $(FUZZ_TARGET_LINK)
tests_fuzz_fuzz_date_LDADD = $(FUZZ_LIBS)
tests_fuzz_fuzz_name_SOURCES = tests/fuzz/fuzz_name.c
tests_fuzz_fuzz_name_CPPFLAGS = $(FUZZ_TARGET_CPP)
tests_fuzz_fuzz_name_LDFLAGS = $(FUZZ_TARGET_LINK)
tests_fuzz_fuzz_name_LDADD = $(FUZZ_LIBS)
tests_fuzz_fuzz_query_SOURCES = tests/fuzz/fuzz_query.c
tests_fuzz_fuzz_query_CPPFLAGS = $(FUZZ_TARGET_CPP)
tests_fuzz_fuzz_query_LDFLAGS = $(FUZZ_TARGET_LINK)
tests_fuzz_fuzz_query_LDADD = $(FUZZ_LIBS)
if WITH_SERVER
noinst_PROGRAMS += tests/fuzz/fuzz_http
tests_fuzz_fuzz_http_SOURCES = tests/fuzz/fuzz_http.c
tests_fuzz_fuzz_http_CPPFLAGS = $(FUZZ_TARGET_CPP) $(MHD_CFLAGS)
tests_fuzz_fuzz_http_LDFLAGS = $(FUZZ_TARGET_LINK)
tests_fuzz_fuzz_http_LDADD = $(FUZZ_LIBS) $(MHD_LIBS)
endif
endif

EXTRA_DIST += tests/fuzz/run.sh tests/fuzz/corpus/extract tests/fuzz/corpus/date \
	tests/fuzz/corpus/name tests/fuzz/corpus/query tests/fuzz/corpus/http tests/fuzz/fuzz_http.c
