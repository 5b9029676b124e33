#include "cli/cmd.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"

int cli_usage_error(const char *cmd, const char *fmt, ...) {
  va_list ap;
  fputs("vitae: ", stderr);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  if (cmd) fprintf(stderr, "Try 'vitae %s --help'.\n", cmd);
  else fputs("Try 'vitae --help'.\n", stderr);
  return EXIT_USAGE;
}

int cli_fail(const vitae_error *err) {
  vitae_error_print(err, stderr);
  return vitae_status_exit_code(err->status);
}

vitae_store *cli_open_store(vitae_cli *cli, vitae_store_mode mode, int *exit_code) {
  vitae_error err;
  vitae_error_clear(&err);
  vitae_store *store = NULL;
  if (cli_is_virtuoso(cli)) return cli_open_virtuoso_copy(cli, mode, exit_code);
  if (vitae_store_open(cli->store_spec, mode, &store, &err) != VITAE_OK) {
    *exit_code = cli_fail(&err);
    return NULL;
  }
  *exit_code = EXIT_OK;
  return store;
}

int cli_check_iri(const char *cmd, const char *option, const char *iri) {
  const char *p = iri;
  if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')) {
    while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
           *p == '+' || *p == '-' || *p == '.')
      p++;
  }
  if (p == iri || *p != ':')
    return cli_usage_error(cmd, "%s '%s' is not an absolute IRI (it needs a scheme such as https:)",
                           option, iri);
  for (p = iri; *p; p++) {
    unsigned char c = (unsigned char)*p;
    if (c > 0x20 && c != 0x7F && !strchr("<>\"{}|\\^`", c)) continue;
    char what[32];
    if (c <= 0x20 || c == 0x7F) snprintf(what, sizeof what, "a space or control character");
    else snprintf(what, sizeof what, "'%c'", c);
    return cli_usage_error(cmd, "%s: an IRI cannot hold %s (character %zu)", option, what,
                           (size_t)(p - iri) + 1);
  }
  return 0;
}

int cli_wants_help(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--")) return 0;
    if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) return 1;
  }
  return 0;
}

/* The file being written for -o: a temporary beside the target, renamed
 * over it only when complete, so a failure never leaves half a file. */

vitae_status cli_output_open(cli_output *o, const char *path, vitae_error *err) {
  o->path = path;
  struct stat sb;
  o->tmp = NULL;
  if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
    return vitae_error_set(err, VITAE_ERR_IO, path, 0, 0, "is a directory; give a file name");
  /* a device or pipe ("-o /dev/null", a FIFO) is written as it is: renaming
   * a temporary over it would replace the device with a plain file */
  if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
    if (!(o->f = fopen(path, "w")))
      return vitae_error_set(err, VITAE_ERR_IO, path, 0, 0, "cannot write: %s", strerror(errno));
    return VITAE_OK;
  }
  const char *slash = strrchr(path, '/');
  size_t dir_len = slash ? (size_t)(slash - path + 1) : 0;
  size_t n = strlen(path) + 16;
  if (!(o->tmp = malloc(n)))
    return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  snprintf(o->tmp, n, "%.*s.%s.XXXXXX", (int)dir_len, path, path + dir_len);
  int fd = mkstemp(o->tmp);
  if (fd < 0) {
    free(o->tmp);
    o->tmp = NULL;
    return vitae_error_set(err, VITAE_ERR_IO, path, 0, 0, "cannot create: %s", strerror(errno));
  }
  /* mkstemp makes the file 0600; give it the mode a plain fopen() would. */
  mode_t mask = umask(0);
  umask(mask);
  fchmod(fd, 0666 & ~mask);
  if (!(o->f = fdopen(fd, "w"))) {
    close(fd);
    unlink(o->tmp);
    return vitae_error_set(err, VITAE_ERR_IO, path, 0, 0, "cannot write: %s", strerror(errno));
  }
  return VITAE_OK;
}

/* Commit (ok) or discard the temporary file. */
vitae_status cli_output_close(cli_output *o, int ok, vitae_error *err) {
  if (!o->f) return VITAE_OK;
  if (!o->tmp) { /* not a regular file: written in place */
    int failed = fclose(o->f) != 0;
    o->f = NULL;
    if (ok && failed)
      return vitae_error_set(err, VITAE_ERR_IO, o->path, 0, 0, "cannot write: %s", strerror(errno));
    return ok ? VITAE_OK : err->status;
  }
  if (ok && (fflush(o->f) != 0 || fsync(fileno(o->f)) != 0)) {
    vitae_error_set(err, VITAE_ERR_IO, o->path, 0, 0, "cannot write: %s", strerror(errno));
    ok = 0;
  }
  if (fclose(o->f) != 0 && ok) {
    vitae_error_set(err, VITAE_ERR_IO, o->path, 0, 0, "cannot write: %s", strerror(errno));
    ok = 0;
  }
  if (ok && rename(o->tmp, o->path) != 0) {
    vitae_error_set(err, VITAE_ERR_IO, o->path, 0, 0, "cannot rename into place: %s",
                    strerror(errno));
    ok = 0;
  }
  if (!ok) unlink(o->tmp);
  free(o->tmp);
  o->tmp = NULL;
  o->f = NULL;
  return ok ? VITAE_OK : err->status;
}

/* Commit what the command wrote and close the store; a failed commit (the
 * store is left as it was) raises the exit code. */
int cli_store_finish(vitae_store *store, int rc) {
  vitae_error err;
  vitae_error_clear(&err);
  if (vitae_store_commit(store, &err) != VITAE_OK) {
    int code = cli_fail(&err);
    if (code > rc) rc = code;
  }
  vitae_store_close(store);
  return rc;
}

char *cli_read_file(const char *path, size_t *len, vitae_error *err) {
  FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
  struct stat sb;
  if (f && f != stdin && fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
    fclose(f);
    errno = EISDIR;
    f = NULL;
  }
  if (!f) {
    vitae_error_set(err, VITAE_ERR_IO, path, 0, 0, "%s", strerror(errno));
    return NULL;
  }
  vitae_buf b = VITAE_BUF_INIT;
  char chunk[65536];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) vitae_buf_append(&b, chunk, n);
  int bad = ferror(f);
  if (f != stdin) fclose(f);
  if (bad || b.failed) {
    vitae_error_set(err, bad ? VITAE_ERR_IO : VITAE_ERR_NOMEM, path, 0, 0, "%s",
                    bad ? "read error" : "out of memory");
    vitae_buf_free(&b);
    return NULL;
  }
  if (len) *len = b.len;
  return vitae_buf_take(&b);
}
