"""SPARQL 1.1 Protocol datasets (default-graph-uri, named-graph-uri) at a
running `vitae serve`, checked against rdflib.

  dataset.py ENDPOINT DUMP.nq EX

ENDPOINT is the server's /sparql, DUMP the store's `vitae dump` (N-Quads),
EX the namespace of the fixture's graphs.  For every query and dataset
below, the endpoint is asked (by GET, POST form and POST
application/sparql-query with the parameters in the URL, in turn) and its
answer is compared with rdflib's: rdflib builds the same dataset from the
dump (the default graph the merge of the default-graph-uri graphs, the
named graphs those of named-graph-uri, an unknown IRI an empty graph) and
evaluates the query there, FROM and FROM NAMED taken out, as the protocol's
parameters replace them.  Prints one line per case; exit 1 when any
differs.
"""
import io
import os
import re
import sys
import urllib.error
import urllib.parse
import urllib.request

import rdflib.plugins.sparql
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.query import Result

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import oracle  # noqa: E402  (the shared canonical row printing)

# SPARQL's default graph is the dataset's default graph, not the union
rdflib.plugins.sparql.SPARQL_DEFAULT_GRAPH_UNION = False

INFERRED = "https://w3id.org/vitae/graph/inferred"


def queries(ex):
    return [
        ("labels", "SELECT ?s ?l WHERE { ?s rdfs:label ?l }"),
        ("graph-var", "SELECT ?g ?s WHERE { GRAPH ?g { ?s a vt:Person } }"),
        ("graph-iri", "SELECT ?s WHERE { GRAPH <%sgraph-a> { ?s a vt:Person } }" % ex),
        ("count", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"),
        ("count-per-graph",
         "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"),
        ("ask", "ASK { ?s vt:spouse ?o }"),
        ("construct", "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s rdfs:label ?l }"),
        ("join", "SELECT ?la ?c WHERE { ?a vt:spouse ?c . ?a rdfs:label ?la }"),
        ("default-and-named",
         "SELECT ?a ?g ?c WHERE { ?a vt:spouse ?c . OPTIONAL { GRAPH ?g { ?c a vt:Person } } }"),
        ("from", "SELECT ?s ?l FROM <%sgraph-b> WHERE { ?s rdfs:label ?l }" % ex),
        ("from-named", "SELECT ?g ?s FROM NAMED <%sgraph-b> FROM <%sgraph-a> "
                       "WHERE { GRAPH ?g { ?s a vt:Person } }" % (ex, ex)),
    ]


def datasets(ex):
    a, b, c = ex + "graph-a", ex + "graph-b", ex + "graph-c"
    return [
        ("one default", [a], []),
        ("two merged", [a, b], []),
        ("merged, one triple in both", [a, c], []),
        ("named only", [], [a, b]),
        ("both", [b], [a, INFERRED]),
        ("unknown IRIs", [ex + "no-such-graph"], [ex + "no-such-named", b]),
        ("inferred as default", [INFERRED], []),
    ]


def without_from(text):
    return re.sub(r"FROM\s+(NAMED\s+)?<[^>]*>", " ", text)


def rdflib_answer(full, query, dflt, named):
    ds = Dataset()
    for g in dflt:
        for t in full.graph(URIRef(g)):
            ds.default_context.add(t)
    for n in named:
        gn = ds.graph(URIRef(n))
        for t in full.graph(URIRef(n)):
            gn.add(t)
    return ds.query(without_from(query), initNs=oracle.PREFIXES)


def ask_endpoint(endpoint, query, dflt, named, how):
    params = [("default-graph-uri", g) for g in dflt] + [("named-graph-uri", g) for g in named]
    graph = query.lstrip().startswith("CONSTRUCT")
    headers = {"Accept": "application/n-triples" if graph else "application/sparql-results+json"}
    if how == "GET":
        url, body = endpoint + "?" + urllib.parse.urlencode([("query", query)] + params), None
    elif how == "form":
        url = endpoint
        body = urllib.parse.urlencode([("query", query)] + params).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    else:
        url, body = endpoint + "?" + urllib.parse.urlencode(params), query.encode()
        headers["Content-Type"] = "application/sparql-query"
    req = urllib.request.Request(url, data=body, headers=headers)
    with urllib.request.urlopen(req, timeout=60) as r:
        return r.read()


def canonical(res):
    """An rdflib result as oracle.py's canonical lines."""
    out = io.StringIO()
    stdout, sys.stdout = sys.stdout, out
    try:
        if res.type == "ASK":
            print(str(res.askAnswer).lower())
        else:
            vars_ = [str(v) for v in res.vars]
            oracle.show(vars_, [{str(k): v for k, v in zip(res.vars, r)} for r in res])
    finally:
        sys.stdout = stdout
    return out.getvalue()


def add_copies(full, dump):
    """The inferred graph as vitae's queries see it: with the copies its
    markers leave to queries, made from the triples of every graph."""
    union = Graph()
    for s, p, o, _ in full.quads((None, None, None, None)):
        union.add((s, p, o))
    before = set(union)
    oracle.add_copies(union, oracle.markers(dump))
    inferred = full.graph(URIRef(INFERRED))
    for t in set(union) - before:
        inferred.add(t)


def main():
    endpoint, dump, ex = sys.argv[1:4]
    full = Dataset()
    full.parse(dump, format="nquads")
    add_copies(full, dump)
    bad = 0
    n = 0
    for qname, query in queries(ex):
        for dname, dflt, named in datasets(ex):
            how = ("GET", "form", "sparql-query")[n % 3]
            n += 1
            what = "%s over %s (%s)" % (qname, dname, how)
            want = rdflib_answer(full, query, dflt, named)
            try:
                got = ask_endpoint(endpoint, query, dflt, named, how)
            except urllib.error.HTTPError as e:
                print("FAIL: %s: HTTP %d: %s" % (what, e.code, e.read()[:300]))
                bad += 1
                continue
            if want.type == "CONSTRUCT":
                g = Graph().parse(data=got.decode("utf-8"), format="nt")
                same = isomorphic(g, want.graph)
                size = len(want.graph)
            else:
                w = canonical(want)
                same = canonical(Result.parse(io.BytesIO(got), format="json")) == w
                size = w.count("\n") - (0 if want.type == "ASK" else 1)
            if same:
                print("ok: %s: the same as rdflib (%d)" % (what, size))
            else:
                print("FAIL: %s: differs from rdflib\n--- rdflib\n%s--- endpoint\n%s" %
                      (what, canonical(want) if want.type != "CONSTRUCT" else "",
                       got.decode("utf-8", "replace")[:2000]))
                bad += 1
    print("%d cases, %d differ" % (n, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
