/* A reader for the gazetteer tables (the .tsv files in ontology/gazetteer): UTF-8 text,
 * one row per line, fields separated by a single TAB, lines starting with
 * '#' and blank lines skipped, and every row holding the number of fields
 * the caller declares.  Errors name the file and line the way compilers do
 * ("countries.tsv:12: 5 fields, expected 6"), so a data author can fix
 * the table without reading C.
 *
 * Ownership: vitae_tsv_open*() hand a new reader to the caller, who closes
 * it with vitae_tsv_close().  Field pointers are borrowed from the reader
 * and are valid until the next vitae_tsv_next_row() or vitae_tsv_close(). */
#ifndef VITAE_EXTRACT_TSV_H
#define VITAE_EXTRACT_TSV_H

#include <stddef.h>

#include "core/error.h"
#include "core/status.h"

typedef struct vitae_tsv vitae_tsv;

/* Opens path ("-" = standard input) and checks that it is UTF-8 (an error
 * names the line and column of the first bad byte) without NUL bytes.
 * nfields is the number of fields every row must have; 0 accepts any. */
vitae_status vitae_tsv_open(const char *path, size_t nfields, vitae_tsv **out, vitae_error *err);

/* The same over bytes in memory (copied), for tests and embedded tables;
 * name is used in error messages. */
vitae_status vitae_tsv_open_bytes(const char *name, const char *bytes, size_t len,
                                  size_t nfields, vitae_tsv **out, vitae_error *err);

/* Moves to the next data row.  *has_row is 1 when a row is available and 0
 * at the end of the table.  A row with the wrong number of fields fails
 * with VITAE_ERR_SYNTAX ("N fields, expected M", with file and line in err);
 * the error is sticky: later calls return it again. */
vitae_status vitae_tsv_next_row(vitae_tsv *tsv, int *has_row, vitae_error *err);

/* The current row's fields: NUL-terminated, without TAB, CR or LF.
 * vitae_tsv_field returns NULL for i >= vitae_tsv_field_count(); len may be
 * NULL. */
size_t vitae_tsv_field_count(const vitae_tsv *tsv);
const char *vitae_tsv_field(const vitae_tsv *tsv, size_t i, size_t *len);

/* The 1-based line number of the current row (0 before the first). */
long vitae_tsv_line(const vitae_tsv *tsv);
/* The name given at opening. */
const char *vitae_tsv_name(const vitae_tsv *tsv);

/* Closes the reader; NULL is a no-op. */
void vitae_tsv_close(vitae_tsv *tsv);

/* One value of a multi-valued field. */
typedef struct vitae_tsv_value {
  const char *s; /* points into the field; not NUL-terminated */
  size_t len;
} vitae_tsv_value;

/* Splits a multi-valued field ("January|Jan.|Jan") on '|'.  Values are
 * trimmed of spaces and empty values are dropped.  Stores at most max values
 * in out (which may be NULL when max is 0) and returns how many there are in
 * all, so a caller can size its array. */
size_t vitae_tsv_split(const char *field, size_t len, vitae_tsv_value *out, size_t max);

#endif
