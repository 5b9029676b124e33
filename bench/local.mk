# bench: benchmark scripts.  Nothing here runs during `make check`; they are
# run by hand (see docs/store-backends.md) or with `make bench-backends`.
EXTRA_DIST += bench/gen-triples.py bench/backends.sh

# Loads 10k, 100k and 1M generated triples into both on-disk backends and
# times queries; takes about an hour (the sqlite loads hit their time cap).
# Pass options with BENCH_BACKENDS_FLAGS, e.g. "--sizes 10000 --runs 1".
.PHONY: bench-backends
bench-backends: src/vitae$(EXEEXT)
	VITAE=$(abs_top_builddir)/src/vitae$(EXEEXT) bash $(srcdir)/bench/backends.sh \
	  --out $(abs_top_builddir)/bench/out/backends.md $(BENCH_BACKENDS_FLAGS)
