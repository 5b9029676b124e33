#include "cli/progress.h"

#include <time.h>
#include <unistd.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void cli_progress_init(cli_progress *p, const vitae_cli *cli) {
  *p = (cli_progress){0};
  p->on = !cli->quiet && isatty(STDERR_FILENO);
  p->scale = 1;
}

void cli_progress_phase(cli_progress *p, const char *what, const char *unit, double scale,
                        double total) {
  p->what = what;
  p->unit = unit;
  p->scale = scale > 0 ? scale : 1;
  p->total = total;
  p->done = 0;
  p->t0 = now();
  p->last = 0;
}

static void draw(cli_progress *p, double t) {
  double el = t - p->t0, rate = el > 0 ? p->done / el : 0;
  char bar[24] = "", left[32] = "";
  if (p->total > 0) {
    double f = p->done / p->total;
    if (f > 1) f = 1;
    int n = (int)(f * 20 + 0.5);
    for (int i = 0; i < 20; i++) bar[i] = i < n ? '#' : '.';
    bar[20] = '\0';
    if (rate > 0) {
      long s = (long)((p->total - p->done) / rate + 0.5);
      snprintf(left, sizeof left, " ETA %ld:%02ld", s / 60, s % 60);
    }
    fprintf(stderr, "\r\033[K%s [%s] %3.0f%% %.1f/%.1f %s, %.1f %s/s%s", p->what, bar, 100 * f,
            p->done / p->scale, p->total / p->scale, p->unit, rate / p->scale, p->unit, left);
  } else {
    fprintf(stderr, "\r\033[K%s %.1f %s, %.1f %s/s", p->what, p->done / p->scale, p->unit,
            rate / p->scale, p->unit);
  }
  fflush(stderr);
  p->shown = 1;
  p->last = t;
}

void cli_progress_set(cli_progress *p, double done, int force) {
  if (!p->on) return;
  p->done = done;
  double t = now();
  if (force || !p->shown || t - p->last >= 0.1) draw(p, t);
}

void cli_progress_clear(cli_progress *p) {
  if (!p->on || !p->shown) return;
  fputs("\r\033[K", stderr);
  fflush(stderr);
  p->shown = 0;
}
