# src/trace: describe, timeline, succession, network: reading the store
# with librdf's statement API (a user's name is never put into SPARQL).
src_libvitae_la_SOURCES += \
	src/trace/trace.h src/trace/graph.h src/trace/graph.c \
	src/trace/resolve.c src/trace/card.c src/trace/timeline.c \
	src/trace/succession.c src/trace/network.c src/trace/write.c
