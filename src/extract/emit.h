/* Writing a document's extraction as triples (internal to src/extract/). */
#ifndef VITAE_EXTRACT_EMIT_H
#define VITAE_EXTRACT_EMIT_H

#include "extract/doc.h"
#include "extract/extract.h"

/* Returns 0, or -1 when the callback failed or memory ran out. */
int vx_emit(vx_doc *d, const vx_tenures *ts, const vitae_text *text, const vitae_sentences *ss,
            const char *base, const char *doc_slug, const char *source_name, vitae_triple_fn fn,
            void *ctx, size_t *triples, size_t *facts);

#endif
