/* vitae status codes: every fallible function returns one. */
#ifndef VITAE_CORE_STATUS_H
#define VITAE_CORE_STATUS_H

typedef enum vitae_status {
  VITAE_OK = 0,
  VITAE_ERR_USAGE,       /* the caller asked for something malformed */
  VITAE_ERR_IO,          /* a file could not be opened, read or written */
  VITAE_ERR_SYNTAX,      /* input text (RDF, SPARQL, UTF-8) is malformed */
  VITAE_ERR_STORE,       /* the store cannot be opened, read or written */
  VITAE_ERR_QUERY,       /* a query failed to prepare or run */
  VITAE_ERR_NOMEM,       /* an allocation failed */
  VITAE_ERR_UNSUPPORTED, /* a feature this build or backend does not have */
  VITAE_ERR_NOTFOUND,    /* a named thing (graph, entity) does not exist */
  VITAE_ERR_INPUT,       /* input is well-formed but unusable (binary, empty) */
  VITAE_ERR_TIMEOUT      /* an operation ran past its time limit */
} vitae_status;

/* A short static English name for a status ("syntax error"). */
const char *vitae_strerror(vitae_status status);

/* The process exit code for a status: 0 ok, 2 usage, 1 everything else. */
int vitae_status_exit_code(vitae_status status);

#endif
