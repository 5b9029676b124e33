/* The connection guard (guard.h): one list of the open connections under
 * one lock, and a thread that looks at it a few times a second. */
#include "serve/guard.h"

#include <pthread.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

struct vitae_guard_conn {
  vitae_guard_conn *prev, *next;
  int fd;
  struct timespec since; /* accepted, or its last answer sent */
  int waiting;           /* a request is awaited or being received */
  int cut;               /* shut down by the guard: no longer holds a slot */
};

struct vitae_guard {
  pthread_mutex_t lock;
  pthread_cond_t wake; /* on CLOCK_MONOTONIC; signalled to stop */
  pthread_t thread;
  int has_thread, stopping;
  double deadline, grace;
  unsigned slots, live; /* live: open connections not cut */
  vitae_guard_conn *head;
  vitae_guard_counts counts;
};

static double seconds_since(const struct timespec *t, const struct timespec *now) {
  return (double)(now->tv_sec - t->tv_sec) + (double)(now->tv_nsec - t->tv_nsec) / 1e9;
}

/* Under the lock.  shutdown, not close: the socket stays libmicrohttpd's,
 * whose thread then reads the end of the stream and closes it. */
static void cut(vitae_guard *g, vitae_guard_conn *c) {
  shutdown(c->fd, SHUT_RDWR);
  c->cut = 1;
  g->live--;
}

/* Under the lock: close the connections past their deadline. */
static void cut_late(vitae_guard *g) {
  if (g->deadline <= 0) return;
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  for (vitae_guard_conn *c = g->head; c; c = c->next)
    if (c->waiting && !c->cut && seconds_since(&c->since, &now) >= g->deadline) {
      cut(g, c);
      g->counts.deadline_cuts++;
    }
}

/* Under the lock: the connection other than `except` that has waited
 * longest for a whole request, at least `min_wait` seconds; or NULL. */
static vitae_guard_conn *longest_waiting(vitae_guard *g, const vitae_guard_conn *except,
                                         double min_wait) {
  vitae_guard_conn *oldest = NULL;
  double oldest_wait = min_wait;
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  for (vitae_guard_conn *c = g->head; c; c = c->next) {
    double wait = seconds_since(&c->since, &now);
    if (c != except && c->waiting && !c->cut && wait >= oldest_wait) {
      oldest = c;
      oldest_wait = wait;
    }
  }
  return oldest;
}

/* Under the lock: back to the slots, by closing the connections that have
 * waited longest, each at least the grace.  A newcomer has the grace to
 * send its request: were it cut at once, slow clients that reconnect when
 * cut would take turns cutting each other as fast as they can connect. */
static void trim(vitae_guard *g) {
  vitae_guard_conn *c;
  while (g->slots && g->live > g->slots && (c = longest_waiting(g, NULL, g->grace))) {
    cut(g, c);
    g->counts.slot_cuts++;
  }
}

/* A twentieth of the deadline (or of the grace), between 50 ms and 500 ms:
 * a slow client is cut at most that late, for at most 20 wake-ups a
 * second. */
static struct timespec next_look(const vitae_guard *g) {
  double tick = (g->deadline > 0 ? g->deadline : g->grace) / 20;
  if (tick < 0.05) tick = 0.05;
  if (tick > 0.5) tick = 0.5;
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  long ns = t.tv_nsec + (long)(tick * 1e9);
  t.tv_sec += ns / 1000000000L;
  t.tv_nsec = ns % 1000000000L;
  return t;
}

static void *watch(void *arg) {
  vitae_guard *g = arg;
  pthread_mutex_lock(&g->lock);
  while (!g->stopping) {
    struct timespec until = next_look(g);
    pthread_cond_timedwait(&g->wake, &g->lock, &until);
    if (g->stopping) break;
    cut_late(g);
    trim(g);
  }
  pthread_mutex_unlock(&g->lock);
  return NULL;
}

vitae_guard *vitae_guard_new(double deadline, unsigned slots) {
  vitae_guard *g = calloc(1, sizeof *g);
  if (!g) return NULL;
  g->deadline = deadline;
  g->grace = deadline > 0 && deadline < 2 ? deadline / 2 : 1;
  g->slots = slots;
  pthread_condattr_t attr;
  pthread_condattr_init(&attr);
  pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
  pthread_mutex_init(&g->lock, NULL);
  pthread_cond_init(&g->wake, &attr);
  pthread_condattr_destroy(&attr);
  if (deadline > 0 || slots) {
    if (pthread_create(&g->thread, NULL, watch, g) != 0) {
      vitae_guard_free(g);
      return NULL;
    }
    g->has_thread = 1;
  }
  return g;
}

void vitae_guard_free(vitae_guard *g) {
  if (!g) return;
  if (g->has_thread) {
    pthread_mutex_lock(&g->lock);
    g->stopping = 1;
    pthread_cond_signal(&g->wake);
    pthread_mutex_unlock(&g->lock);
    pthread_join(g->thread, NULL);
  }
  while (g->head) { /* none should be left; never leak them */
    vitae_guard_conn *c = g->head;
    g->head = c->next;
    free(c);
  }
  pthread_cond_destroy(&g->wake);
  pthread_mutex_destroy(&g->lock);
  free(g);
}

vitae_guard_conn *vitae_guard_open(vitae_guard *g, int fd) {
  vitae_guard_conn *c = calloc(1, sizeof *c);
  if (!c) return NULL;
  c->fd = fd;
  c->waiting = 1;
  clock_gettime(CLOCK_MONOTONIC, &c->since);
  pthread_mutex_lock(&g->lock);
  c->next = g->head;
  if (g->head) g->head->prev = c;
  g->head = c;
  g->live++;
  trim(g);
  if (g->slots && g->live > 2 * g->slots) { /* full: no grace */
    vitae_guard_conn *victim = longest_waiting(g, c, 0);
    cut(g, victim ? victim : c);
    g->counts.slot_cuts++;
  }
  pthread_mutex_unlock(&g->lock);
  return c;
}

void vitae_guard_request_in(vitae_guard *g, vitae_guard_conn *c) {
  if (!c) return;
  pthread_mutex_lock(&g->lock);
  c->waiting = 0;
  pthread_mutex_unlock(&g->lock);
}

void vitae_guard_answered(vitae_guard *g, vitae_guard_conn *c) {
  if (!c) return;
  pthread_mutex_lock(&g->lock);
  c->waiting = 1;
  clock_gettime(CLOCK_MONOTONIC, &c->since);
  pthread_mutex_unlock(&g->lock);
}

void vitae_guard_close(vitae_guard *g, vitae_guard_conn *c) {
  if (!c) return;
  pthread_mutex_lock(&g->lock);
  if (c->prev) c->prev->next = c->next;
  else g->head = c->next;
  if (c->next) c->next->prev = c->prev;
  if (!c->cut) g->live--;
  pthread_mutex_unlock(&g->lock);
  free(c);
}

vitae_guard_counts vitae_guard_get_counts(vitae_guard *g) {
  pthread_mutex_lock(&g->lock);
  vitae_guard_counts n = g->counts;
  pthread_mutex_unlock(&g->lock);
  return n;
}
