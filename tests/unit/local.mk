# cmocka unit tests: one program per module (tests for export, text, tsv,
# sentence and date are registered beside their modules).
if WITH_UNIT_TESTS
check_PROGRAMS += tests/unit/test_core tests/unit/test_store tests/unit/test_query \
	tests/unit/test_token tests/unit/test_rules tests/unit/test_entity tests/unit/test_lexicon
TESTS += tests/unit/test_core tests/unit/test_store tests/unit/test_query \
	tests/unit/test_token tests/unit/test_rules tests/unit/test_entity tests/unit/test_lexicon

tests_unit_test_core_SOURCES = tests/unit/test_core.c
tests_unit_test_core_CPPFLAGS = $(AM_CPPFLAGS) $(REDLAND_CFLAGS) $(UTF8PROC_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_core_LDADD = src/libvitae.la $(REDLAND_LIBS) $(UTF8PROC_LIBS) $(CMOCKA_LIBS)

tests_unit_test_store_SOURCES = tests/unit/test_store.c
tests_unit_test_store_CPPFLAGS = $(AM_CPPFLAGS) $(REDLAND_CFLAGS) $(UTF8PROC_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_store_LDADD = src/libvitae.la $(REDLAND_LIBS) $(UTF8PROC_LIBS) $(CMOCKA_LIBS)

tests_unit_test_query_SOURCES = tests/unit/test_query.c
tests_unit_test_query_CPPFLAGS = $(AM_CPPFLAGS) $(REDLAND_CFLAGS) $(UTF8PROC_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_query_LDADD = src/libvitae.la $(REDLAND_LIBS) $(UTF8PROC_LIBS) $(CMOCKA_LIBS)

tests_unit_test_token_SOURCES = tests/unit/test_token.c
tests_unit_test_token_CPPFLAGS = $(AM_CPPFLAGS) $(REDLAND_CFLAGS) $(UTF8PROC_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_token_LDADD = src/libvitae.la $(REDLAND_LIBS) $(UTF8PROC_LIBS) $(CMOCKA_LIBS)

tests_unit_test_rules_SOURCES = tests/unit/test_rules.c
tests_unit_test_rules_CPPFLAGS = $(AM_CPPFLAGS) $(REDLAND_CFLAGS) $(UTF8PROC_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_rules_LDADD = src/libvitae.la $(REDLAND_LIBS) $(UTF8PROC_LIBS) $(CMOCKA_LIBS)

tests_unit_test_entity_SOURCES = tests/unit/test_entity.c
tests_unit_test_entity_CPPFLAGS = $(AM_CPPFLAGS) $(REDLAND_CFLAGS) $(UTF8PROC_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_entity_LDADD = src/libvitae.la $(REDLAND_LIBS) $(UTF8PROC_LIBS) $(CMOCKA_LIBS)

tests_unit_test_lexicon_SOURCES = tests/unit/test_lexicon.c
tests_unit_test_lexicon_CPPFLAGS = $(AM_CPPFLAGS) $(REDLAND_CFLAGS) $(UTF8PROC_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_lexicon_LDADD = src/libvitae.la $(REDLAND_LIBS) $(UTF8PROC_LIBS) $(CMOCKA_LIBS)
endif
