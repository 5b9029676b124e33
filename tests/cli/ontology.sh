#!/bin/sh
# ontology/vitae.ttl: parses (rdflib, rapper), is an owl:Ontology with a
# versionIRI, defines every term of the contract with label, comment, domain
# and range, defines every vt: term it uses, carries the contract's
# alignments and the OWL characteristics the contract implies.
# tests/fixtures/contract-terms.txt lists the contract's vt: terms; where
# ../shared is present it is checked against contract/vocabulary.md.
. "$(dirname "$0")/lib.sh"
need_oracle

TTL=$top_srcdir/ontology/vitae.ttl
TERMS=$top_srcdir/tests/fixtures/contract-terms.txt
CONTRACT=$SHARED/contract/vocabulary.md
[ -f "$CONTRACT" ] || CONTRACT=

check "vitae.ttl exists" test -f "$TTL"
check "contract-terms.txt exists" test -f "$TERMS"

if command -v rapper >/dev/null 2>&1; then
  check "rapper parses vitae.ttl" rapper -q -i turtle -c "$TTL"
else
  echo "skip: rapper not installed"
fi

cat >"$T/check.py" <<'EOF'
import re
import sys

import rdflib
from rdflib import OWL, RDF, RDFS, URIRef
from rdflib.collection import Collection

ttl, terms_file, contract = sys.argv[1], sys.argv[2], sys.argv[3]
failures = 0


def ok(cond, what):
    global failures
    if cond:
        print("ok: " + what)
    else:
        print("FAIL: " + what, file=sys.stderr)
        failures += 1
    return cond


PREFIXES = {
    "vt": "https://w3id.org/vitae/ns#",
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "http://schema.org/",
    "org": "http://www.w3.org/ns/org#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "wdt": "http://www.wikidata.org/prop/direct/",
}
VT = PREFIXES["vt"]


def iri(curie):
    p, local = curie.split(":", 1)
    return URIRef(PREFIXES[p] + local)


def vt(local):
    return URIRef(VT + local)


def short(u):
    return str(u).replace(VT, "vt:")


try:
    g = rdflib.Graph().parse(ttl, format="turtle")
except Exception as e:  # noqa: BLE001
    ok(False, "vitae.ttl parses with rdflib: %s" % e)
    sys.exit(1)
ok(len(g) > 0, "vitae.ttl parses with rdflib (%d triples)" % len(g))

# --- the ontology header
ONT = URIRef("https://w3id.org/vitae/ns")
ok((ONT, RDF.type, OWL.Ontology) in g, "<https://w3id.org/vitae/ns> is an owl:Ontology")
vers = list(g.objects(ONT, OWL.versionIRI))
ok(len(vers) == 1 and str(vers[0]).startswith(str(ONT) + "/"),
   "the ontology has one owl:versionIRI under its IRI (%s)" % ", ".join(map(str, vers)))
for p in (RDFS.label, RDFS.comment, OWL.versionInfo):
    ok(g.value(ONT, p) is not None, "the ontology has %s" % g.qname(p))

# --- the contract's terms
terms = [l.strip() for l in open(terms_file, encoding="utf-8")
         if l.strip() and not l.startswith("#")]
ok(len(terms) == len(set(terms)), "contract-terms.txt has no duplicates")
ok(len(terms) >= 50, "contract-terms.txt lists %d terms" % len(terms))

CLASS_TYPES = {OWL.Class, RDFS.Class}
PROP_TYPES = {OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property,
              OWL.AnnotationProperty}


def defined(u):
    """Missing parts of a term's definition, or [] if complete."""
    missing = []
    types = set(g.objects(u, RDF.type))
    if not types:
        missing.append("rdf:type")
    for p in (RDFS.label, RDFS.comment):
        if g.value(u, p) is None:
            missing.append(g.qname(p))
    if types & PROP_TYPES:
        for p in (RDFS.domain, RDFS.range):
            if g.value(u, p) is None:
                missing.append(g.qname(p))
    return missing


bad = []
for t in terms:
    u = vt(t)
    types = set(g.objects(u, RDF.type))
    missing = defined(u)
    if t[0].isupper() and not types & CLASS_TYPES:
        missing.append("owl:Class")
    if t[0].islower() and not types & {OWL.ObjectProperty, OWL.DatatypeProperty}:
        missing.append("owl:ObjectProperty or owl:DatatypeProperty")
    if missing:
        bad.append("vt:%s lacks %s" % (t, ", ".join(missing)))
ok(not bad, "every contract term is defined with type, label, comment "
   "(and domain, range)" + ("".join("\n  " + b for b in bad)))

# --- every vt: term the file uses is defined
used = set()
for s, p, o in g:
    for x in (s, p, o):
        if isinstance(x, URIRef) and str(x).startswith(VT):
            used.add(x)
bad = ["%s lacks %s" % (short(u), ", ".join(defined(u))) for u in sorted(used) if defined(u)]
ok(not bad, "every vt: term used in vitae.ttl (%d) is defined" % len(used)
   + "".join("\n  " + b for b in bad))

# --- object and datatype properties are typed correctly
LITERAL_RANGES = {URIRef(PREFIXES["xsd"] + x) for x in
                  ("string", "integer", "boolean", "date", "gYear", "gYearMonth")}
bad = []
for u in used:
    rng = g.value(u, RDFS.range)
    if rng is None:
        continue
    datatype = rng in LITERAL_RANGES or (rng, RDF.type, RDFS.Datatype) in g
    kind = OWL.DatatypeProperty if datatype else OWL.ObjectProperty
    if (u, RDF.type, kind) not in g:
        bad.append("%s should be %s" % (short(u), g.qname(kind)))
ok(not bad, "literal-valued properties are owl:DatatypeProperty, the others "
   "owl:ObjectProperty" + "".join("\n  " + b for b in bad))


# --- OWL characteristics
def axiom(s, p, o, what=None):
    ok((iri(s), iri(p), iri(o)) in g, what or "%s %s %s" % (s, p, o))


for t in ("spouse", "sibling", "relative", "metWith"):
    axiom("vt:" + t, "rdf:type", "owl:SymmetricProperty")
for t in ("spouse", "sibling", "parent", "child"):
    axiom("vt:" + t, "rdfs:subPropertyOf", "vt:relative")
ok((vt("parent"), OWL.inverseOf, vt("child")) in g
   or (vt("child"), OWL.inverseOf, vt("parent")) in g, "vt:parent owl:inverseOf vt:child")
ok((vt("predecessor"), OWL.inverseOf, vt("successor")) not in g
   and (vt("successor"), OWL.inverseOf, vt("predecessor")) not in g,
   "vt:predecessor and vt:successor (both Tenure -> Person) are not declared inverses")
ok((vt("succeededBy"), OWL.inverseOf, vt("succeeded")) in g
   or (vt("succeeded"), OWL.inverseOf, vt("succeededBy")) in g,
   "vt:succeeded has an inverse (vt:succeededBy)")


def chain(prop):
    """The property chain of prop as a list of (inverse?, property)."""
    head = g.value(prop, OWL.propertyChainAxiom)
    if head is None:
        return None
    out = []
    for step in Collection(g, head):
        inv = g.value(step, OWL.inverseOf)
        out.append((True, inv) if inv is not None else (False, step))
    return out


ok(chain(vt("succeeded")) == [(True, vt("holder")), (False, vt("predecessor"))],
   "vt:succeeded is the chain inverse(vt:holder) o vt:predecessor")
ok(chain(vt("succeededBy")) == [(True, vt("holder")), (False, vt("successor"))],
   "vt:succeededBy is the chain inverse(vt:holder) o vt:successor")
axiom("vt:succeededTransitively", "rdf:type", "owl:TransitiveProperty")
axiom("vt:succeeded", "rdfs:subPropertyOf", "vt:succeededTransitively")
axiom("vt:locatedIn", "rdf:type", "owl:TransitiveProperty")
for t in ("acting", "holder", "office", "birthDate", "deathDate"):
    axiom("vt:" + t, "rdf:type", "owl:FunctionalProperty")


def subclass_of(c, sup):
    return sup in set(g.transitive_objects(c, RDFS.subClassOf))


for c in ("PoliticalParty", "Ministry", "Legislature", "University",
          "InternationalOrganization", "Company", "Embassy", "GovernmentBody"):
    ok(subclass_of(vt(c), vt("Organization")), "vt:%s rdfs:subClassOf* vt:Organization" % c)
for c in ("City", "Region"):
    ok(subclass_of(vt(c), vt("Place")), "vt:%s rdfs:subClassOf* vt:Place" % c)
ok(not subclass_of(vt("Country"), vt("Place")),
   "vt:Country is not a vt:Place (the contract: Place is any other place)")

# --- alignments (the contract's right-hand column)
ALIGN = [RDFS.subClassOf, OWL.equivalentClass, RDFS.subPropertyOf, OWL.equivalentProperty]


def aligned(a, b):
    return any((a, p, b) in g or (b, p, a) in g for p in ALIGN)


EXPECTED = {
    "Person": "schema:Person foaf:Person", "Country": "schema:Country",
    "Place": "schema:Place", "Organization": "org:Organization schema:Organization",
    "Office": "org:Post", "Tenure": "org:Membership schema:Role",
    "Meeting": "schema:Event", "Visit": "schema:Event",
    "Treaty": "schema:Legislation", "Language": "schema:Language",
    "Document": "foaf:Document", "Sentence": "prov:Entity",
    "birthDate": "schema:birthDate wdt:P569", "deathDate": "wdt:P570",
    "birthPlace": "schema:birthPlace wdt:P19", "parent": "schema:parent",
    "child": "schema:children wdt:P40", "spouse": "schema:spouse wdt:P26",
    "sibling": "schema:sibling wdt:P3373", "relative": "schema:relatedTo wdt:P1038",
    "educatedAt": "schema:alumniOf wdt:P69",
    "memberOf": "schema:memberOf wdt:P463 wdt:P102",
    "nationality": "schema:nationality wdt:P27",
    "speaks": "schema:knowsLanguage wdt:P1412", "succeeded": "wdt:P1365",
}
bad = ["vt:%s ~ %s" % (t, c) for t, cs in EXPECTED.items()
       for c in cs.split() if not aligned(vt(t), iri(c))]
ok(not bad, "the contract's alignments are stated" + "".join("\n  missing " + b for b in bad))

# --- the contract itself, when ../shared is present
if contract:
    text = open(contract, encoding="utf-8").read()
    for line in text.splitlines():
        m = re.match(r"\s+(\w+):\s+<([^>]+)>\s*$", line)
        if m:
            ok(PREFIXES.get(m.group(1)) == m.group(2),
               "contract prefix %s: is <%s>" % (m.group(1), m.group(2)))
    contract_terms, align_bad = [], []
    header = None
    for line in text.splitlines():
        if not line.startswith("|"):
            header = None
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if header is None:
            header = [c.lower() for c in cells]
            continue
        if set("".join(cells)) <= set("-: "):
            continue
        names = re.findall(r"`vt:(\w+)`", cells[0])
        for n in names:
            if n not in contract_terms:
                contract_terms.append(n)
        if "aligned to" in header:
            col = cells[header.index("aligned to")] if header.index("aligned to") < len(cells) else ""
            for curie in re.findall(r"`(\w+:\w+)`", col):
                if not any(aligned(vt(n), iri(curie)) for n in names):
                    align_bad.append("%s ~ %s" % ("/".join(names), curie))
    ok(contract_terms and set(contract_terms) == set(terms),
       "contract-terms.txt matches the contract's tables (%d terms)" % len(contract_terms)
       + "".join("\n  not in fixture: vt:" + t for t in contract_terms if t not in terms)
       + "".join("\n  not in contract: vt:" + t for t in terms if t not in contract_terms))
    ok(not align_bad, "every alignment in the contract's 'aligned to' column is stated"
       + "".join("\n  missing " + b for b in align_bad))
else:
    print("skip: no ../shared/contract/vocabulary.md; fixture not compared")

sys.exit(1 if failures else 0)
EOF

check "vitae.ttl satisfies the contract (rdflib)" \
  "$PYTHON_ORACLE" "$T/check.py" "$TTL" "$TERMS" "$CONTRACT"
finish
