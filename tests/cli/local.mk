# CLI integration tests (shell); each lists its fixtures.
TESTS += tests/cli/store.sh tests/cli/query.sh
EXTRA_DIST += tests/cli/lib.sh tests/cli/store.sh tests/cli/query.sh tests/oracle.py \
	tests/fixtures/people.trig tests/fixtures/select.rq
TESTS += tests/cli/extract.sh
EXTRA_DIST += tests/cli/extract.sh tests/extract/two-a.txt tests/extract/two-b.txt
TESTS += tests/cli/quality.sh
EXTRA_DIST += tests/cli/quality.sh tests/quality-floors.tsv
