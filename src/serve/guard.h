/* The server's connection guard: a deadline for receiving each whole
 * request, and the connection slots kept for clients that send theirs.
 *
 * libmicrohttpd's connection timeout is an idle one: a client that sends a
 * byte now and then (slowloris) is never idle, and holds its connection and
 * thread for as long as it trickles.  The guard closes such connections the
 * way nginx's client_header_timeout and Apache's mod_reqtimeout do: a
 * thread of its own shuts down the socket of every connection whose request
 * is still incomplete `deadline` seconds after the connection could start
 * sending it (accepted, or its last answer sent).
 *
 * And it keeps the slots for clients that send whole requests: a new
 * connection is let in even when `slots` are open, and while more than
 * `slots` are, those that have waited longest for a whole request (a slow
 * client's, or an idle keep-alive one: nginx reuses those too) are shut
 * down, down to `slots`, each once it has waited a grace of 1 s (half the
 * deadline if that is shorter) -- the newcomer's time to send its request.
 * Only a connection that would make more than 2 x `slots` is not given the
 * grace: the one that has waited longest goes at once (the newcomer itself
 * when no other waits).  So slow clients hold every slot only until well-
 * formed ones come, and, as long as they hold fewer than 2 x `slots`
 * connections, no well-formed client is turned away.  Connections whose
 * request is in (being answered) are never touched.
 *
 * The guard knows sockets, not libmicrohttpd: server.c tells it when a
 * connection opens and closes and when its request is in and answered.
 * Every function may be called from any thread. */
#ifndef VITAE_SERVE_GUARD_H
#define VITAE_SERVE_GUARD_H

typedef struct vitae_guard vitae_guard;
typedef struct vitae_guard_conn vitae_guard_conn;

/* What the guard has done so far. */
typedef struct vitae_guard_counts {
  unsigned long deadline_cuts; /* closed: no whole request within the deadline */
  unsigned long slot_cuts;     /* closed to free a slot for a new connection */
} vitae_guard_counts;

/* A guard with a deadline in seconds (<= 0: none) and `slots` connections
 * served (0: no limit).  It starts its watch thread (unless it has neither),
 * which inherits the caller's signal mask.  NULL when out of memory or
 * without a thread.  The caller frees it with vitae_guard_free(). */
vitae_guard *vitae_guard_new(double deadline, unsigned slots);

/* Stop the watch thread and free the guard (NULL is allowed).  Every
 * connection must have been closed (vitae_guard_close) before. */
void vitae_guard_free(vitae_guard *g);

/* A connection was accepted on socket fd: its entry, which the guard owns
 * until vitae_guard_close (NULL when out of memory: the connection is then
 * not watched).  Its deadline starts now; other connections may be shut
 * down to make room (above). */
vitae_guard_conn *vitae_guard_open(vitae_guard *g, int fd);

/* The connection's whole request is in: no deadline while it is answered. */
void vitae_guard_request_in(vitae_guard *g, vitae_guard_conn *c);

/* Its answer is sent: the deadline for the next request starts now. */
void vitae_guard_answered(vitae_guard *g, vitae_guard_conn *c);

/* The connection is closing, its socket still open: forget and free c
 * (NULL is allowed).  After this the guard never touches its socket. */
void vitae_guard_close(vitae_guard *g, vitae_guard_conn *c);

/* The counts so far. */
vitae_guard_counts vitae_guard_get_counts(vitae_guard *g);

#endif
