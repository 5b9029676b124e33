# src/export: deterministic RDF writers and `vitae export`
src_libvitae_la_SOURCES += \
	src/export/export.c src/export/export.h \
	src/export/collect.c src/export/collect.h

if WITH_UNIT_TESTS
check_PROGRAMS += tests/unit/test_export
TESTS += tests/unit/test_export
tests_unit_test_export_SOURCES = tests/unit/test_export.c
tests_unit_test_export_CPPFLAGS = $(AM_CPPFLAGS) $(REDLAND_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_export_LDADD = src/libvitae.la $(REDLAND_LIBS) $(CMOCKA_LIBS)
endif

TESTS += tests/cli/export.sh
EXTRA_DIST += tests/cli/export.sh tests/fixtures/roundtrip.trig
