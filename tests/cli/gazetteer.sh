#!/bin/sh
# ontology/gazetteer/*: well-formed UTF-8 TSV with the documented columns,
# unique keys, consistent cross-references (places -> countries, classes ->
# vitae.ttl), no surface form meaning two things unless declared ambiguous,
# every data file installed by ontology/local.mk, and countries.tsv exactly
# what make-countries.py generates from iso-codes (when iso-codes is here).
. "$(dirname "$0")/lib.sh"

GAZ=$top_srcdir/ontology/gazetteer
PY=$PYTHON_ORACLE
"$PY" -c 'import sys; sys.exit(sys.version_info < (3, 6))' 2>/dev/null || PY=python3
"$PY" -c 'import sys; sys.exit(sys.version_info < (3, 6))' 2>/dev/null ||
  { echo "SKIP: no python3"; exit 77; }

for f in "$GAZ"/*.tsv "$GAZ"/*.txt; do
  check "$(basename "$f") is valid UTF-8" sh -c 'iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1' sh "$f"
  check "$(basename "$f") has no CR, no trailing blank, ends with a newline" \
    sh -c '! grep -q "$(printf "\r")" "$1" && ! grep -qE "[ ]+$" "$1" && [ "$(tail -c 1 "$1" | od -An -c | tr -d " ")" = "\\n" ]' sh "$f"
done

cat >"$T/check.py" <<'EOF'
import os
import re
import sys

gaz, ttl, localmk = sys.argv[1], sys.argv[2], sys.argv[3]
failures = 0


def ok(cond, what, details=()):
    global failures
    details = list(details)
    if cond and not details:
        print("ok: " + what)
        return True
    failures += 1
    print("FAIL: " + what + "".join("\n  " + d for d in details[:40])
          + ("\n  ... %d more" % (len(details) - 40) if len(details) > 40 else ""),
          file=sys.stderr)
    return False


COLUMNS = {
    "countries.tsv": ["slug", "label", "kind", "alpha2", "names", "adjectives"],
    "countries-extra.tsv": ["slug", "label", "kind", "alpha2", "names", "adjectives"],
    "places.tsv": ["slug", "label", "kind", "country", "names"],
    "languages.tsv": ["slug", "label", "iso639", "names"],
    "offices.tsv": ["title", "canonical", "scope", "names"],
    "organizations.tsv": ["pattern", "class", "names"],
    "organizations-known.tsv": ["slug", "label", "class", "names"],
    "months.tsv": ["number", "names"],
    "kinship.tsv": ["word", "relation", "gender", "names"],
}
MULTI = {"names", "adjectives"}
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def read(name):
    """Rows as dicts; also checks header line, field count, and cell hygiene;
    returns (rows, ambiguous forms)."""
    path = os.path.join(gaz, name)
    cols = COLUMNS[name]
    rows, ambiguous, header, bad = [], set(), False, []
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if line.startswith("#"):
            if line == "# " + "\t".join(cols):
                header = True
            if line.startswith("# ambiguous:"):
                ambiguous |= {v.strip() for v in line.split(":", 1)[1].split("|") if v.strip()}
            continue
        if not line.strip():
            bad.append("%d: empty line" % n)
            continue
        fields = line.split("\t")
        if len(fields) != len(cols):
            bad.append("%d: %d fields, expected %d" % (n, len(fields), len(cols)))
            continue
        row = dict(zip(cols, fields))
        row["_line"] = n
        for c, v in row.items():
            if c == "_line":
                continue
            if v != v.strip():
                bad.append("%d: %s has surrounding spaces" % (n, c))
            if c in MULTI and v and ("||" in v or v.startswith("|") or v.endswith("|")
                                     or any(x != x.strip() for x in v.split("|"))):
                bad.append("%d: %s has an empty or padded value" % (n, c))
            if c not in MULTI and "|" in v and c != "names":
                bad.append("%d: %s has a '|'" % (n, c))
        rows.append(row)
    ok(header, "%s has the header comment '# %s'" % (name, " ".join(cols)))
    ok(rows, "%s has rows (%d)" % (name, len(rows)))
    ok(True, "%s: every line has %d fields" % (name, len(cols)), bad)
    return rows, ambiguous


def multi(v):
    return [x for x in v.split("|") if x] if v else []


def unique(rows, key, name):
    seen, dup = {}, []
    for r in rows:
        if r[key] in seen:
            dup.append("%s %r on lines %d and %d" % (key, r[key], seen[r[key]], r["_line"]))
        seen[r[key]] = r["_line"]
    ok(not dup, "%s: no duplicate %s" % (name, key), dup)
    return seen


def forms(rows, key, cols):
    """case-folded surface form -> set of keys"""
    out = {}
    for r in rows:
        for c in cols:
            for v in (multi(r[c]) if c in MULTI else [r[c]]):
                if v:
                    out.setdefault(v.casefold(), set()).add(r[key])
    return out


def no_shared_forms(fm, ambiguous, what):
    amb = {a.casefold() for a in ambiguous}
    bad = ["%r: %s" % (f, ", ".join(sorted(k))) for f, k in sorted(fm.items())
           if len(k) > 1 and f not in amb]
    ok(not bad, what, bad)


# --- countries
countries, camb = read("countries.tsv")
cslugs = unique(countries, "slug", "countries.tsv")
ok(True, "countries.tsv: slugs are lower-case ASCII words joined by '-'",
   [r["slug"] for r in countries if not SLUG.match(r["slug"])])
ok(True, "countries.tsv: kind is country, territory or former",
   ["%s: %r" % (r["slug"], r["kind"]) for r in countries
    if r["kind"] not in ("country", "territory", "former")])
ok(True, "countries.tsv: alpha2 is two capital letters or empty",
   ["%s: %r" % (r["slug"], r["alpha2"]) for r in countries
    if r["alpha2"] and not re.match(r"^[A-Z]{2}$", r["alpha2"])])
unique([r for r in countries if r["kind"] != "former" and r["alpha2"]], "alpha2",
       "countries.tsv (current)")
ok(True, "countries.tsv: every country with an ISO code has an adjective",
   [r["slug"] for r in countries if r["kind"] == "country" and r["alpha2"] and not r["adjectives"]])
ok(len([r for r in countries if r["alpha2"] and r["kind"] != "former"]) >= 249,
   "countries.tsv covers the ISO 3166-1 countries")
cforms = forms(countries, "slug", ["label", "names", "adjectives"])
no_shared_forms(cforms, camb, "countries.tsv: no name or adjective belongs to two "
                "countries, except the '# ambiguous:' ones (%s)" % ", ".join(sorted(camb)))
ok(True, "countries.tsv: every '# ambiguous:' form is really shared",
   [a for a in camb if len(cforms.get(a.casefold(), ())) < 2])
for slug, form in (("united-states", "U.S."), ("united-kingdom", "UK"),
                   ("soviet-union", "USSR"), ("china", "PRC"), ("russia", "Russian"),
                   ("kazakhstan", "Kazakh"), ("soviet-union", "Soviet"),
                   ("south-korea", "South Korean"), ("ivory-coast", "Côte d'Ivoire")):
    ok(cforms.get(form.casefold()) == {slug}, "countries.tsv: %r names %s" % (form, slug))

# --- places
places, pamb = read("places.tsv")
unique(places, "slug", "places.tsv")
ok(True, "places.tsv: slugs are lower-case ASCII words joined by '-'",
   [r["slug"] for r in places if not SLUG.match(r["slug"])])
ok(True, "places.tsv: kind is city or region",
   ["%s: %r" % (r["slug"], r["kind"]) for r in places if r["kind"] not in ("city", "region")])
ok(True, "places.tsv: every country is a slug of countries.tsv (or empty)",
   ["%s: %r" % (r["slug"], r["country"]) for r in places
    if r["country"] and r["country"] not in cslugs])
pforms = forms(places, "slug", ["label", "names"])
no_shared_forms(pforms, pamb, "places.tsv: no name belongs to two places")
ok(True, "places.tsv: no place name is also a country's name or adjective",
   ["%r: %s / %s" % (f, ",".join(pforms[f]), ",".join(cforms[f]))
    for f in pforms if f in cforms and f not in {a.casefold() for a in pamb}])
with_capital = {r["country"] for r in places if r["kind"] == "city"}
CITY_STATES = {"singapore", "monaco", "vatican-city"}
ok(True, "places.tsv: every sovereign country with an ISO code but a city-state has a city",
   [r["slug"] for r in countries if r["kind"] == "country" and r["alpha2"]
    and r["slug"] not in with_capital and r["slug"] not in CITY_STATES
    and r["alpha2"] not in ("CK", "NU")])

# --- languages
languages, lamb = read("languages.tsv")
unique(languages, "slug", "languages.tsv")
ok(True, "languages.tsv: iso639 is a 2- or 3-letter code",
   [r["slug"] for r in languages if not re.match(r"^[a-z]{2,3}$", r["iso639"])])
unique(languages, "iso639", "languages.tsv")
ok(True, "languages.tsv: names include '<label> language'",
   [r["slug"] for r in languages if r["label"] + " language" not in multi(r["names"])])
no_shared_forms(forms(languages, "slug", ["label", "names"]), lamb,
                "languages.tsv: no name belongs to two languages")

# --- offices
offices, oamb = read("offices.tsv")
unique(offices, "title", "offices.tsv")
SCOPES = {"country", "organization", "region", "city", "legislature", "country-to",
          "country-to-organization", "organization-head", "legislature-member"}
ok(True, "offices.tsv: scope is one of " + ", ".join(sorted(SCOPES)),
   ["%s: %r" % (r["title"], r["scope"]) for r in offices if r["scope"] not in SCOPES])
ok(True, "offices.tsv: every row has a canonical title",
   [r["title"] for r in offices if not r["canonical"]])
no_shared_forms(forms(offices, "title", ["title", "names"]), oamb,
                "offices.tsv: no name belongs to two titles, except the '# ambiguous:' ones")

# --- organisations: classes must be vt: subclasses of vt:Organization in vitae.ttl
org_classes = None
try:
    import rdflib
    from rdflib import RDFS, URIRef
    g = rdflib.Graph().parse(ttl, format="turtle")
    vt = "https://w3id.org/vitae/ns#"
    root = URIRef(vt + "Organization")
    org_classes = {str(c)[len(vt):] for c in g.transitive_subjects(RDFS.subClassOf, root)
                   if str(c).startswith(vt)}
except ImportError:
    print("skip: no rdflib; organisation classes not checked against vitae.ttl")

patterns, _ = read("organizations.tsv")
unique(patterns, "pattern", "organizations.tsv")
known, kamb = read("organizations-known.tsv")
unique(known, "slug", "organizations-known.tsv")
ok(True, "organizations-known.tsv: slugs are lower-case ASCII words joined by '-'",
   [r["slug"] for r in known if not SLUG.match(r["slug"])])
if org_classes is not None:
    for name, rows in (("organizations.tsv", patterns), ("organizations-known.tsv", known)):
        ok(True, "%s: every class is vt:Organization or a subclass in vitae.ttl" % name,
           ["line %d: %r" % (r["_line"], r["class"]) for r in rows if r["class"] not in org_classes])
pat_forms = {}
for r in patterns:
    for p in [r["pattern"]] + multi(r["names"]):
        pat_forms.setdefault(p, set()).add(r["pattern"])
ok(True, "organizations.tsv: no pattern listed twice",
   ["%r: %s" % (p, ", ".join(k)) for p, k in pat_forms.items() if len(k) > 1])
kforms = forms(known, "slug", ["label", "names"])
no_shared_forms(kforms, kamb, "organizations-known.tsv: no name belongs to two organisations")
ok(True, "organizations-known.tsv: no name is also a country's or a place's",
   [f for f in kforms if f in cforms or f in pforms])

# --- months, kinship, abbreviations
months, _ = read("months.tsv")
ok([r["number"] for r in months] == [str(i) for i in range(1, 13)], "months.tsv: 1 to 12 in order")
mforms = forms(months, "number", ["names"])
no_shared_forms(mforms, set(), "months.tsv: no name belongs to two months")
kin, _ = read("kinship.tsv")
unique(kin, "word", "kinship.tsv")
ok(True, "kinship.tsv: relation is parent, child, spouse, sibling or relative",
   [r["word"] for r in kin if r["relation"] not in ("parent", "child", "spouse", "sibling", "relative")])
ok(True, "kinship.tsv: gender is male, female or empty",
   [r["word"] for r in kin if r["gender"] not in ("male", "female", "")])
no_shared_forms(forms(kin, "word", ["word", "names"]), set(),
                "kinship.tsv: no name belongs to two words")
abbr = [l.rstrip("\n") for l in open(os.path.join(gaz, "abbreviations.txt"), encoding="utf-8")
        if not l.startswith("#")]
ok(True, "abbreviations.txt: one abbreviation a line, ending with '.', no blanks",
   [repr(a) for a in abbr if not a or re.search(r"\s", a) or not a.endswith(".")])
ok(len(abbr) == len(set(abbr)), "abbreviations.txt: no duplicates")
for a in ("Mr.", "Dr.", "U.S.", "U.N.", "Jan.", "Sept.", "e.g.", "i.e.", "etc.", "St."):
    ok(a in abbr, "abbreviations.txt lists %s" % a)

# --- every data file is installed, and every installed file exists
mk = open(localmk, encoding="utf-8").read()
listed = set(re.findall(r"ontology/gazetteer/([\w.-]+)", mk))
present = {f for f in os.listdir(gaz) if not f.startswith(".") and not f.endswith(".tmp")}
ok(True, "ontology/local.mk lists every file of ontology/gazetteer/",
   sorted(present - listed))
ok(True, "every gazetteer file ontology/local.mk lists exists", sorted(listed - present))
ok("*" not in re.sub(r"#.*", "", mk), "ontology/local.mk uses no globs")

sys.exit(1 if failures else 0)
EOF

check "gazetteers are consistent" \
  "$PY" "$T/check.py" "$GAZ" "$top_srcdir/ontology/vitae.ttl" "$top_srcdir/ontology/local.mk"

# countries.tsv is generated: the generator must reproduce it exactly.
if [ -f /usr/share/iso-codes/json/iso_3166-1.json ] && [ -f /usr/share/iso-codes/json/iso_3166-3.json ]; then
  check "make-countries.py runs" \
    "$PY" "$GAZ/make-countries.py" -o "$T/countries.tsv" --extra "$GAZ/countries-extra.tsv"
  check "make-countries.py reproduces countries.tsv exactly" \
    cmp "$T/countries.tsv" "$GAZ/countries.tsv"
else
  echo "skip: iso-codes not installed; countries.tsv not regenerated"
fi
finish
