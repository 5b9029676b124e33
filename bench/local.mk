# bench: benchmark scripts, run by hand (see docs/store-backends.md) or
# with `make bench-backends`, `make bench`, `make bench-serve`; only the
# short run of bench/serve-load.sh is part of `make check`.
EXTRA_DIST += bench/gen-triples.py bench/backends.sh

# Loads 10k, 100k and 1M generated triples into both on-disk backends and
# times queries; takes about an hour (the sqlite loads hit their time cap).
# Pass options with BENCH_BACKENDS_FLAGS, e.g. "--sizes 10000 --runs 1".
.PHONY: bench-backends
bench-backends: src/vitae$(EXEEXT)
	VITAE=$(abs_top_builddir)/src/vitae$(EXEEXT) bash $(srcdir)/bench/backends.sh \
	  --out $(abs_top_builddir)/bench/out/backends.md $(BENCH_BACKENDS_FLAGS)

# `make bench` (with bench-extract, bench/extract.mk): bench/bench.sh prints
# the side-by-side table (load vs rdfproc and rapper, inference, size on
# disk, showcase query latency, generated biographies) and writes a plot.
# The default sizes take about 10 minutes; the full run:
#   make bench BENCH_SIZES="10000 100000 1000000" BENCH_BIOS="1 10 100 1000"
EXTRA_DIST += bench/bench.sh bench/plot.py bench/queries-1m/point.rq bench/queries-1m/two-hop.rq \
  bench/queries-1m/group-by.rq
.PHONY: bench-perf
bench: bench-perf
bench-perf: src/vitae$(EXEEXT)
	top_srcdir=$(abs_top_srcdir) VITAE=$(abs_top_builddir)/src/vitae$(EXEEXT) \
	  BENCH_OUT=$(abs_top_builddir)/bench/out \
	  BENCH_SIZES="$(BENCH_SIZES)" BENCH_BIOS="$(BENCH_BIOS)" BENCH_RUNS="$(BENCH_RUNS)" BENCH_CAP="$(BENCH_CAP)" \
	  bash $(srcdir)/bench/bench.sh

# vitae serve under load on loopback (bench/serve-load.sh): 32 clients
# asking the showcase queries for 60 s, slow clients, an explosive query,
# the server's memory sampled.  BENCH_SERVE_FLAGS="--seconds 10" for a short
# run; tests/cli/serve-load.sh runs the short one in make check.
EXTRA_DIST += bench/serve-load.sh bench/serve-load.py tests/cli/serve-load.sh
TESTS += tests/cli/serve-load.sh
.PHONY: bench-serve
bench-serve: src/vitae$(EXEEXT)
	top_srcdir=$(abs_top_srcdir) VITAE=$(abs_top_builddir)/src/vitae$(EXEEXT) \
	  sh $(srcdir)/bench/serve-load.sh $(BENCH_SERVE_FLAGS)
