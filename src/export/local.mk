# src/export: deterministic RDF writers and `vitae export`
src_libvitae_la_SOURCES += \
	src/export/export.c src/export/export.h \
	src/export/collect.c src/export/collect.h \
	src/export/ntcollect.c src/export/ntcollect.h \
	src/export/internal.h src/export/jsonld.c src/export/dot.c \
	src/export/align.c src/export/align.h

if WITH_UNIT_TESTS
check_PROGRAMS += tests/unit/test_export
TESTS += tests/unit/test_export
tests_unit_test_export_SOURCES = tests/unit/test_export.c
tests_unit_test_export_CPPFLAGS = $(AM_CPPFLAGS) $(REDLAND_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_export_LDADD = src/libvitae.la $(REDLAND_LIBS) $(CMOCKA_LIBS)
endif

TESTS += tests/cli/export.sh
EXTRA_DIST += tests/cli/export.sh tests/fixtures/roundtrip.trig

TESTS += tests/cli/jsonld.sh tests/cli/dot.sh tests/cli/align.sh
EXTRA_DIST += tests/cli/jsonld.sh tests/fixtures/jsonld-edge.nq tests/cli/dot.sh \
	tests/cli/align.sh tests/fixtures/align.trig
