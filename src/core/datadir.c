#include "core/datadir.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "config.h"

#ifndef VITAE_PKGDATADIR
#define VITAE_PKGDATADIR "/usr/local/share/vitae"
#endif

static int has_ontology(const char *dir) {
  char path[4096];
  if ((size_t)snprintf(path, sizeof path, "%s/ontology/vitae.ttl", dir) >= sizeof path) return 0;
  return access(path, R_OK) == 0;
}

const char *vitae_datadir(void) {
  const char *env = getenv("VITAE_DATADIR");
  if (env && *env) return env;
  if (has_ontology(VITAE_PKGDATADIR)) return VITAE_PKGDATADIR;
  return VITAE_SRCDIR;
}

char *vitae_datadir_path(const char *relative, char *out, unsigned long n) {
  int w = snprintf(out, n, "%s/%s", vitae_datadir(), relative);
  return (w < 0 || (unsigned long)w >= n) ? NULL : out;
}
