/* The command-line interface: one cmd_*.c per command, dispatched by main.c. */
#ifndef VITAE_CLI_CMD_H
#define VITAE_CLI_CMD_H

#include <stdio.h>

#include "core/error.h"
#include "infer/infer.h"
#include "store/store.h"
#include "store/virtuoso.h"

/* Exit codes (documented in the README). */
enum { EXIT_OK = 0, EXIT_ERROR = 1, EXIT_USAGE = 2 };

/* Options given before the command. */
typedef struct vitae_cli {
  const char *store_spec; /* --store, else $VITAE_STORE, else NULL (default) */
  int quiet;              /* --quiet: no progress or summaries on stderr */
} vitae_cli;

typedef int (*vitae_cmd_fn)(vitae_cli *cli, int argc, char **argv);

typedef struct vitae_cmd {
  const char *name;
  vitae_cmd_fn run;
  const char *summary; /* one line for `vitae --help` */
} vitae_cmd;

/* The command table (main.c), ending with {NULL, NULL, NULL}. */
extern const vitae_cmd VITAE_COMMANDS[];

int cmd_load(vitae_cli *cli, int argc, char **argv);
int cmd_query(vitae_cli *cli, int argc, char **argv);
int cmd_export(vitae_cli *cli, int argc, char **argv);
int cmd_stats(vitae_cli *cli, int argc, char **argv);
int cmd_drop(vitae_cli *cli, int argc, char **argv);
int cmd_extract(vitae_cli *cli, int argc, char **argv);
int cmd_demo(vitae_cli *cli, int argc, char **argv);
int cmd_check(vitae_cli *cli, int argc, char **argv);
int cmd_dump(vitae_cli *cli, int argc, char **argv);
int cmd_restore(vitae_cli *cli, int argc, char **argv);
int cmd_describe(vitae_cli *cli, int argc, char **argv);
int cmd_timeline(vitae_cli *cli, int argc, char **argv);
int cmd_succession(vitae_cli *cli, int argc, char **argv);
int cmd_network(vitae_cli *cli, int argc, char **argv);
int cmd_serve(vitae_cli *cli, int argc, char **argv);

/* ---- helpers shared by the commands (cli.c) ---- */

/* Print "vitae: MESSAGE" and "Try 'vitae CMD --help'." on stderr; returns EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Print the error on stderr and return its exit code. */
int cli_fail(const vitae_error *err);
int cli_store_finish(vitae_store *store, int rc);

/* Open the store the options name; prints the error and returns NULL on failure. */
vitae_store *cli_open_store(vitae_cli *cli, vitae_store_mode mode, int *exit_code);

/* Checks an IRI given on the command line (--graph, --base): a scheme, then
 * no space, control character or any of <>"{}|\^` (RFC 3987), which would
 * be stored as they are and make a dump that cannot be read back.  Returns
 * 0, or prints a usage error naming the option and returns EXIT_USAGE. */
int cli_check_iri(const char *cmd, const char *option, const char *iri);

/* Whether argv (after the command name) asks for help: -h or --help. */
int cli_wants_help(int argc, char **argv);

/* The whole of a file ("-": standard input) as a NUL-terminated string the
 * caller frees, or NULL with err set; *len (if len) gets its length in bytes,
 * which a NUL byte inside does not cut. */
char *cli_read_file(const char *path, size_t *len, vitae_error *err);

/* A file being written for -o: a temporary beside the target, renamed over
 * it only when complete, so a failure never leaves half a file. */
typedef struct cli_output {
  const char *path;
  char *tmp;
  FILE *f;
} cli_output;

vitae_status cli_output_open(cli_output *o, const char *path, vitae_error *err);
/* Commit (ok) or discard the temporary file. */
vitae_status cli_output_close(cli_output *o, int ok, vitae_error *err);

/* ---- describe, timeline, succession, network (cli_trace.c) ---- */

/* The IRI of the one entity of class_iri (NULL = any) that name means; the
 * caller frees it.  No match, or several (listed), print why on stderr and
 * return NULL with *exit_code EXIT_ERROR.  what names the kind ("person"). */
char *cli_trace_resolve(vitae_store *store, const char *name, const char *class_iri,
                        const char *what, int *exit_code);
/* The index of format in the NULL-terminated allowed list; -1 after a usage
 * error was printed. */
int cli_trace_format(const char *cmd, const char *format, const char *const *allowed);
/* rc, or EXIT_ERROR when standard output could not be written. */
int cli_finish_stdout(int rc);

/* What a trace command was asked. */
typedef struct cli_trace_args {
  const char *name; /* NAME or OFFICE as given */
  int format;       /* index into the command's formats (0 = the default) */
  int depth;        /* --depth, 1 unless given */
} cli_trace_args;

/* One trace command: `vitae CMD [--format F] [--depth N] NAME`. */
typedef struct cli_trace_cmd {
  const char *name;
  const char *usage;
  const char *what;             /* "entity", "person", "office" */
  const char *class_iri;        /* NAME must be of this class; NULL = any */
  const char *const *formats;   /* NULL-terminated; the first is the default */
  int takes_depth;
  /* Build and print the result for the entity iri on stdout. */
  vitae_status (*run)(vitae_store *store, const char *iri, const cli_trace_args *args,
                      vitae_error *err);
} cli_trace_cmd;

/* Parse the options, open the store, resolve NAME, run; returns the exit code. */
int cli_trace_main(const cli_trace_cmd *cmd, vitae_cli *cli, int argc, char **argv);

/* ---- a virtuoso: store (cli_virtuoso.c) ---- */

/* Whether --store names a Virtuoso server. */
int cli_is_virtuoso(const vitae_cli *cli);

/* The server, and a memory: store whose world parses and builds results. */
typedef struct cli_remote {
  vitae_virtuoso *v;
  vitae_store *scratch;
} cli_remote;

/* 0, or -1 after printing why (*exit_code set). */
int cli_remote_open(vitae_cli *cli, cli_remote *r, int *exit_code);
void cli_remote_close(cli_remote *r);

/* cli_open_store() for a virtuoso: store: READ gives an in-memory copy of
 * vitae's graphs; other modes are refused. */
vitae_store *cli_open_virtuoso_copy(vitae_cli *cli, vitae_store_mode mode, int *exit_code);

/* Recompute the inferred graph on the server (is: what was done). */
vitae_status cli_remote_infer(cli_remote *r, vitae_infer_stats *is, vitae_error *err);
/* The same, printing the outcome; returns rc raised by a failure. */
int cli_remote_infer_report(vitae_cli *cli, cli_remote *r, int rc);

#endif
