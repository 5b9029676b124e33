src_libvitae_la_SOURCES += \
	src/core/status.c src/core/status.h \
	src/core/error.c src/core/error.h \
	src/core/buf.c src/core/buf.h \
	src/core/vocab.h \
	src/core/datadir.c src/core/datadir.h \
	src/core/strmap.c src/core/strmap.h \
	src/core/strjoin.c src/core/strjoin.h \
	src/core/utf8.c src/core/utf8.h
