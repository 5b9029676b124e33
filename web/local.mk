# web: the page that `vitae serve` gives at / and the scripts of its entity
# pages: plain HTML, CSS and JavaScript, no library and nothing fetched from
# elsewhere.  Installed under $(pkgdatadir)/web/; the server reads them at
# run time from the data directory (VITAE_DATADIR, or the install path).
nobase_dist_pkgdata_DATA += \
	web/index.html \
	web/style.css \
	web/common.js \
	web/index.js \
	web/entity.js
