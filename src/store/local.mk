src_libvitae_la_SOURCES += \
	src/store/store.c src/store/store.h \
	src/store/load.c src/store/load.h \
	src/store/check.c src/store/check.h \
	src/store/bdb.c src/store/bdb.h \
	src/store/bulk.c src/store/bulk.h

# The direct writer writes what librdf writes (rdfproc reads it back).
TESTS += tests/cli/bulk.sh
EXTRA_DIST += tests/cli/bulk.sh

# Reliability: crash safety (SIGKILL during loads), concurrent processes,
# full disks, read-only stores, check, dump and restore.
TESTS += tests/cli/reliability.sh tests/cli/crash.sh tests/cli/badinput.sh
EXTRA_DIST += tests/cli/reliability.sh tests/cli/crash.sh tests/cli/badinput.sh tests/sanitizers/lsan.supp tests/sanitizers/valgrind.supp \
	tests/sanitizers/asan.supp

# The virtuoso: backend: an HTTP client of Virtuoso (libcurl) and the bulk
# paths between files, memory and the server.
src_libvitae_la_SOURCES += \
	src/store/virtuoso.c src/store/virtuoso.h \
	src/store/mirror.c src/store/mirror.h
src_libvitae_la_CPPFLAGS += $(CURL_CFLAGS)
src_libvitae_la_LIBADD += $(CURL_LIBS)
