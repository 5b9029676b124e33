/* Unit tests for src/serve/guard.c on socket pairs: the guard's end of a
 * pair stands for a connection's socket, and the other end, the client,
 * sees the end of the stream when the guard shuts the connection down.
 * No timing is asserted beyond "not before the deadline" and a generous
 * "within 20 s". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <poll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "serve/guard.h"

/* A connected pair: [0] the server's socket, [1] the client's. */
typedef struct pair {
  int fd[2];
} pair;

static pair pair_new(void) {
  pair p;
  assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, p.fd), 0);
  return p;
}

static void pair_free(pair *p) {
  close(p->fd[0]);
  close(p->fd[1]);
}

/* Whether the client's end sees the end of the stream within ms. */
static int closed_within(const pair *p, int ms) {
  struct pollfd pf = {p->fd[1], POLLIN, 0};
  if (poll(&pf, 1, ms) != 1) return 0;
  char c;
  return read(p->fd[1], &c, 1) == 0;
}

static double now_s(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void test_free_null(void **state) {
  vitae_guard_free(NULL);
  vitae_guard *g = vitae_guard_new(0, 0);
  assert_non_null(g);
  vitae_guard_close(g, NULL);
  vitae_guard_request_in(g, NULL);
  vitae_guard_answered(g, NULL);
  vitae_guard_free(g);
}

/* A connection that never sends a whole request is shut down at the
 * deadline, not before. */
static void test_deadline_cuts_a_slow_client(void **state) {
  vitae_guard *g = vitae_guard_new(0.3, 0);
  assert_non_null(g);
  pair p = pair_new();
  double t0 = now_s();
  vitae_guard_conn *c = vitae_guard_open(g, p.fd[0]);
  assert_non_null(c);
  assert_true(closed_within(&p, 20000));
  assert_true(now_s() - t0 >= 0.3);
  assert_int_equal(vitae_guard_get_counts(g).deadline_cuts, 1);
  assert_int_equal(vitae_guard_get_counts(g).slot_cuts, 0);
  vitae_guard_close(g, c);
  vitae_guard_free(g);
  pair_free(&p);
}

/* No deadline while a request is answered (however long); the next
 * request's deadline starts when the answer is sent. */
static void test_no_deadline_while_answered(void **state) {
  vitae_guard *g = vitae_guard_new(0.1, 0);
  pair p = pair_new();
  vitae_guard_conn *c = vitae_guard_open(g, p.fd[0]);
  vitae_guard_request_in(g, c);
  assert_false(closed_within(&p, 1000)); /* ten deadlines */
  assert_int_equal(vitae_guard_get_counts(g).deadline_cuts, 0);
  double t0 = now_s();
  vitae_guard_answered(g, c);
  assert_true(closed_within(&p, 20000));
  assert_true(now_s() - t0 >= 0.1);
  assert_int_equal(vitae_guard_get_counts(g).deadline_cuts, 1);
  vitae_guard_close(g, c);
  vitae_guard_free(g);
  pair_free(&p);
}

/* Without a deadline nothing is cut for time. */
static void test_no_deadline(void **state) {
  vitae_guard *g = vitae_guard_new(0, 0);
  pair p = pair_new();
  vitae_guard_conn *c = vitae_guard_open(g, p.fd[0]);
  assert_false(closed_within(&p, 300));
  vitae_guard_close(g, c);
  vitae_guard_free(g);
  pair_free(&p);
}

/* Over the slots, a newcomer is let in; the connection that has waited
 * longest for a whole request goes once it has waited the grace (1 s),
 * and only as many as make room. */
static void test_slots_trimmed_after_grace(void **state) {
  vitae_guard *g = vitae_guard_new(0, 2);
  pair a = pair_new(), b = pair_new(), c = pair_new();
  double t0 = now_s();
  vitae_guard_conn *ca = vitae_guard_open(g, a.fd[0]);
  struct timespec pause = {0, 20 * 1000 * 1000};
  nanosleep(&pause, NULL);
  vitae_guard_conn *cb = vitae_guard_open(g, b.fd[0]);
  vitae_guard_conn *cc = vitae_guard_open(g, c.fd[0]);
  assert_false(closed_within(&a, 0)); /* the third is let in, nobody goes yet */
  assert_true(closed_within(&a, 20000));
  assert_true(now_s() - t0 >= 1.0);
  assert_false(closed_within(&b, 300));
  assert_false(closed_within(&c, 0));
  assert_int_equal(vitae_guard_get_counts(g).slot_cuts, 1);
  vitae_guard_close(g, ca);
  vitae_guard_close(g, cb);
  vitae_guard_close(g, cc);
  vitae_guard_free(g);
  pair_free(&a);
  pair_free(&b);
  pair_free(&c);
}

/* Past twice the slots there is no grace: the connection that has waited
 * longest goes at once, one being answered never, and the newcomer itself
 * when no other waits. */
static void test_twice_the_slots(void **state) {
  vitae_guard *g = vitae_guard_new(0, 1);
  pair x = pair_new(), y = pair_new(), z = pair_new(), w = pair_new();
  vitae_guard_conn *cx = vitae_guard_open(g, x.fd[0]);
  vitae_guard_request_in(g, cx);
  vitae_guard_conn *cy = vitae_guard_open(g, y.fd[0]);
  assert_false(closed_within(&y, 0)); /* two: let in */
  vitae_guard_conn *cz = vitae_guard_open(g, z.fd[0]);
  assert_true(closed_within(&y, 0)); /* three: y, waiting longest, goes */
  assert_false(closed_within(&x, 0));
  assert_false(closed_within(&z, 0));
  vitae_guard_request_in(g, cz);
  vitae_guard_conn *cw = vitae_guard_open(g, w.fd[0]);
  assert_true(closed_within(&w, 0)); /* x and z answered: w goes itself */
  assert_false(closed_within(&x, 0));
  assert_false(closed_within(&z, 0));
  assert_int_equal(vitae_guard_get_counts(g).slot_cuts, 2);
  vitae_guard_close(g, cy);
  vitae_guard_close(g, cw);
  vitae_guard_close(g, cx);
  vitae_guard_close(g, cz);
  vitae_guard_free(g);
  pair_free(&x);
  pair_free(&y);
  pair_free(&z);
  pair_free(&w);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_free_null),
      cmocka_unit_test(test_deadline_cuts_a_slow_client),
      cmocka_unit_test(test_no_deadline_while_answered),
      cmocka_unit_test(test_no_deadline),
      cmocka_unit_test(test_slots_trimmed_after_grace),
      cmocka_unit_test(test_twice_the_slots),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
