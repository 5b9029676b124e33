# src/extract: the extraction pipeline built on the foundations in local.mk:
# tokens, lexicon, mentions, rules, relations, tenures, output.
src_libvitae_la_SOURCES += \
	src/extract/token.c src/extract/token.h \
	src/extract/lexicon.c src/extract/lexicon.h \
	src/extract/entity.c src/extract/entity.h \
	src/extract/rules.c src/extract/rules.h \
	src/extract/doc.h \
	src/extract/mention.c \
	src/extract/relate.c \
	src/extract/tenure.c \
	src/extract/emit.c src/extract/emit.h \
	src/extract/extract.c src/extract/extract.h

# The extractor's own data (the gazetteers are listed in ontology/local.mk).
nobase_dist_pkgdata_DATA += \
	ontology/lexicon/words.tsv \
	ontology/lexicon/common-words.txt \
	ontology/rules/relations.rules \
	triples/tokayev.txt
EXTRA_DIST += ontology/lexicon/make-common-words.sh

# The bundled biography's extraction, committed so that changes to the
# extractor show in review; tests/cli/extract.sh fails when it is stale.
triples: src/vitae
	$(AM_V_GEN)VITAE_DATADIR=$(abs_top_srcdir) src/vitae --quiet extract \
	  $(top_srcdir)/triples/tokayev.txt -o $(top_srcdir)/triples/tokayev.ttl
.PHONY: triples
EXTRA_DIST += triples/tokayev.ttl
