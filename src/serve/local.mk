# vitae serve: content negotiation (string work) and the connection guard
# (sockets and a thread) are always built, so their unit tests run
# everywhere; the server itself needs libmicrohttpd.
src_libvitae_la_SOURCES += src/serve/negotiate.c src/serve/negotiate.h \
	src/serve/guard.c src/serve/guard.h
src_libvitae_la_LIBADD += -lpthread
src_vitae_LDADD += -lpthread
if WITH_SERVER
src_libvitae_la_SOURCES += \
	src/serve/server.c src/serve/server.h src/serve/internal.h \
	src/serve/handler.c src/serve/handler.h \
	src/serve/sparql.c src/serve/linked.c src/serve/web.c src/serve/update.c \
	src/serve/pool.c src/serve/pool.h
src_libvitae_la_CPPFLAGS += $(MHD_CFLAGS)
src_libvitae_la_LIBADD += $(MHD_LIBS)
src_vitae_LDADD += $(MHD_LIBS)
endif

if WITH_UNIT_TESTS
check_PROGRAMS += tests/unit/test_negotiate
TESTS += tests/unit/test_negotiate
tests_unit_test_negotiate_SOURCES = tests/unit/test_negotiate.c
tests_unit_test_negotiate_CPPFLAGS = $(AM_CPPFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_negotiate_LDADD = src/libvitae.la $(REDLAND_LIBS) $(UTF8PROC_LIBS) $(MHD_LIBS) $(CMOCKA_LIBS)

# The guard on socket pairs: the request deadline and the slots.
check_PROGRAMS += tests/unit/test_guard
TESTS += tests/unit/test_guard
tests_unit_test_guard_SOURCES = tests/unit/test_guard.c
tests_unit_test_guard_CPPFLAGS = $(AM_CPPFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_guard_LDADD = src/libvitae.la $(REDLAND_LIBS) $(UTF8PROC_LIBS) $(MHD_LIBS) $(CMOCKA_LIBS) -lpthread
endif

# The server against real clients (curl, rdflib, SPARQLWrapper, roqet).
TESTS += tests/cli/serve.sh
EXTRA_DIST += tests/cli/serve.sh tests/serve/clients.py

# default-graph-uri and named-graph-uri, against rdflib over the same dataset.
TESTS += tests/cli/serve-dataset.sh
EXTRA_DIST += tests/cli/serve-dataset.sh tests/serve/dataset.py

# The web page in headless Chromium (tests/web/browser.py speaks the
# DevTools protocol over a pipe: Python's standard library, no npm).
TESTS += tests/cli/web.sh
EXTRA_DIST += tests/cli/web.sh tests/web/browser.py
CLEANFILES += tests/web/out/query.png tests/web/out/entity.png tests/web/out/sentence.png \
	tests/web/out/chromium.log

# Writes with --allow-update and the token; JSON-LD read back by rdflib.
TESTS += tests/cli/serve-update.sh
EXTRA_DIST += tests/cli/serve-update.sh
