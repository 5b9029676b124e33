# ontology: the vitae vocabulary (OWL, Turtle) and the gazetteers that the
# extractor reads, installed under $(pkgdatadir)/ontology/.
nobase_dist_pkgdata_DATA += \
	ontology/vitae.ttl \
	ontology/gazetteer/countries.tsv \
	ontology/gazetteer/places.tsv \
	ontology/gazetteer/languages.tsv \
	ontology/gazetteer/offices.tsv \
	ontology/gazetteer/organizations.tsv \
	ontology/gazetteer/organizations-known.tsv \
	ontology/gazetteer/months.tsv \
	ontology/gazetteer/kinship.tsv \
	ontology/gazetteer/abbreviations.txt

# countries.tsv is generated from Debian iso-codes by make-countries.py and
# kept in git; regenerate with
#   /usr/bin/python3 ontology/gazetteer/make-countries.py
EXTRA_DIST += \
	ontology/gazetteer/make-countries.py \
	ontology/gazetteer/countries-extra.tsv \
	tests/cli/ontology.sh \
	tests/cli/gazetteer.sh \
	tests/fixtures/contract-terms.txt

TESTS += tests/cli/ontology.sh tests/cli/gazetteer.sh
