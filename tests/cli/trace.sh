#!/bin/sh
# describe, timeline, succession, network: on tests/fixtures/trace.trig
# (each command, each error path, names full of query syntax, dot and
# json output), then on the bundled biography (structure, not exact text).
. "$(dirname "$0")/lib.sh"
F=$top_srcdir/tests/fixtures/trace.trig
S=$T/store
v() { "$VITAE" --store "$S" "$@"; }
expect_exit 0 "load the fixture" v load "$F"

# --- help and usage
for c in describe timeline succession network; do
  expect_exit 0 "$c --help" "$VITAE" "$c" --help
  check "$c --help shows its usage" grep -q "Usage: vitae .*$c" "$T/out"
  check "vitae --help lists $c" sh -c "\"$VITAE\" --help | grep -q '^  $c '"
  expect_exit 2 "$c without NAME" v "$c"
  expect_exit 2 "$c with two names" v "$c" "Beta Bravo" "Gamma Charlie"
  expect_exit 2 "$c --format nonsense" v "$c" --format nonsense "Beta Bravo"
done
expect_exit 2 "network --depth 0" v network --depth 0 "Beta Bravo"
expect_exit 2 "network --depth x" v network --depth x "Beta Bravo"
expect_exit 2 "network --depth 99" v network --depth 99 "Beta Bravo"
expect_exit 2 "describe --depth (network only)" v describe --depth 2 "Beta Bravo"

# --- describe
expect_exit 0 "describe, case and accents ignored" v describe "alpha emile EXAMPLE"
check "the card names the entity" grep -q "^Alpha Émile Example$" "$T/out"
check "... its IRI" grep -q "IRI    https://example.org/trace/alpha" "$T/out"
check "... a fact with its date" grep -q "born  *1950-02-03" "$T/out"
check "... followed by its evidence, quoted, with the source" \
  grep -q '^      "Example married Spouse Sierra." (testland.txt)$' "$T/out"
check "... an office with its term" grep -q "office  *President of Testland  1990-01-01 – 1995-03-01" "$T/out"
check "... a meeting with date and place" grep -q "met  *Zed Zulu  1996-05-02  at Capital City" "$T/out"
check "... an inferred tie marked as such" grep -q "succeeded by  *Beta Bravo  \[inferred\]" "$T/out"
expect_exit 0 "describe by full IRI" v describe https://example.org/trace/gamma
check "... gives that entity" grep -q "^Gamma Charlie$" "$T/out"
expect_exit 0 "describe by IRI path" v describe trace/gamma
check "... gives that entity" grep -q "^Gamma Charlie$" "$T/out"
expect_exit 0 "describe an office" v describe "President of Testland"
check "... lists its holders" grep -q "held by  *Beta Bravo" "$T/out"
expect_exit 0 "describe --format json" v describe --format json "Alpha Émile Example"
check "... is valid JSON with evidence" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["entity"]["label"] == "Alpha Émile Example"
ev = [e["text"] for f in d["facts"] for e in f["evidence"]]
assert "Example married Spouse Sierra." in ev' "$T/out"

# --- no match, ambiguous
expect_exit 1 "describe an unknown name" v describe "Nobody Atall"
check "... says so" grep -q "no entity named 'Nobody Atall'" "$T/err"
check "... prints nothing on stdout" test ! -s "$T/out"
expect_exit 1 "an ambiguous name" v describe Example
check "... is called ambiguous" grep -q "'Example' is ambiguous: 2 candidates" "$T/err"
check "... lists each candidate with IRI and type" sh -c \
  "grep -q 'Alpha Émile Example *<https://example.org/trace/alpha>  Person' '$T/err' &&
   grep -q 'Omega Example *<https://example.org/trace/omega>  Person' '$T/err'"
expect_exit 1 "an ambiguous office" v succession "Testland office"
check "... lists both offices" sh -c "grep -c '<https://example.org/trace/' '$T/err' | grep -qx 2"
expect_exit 1 "succession of a person (not an office)" v succession "Beta Bravo"
check "... no office by that name" grep -q "no office named 'Beta Bravo'" "$T/err"
expect_exit 1 "network of an office (not a person)" v network "President of Testland"
expect_exit 1 "an IRI not in the store" v describe https://example.org/trace/nobody

# --- names are data, never query text
for name in 'x" } ; DROP ALL ; #' "x' } UNION { ?s ?p ?o }" 'a\' '}' '"""' "$(printf 'two\nlines')" \
  '<https://example.org/trace/alpha>' '?s' '-'; do
  for c in describe timeline succession network; do
    "$VITAE" --store "$S" "$c" -- "$name" >"$T/out" 2>"$T/err"; rc=$?
    if [ "$rc" = 1 ] && grep -q "no .* named" "$T/err" && [ ! -s "$T/out" ]; then :; else
      fail "$c with hostile name [$name]: exit $rc, $(head -2 "$T/err")"; fi
  done
done
pass "hostile names give 'no ... named', exit 1, for every command"
expect_exit 0 "the entity whose label is hostile is found by it" v describe "$(printf 'Evil "Quote" \\ } Name\nLine')"
check "... and printed with the newline escaped" grep -q '^Evil "Quote" \\ } Name\\nLine$' "$T/out"
check "the store is unchanged by all that" sh -c "\"$VITAE\" --store '$S' stats | grep -q '^triples   109$'"

# --- timeline
expect_exit 0 "timeline" v timeline "Alpha Émile Example"
tail -n +2 "$T/out" | cut -c1-10 >"$T/dates"
grep -v '^(undated)' "$T/dates" | sed 's/ *$//' >"$T/dated"
check "dated events in date order" sh -c "sort -c '$T/dated'"
check "undated events last" sh -c "tail -1 '$T/dates' | grep -q '^(undated)' && ! grep -v '^(undated)' '$T/dates' | tail -1 | grep -q undated"
check "took and left office" sh -c "grep -q '^1990-01-01  took office  President of Testland' '$T/out' && grep -q '^1995-03-01  left office' '$T/out'"
check "a gYearMonth visit between days" sh -c "grep -n . '$T/out' | grep -A1 '1996-05-02' | grep -q '1997-06 *visited *Otherland'"
expect_exit 0 "timeline --format json" v timeline --format json "Alpha Émile Example"
check "... parses" python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d["events"]) == 6' "$T/out"

# --- succession
expect_exit 0 "succession" v succession "president of testland"
check "holders in order" sh -c "grep '^ *[0-9]' '$T/out' | awk '{print \$2}' | tr '\n' ' ' | grep -qx 'Alpha Beta Gamma Delta '"
check "how tenures began: appointed by" grep -q "appointed by Founder One" "$T/out"
check "... acting, dismissed by" grep -q "acting; dismissed by Gamma Charlie" "$T/out"
check "an implied predecessor, marked inferred" grep -q "after Alpha Émile Example.*predecessor, successor inferred" "$T/out"
check "a successor without a tenure is listed after" grep -q "^  4  Delta Dawn .*no tenure of this office in the data" "$T/out"
check "evidence under each tenure" grep -q '^       "Gamma Charlie succeeded Beta Bravo in 2000." (testland.txt)$' "$T/out"
expect_exit 0 "succession --format json" v succession --format json "President of Testland"
check "... parses, 4 holders, t2 acting" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert [h["holder"]["label"] for h in d["holders"]] == ["Alpha Émile Example", "Beta Bravo", "Gamma Charlie", "Delta Dawn"]
assert d["holders"][1]["acting"] is True' "$T/out"

# --- network
expect_exit 0 "network" v network "Alpha Émile Example"
check "a meeting with date and place" grep -q "Alpha Émile Example  *met  *Zed Zulu  *1996-05-02  *at Capital City" "$T/out"
check "family" sh -c "grep -q 'spouse  *Spouse Sierra' '$T/out' && grep -q 'child of  *Father Foxtrot' '$T/out'"
check "appointed by" grep -q "Founder One  *appointed  *Alpha Émile Example" "$T/out"
check "depth 1 stays one step out" sh -c "! grep -q 'Gamma Charlie' '$T/out'"
expect_exit 0 "network --depth 2 (options after NAME)" v network "Alpha Émile Example" --depth 2
check "depth 2 reaches the successor's successor" grep -q "Beta Bravo  *succeeded by  *Gamma Charlie" "$T/out"
expect_exit 0 "network --format json --depth 2" v network --format json --depth 2 "Alpha Émile Example"
check "... parses, every tie between listed people" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
iris = {p["iri"] for p in d["people"]}
assert d["centre"]["iri"] == "https://example.org/trace/alpha" and d["depth"] == 2
assert all(t["from"] in iris and t["to"] in iris for t in d["ties"])
assert max(p["distance"] for p in d["people"]) == 2' "$T/out"
expect_exit 0 "network --format dot" v network --format dot --depth 2 "Alpha Émile Example"
check "... is a digraph" grep -q '^digraph network {' "$T/out"
cp "$T/out" "$T/net.dot"
expect_exit 0 "network --format dot around the hostile label" v network --format dot "$(printf 'Evil "Quote" \\ } Name\nLine')"
cp "$T/out" "$T/evil.dot"
if command -v dot >/dev/null 2>&1; then
  check "dot -Tsvg renders it" sh -c "dot -Tsvg '$T/net.dot' >'$T/net.svg' && grep -q '<svg' '$T/net.svg'"
  check "dot -Tsvg renders the hostile label" sh -c "dot -Tsvg '$T/evil.dot' >'$T/evil.svg' && grep -q 'Quote' '$T/evil.svg'"
else
  echo "skip: graphviz (dot) is not installed"
fi

# --- a store that does not exist
expect_exit 1 "a missing store" "$VITAE" --store "$T/no-such-store" describe "Beta Bravo"
check "... says so" grep -qi "store" "$T/err"

# --- the bundled biography
if [ -d "$SHARED/corpus" ]; then
  B=$T/bio
  expect_exit 0 "extract --load the bundled biography" "$VITAE" --store "$B" extract --load "$SHARED/corpus/tokayev.txt"
  b() { "$VITAE" --store "$B" "$@"; }
  expect_exit 0 "succession President of Kazakhstan" b succession "President of Kazakhstan"
  expect_exit 0 "succession --format json" b succession --format json "President of Kazakhstan"
  cp "$T/out" "$T/succ.json"
  check "Nazarbayev comes before Tokayev" python3 -c '
import json, sys
h = [x["holder"]["label"] for x in json.load(open(sys.argv[1]))["holders"]]
n = [i for i, l in enumerate(h) if "Nazarbayev" in l]
t = [i for i, l in enumerate(h) if "Tokayev" in l]
assert n and t and n[0] < t[0], h' "$T/succ.json"
  check "Tokayev: acting first, then not acting" python3 -c '
import json, sys
t = [x for x in json.load(open(sys.argv[1]))["holders"] if "Tokayev" in x["holder"]["label"]]
assert t[0]["acting"] and not all(x["acting"] for x in t[1:]) and len(t) > 1' "$T/succ.json"
  check "tenures in order of start" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
def key(s):
    p = s.split("-")
    return tuple(int(x) for x in p) + (0,) * (3 - len(p))
starts = [h["start"] or h["end"] for h in d["holders"] if h["tenure"] and (h["start"] or h["end"])]
assert starts and [key(s) for s in starts] == sorted(key(s) for s in starts), starts
assert all(h["evidence"] for h in d["holders"] if h["tenure"])' "$T/out"
  expect_exit 0 "network Kassym-Jomart Tokayev" b network "Kassym-Jomart Tokayev"
  check "lists leaders he met, with dates" sh -c "[ \$(grep -cE ' met  +.*  [0-9]{4}(-[0-9]{2}){0,2}' '$T/out') -ge 3 ]"
  expect_exit 0 "describe Kassym-Jomart Tokayev" b describe "Kassym-Jomart Tokayev"
  check "shows evidence sentences with their source" grep -q '^      ".*" (tokayev.txt)$' "$T/out"
  check "has offices and meetings" sh -c "grep -q '^Offices$' '$T/out' && grep -q '^Meetings$' '$T/out'"
  expect_exit 0 "timeline Kassym-Jomart Tokayev" b timeline "Kassym-Jomart Tokayev"
  tail -n +2 "$T/out" | cut -c1-10 | grep -v '^(undated)' | sed 's/ *$//' >"$T/bdates"
  check "timeline in date order" python3 -c '
import sys
def key(s):
    p = s.split("-")
    return tuple(int(x) for x in p) + (0,) * (3 - len(p))
k = [key(l.strip()) for l in open(sys.argv[1]) if l.strip()]
assert len(k) > 10 and k == sorted(k)' "$T/bdates"
  expect_exit 0 "network --format json at depth 2" b network --format json --depth 2 "Kassym-Jomart Tokayev"
  check "... parses" python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d["ties"]) > 5' "$T/out"
else
  echo "skip: no ../shared, the bundled biography is not checked"
fi
finish
