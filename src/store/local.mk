src_libvitae_la_SOURCES += \
	src/store/store.c src/store/store.h \
	src/store/load.c src/store/load.h
