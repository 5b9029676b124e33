/* Verifying a store (vitae check): the layout on disk, then the data.
 *
 * The layout: the marker parses, names a generation that exists and holds
 * the backend's files.  Leftovers are reported as warnings: they do not
 * touch the data the store uses, and the next writer removes them: from an
 * interrupted write (a partial generation, the next marker), from a
 * migration (format-1 data files beside the generations) or from a clean-up
 * (an old generation no reader holds any more).  The data, read in a child process so that a
 * crash inside Berkeley DB on damaged files is a finding and not the end of
 * the check: the store opens, every named graph is listed and counted, every
 * statement of every graph and of the whole model is read, and the counts
 * agree (the whole is the sum of the graphs: vitae stores nothing outside
 * a named graph).
 *
 * With repair, what is left over is removed (by opening the store for
 * writing, which is what a writer does anyway) and a format-1 store is moved
 * to format 2.  Damaged data files cannot be repaired here: the recovery is
 * to rebuild the store from a dump (vitae restore FILE.nq). */
#ifndef VITAE_STORE_CHECK_H
#define VITAE_STORE_CHECK_H

#include "core/error.h"
#include "store/store.h"

typedef enum vitae_check_level {
  VITAE_CHECK_INFO,     /* how things are: no action needed */
  VITAE_CHECK_WARNING,  /* harmless leftovers; a writer or --repair removes them */
  VITAE_CHECK_PROBLEM,  /* something is wrong: the check fails */
  VITAE_CHECK_REPAIRED  /* a problem or warning that --repair fixed */
} vitae_check_level;

/* Called once per finding, in order.  message is one line, no newline. */
typedef void (*vitae_check_fn)(void *user, vitae_check_level level, const char *message);

typedef struct vitae_check_summary {
  vitae_store_backend backend;
  int format;                 /* 0 when unknown */
  unsigned long generation;   /* format 2: the current one */
  unsigned long graphs;       /* named graphs */
  unsigned long triples;      /* statements, summed over the graphs */
  unsigned long whole;        /* statements read from the whole model */
  unsigned problems;          /* findings of level PROBLEM still standing */
  unsigned warnings;          /* findings of level WARNING still standing */
  unsigned repaired;          /* findings fixed */
} vitae_check_summary;

/* Check the store that spec names (as vitae_store_open would).  Returns
 * VITAE_OK when the check ran to the end, whatever it found (see
 * summary->problems); an error only when it could not run (out of memory,
 * a usage error in the spec). */
vitae_status vitae_store_check(const char *spec, int repair, vitae_check_fn report, void *user,
                               vitae_check_summary *summary, vitae_error *err);

#endif
