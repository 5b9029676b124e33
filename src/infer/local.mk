# src/infer: the inferred graph (what the ontology implies), recomputed by
# load, extract --load and drop.
src_libvitae_la_SOURCES += src/infer/infer.c src/infer/infer.h

if WITH_UNIT_TESTS
check_PROGRAMS += tests/unit/test_infer
TESTS += tests/unit/test_infer
tests_unit_test_infer_SOURCES = tests/unit/test_infer.c
tests_unit_test_infer_CPPFLAGS = $(AM_CPPFLAGS) $(REDLAND_CFLAGS) $(UTF8PROC_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_infer_LDADD = src/libvitae.la $(REDLAND_LIBS) $(UTF8PROC_LIBS) $(CMOCKA_LIBS)
endif

TESTS += tests/cli/infer.sh
EXTRA_DIST += tests/cli/infer.sh tests/fixtures/infer-chain.trig
