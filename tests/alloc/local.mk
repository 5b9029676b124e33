# The failing-allocator test: vitae built again with its allocations
# wrapped (tests/alloc/failalloc.c), so that the Nth one can be made to fail;
# tests/alloc/failalloc.sh runs `vitae extract` failing each in turn.
FAILALLOC_WRAPS = -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup,--wrap=strndup \
	-Wl,--wrap=utf8proc_map
check_PROGRAMS += tests/alloc/vitae-failalloc
tests_alloc_vitae_failalloc_SOURCES = $(src_vitae_SOURCES) tests/alloc/failalloc.c
tests_alloc_vitae_failalloc_CPPFLAGS = $(src_vitae_CPPFLAGS) $(UTF8PROC_CFLAGS)
tests_alloc_vitae_failalloc_LDFLAGS = $(AM_LDFLAGS) $(FAILALLOC_WRAPS)
tests_alloc_vitae_failalloc_LDADD = $(src_vitae_LDADD) $(UTF8PROC_LIBS)
TESTS += tests/alloc/failalloc.sh
EXTRA_DIST += tests/alloc/failalloc.sh
