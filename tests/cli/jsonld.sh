#!/bin/sh
# vitae export/extract --format jsonld: a real JSON-LD processor (rdflib's
# JSON-LD parser) reads back the same dataset, graph by graph; the document
# is strict JSON with the contract's prefixes as its @context; the output is
# byte-for-byte stable; what JSON-LD cannot say exactly is refused.
. "$top_srcdir/tests/cli/lib.sh"
need_oracle

FIXTURE=$top_srcdir/tests/fixtures/roundtrip.trig
EDGE=$top_srcdir/tests/fixtures/jsonld-edge.nq
S=$T/s

# same_dataset JSONLD NQUADS: every named graph of the N-Quads (vitae's own
# N-Quads export, checked against its fixture by export.sh) comes back from
# the JSON-LD isomorphic, with no other graph and no default-graph triple.
same_dataset() {
  "$PYTHON_ORACLE" - "$@" <<'PY'
import sys
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic, graph_diff, to_isomorphic
def graphs(path, fmt):
    d = Dataset()
    d.parse(path, format=fmt)
    out = {}
    for g in d.contexts():
        if not len(g):
            continue
        name = str(g.identifier)
        if name.startswith("file:") or name == "urn:x-rdflib:default":
            name = "(default)"
        h = out.setdefault(name, Graph())
        for t in g:
            h.add(t)
    return out
got, want = graphs(sys.argv[1], "json-ld"), graphs(sys.argv[2], "nquads")
ok = sorted(got) == sorted(want)
if not ok:
    print("graphs", sorted(got), "expected", sorted(want), file=sys.stderr)
for name in want:
    if name in got and not isomorphic(got[name], want[name]):
        _, a, b = graph_diff(to_isomorphic(got[name]), to_isomorphic(want[name]))
        print("graph", name, "only in JSON-LD:", sorted(a)[:3], "only in N-Quads:", sorted(b)[:3],
              file=sys.stderr)
        ok = False
print(sum(len(g) for g in got.values()), "triples in", len(got), "graphs")
sys.exit(0 if ok else 1)
PY
}

# strict_json FILE TURTLE: strict JSON (no NaN, no duplicate keys), UTF-8,
# an @context that declares exactly the Turtle export's prefixes.
strict_json() {
  "$PYTHON_ORACLE" - "$@" <<'PY'
import json, re, sys
def no_dups(pairs):
    keys = [k for k, _ in pairs]
    assert len(keys) == len(set(keys)), "duplicate keys %s" % keys
    return dict(pairs)
def no_const(c):
    raise ValueError("not JSON: " + c)
text = open(sys.argv[1], "rb").read().decode("utf-8")
doc = json.loads(text, object_pairs_hook=no_dups, parse_constant=no_const)
prefixes = dict(re.findall(r"^@prefix (\w+): <([^>]*)> \.$", open(sys.argv[2], encoding="utf-8").read(), re.M))
assert prefixes, "no prefixes in the Turtle export"
assert doc["@context"] == prefixes, "context %s, Turtle prefixes %s" % (doc["@context"], prefixes)
assert set(doc) == {"@context", "@graph"} and isinstance(doc["@graph"], list)
PY
}

expect_exit 0 "load the fixture" "$VITAE" --quiet --store "$S" load "$FIXTURE"
expect_exit 0 "export --format jsonld" "$VITAE" --store "$S" export --format jsonld
cp "$T/out" "$T/a.jsonld"
expect_exit 0 "export --format nquads" "$VITAE" --store "$S" export --format nquads -o "$T/a.nq"
expect_exit 0 "export --format turtle" "$VITAE" --store "$S" export -o "$T/a.ttl"
check "rdflib's JSON-LD parser reads back every graph" same_dataset "$T/a.jsonld" "$T/a.nq"
check "strict JSON, @context = the contract's prefixes" strict_json "$T/a.jsonld" "$T/a.ttl"
expect_exit 0 "export --format jsonld again" "$VITAE" --store "$S" export --format jsonld
check "exporting twice gives identical bytes" cmp -s "$T/out" "$T/a.jsonld"
expect_exit 0 "export --format json-ld -o FILE" "$VITAE" --store "$S" export --format json-ld \
  -o "$T/file.jsonld"
check "-o and the json-ld alias write the same bytes" cmp -s "$T/file.jsonld" "$T/a.jsonld"
check "rdf:type is @type" grep -q '"@type": "vt:Organization"' "$T/a.jsonld"
check "a typed literal is a value object with a compact datatype" \
  grep -q '{"@value": "1953-05-17", "@type": "xsd:date"}' "$T/a.jsonld"
check "Kazakh text stays UTF-8, with its language" \
  grep -q '{"@value": "Қасым-Жомарт Тоқаев", "@language": "kk"}' "$T/a.jsonld"
check "a named graph is an @id with a @graph" grep -q '"@id": "https://w3id.org/vitae/test/graph/places",' "$T/a.jsonld"
check "blank nodes are _: identifiers" grep -q '"@id": "_:' "$T/a.jsonld"
check "quotes, backslashes, newlines and tabs are escaped" \
  grep -qF '"He said \"hello\"\\ then left.\nSecond line\tafter a tab; music 𝄞 and 😀"' "$T/a.jsonld"

# One graph: still a dataset, with that graph alone.
expect_exit 0 "export --graph as jsonld" "$VITAE" --store "$S" export --format jsonld \
  --graph https://w3id.org/vitae/test/graph/places -o "$T/places.jsonld"
expect_exit 0 "... and as nquads" "$VITAE" --store "$S" export --format nquads \
  --graph https://w3id.org/vitae/test/graph/places -o "$T/places.nq"
check "rdflib: --graph gives that graph" same_dataset "$T/places.jsonld" "$T/places.nq"

# Control characters, literal and blank rdf:type objects, explicit
# xsd:string, a graph that is also a node, IRIs outside the prefixes.
expect_exit 0 "load the edge cases" "$VITAE" --quiet --store "$T/e" load "$EDGE"
expect_exit 0 "export them as jsonld" "$VITAE" --store "$T/e" export --format jsonld -o "$T/e.jsonld"
expect_exit 0 "... and as nquads" "$VITAE" --store "$T/e" export --format nquads -o "$T/e.nq"
check "rdflib reads back the edge cases" same_dataset "$T/e.jsonld" "$T/e.nq"
"$VITAE" --store "$T/e" export -o "$T/e.ttl" 2>/dev/null
check "the edge cases are strict JSON" strict_json "$T/e.jsonld" "$T/e.ttl"
check "C0 controls are \\u escapes" grep -qF 'ctl \u0001 bell \u0007 bs \b ff \f' "$T/e.jsonld"

# An IRI whose scheme is a prefix of the context would be read as a compact
# IRI: refused, and nothing is left behind.
printf '<vt:oops> <https://w3id.org/vitae/ns#note> "x" .\n' >"$T/bad.nt"
expect_exit 0 "load a triple with the IRI <vt:oops>" "$VITAE" --quiet --store "$T/b" load "$T/bad.nt"
expect_exit 1 "jsonld refuses <vt:oops>" "$VITAE" --store "$T/b" export --format jsonld -o "$T/bad.jsonld"
check "... saying why" grep -q "JSON-LD cannot write" "$T/err"
check "... and writes no file" test ! -e "$T/bad.jsonld"


# The bundled extraction, as a store.
expect_exit 0 "load triples/tokayev.ttl" "$VITAE" --quiet --store "$T/k" load \
  "$top_srcdir/triples/tokayev.ttl"
expect_exit 0 "export it as jsonld" "$VITAE" --store "$T/k" export --format jsonld -o "$T/k.jsonld"
expect_exit 0 "... and as nquads" "$VITAE" --store "$T/k" export --format nquads -o "$T/k.nq"
check "rdflib: the Tokayev graph comes back" same_dataset "$T/k.jsonld" "$T/k.nq"
check "... with Tokayev's name in Kazakh" \
  grep -q '{"@value": "Қасым-Жомарт Кемелұлы Тоқаев", "@language": "kk"}' "$T/k.jsonld"

# extract --format jsonld: several documents make one JSON-LD document, a
# named graph each, the same as --format nquads.
A=$top_srcdir/tests/extract/two-a.txt B=$top_srcdir/tests/extract/two-b.txt
expect_exit 0 "extract --format jsonld, two files" "$VITAE" --quiet extract --format jsonld \
  -o "$T/x.jsonld" "$A" "$B"
expect_exit 0 "extract --format nquads, the same files" "$VITAE" --quiet extract --format nquads \
  -o "$T/x.nq" "$A" "$B"
check "rdflib: extract's JSON-LD is its N-Quads" same_dataset "$T/x.jsonld" "$T/x.nq"
check "... in one strict JSON document" strict_json "$T/x.jsonld" "$T/a.ttl"
expect_exit 0 "extract --format jsonld to stdout" "$VITAE" --quiet extract --format jsonld "$A" "$B"
check "... the same bytes" cmp -s "$T/out" "$T/x.jsonld"
# Nothing extracted: an empty dataset, still a JSON-LD document.
: >"$T/empty.txt"
expect_exit 0 "extract an empty file as jsonld" "$VITAE" --quiet extract --format jsonld "$T/empty.txt"
check "... gives an empty JSON-LD document" strict_json "$T/out" "$T/a.ttl"
check "... with an empty @graph" grep -q '"@graph": \[\]' "$T/out"
expect_exit 2 "extract refuses --format dot" "$VITAE" --quiet extract --format dot "$A"

# The jsonld npm package, when it is installed: the same N-Quads again.
if command -v node >/dev/null 2>&1 && node -e 'require("jsonld")' 2>/dev/null; then
  check "jsonld.js: toRDF gives the same dataset" sh -c "node -e '
const jsonld = require(\"jsonld\"), fs = require(\"fs\");
jsonld.toRDF(JSON.parse(fs.readFileSync(process.argv[1], \"utf8\")), {format: \"application/n-quads\"})
  .then(nq => fs.writeFileSync(process.argv[2], nq));' '$T/a.jsonld' '$T/js.nq' &&
    '$PYTHON_ORACLE' -c 'import sys; from rdflib import Dataset; from rdflib.compare import isomorphic
a = Dataset(); a.parse(sys.argv[1], format=\"nquads\"); b = Dataset(); b.parse(sys.argv[2], format=\"nquads\")
sys.exit(0 if len(a) == len(b) and all(isomorphic(a.graph(g.identifier), g) for g in b.contexts()) else 1)' '$T/js.nq' '$T/a.nq'"
else
  echo "skip: no jsonld npm package"
fi

finish
