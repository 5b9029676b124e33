# src/extract: the extractor's foundations (no Redland): document text,
# gazetteer TSV tables, sentence splitting and dates.
src_libvitae_la_SOURCES += \
	src/extract/text.c src/extract/text.h \
	src/extract/tsv.c src/extract/tsv.h \
	src/extract/sentence.c src/extract/sentence.h \
	src/extract/date.c src/extract/date.h
# Unicode normalisation (NFC) and character categories come from libutf8proc,
# found by configure (UTF8PROC_CFLAGS/LIBS on the library in Makefile.am).

if WITH_UNIT_TESTS
check_PROGRAMS += tests/unit/test_text tests/unit/test_tsv tests/unit/test_sentence tests/unit/test_date
TESTS += tests/unit/test_text tests/unit/test_tsv tests/unit/test_sentence tests/unit/test_date

tests_unit_test_text_SOURCES = tests/unit/test_text.c
tests_unit_test_text_CPPFLAGS = $(AM_CPPFLAGS) $(REDLAND_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_text_LDADD = src/libvitae.la $(REDLAND_LIBS) $(CMOCKA_LIBS)

tests_unit_test_tsv_SOURCES = tests/unit/test_tsv.c
tests_unit_test_tsv_CPPFLAGS = $(AM_CPPFLAGS) $(REDLAND_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_tsv_LDADD = src/libvitae.la $(REDLAND_LIBS) $(CMOCKA_LIBS)

tests_unit_test_sentence_SOURCES = tests/unit/test_sentence.c
tests_unit_test_sentence_CPPFLAGS = $(AM_CPPFLAGS) $(REDLAND_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_sentence_LDADD = src/libvitae.la $(REDLAND_LIBS) $(CMOCKA_LIBS)

tests_unit_test_date_SOURCES = tests/unit/test_date.c
tests_unit_test_date_CPPFLAGS = $(AM_CPPFLAGS) $(REDLAND_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_date_LDADD = src/libvitae.la $(REDLAND_LIBS) $(CMOCKA_LIBS)
endif
