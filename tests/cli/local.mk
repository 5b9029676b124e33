# CLI integration tests (shell); each lists its fixtures.
TESTS += tests/cli/store.sh tests/cli/query.sh
EXTRA_DIST += tests/cli/lib.sh tests/cli/store.sh tests/cli/query.sh tests/oracle.py \
	tests/fixtures/people.trig tests/fixtures/select.rq
