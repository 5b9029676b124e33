# CLI integration tests (shell); each lists its fixtures.
TESTS += tests/cli/store.sh tests/cli/query.sh
EXTRA_DIST += tests/cli/lib.sh tests/cli/store.sh tests/cli/query.sh tests/oracle.py \
	tests/fixtures/people.trig tests/fixtures/select.rq
TESTS += tests/cli/extract.sh
EXTRA_DIST += tests/cli/extract.sh tests/extract/two-a.txt tests/extract/two-b.txt
TESTS += tests/cli/extract-jobs.sh
EXTRA_DIST += tests/cli/extract-jobs.sh
TESTS += tests/cli/quality.sh
EXTRA_DIST += tests/cli/quality.sh tests/quality-floors.tsv \
	tests/bios/README.md tests/bios/angela-merkel.txt tests/bios/angela-merkel.tsv \
	tests/bios/kofi-annan.txt tests/bios/kofi-annan.tsv tests/bios/manmohan-singh.txt \
	tests/bios/manmohan-singh.tsv tests/bios/michelle-bachelet.txt tests/bios/michelle-bachelet.tsv

# The virtuoso: backend against a throwaway Virtuoso on loopback (skips
# without virtuoso-t; CI installs it).
TESTS += tests/cli/virtuoso.sh
EXTRA_DIST += tests/cli/virtuoso.sh tools/virtuoso-local.sh
