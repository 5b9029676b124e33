src_libvitae_la_SOURCES += \
	src/store/store.c src/store/store.h \
	src/store/load.c src/store/load.h \
	src/store/check.c src/store/check.h

# Reliability: crash safety (SIGKILL during loads), concurrent processes,
# full disks, read-only stores, check, dump and restore.
TESTS += tests/cli/reliability.sh tests/cli/crash.sh tests/cli/badinput.sh
EXTRA_DIST += tests/cli/reliability.sh tests/cli/crash.sh tests/cli/badinput.sh tests/sanitizers/lsan.supp tests/sanitizers/valgrind.supp \
	tests/sanitizers/asan.supp
