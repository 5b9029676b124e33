src_libvitae_la_SOURCES += \
	src/query/query.c src/query/query.h \
	src/query/results.c
