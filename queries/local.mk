# queries: the showcase SPARQL queries (each opens with its question), installed
# under $(pkgdatadir)/queries/ for "vitae demo" and for users; queries/paths/
# holds the property-path twins that rasqal cannot run (the tests run them
# in rdflib).  tests/cli/showcase.sh checks every file here is listed.
nobase_dist_pkgdata_DATA += \
	queries/activity-by-year.rq \
	queries/appointments.rq \
	queries/congratulations.rq \
	queries/countries-visited.rq \
	queries/education-languages.rq \
	queries/evidence.rq \
	queries/family.rq \
	queries/leaders-met.rq \
	queries/memberships.rq \
	queries/met-with.rq \
	queries/network.rq \
	queries/office-holders.rq \
	queries/office-succession.rq \
	queries/offices-held.rq \
	queries/paths/countries-visited.rq \
	queries/paths/family.rq \
	queries/paths/met-with.rq \
	queries/paths/network.rq \
	queries/paths/office-succession.rq \
	queries/paths/relatives.rq \
	queries/paths/succession.rq \
	queries/relatives.rq \
	queries/served-together.rq \
	queries/served-under.rq \
	queries/succession.rq \
	queries/year.rq

# The answers on the bundled biography, checked by tests/cli/showcase.sh;
# regenerate them from this build with "make showcase-expected" when the
# extractor changes (and review the diff).
TESTS += tests/cli/showcase.sh
EXTRA_DIST += tests/cli/showcase.sh \
	tests/showcase/expected/activity-by-year.tsv \
	tests/showcase/expected/appointments.tsv \
	tests/showcase/expected/congratulations.tsv \
	tests/showcase/expected/countries-visited.tsv \
	tests/showcase/expected/education-languages.tsv \
	tests/showcase/expected/evidence.tsv \
	tests/showcase/expected/family.tsv \
	tests/showcase/expected/leaders-met.tsv \
	tests/showcase/expected/memberships.tsv \
	tests/showcase/expected/met-with.tsv \
	tests/showcase/expected/network.tsv \
	tests/showcase/expected/office-holders.tsv \
	tests/showcase/expected/office-succession.tsv \
	tests/showcase/expected/offices-held.tsv \
	tests/showcase/expected/relatives.tsv \
	tests/showcase/expected/served-together.tsv \
	tests/showcase/expected/served-under.tsv \
	tests/showcase/expected/succession.tsv \
	tests/showcase/expected/year.tsv

showcase-expected: src/vitae
	$(AM_V_GEN)VITAE=$(abs_top_builddir)/src/vitae top_srcdir=$(abs_top_srcdir) \
	  VITAE_DATADIR=$(abs_top_srcdir) PYTHON_ORACLE="$(PYTHON_ORACLE)" \
	  $(SHELL) $(top_srcdir)/tests/cli/showcase.sh --regenerate
.PHONY: showcase-expected
