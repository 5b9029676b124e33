/* An error record: what went wrong and where, filled in by the function that
 * failed and read by the caller.  It owns no heap memory, so it can be
 * filled even when allocation has failed, and needs no freeing. */
#ifndef VITAE_CORE_ERROR_H
#define VITAE_CORE_ERROR_H

#include <stdio.h>
#include "core/status.h"

#define VITAE_ERROR_FILE_MAX 1024
#define VITAE_ERROR_MESSAGE_MAX 1024

typedef struct vitae_error {
  vitae_status status;
  char file[VITAE_ERROR_FILE_MAX];       /* "" when no file is involved */
  long line;                             /* 1-based; 0 when unknown */
  long column;                           /* 1-based; 0 when unknown */
  char message[VITAE_ERROR_MESSAGE_MAX]; /* one line, no final newline */
} vitae_error;

/* Reset to VITAE_OK with no location.  err may be NULL. */
void vitae_error_clear(vitae_error *err);

/* Record an error and return its status, so callers can write
 * `return vitae_error_set(err, VITAE_ERR_IO, path, 0, 0, "...")`.
 * file may be NULL; err may be NULL (the status is still returned).
 * Only the first error is kept: a later one does not overwrite it, so the
 * root cause reaches the user. */
vitae_status vitae_error_set(vitae_error *err, vitae_status status, const char *file,
                             long line, long column, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Print "vitae: FILE:LINE:COLUMN: MESSAGE\n" (omitting what is unknown). */
void vitae_error_print(const vitae_error *err, FILE *out);

#endif
