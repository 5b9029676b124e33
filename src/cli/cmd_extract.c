#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/fanout.h"
#include "cli/progress.h"
#include "core/datadir.h"
#include "core/vocab.h"
#include "export/collect.h"
#include "export/export.h"
#include "export/ntcollect.h"
#include "extract/entity.h"
#include "extract/extract.h"
#include "infer/infer.h"
#include "store/load.h"
#include "store/mirror.h"

static const char USAGE[] =
    "Usage: vitae extract [OPTIONS] FILE...\n"
    "       vitae [--store SPEC] extract --load [OPTIONS] FILE...\n\n"
    "Read English biographies (UTF-8 text; '-' is standard input) and write\n"
    "the facts they state as RDF in the vitae vocabulary: people, offices held\n"
    "and when, family, education, memberships, meetings, visits, treaties;\n"
    "every fact traced to the sentence it was read from.  Each file is one\n"
    "document; the same person in several documents gets the same IRI.\n\n"
    "  -o FILE        write to FILE (default: standard output)\n"
    "  --format FMT   turtle (default), ntriples, nquads, trig or jsonld; with\n"
    "                 nquads, trig and jsonld each document is its own named\n"
    "                 graph (jsonld: one JSON-LD document for all the files)\n"
    "  --load         add the facts to the store instead, one named graph per\n"
    "                 document (replacing what that graph held), and recompute\n"
    "                 the inferred graph\n"
    "  --base IRI     base of the IRIs minted (default " VITAE_DEFAULT_BASE ")\n"
    "  --subject NAME the person the text is about (default: its title line)\n"
    "  --lenient      replace invalid UTF-8 with U+FFFD (with a warning)\n"
    "                 instead of refusing the file\n"
    "  -j N           extract in N processes (1 to 64; default 1); the output\n"
    "                 is the same, in the order of the files (not with --load\n"
    "                 or jsonld)\n";

typedef struct extract_opts {
  const char *output, *format, *base, *subject;
  int load, lenient, jobs;
} extract_opts;

/* The IRI of a document's graph: the document node itself. */
static void document_iri(const char *base, const char *path, char *out, size_t n) {
  const char *name = strrchr(path, '/');
  name = name ? name + 1 : path;
  char tmp[512], slug[512];
  snprintf(tmp, sizeof tmp, "%s", strcmp(path, "-") ? name : "stdin");
  char *dot = strrchr(tmp, '.');
  if (dot && dot != tmp) *dot = '\0';
  vitae_name_slug(tmp, slug, sizeof slug);
  snprintf(out, n, "%sdocument/%s", base, slug);
}

/* One run of the command: what every file goes through. */
typedef struct extract_run {
  vitae_cli *cli;
  const extract_opts *o;
  const vitae_extractor *ex;
  vitae_rdf_format fmt;
  const char *base;
  char **files;
  /* Where a document's triples go: raptor statements (to load them, or for
   * the writers that need terms), or straight to N-Triples forms. */
  int direct;
  vitae_collector c;
  vitae_nt_collector nt;
  vitae_store *store;  /* --load */
  cli_remote *remote;  /* --load into a virtuoso: store */
  int loaded;          /* documents loaded */
  cli_progress *bar;   /* NULL in a worker process */
  cli_progress *parent_bar; /* -j: the parent's, drawn as parts come back */
  int rc;              /* -j: the worst exit code of the files so far */
  FILE *out;           /* the output (-j: the parent's) */
  vitae_export_writer w;
} extract_run;

static void clear_bar(extract_run *r) {
  if (r->bar) cli_progress_clear(r->bar); /* messages go on a clean line */
}

/* Extract one file into the run's collector; warnings on msg. */
static vitae_status extract_file(extract_run *r, const char *path, FILE *msg, vitae_error *err) {
  const extract_opts *o = r->o;
  vitae_text *text = NULL;
  vitae_status st = vitae_text_read_file(path, o->lenient, &text, err);
  clear_bar(r);
  if (st == VITAE_ERR_INPUT && strstr(err->message, "empty")) {
    if (!r->cli->quiet) fprintf(msg, "vitae: warning: %s: empty file, nothing extracted\n", path);
    vitae_error_clear(err);
    return VITAE_OK;
  }
  if (st != VITAE_OK) return st;
  if (vitae_text_replacements(text) && !r->cli->quiet)
    fprintf(msg, "vitae: warning: %s: %zu invalid UTF-8 sequence(s) replaced by U+FFFD\n", path,
            vitae_text_replacements(text));
  vitae_extract_options eo = {o->base, o->subject, strcmp(path, "-") ? path : "<stdin>"};
  vitae_extract_stats stats;
  st = r->direct ? vitae_extract_document(r->ex, text, &eo, vitae_nt_collector_add, &r->nt, &stats, err)
                 : vitae_extract_document(r->ex, text, &eo, vitae_collector_add, &r->c, &stats, err);
  if (r->direct ? r->nt.failed : r->c.failed) { /* out of memory: say that, not "cannot write" */
    vitae_error_clear(err);
    st = vitae_error_set(err, VITAE_ERR_NOMEM, path, 0, 0, "out of memory");
  }
  if (st == VITAE_OK && !r->cli->quiet)
    fprintf(msg, "%s: %zu sentences, %zu entities, %zu facts, %zu triples\n", path, stats.sentences,
            stats.entities, stats.facts, stats.triples);
  vitae_text_free(text);
  return st;
}

/* File i: extracted, then loaded or written as a part of w; messages on
 * msg.  Returns the file's exit code; *broken is set (with err) when the
 * output cannot be written, which ends the run. */
static int one_file(extract_run *r, size_t i, vitae_export_writer *w, FILE *msg, vitae_status *broken,
                    vitae_error *err) {
  const char *path = r->files[i];
  char graph[1200];
  document_iri(r->base, path, graph, sizeof graph);
  const char *g = vitae_rdf_format_has_graphs(r->fmt) ? graph : NULL;
  vitae_error ferr;
  vitae_error_clear(&ferr);
  vitae_status fst;
  if (r->direct) {
    vitae_nt_collector_reset(&r->nt);
    fst = vitae_nt_collector_set_graph(&r->nt, g) == 0 ? VITAE_OK : VITAE_ERR_NOMEM;
  } else {
    vitae_collector_reset(&r->c);
    fst = vitae_collector_set_graph(&r->c, g) == 0 ? VITAE_OK : VITAE_ERR_NOMEM;
  }
  if (fst == VITAE_OK) fst = extract_file(r, path, msg, &ferr);
  if (fst == VITAE_OK && r->o->load) {
    vitae_load_result res;
    fst = r->remote->v ? vitae_mirror_put_statements(r->remote->v, r->c.items, r->c.n, graph, &ferr)
                       : vitae_load_statements(r->store, r->c.items, r->c.n, graph, &res, &ferr);
    if (fst == VITAE_OK) r->loaded++;
  } else if (fst == VITAE_OK) {
    fst = r->direct ? vitae_export_writer_part_nt(w, &r->nt, &ferr)
                    : vitae_export_writer_part(w, r->c.items, r->c.n, &ferr);
    if (fst != VITAE_OK && fst != VITAE_ERR_UNSUPPORTED) { /* the output is broken: stop */
      *broken = fst;
      *err = ferr;
      return vitae_status_exit_code(fst);
    }
  }
  if (fst == VITAE_OK) return EXIT_OK;
  /* a bad file is reported and the others go on; the exit code tells */
  clear_bar(r);
  vitae_error_print(&ferr, msg);
  return vitae_status_exit_code(fst);
}

/* -j: in a worker process, file i written to out (its own part). */
static int work_file(void *ctx, size_t i, FILE *out, FILE *msg, int *stop) {
  extract_run *r = ctx;
  vitae_export_writer w;
  vitae_export_writer_init(&w, r->w.world, r->fmt, out);
  vitae_status broken = VITAE_OK;
  vitae_error err;
  vitae_error_clear(&err);
  int code = one_file(r, i, &w, msg, &broken, &err);
  if (broken != VITAE_OK) {
    vitae_error_print(&err, msg);
    *stop = 1;
  }
  return code;
}

/* -j: in the parent, file i's part and messages, in file order. */
static int take_file(void *ctx, size_t i, const char *out, size_t out_len, const char *msg,
                     size_t msg_len, int code, int stop) {
  extract_run *r = ctx;
  (void)stop; /* the worker said why; its exit code makes the run fail */
  if (code > r->rc) r->rc = code;
  cli_progress_clear(r->parent_bar);
  if (msg_len) fwrite(msg, 1, msg_len, stderr);
  int failed = out_len && fwrite(out, 1, out_len, r->out) != out_len;
  cli_progress_set(r->parent_bar, (double)i + 1, 0);
  return failed || ferror(r->out);
}

static int run(vitae_cli *cli, const extract_opts *o, int nfiles, char **files) {
  vitae_error err;
  vitae_error_clear(&err);
  vitae_rdf_format fmt = VITAE_RDF_TURTLE;
  if (o->format && (vitae_rdf_format_parse(o->format, &fmt) != 0 || !vitae_rdf_format_has_parts(fmt)))
    return cli_usage_error("extract", "unknown --format '%s' (turtle, ntriples, nquads, trig, jsonld)",
                           o->format);
  if (o->jobs > 1 && o->load)
    return cli_usage_error("extract", "-j is for writing the triples; --load stores them in one process");
  if (o->jobs > 1 && !vitae_rdf_format_from_keys(fmt))
    return cli_usage_error("extract", "-j writes turtle, ntriples, nquads or trig, not %s", o->format);
  int rc = EXIT_OK;
  vitae_store *store = NULL;
  raptor_world *rw = NULL;
  cli_remote remote = {NULL, NULL};
  if (o->load && cli_is_virtuoso(cli)) {
    /* a virtuoso: store: each document's graph goes to the server in one PUT */
    if (cli_remote_open(cli, &remote, &rc) != 0) return rc;
    store = remote.scratch; /* remote's own, closed with it */
    rw = librdf_world_get_raptor(vitae_store_world(store));
  } else if (o->load) {
    if (!(store = cli_open_store(cli, VITAE_STORE_WRITE, &rc))) return rc;
    rw = librdf_world_get_raptor(vitae_store_world(store));
  } else if (!(rw = raptor_new_world()) || raptor_world_open(rw) != 0) {
    fputs("vitae: cannot start raptor\n", stderr);
    return EXIT_ERROR;
  }
  vitae_extractor *ex = NULL;
  vitae_status st = vitae_extractor_new(vitae_datadir(), &ex, &err);
  cli_output out = {0};
  FILE *f = stdout;
  if (st == VITAE_OK && !o->load && o->output && strcmp(o->output, "-")) {
    st = cli_output_open(&out, o->output, &err);
    f = out.f;
  }
  extract_run r = {0};
  r.cli = cli;
  r.o = o;
  r.ex = ex;
  r.fmt = fmt;
  r.base = o->base ? o->base : VITAE_DEFAULT_BASE;
  r.files = files;
  r.direct = !o->load && vitae_rdf_format_from_keys(fmt);
  r.store = store;
  r.remote = &remote;
  r.out = f;
  vitae_collector_init(&r.c, rw);
  vitae_nt_collector_init(&r.nt);
  /* one document, written a part per file, as each is extracted */
  vitae_export_writer_init(&r.w, rw, fmt, f);
  cli_progress bar;
  cli_progress_init(&bar, cli);
  if (nfiles < 2) bar.on = 0; /* one file: its summary line is the progress */
  cli_progress_phase(&bar, "extracting", "files", 1, nfiles);
  r.bar = &bar;
  if (st == VITAE_OK && o->jobs > 1) {
    r.bar = NULL; /* a worker draws nothing: its messages come back with its parts */
    r.parent_bar = &bar;
    st = cli_fanout_run((size_t)nfiles, o->jobs, work_file, take_file, &r, &err);
    r.bar = &bar;
    if (st == VITAE_OK && ferror(f))
      st = vitae_error_set(&err, VITAE_ERR_IO, NULL, 0, 0, "cannot write the export");
    rc = r.rc;
  }
  /* One document at a time: memory is bounded by the largest document. */
  for (int i = 0; o->jobs <= 1 && i < nfiles && st == VITAE_OK; i++) {
    vitae_status broken = VITAE_OK;
    int code = one_file(&r, (size_t)i, &r.w, stderr, &broken, &err);
    if (broken != VITAE_OK) st = broken;
    else if (code > rc) rc = code;
    cli_progress_set(&bar, i + 1, i + 1 == nfiles);
  }
  cli_progress_clear(&bar);
  vitae_collector_free(&r.c);
  vitae_nt_collector_free(&r.nt);
  if (!o->load && st == VITAE_OK) st = vitae_export_writer_finish(&r.w, &err);
  if (r.loaded && remote.v) {
    rc = cli_remote_infer_report(cli, &remote, rc);
  } else if (r.loaded) {
    /* a failure to infer is reported, but what was loaded stays */
    vitae_error ierr;
    vitae_error_clear(&ierr);
    vitae_infer_stats is;
    if (vitae_infer_update_stats(store, &is, &ierr) != VITAE_OK) {
      int code = cli_fail(&ierr);
      if (code > rc) rc = code;
    } else if (!cli->quiet) {
      vitae_infer_stats_print(&is, stderr);
    }
  }
  if (out.f) {
    vitae_status closed = cli_output_close(&out, st == VITAE_OK && rc == EXIT_OK, &err);
    if (st == VITAE_OK) st = closed;
  }
  if (st != VITAE_OK) {
    int code = cli_fail(&err);
    if (code > rc) rc = code;
  }
  vitae_extractor_free(ex);
  if (remote.v) cli_remote_close(&remote);
  else if (store) rc = cli_store_finish(store, rc);
  else raptor_free_world(rw);
  return rc;
}

int cmd_extract(vitae_cli *cli, int argc, char **argv) {
  static const struct option opts[] = {{"output", required_argument, NULL, 'o'},
                                       {"format", required_argument, NULL, 'f'},
                                       {"base", required_argument, NULL, 'b'},
                                       {"subject", required_argument, NULL, 's'},
                                       {"load", no_argument, NULL, 'l'},
                                       {"lenient", no_argument, NULL, 'L'},
                                       {"jobs", required_argument, NULL, 'j'},
                                       {"help", no_argument, NULL, 'h'},
                                       {NULL, 0, NULL, 0}};
  extract_opts o = {0};
  int c;
  optind = 0;
  opterr = 0;
  while ((c = getopt_long(argc, argv, "o:f:b:s:j:h", opts, NULL)) != -1) {
    switch (c) {
    case 'o': o.output = optarg; break;
    case 'f': o.format = optarg; break;
    case 'b':
      if ((c = cli_check_iri("extract", "--base", optarg))) return c;
      o.base = optarg;
      break;
    case 's': o.subject = optarg; break;
    case 'l': o.load = 1; break;
    case 'L': o.lenient = 1; break;
    case 'j': {
      char *end;
      long n = strtol(optarg, &end, 10);
      if (end == optarg || *end || n < 1 || n > 64)
        return cli_usage_error("extract", "-j wants a number of processes from 1 to 64, not '%s'", optarg);
      o.jobs = (int)n;
      break;
    }
    case 'h': fputs(USAGE, stdout); return EXIT_OK;
    default: return cli_usage_error("extract", "bad option '%s'", argv[optind - 1]);
    }
  }
  if (optind >= argc) return cli_usage_error("extract", "no FILE given");
  if (o.load && o.output) return cli_usage_error("extract", "--load stores the facts; -o writes them: choose one");
  if (o.subject && argc - optind > 1)
    return cli_usage_error("extract", "--subject names the person of one document; give one FILE");
  return run(cli, &o, argc - optind, argv + optind);
}
