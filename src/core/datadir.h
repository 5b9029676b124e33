/* Where vitae's data files (ontology/, queries/, gazetteers) are found. */
#ifndef VITAE_CORE_DATADIR_H
#define VITAE_CORE_DATADIR_H

/* The directory holding ontology/ and queries/: $VITAE_DATADIR if set, else
 * the installed data directory if it has ontology/vitae.ttl, else the source
 * tree (running uninstalled).  Returns a static string. */
const char *vitae_datadir(void);

/* Writes "<datadir>/<relative>" into out (size n); returns out, or NULL when
 * it does not fit. */
char *vitae_datadir_path(const char *relative, char *out, unsigned long n);

#endif
