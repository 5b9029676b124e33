# bench/extract.mk: `make bench-extract` (and so `make bench`) measures the
# extractor's throughput and memory on generated biographies, beside a plain
# text floor (wc -w) and a Python regex pipeline; see bench/extract.sh.
# It builds src/vitae, generates about 50 MB of text into bench/out/ (kept for
# later runs) and writes bench/out/extract.md; a full run takes several
# minutes.  BENCH_EXTRACT_FLAGS=--quick makes it a smoke run.
EXTRA_DIST += bench/gen-bios.py bench/extract.sh bench/extract.mk bench/extract-identical.sh

.PHONY: bench bench-extract
bench: bench-extract
bench-extract: src/vitae$(EXEEXT)
	top_builddir=$(abs_top_builddir) VITAE=$(abs_top_builddir)/src/vitae$(EXEEXT) \
	  VITAE_DATADIR=$(abs_top_srcdir) bash $(srcdir)/bench/extract.sh \
	  --out $(abs_top_builddir)/bench/out $(BENCH_EXTRACT_FLAGS)
