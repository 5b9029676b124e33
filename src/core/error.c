#include "core/error.h"

#include <stdarg.h>
#include <string.h>

void vitae_error_clear(vitae_error *err) {
  if (!err) return;
  err->status = VITAE_OK;
  err->file[0] = '\0';
  err->line = err->column = 0;
  err->message[0] = '\0';
}

vitae_status vitae_error_set(vitae_error *err, vitae_status status, const char *file,
                             long line, long column, const char *fmt, ...) {
  if (!err || err->status != VITAE_OK) return status;
  err->status = status;
  snprintf(err->file, sizeof err->file, "%s", file ? file : "");
  err->line = line;
  err->column = column;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err->message, sizeof err->message, fmt, ap);
  va_end(ap);
  /* Keep messages on one line: raptor's and rasqal's sometimes end in '\n'. */
  for (char *p = err->message; *p; p++)
    if (*p == '\n' || *p == '\r') *p = ' ';
  size_t n = strlen(err->message);
  while (n && err->message[n - 1] == ' ') err->message[--n] = '\0';
  return status;
}

void vitae_error_print(const vitae_error *err, FILE *out) {
  if (!err || err->status == VITAE_OK) return;
  fputs("vitae: ", out);
  if (err->file[0]) {
    fputs(err->file, out);
    if (err->line > 0) fprintf(out, ":%ld", err->line);
    if (err->line > 0 && err->column > 0) fprintf(out, ":%ld", err->column);
    fputs(": ", out);
  }
  fputs(err->message[0] ? err->message : vitae_strerror(err->status), out);
  fputc('\n', out);
}
