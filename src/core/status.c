#include "core/status.h"

const char *vitae_strerror(vitae_status status) {
  switch (status) {
  case VITAE_OK: return "success";
  case VITAE_ERR_USAGE: return "usage error";
  case VITAE_ERR_IO: return "input/output error";
  case VITAE_ERR_SYNTAX: return "syntax error";
  case VITAE_ERR_STORE: return "store error";
  case VITAE_ERR_QUERY: return "query error";
  case VITAE_ERR_NOMEM: return "out of memory";
  case VITAE_ERR_UNSUPPORTED: return "not supported";
  case VITAE_ERR_NOTFOUND: return "not found";
  case VITAE_ERR_INPUT: return "unusable input";
  case VITAE_ERR_TIMEOUT: return "time limit exceeded";
  }
  return "unknown error";
}

int vitae_status_exit_code(vitae_status status) {
  switch (status) {
  case VITAE_OK: return 0;
  case VITAE_ERR_USAGE: return 2;
  default: return 1;
  }
}
