/* fopencookie() and F_SETPIPE_SZ */
#define _GNU_SOURCE 1
#include "cli/fanout.h"

#include "cli/cmd.h"
#include "core/buf.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* What precedes an item's bytes on a worker's pipe. */
typedef struct frame {
  uint64_t out_len, msg_len;
  int32_t code, stop;
} frame;

static int write_all(int fd, const void *data, size_t n) {
  const char *p = data;
  while (n) {
    ssize_t k = write(fd, p, n);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) return -1;
    p += k;
    n -= (size_t)k;
  }
  return 0;
}

/* 0 when n bytes were read, -1 at an early end or an error. */
static int read_all(int fd, void *data, size_t n) {
  char *p = data;
  while (n) {
    ssize_t k = read(fd, p, n);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) return -1;
    p += k;
    n -= (size_t)k;
  }
  return 0;
}

/* A stream that appends to a vitae_buf: the worker's output and messages
 * go to two buffers kept from item to item (a memory stream per item made
 * the kernel hand out and take back a megabyte of pages each time). */
static ssize_t buf_write(void *cookie, const char *data, size_t n) {
  return vitae_buf_append(cookie, data, n) == VITAE_OK ? (ssize_t)n : -1;
}

static FILE *buf_stream(vitae_buf *b) {
  cookie_io_functions_t io = {NULL, buf_write, NULL, NULL};
  return fopencookie(b, "w", io);
}

/* A worker's life: its items, each sent whole; never returns. */
static void worker(int fd, size_t first, size_t n, int jobs, cli_fanout_work_fn work, void *ctx) {
  vitae_buf out = VITAE_BUF_INIT, msg = VITAE_BUF_INIT;
  FILE *fo = buf_stream(&out), *fm = buf_stream(&msg);
  for (size_t i = first; i < n; i += (size_t)jobs) {
    vitae_buf_reset(&out);
    vitae_buf_reset(&msg);
    int stop = 0, code = EXIT_ERROR;
    if (fo && fm) code = work(ctx, i, fo, fm, &stop);
    else stop = 1; /* (the parent sees an item with no output and an error code) */
    if (!fo || !fm || fflush(fo) != 0 || fflush(fm) != 0 || out.failed || msg.failed) {
      stop = 1;
      code = EXIT_ERROR;
    }
    frame f = {out.len, msg.len, code, stop};
    int sent = write_all(fd, &f, sizeof f) == 0 && write_all(fd, out.data, out.len) == 0 &&
               write_all(fd, msg.data, msg.len) == 0;
    if (!sent || stop) break;
  }
  close(fd);
  _exit(0); /* not exit(): the parent's stdio buffers and atexit work are not ours */
}

static void end_workers(pid_t *pids, int *fds, int jobs, int kill_them) {
  for (int k = 0; k < jobs; k++) {
    if (fds[k] >= 0) close(fds[k]);
    if (pids[k] > 0 && kill_them) kill(pids[k], SIGTERM);
  }
  for (int k = 0; k < jobs; k++)
    if (pids[k] > 0) waitpid(pids[k], NULL, 0);
}

vitae_status cli_fanout_run(size_t n, int jobs, cli_fanout_work_fn work, cli_fanout_take_fn take,
                            void *ctx, vitae_error *err) {
  if ((size_t)jobs > n) jobs = n ? (int)n : 1;
  pid_t *pids = calloc((size_t)jobs, sizeof *pids);
  int *fds = malloc((size_t)jobs * sizeof *fds);
  if (!pids || !fds) {
    free(pids);
    free(fds);
    return vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
  }
  for (int k = 0; k < jobs; k++) fds[k] = -1;
  fflush(stdout); /* a child must not inherit unwritten output */
  fflush(stderr);
  vitae_status st = VITAE_OK;
  for (int k = 0; k < jobs && st == VITAE_OK; k++) {
    int p[2];
    if (pipe(p) != 0) {
      st = vitae_error_set(err, VITAE_ERR_IO, NULL, 0, 0, "cannot start worker processes: %s",
                           strerror(errno));
      break;
    }
#ifdef F_SETPIPE_SZ
    /* room for a whole part: a worker that is ahead does not wait at every 64 KB */
    (void)fcntl(p[1], F_SETPIPE_SZ, 1 << 20);
#endif
    pid_t pid = fork();
    if (pid == 0) {
      close(p[0]);
      for (int j = 0; j < k; j++) close(fds[j]); /* the other workers' pipes are not ours */
      worker(p[1], (size_t)k, n, jobs, work, ctx);
    }
    close(p[1]);
    if (pid < 0) {
      close(p[0]);
      st = vitae_error_set(err, VITAE_ERR_IO, NULL, 0, 0, "cannot start worker processes: %s",
                           strerror(errno));
      break;
    }
    pids[k] = pid;
    fds[k] = p[0];
  }
  int stopped = 0;
  char *buf = NULL;
  size_t cap = 0;
  for (size_t i = 0; i < n && st == VITAE_OK && !stopped; i++) {
    int fd = fds[i % (size_t)jobs];
    frame f;
    if (read_all(fd, &f, sizeof f) != 0) {
      st = vitae_error_set(err, VITAE_ERR_IO, NULL, 0, 0, "a worker process ended early (item %zu)", i + 1);
      break;
    }
    size_t need = (size_t)f.out_len + (size_t)f.msg_len + 1;
    if (need > cap) {
      char *more = realloc(buf, need);
      if (!more) {
        st = vitae_error_set(err, VITAE_ERR_NOMEM, NULL, 0, 0, "out of memory");
        break;
      }
      buf = more;
      cap = need;
    }
    if (read_all(fd, buf, need - 1) != 0) {
      st = vitae_error_set(err, VITAE_ERR_IO, NULL, 0, 0, "a worker process ended early (item %zu)", i + 1);
      break;
    }
    stopped = take(ctx, i, buf, (size_t)f.out_len, buf + f.out_len, (size_t)f.msg_len, f.code, f.stop) || f.stop;
  }
  free(buf);
  end_workers(pids, fds, jobs, st != VITAE_OK || stopped);
  free(pids);
  free(fds);
  return st;
}
