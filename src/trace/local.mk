# src/trace: describe, timeline, succession, network: reading the store
# with librdf's statement API (a user's name is never put into SPARQL).
src_libvitae_la_SOURCES += \
	src/trace/trace.h src/trace/graph.h src/trace/graph.c \
	src/trace/resolve.c src/trace/card.c src/trace/timeline.c \
	src/trace/succession.c src/trace/network.c src/trace/write.c

if WITH_UNIT_TESTS
check_PROGRAMS += tests/unit/test_trace
TESTS += tests/unit/test_trace
tests_unit_test_trace_SOURCES = tests/unit/test_trace.c
tests_unit_test_trace_CPPFLAGS = $(AM_CPPFLAGS) $(REDLAND_CFLAGS) $(UTF8PROC_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_trace_LDADD = src/libvitae.la $(REDLAND_LIBS) $(UTF8PROC_LIBS) $(CMOCKA_LIBS)
endif

TESTS += tests/cli/trace.sh
EXTRA_DIST += tests/cli/trace.sh tests/fixtures/trace.trig
